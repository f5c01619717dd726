"""User text made safe to put into Markdown that Cockpit writes (RACI export, minutes, reports).

Text typed by people is data: raw HTML in it (``<script>``, ``<img onerror=...>``) must show as
text wherever the Markdown is rendered (a wiki, a GitHub page), a ``|`` must not break a table, and
``*stars*``, ``_underscores_``, backticks or ``[links](...)`` must not turn into emphasis, code or
links.  One helper for every Markdown file, so the exports, the minutes and the reports escape alike.
"""

import re

from cockpit.db.text import strip_controls

#: Inline Markdown (GFM) a title could trigger, backslash-escaped; ``<`` and ``>`` become entities.
_INLINE = str.maketrans({"\\": "\\\\", "|": "\\|", "<": "&lt;", ">": "&gt;", "*": "\\*", "_": "\\_",
                         "`": "\\`", "[": "\\[", "]": "\\]", "~": "\\~"})
#: What makes a line a heading, a list item, a rule or a setext underline when it starts one.
_BLOCK_START = re.compile(r"(?:#{1,6}|[+-]|(\d{1,9})[.)])(?:\s|$)|[=-]+$")


def _inline(text: str) -> str:
    return text.translate(_INLINE)


def md_escape(text: str) -> str:
    """``text`` on one line: control characters dropped, whitespace runs (newlines too) become one
    space, Markdown punctuation is backslash-escaped, and ``<`` / ``>`` become entities, so no HTML
    or formatting is passed through.  Safe in a table cell, a heading, a list item, and at the start
    of a line (a leading ``# ``, ``- ``, ``+ `` or ``1. `` marker, or a line of ``=`` or ``-``, is
    escaped too)."""
    flat = _inline(" ".join(strip_controls(str(text)).split()))
    start = _BLOCK_START.match(flat)
    if start is None:
        return flat
    at = len(start[1]) if start[1] else 0  # "12. May" -> "12\. May"; "# x" -> "\# x"
    return flat[:at] + "\\" + flat[at:]


def md_escape_lines(text: str) -> str:
    """Several lines of user text (notes) kept as lines, each escaped as ``md_escape`` does, except
    that indentation, blank lines and list markers stay (a typed list stays a list)."""
    lines = []
    for line in strip_controls(str(text)).splitlines():
        indent = line[:len(line) - len(line.lstrip())]
        body = " ".join(line.split())
        bullet = "* " if body.startswith("* ") else ""  # a typed "* item" stays a list item
        lines.append(indent + bullet + _inline(body[len(bullet):]) if body else "")
    return "\n".join(lines)
