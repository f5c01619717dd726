"""Store methods of the meetings feature (see its issue)."""

from db.repos.base import Repo


class MeetingRepo(Repo):
    pass
