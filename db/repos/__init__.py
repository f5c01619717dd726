"""Repositories: the store's methods, one file per part of the domain."""
