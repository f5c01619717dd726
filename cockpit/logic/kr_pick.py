"""Naming a key result by what a person types (the card and risk forms' KR field), UI-free.

``O1-KR2`` (any case) is that KR; a unique prefix of a code (``o1-kr``) or words found in one KR's
title (``checkout``) name it too; ``O1-KR2 · Checkout conversion`` (what completion fills in) is
read by its code.  Empty text names no KR.  Several matches or none are an error that says which.
"""

from collections.abc import Sequence
from dataclasses import dataclass

SEPARATOR = " · "


@dataclass(frozen=True)
class KrChoice:
    id: int
    code: str
    title: str

    @property
    def label(self) -> str:
        return f"{self.code}{SEPARATOR}{self.title}"


class KrPickError(ValueError):
    pass


def pick_kr(text: str, choices: Sequence[KrChoice]) -> KrChoice | None:
    """The KR ``text`` names, None for empty text; KrPickError when it names none or several."""
    typed = " ".join(text.split())
    if not typed:
        return None
    code = typed.split(SEPARATOR.strip(), 1)[0].strip().casefold()
    exact = [c for c in choices if c.code.casefold() == code]
    if exact:
        return exact[0]
    for found in ([c for c in choices if c.code.casefold().startswith(code)],
                  [c for c in choices if all(word in c.title.casefold() for word in typed.casefold().split())]):
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(c.code for c in found[:5]) + (" …" if len(found) > 5 else "")
            raise KrPickError(f"{typed!r} matches {len(found)} key results ({names}): type the code")
    raise KrPickError(f"no key result matches {typed!r} (type its code, such as O1-KR2, or words of its title)")


def completion(text: str, choices: Sequence[KrChoice]) -> str | None:
    """What the field completes ``text`` to (shown after the cursor, right arrow takes it): the label of
    the one KR whose code starts with it (in the case typed)."""
    typed = text.strip()
    if not typed:
        return None
    found = [c for c in choices if c.code.casefold().startswith(typed.casefold())]
    if len(found) != 1:
        return None
    return text + found[0].label[len(typed):]
