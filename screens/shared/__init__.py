"""Dialogs every feature shares: confirm, prompts, the form base."""
