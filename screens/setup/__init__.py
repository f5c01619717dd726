"""The Setup screen: people, roles and the workflow of the workspace."""

from cockpit.screens.setup.screen import SetupScreen

__all__ = ["SetupScreen"]
