"""The meetings feature: its screen, forms and dialogs."""

from screens.meetings.retro import RetroScreen
from screens.meetings.screen import MeetingScreen

__all__ = ["MeetingScreen", "RetroScreen"]
