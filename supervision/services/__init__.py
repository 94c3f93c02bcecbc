"""Writes of the supervision app, one module per part of the work: `plan` (the plan and its items),
`lifecycle` (an item from research to its close), `candidates` (topics taken from findings),
`settings` (the county's limits and the holiday table). `common` holds what they share."""
