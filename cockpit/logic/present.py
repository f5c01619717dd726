"""Presentation mode (f5), the UI-free part: what is hidden from a shared screen.

A card or a risk marked ``confidential`` keeps its place, its number, its stage, owner and scores on
a shared screen, but its words are replaced by a fixed mask.  The mask has the same look whatever the
text, so its length gives nothing away.  Screens call ``redact(row, presenting)`` on the read models
they show (or ``shown(text, confidential, presenting)`` for one field) and draw the result as usual.
"""

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # pydantic is not needed to draw the first frame (the header imports this module)
    from pydantic import BaseModel

#: What a confidential field shows while presenting (fixed width: the length of the text is hidden).
MASK = "■■■■■■ confidential"
#: The same, for one short line (a table cell, a card of a narrow column).
SHORT_MASK = "■■■■■■"

#: Fields whose words are hidden, per kind of read model (by attribute name).  Fields a model
#: does not have are skipped, so one list serves items, risks and what later issues add.
MASKED_FIELDS: tuple[str, ...] = (
    "title", "description", "blocked_reason",                       # items
    "trigger", "mitigation", "contingency", "notes", "response_plan",  # risks
)

M = TypeVar("M", bound="BaseModel")


def mask(text: str, *, short: bool = False) -> str:
    """The mask shown instead of ``text`` (empty text stays empty: there is nothing to hide)."""
    if not text:
        return text
    return SHORT_MASK if short else MASK


def shown(text: str, confidential: bool, presenting: bool, *, short: bool = False) -> str:
    """``text`` as a screen should draw it now."""
    return mask(text, short=short) if confidential and presenting else text


def is_masked(text: str) -> bool:
    return text in (MASK, SHORT_MASK)


def redact(row: M, presenting: bool) -> M:
    """A copy of a read model with its words masked if it is confidential and we are presenting.

    The original is returned unchanged otherwise, so screens can call it on every row they draw.
    Only string fields listed in ``MASKED_FIELDS`` are touched; ids, versions, dates, owners and
    scores stay, so cursors, sorting and edits keep working on the real row.
    """
    if not presenting or not getattr(row, "confidential", False):
        return row
    update = {
        name: mask(value)
        for name in MASKED_FIELDS
        if isinstance(value := getattr(row, name, None), str)
    }
    return row.model_copy(update=update)


class Secrets:
    """What a shared screen must not show beyond the rows themselves: the confidential cards (by id)
    and the words of confidential cards and risks (their titles), wherever they were copied to.

    Text made from a card or a risk keeps its words where it was copied (an agenda item "Risk review:
    <title>", a change label "create card <title>" in a refusal, an action item on a card), so such
    text goes through ``hide`` (a confidential title, as a whole word, any case, becomes the mask) or
    is masked whole when it belongs to a confidential card (``card``).  ``Secrets()`` hides nothing:
    screens use it when they are not presenting.
    """

    def __init__(self, item_ids: Iterable[int] = (), titles: Iterable[str] = ()) -> None:
        self.item_ids = frozenset(item_ids)
        words = sorted({title.strip() for title in titles if title.strip()}, key=len, reverse=True)
        self._pattern = (re.compile("|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in words), re.IGNORECASE)
                         if words else None)

    def __bool__(self) -> bool:
        return bool(self.item_ids) or self._pattern is not None

    def hide(self, text: str) -> str:
        """``text`` with every confidential title in it replaced by the mask."""
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(MASK, text)

    def hides(self, text: str) -> bool:
        return self._pattern is not None and bool(text) and self._pattern.search(text) is not None

    def card(self, item_id: int | None, text: str) -> str:
        """``text`` that belongs to card ``item_id`` (an action item on it): masked whole if the card is
        confidential, else with confidential titles hidden."""
        if item_id is not None and item_id in self.item_ids:
            return mask(text)
        return self.hide(text)


# --- file paths on a shared screen ------------------------------------------------------------------

#: The folders of an absolute path (POSIX ``/a/b/``, home ``~/a/``, Windows ``C:\a\``): what is cut from a
#: notice while presenting, so the file's name is left and the folder (a user name, a client's name in
#: a project folder) is not shown.  A lone "/" between words is not a path.
_FOLDERS = re.compile(r"""(?:[A-Za-z]:[\\/]|~[\\/]|(?<![\w.:/\\~])[\\/])(?:[^\s\\/:*?"'<>|]+[\\/])+""")


def hide_folders(text: str, folders: Iterable[str] = ()) -> str:
    """``text`` without the folders of the paths it names ("Minutes: /home/ann/acme/minutes/x.md" ->
    "Minutes: x.md").  ``folders`` are known folders (the workspace's, the home folder) cut first, so a
    folder with spaces in its name goes too."""
    for folder in sorted((f.rstrip("/\\") for f in folders if f and f.rstrip("/\\")), key=len, reverse=True):
        for separator in ("/", "\\"):
            text = text.replace(folder + separator, "")
    return _FOLDERS.sub("", text)
