"""Who a form offers to choose: deactivated people leave every picker (owner, attendee, PM...) but
stay on what they already hold, so an edit shows the current owner and never drops them silently."""

from collections.abc import Iterable
from typing import Protocol, TypeVar


class _Person(Protocol):
    id: int
    active: bool


P = TypeVar("P", bound=_Person)


def pickable(people: Iterable[P], *keep: int | None) -> list[P]:
    """The active people, plus whoever of ``keep`` (the current owner...) is deactivated."""
    kept = {person_id for person_id in keep if person_id is not None}
    return [person for person in people if person.active or person.id in kept]
