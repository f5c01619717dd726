"""The calendar feature: its screen, forms and dialogs."""

from screens.calendar.screen import CalendarScreen

__all__ = ["CalendarScreen"]
