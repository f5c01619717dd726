"""Store methods of the RACI feature (see its issue)."""

from db.repos.base import Repo


class RaciRepo(Repo):
    def gate_approver(self, stage_id: int) -> str | None:
        """Who signs off a card entering ``stage_id``: "Role: Person, Person", or None.

        The board's gate checklist shows it.  The RACI issue fills this in from the stage's gate
        activity and its Accountable role; until then no stage names an approver.
        """
        return None
