"""The meetings feature: its screen, forms and dialogs."""

from cockpit.screens.meetings.retro import RetroScreen
from cockpit.screens.meetings.screen import MeetingScreen

__all__ = ["MeetingScreen", "RetroScreen"]
