"""The board feature: its screen, forms and dialogs."""

from cockpit.screens.board.screen import BoardScreen

__all__ = ["BoardScreen"]
