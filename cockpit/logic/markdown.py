"""User text made safe to put into Markdown that Cockpit writes (RACI export, minutes).

Text typed by people is data: raw HTML in it (``<script>``, ``<img onerror=...>``) must show as
text wherever the Markdown is rendered (a wiki, a GitHub page), and a ``|`` must not break a table.
One helper for every Markdown file, so the exports and the minutes escape alike.
"""


def md_escape(text: str) -> str:
    """``text`` on one line: whitespace runs (newlines too) become one space, backslashes and pipes
    are escaped, and ``<`` / ``>`` become entities, so no HTML is passed through.  Safe in a table
    cell, a heading, a list item."""
    flat = " ".join(str(text).split())
    return flat.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def md_escape_lines(text: str) -> str:
    """Several lines of user text (notes) kept as lines, each escaped as ``md_escape`` does, except
    that indentation and blank lines stay (a typed list stays a list)."""
    lines = []
    for line in str(text).splitlines():
        indent = line[:len(line) - len(line.lstrip())]
        lines.append(indent + md_escape(line) if line.strip() else "")
    return "\n".join(lines)
