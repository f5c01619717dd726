"""The board's filter line: ``@ann`` (owner), ``#0929`` (iteration), ``kr:O1-KR2`` (the key result a card
serves; ``kr:O1`` names every ``O1-…`` KR, ``kr:none`` the cards serving none),
``is:blocked`` and free text.

UI-free.  Several owners or iterations widen the match (any of them); words narrow it (all of them,
case-insensitive, anywhere in the title).  ``@`` and ``#`` match a prefix of the handle, the person's
name or the iteration's name, so ``@fat`` finds Fatima.  ``@none`` / ``#none`` find cards without one.
``@me`` is the person the change log's author is (``--as`` or the login name, matched in Setup).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class BoardFilter:
    owners: tuple[str, ...] = ()
    iterations: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    blocked: bool = False
    krs: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.owners or self.iterations or self.words or self.blocked or self.krs)

    def matches(self, title: str, owner_handle: str | None, owner_name: str | None,
                iteration: str | None, blocked: bool = False, kr: str = "") -> bool:
        if self.blocked and not blocked:
            return False
        if self.krs and not any(_kr(want, kr) for want in self.krs):
            return False
        if self.owners and not any(_names(want, owner_handle, owner_name) for want in self.owners):
            return False
        if self.iterations and not any(_names(want, iteration) for want in self.iterations):
            return False
        folded = title.casefold()
        return all(word in folded for word in self.words)

    def describe(self) -> str:
        parts = [f"@{'me' if o.startswith('=') else o}" for o in self.owners] + [f"#{i}" for i in self.iterations]
        parts += [f"kr:{k.upper()}" for k in self.krs]
        parts += ["is:blocked"] if self.blocked else []
        parts += [f'"{w}"' for w in self.words]
        return " ".join(parts)


def _kr(want: str, code: str) -> bool:
    """``kr:o1-kr2`` that KR; ``kr:o1`` every KR whose code starts with ``O1-``; ``kr:none`` none."""
    if want == "none":
        return not code
    code = code.casefold()
    return code == want or code.startswith(f"{want}-")


def _names(want: str, *candidates: str | None) -> bool:
    if want.startswith("="):  # exactly this handle (@me)
        return bool(candidates[0]) and candidates[0].casefold() == want[1:]  # type: ignore[union-attr]
    if want == "none":
        return all(not c for c in candidates)
    return any(c and (c.casefold().startswith(want) or any(part.startswith(want) for part in c.casefold().split()))
               for c in candidates)


def parse_filter(text: str, me: str | None = None) -> BoardFilter:
    """The filter typed; ``me``: the handle ``@me`` stands for (None: ``@me`` is a prefix like any)."""
    owners: list[str] = []
    iterations: list[str] = []
    words: list[str] = []
    krs: list[str] = []
    blocked = False
    for token in text.split():
        folded = token.casefold()
        if folded == "@me" and me:
            owners.append("=" + me.casefold())
        elif folded.startswith("@") and len(folded) > 1:
            owners.append(folded[1:])
        elif folded.startswith("#") and len(folded) > 1:
            iterations.append(folded[1:])
        elif folded.startswith("kr:") and len(folded) > 3:
            krs.append(folded[3:])
        elif folded in ("is:blocked", "blocked:"):
            blocked = True
        else:
            words.append(folded)
    return BoardFilter(tuple(owners), tuple(iterations), tuple(words), blocked, tuple(krs))
