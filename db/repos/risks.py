"""Store methods of the risks feature (see its issue)."""

from db.repos.base import Repo


class RiskRepo(Repo):
    pass
