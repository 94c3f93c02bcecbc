"""`make bench`: a municipal-size data set on PostgreSQL and the figures measured against it."""
