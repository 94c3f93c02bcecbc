"""Reads for the budget pages, the home panel, the exports and the scorecard."""
