"""Writes of budget review and supervision, one module per part of the work."""
