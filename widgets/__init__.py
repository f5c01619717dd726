"""Reusable widgets: they receive plain data and post messages; no database access."""
