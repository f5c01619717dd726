"""User text is data: control characters are stripped where text enters the system."""

import re

# C0 controls except tab and newline, DEL, and the C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Remove terminal control characters (keeps newline and tab); CR LF becomes LF."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n"))


def clean_line(text: str) -> str:
    """One line of user text: controls stripped, newlines and tabs folded to spaces, trimmed."""
    return " ".join(strip_controls(text).replace("\t", " ").split("\n")).strip()
