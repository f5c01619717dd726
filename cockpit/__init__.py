"""Cockpit: a keyboard-driven terminal cockpit for project managers."""

__version__ = "0.1.0"
