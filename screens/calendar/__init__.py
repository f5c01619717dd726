"""The calendar feature: its screen, forms and dialogs."""

from cockpit.screens.calendar.screen import CalendarScreen

__all__ = ["CalendarScreen"]
