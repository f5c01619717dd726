"""The goals feature: the OKR board (key 7), its forms and the KR detail."""

from cockpit.screens.goals.screen import GoalsScreen

__all__ = ["GoalsScreen"]
