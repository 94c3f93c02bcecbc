"""Forms of the supervision app, one module per part of the work, like `services`."""
