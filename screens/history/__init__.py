"""The History screen (key 9): every change of the project, filtered; and a card's activity feed."""

from cockpit.screens.history.screen import HistoryScreen

__all__ = ["HistoryScreen"]
