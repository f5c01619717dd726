"""Workspace settings (``workspace_setting`` rows): the time zone, whether the first-run setup was
done or skipped, and which person each change log author is.  Every change goes through the write
path (change log, undo)."""

from datetime import tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import select

from cockpit.db.errors import ValidationFailed
from cockpit.db.first_read import TIME_ZONE, ZONE_ENV, resolve_zone  # noqa: F401 - re-exported
from cockpit.db.models import Person, PersonRead
from cockpit.db.models_settings import WorkspaceSetting
from cockpit.db.repos.base import Repo
from cockpit.db.tx import UNCHECKED

FIRST_RUN = "first_run"
#: ``author:<name as written in the change log>`` -> a person's handle, or "" (asked, not linked).
AUTHOR_PREFIX = "author:"


def check_zone(name: str, field: str = "time zone") -> str:
    """``name`` stripped if it is a known IANA zone (``""`` means "this computer's"); else a
    ValidationFailed naming ``field``."""
    name = (name or "").strip()
    if not name:
        return ""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationFailed(field, f"unknown time zone {name!r} (an IANA name such as Europe/Berlin)") from None
    return name


class SettingsRepo(Repo):
    def __init__(self, store) -> None:  # noqa: ANN001
        super().__init__(store)
        self._zone_name: str | None = None  # cached: today() asks for it often

    # --- plain keys ----------------------------------------------------------------------------

    def get(self, key: str, default: str | None = None) -> str | None:
        with self.store.read() as session:
            row = session.exec(select(WorkspaceSetting).where(WorkspaceSetting.key == key)).first()
        return default if row is None else row.value

    def values(self, prefix: str = "") -> dict[str, str]:
        with self.store.read() as session:
            rows = session.exec(select(WorkspaceSetting)).all()
        return {row.key: row.value for row in rows if row.key.startswith(prefix)}

    def set(self, key: str, value: str, *, label: str | None = None, undoable: bool = True) -> None:
        """Store ``value`` under ``key`` (nothing is written if it is already so)."""
        if len(value) > 200:
            raise ValidationFailed(key, "is longer than 200 characters")
        with self.store.write(label or f"set {key}", undoable=undoable) as tx:
            row = tx.session.exec(select(WorkspaceSetting).where(WorkspaceSetting.key == key)).first()
            if row is None:
                tx.insert(WorkspaceSetting(key=key[:120], value=value))
            else:
                tx.update(row, UNCHECKED, {"value": value})
        if key == TIME_ZONE:
            self._zone_name = None

    # --- time zone -----------------------------------------------------------------------------

    def time_zone_name(self) -> str:
        """The zone set in Setup ("" when none is set: this computer's zone is used)."""
        if self._zone_name is None:
            self._zone_name = self.get(TIME_ZONE) or ""
        return self._zone_name

    def set_time_zone(self, name: str) -> str:
        name = check_zone(name)
        self.set(TIME_ZONE, name, label=f"set time zone to {name or 'this computer’s'}")
        return name

    def zone(self) -> tzinfo | None:
        """The workspace's zone: ``COCKPIT_TZ`` if set (tests, CI), else the one set in Setup, else
        this computer's (None: the computer's local time, unnamed)."""
        return resolve_zone(self.time_zone_name())

    # --- first run -----------------------------------------------------------------------------

    def first_run_pending(self) -> bool:
        """True while the guided setup should open: a new workspace (``cockpit init``, or ``cockpit`` on
        a new file) with nobody in it yet, whose setup was neither finished nor skipped."""
        if self.get(FIRST_RUN) != "pending":
            return False
        with self.store.read() as session:
            return session.exec(select(Person.id)).first() is None

    def mark_first_run(self) -> None:
        """A new, empty workspace: the guided setup opens when the cockpit starts on it."""
        self.set(FIRST_RUN, "pending", label="new workspace", undoable=False)

    def finish_first_run(self, how: str = "done") -> None:
        self.set(FIRST_RUN, how, label="finish the first-run setup" if how == "done" else "skip the first-run setup",
                 undoable=False)

    # --- who is who ----------------------------------------------------------------------------

    def me(self, author: str | None = None, people: "list[PersonRead] | None" = None) -> PersonRead | None:
        """The person the change log's author (``--as`` or the login name) is: the one linked to it,
        else the person whose handle or name is the author (case-insensitive); None if nobody.
        ``people``: the workspace's people, when the caller has them already (one read for many authors)."""
        author = (author if author is not None else self.store.actor).strip()
        if not author:
            return None
        linked = self.get(AUTHOR_PREFIX + author.casefold())
        people = people if people is not None else self.store.workspace.people()
        if linked:
            match = next((p for p in people if p.handle == linked), None)
            if match is not None:
                return match
        folded = author.casefold().removeprefix("@")
        return (next((p for p in people if p.handle.casefold() == folded), None)
                or next((p for p in people if p.name.casefold() == folded), None))

    def author_asked(self, author: str | None = None) -> bool:
        """Whether the author was already offered to be linked (linked or declined)."""
        author = (author if author is not None else self.store.actor).strip()
        return self.get(AUTHOR_PREFIX + author.casefold()) is not None

    def link_author(self, person_id: int | None, author: str | None = None) -> None:
        """Link the author to a person (None: asked and declined, not asked again)."""
        author = (author if author is not None else self.store.actor).strip()
        if not author:
            raise ValidationFailed("author", "cannot be empty")
        handle = ""
        if person_id is not None:
            person = self.store.workspace.person(person_id)
            handle = person.handle
        self.set(AUTHOR_PREFIX + author.casefold(), handle,
                 label=f"link {author} to @{handle}" if handle else f"do not link {author} to a person")
