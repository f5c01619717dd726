"""Store methods of the calendar feature (see its issue)."""

from db.repos.base import Repo


class CalendarRepo(Repo):
    pass
