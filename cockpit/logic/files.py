"""Files Cockpit writes for the user (exports, minutes): atomic and private; CSV cells made safe."""

import os
import re
import tempfile
from pathlib import Path

_DANGEROUS = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")


def write_private(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temp file in the same folder, fsync, rename).

    The file is readable by its owner only (0600); a missing folder is created 0700.  Text is UTF-8
    and written as given (no newline translation).  A failure leaves any earlier file untouched.
    """
    path = Path(path)
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def neutralise(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading apostrophe before = + - @ tab CR.

    A cell that already starts with apostrophes before such a character gets one more, so
    ``unneutralise`` gives back exactly what was written.
    """
    return "'" + cell if _DANGEROUS.match(cell) else cell


def unneutralise(cell: str) -> str:
    """The inverse of ``neutralise`` (used on import)."""
    return cell[1:] if _ESCAPED.match(cell) else cell
