"""Store methods of the raci feature (see its issue)."""

from db.repos.base import Repo


class RaciRepo(Repo):
    pass
