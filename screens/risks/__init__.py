"""The risks feature: its screen, forms and dialogs."""

from cockpit.screens.risks.screen import RisksScreen

__all__ = ["RisksScreen"]
