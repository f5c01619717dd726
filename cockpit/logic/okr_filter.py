"""The Goals screen's filter line (``/``): ``@ann`` (owner), ``mod:pay`` (business module) and words.

UI-free.  Several owners or modules widen the match (any of them); words narrow it (all of them,
case-insensitive, anywhere in the KR's code, title, metric or its objective's title).  ``@`` matches a
prefix of the handle or of a word of the person's name; ``mod:`` a prefix of a word of the module.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class OkrFilter:
    owners: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    words: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.owners or self.modules or self.words)

    def matches(self, *, text: str, owner_handle: str = "", owner_name: str = "", module: str = "") -> bool:
        """``text``: everything the words are looked for in (code, titles, metric), in any case."""
        if self.owners and not any(_prefix(want, owner_handle, owner_name) for want in self.owners):
            return False
        if self.modules and not any(_prefix(want, module) for want in self.modules):
            return False
        folded = text.casefold()
        return all(word in folded for word in self.words)


def _prefix(want: str, *candidates: str) -> bool:
    return any(c and (c.casefold().startswith(want) or any(part.startswith(want) for part in c.casefold().split()))
               for c in candidates)


def parse_okr_filter(text: str) -> OkrFilter:
    owners: list[str] = []
    modules: list[str] = []
    words: list[str] = []
    for token in text.split():
        folded = token.casefold()
        if folded.startswith("@") and len(folded) > 1:
            owners.append(folded[1:])
        elif folded.startswith(("mod:", "module:")) and folded.partition(":")[2]:
            modules.append(folded.partition(":")[2])
        else:
            words.append(folded)
    return OkrFilter(tuple(owners), tuple(modules), tuple(words))
