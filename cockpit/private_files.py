"""Writing a file atomically and readable by its owner only: the settings, minutes, reports and
exports all go through ``write_private``.  The standard library only (the bottom of the house)."""

import os
import tempfile
from pathlib import Path


def write_private(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temp file in the same folder, fsync, rename).

    The file is readable by its owner only (0600); a missing folder is created 0700.  Text is UTF-8
    and written as given (no newline translation).  A failure leaves any earlier file untouched.
    """
    path = Path(path)
    folder = path.parent
    if not folder.exists():
        private_folder(folder)
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


def private_folder(folder: Path) -> Path:
    """``folder``, created if missing, readable by its owner only (0700)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    return folder
