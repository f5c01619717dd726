"""The raci feature: its screen, forms and dialogs."""

from cockpit.screens.raci.screen import RaciScreen

__all__ = ["RaciScreen"]
