"""User text is data: control characters are stripped where text enters the system."""

import re

# C0 controls except tab and newline, DEL, and the C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")



def is_joiner(char: str) -> bool:
    """A format character that is part of written text and arrives as a key of its own: the zero-width
    joiner and non-joiner (family emoji 👨‍👩‍👧, Indic and Persian scripts), the variation selectors
    (❤️ drawn as emoji) and the tag characters of subdivision flags.  They are never stripped, and a
    text field must take them when typed (Textual's fields drop keys that are not "printable")."""
    code = ord(char) if len(char) == 1 else -1
    return (code in (0x200C, 0x200D) or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
            or 0xE0020 <= code <= 0xE007F)


def strip_controls(text: str) -> str:
    """Remove terminal control characters (keeps newline and tab, and the joiners); CR LF becomes LF."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n"))


def clean_line(text: str) -> str:
    """One line of user text: controls stripped, newlines and tabs folded to spaces, trimmed."""
    return " ".join(strip_controls(text).replace("\t", " ").split("\n")).strip()
