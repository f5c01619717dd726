"""CSV cells made safe for spreadsheets (writing files is ``cockpit.services.files``)."""

import re

_DANGEROUS = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")


def neutralise(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading apostrophe before = + - @ tab CR.

    A cell that already starts with apostrophes before such a character gets one more, so
    ``unneutralise`` gives back exactly what was written.
    """
    return "'" + cell if _DANGEROUS.match(cell) else cell


def unneutralise(cell: str) -> str:
    """The inverse of ``neutralise`` (used on import)."""
    return cell[1:] if _ESCAPED.match(cell) else cell
