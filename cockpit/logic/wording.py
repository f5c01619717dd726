"""Small helpers for the words the app puts around numbers and states (every screen, export and CLI).

``plural(1, "day")`` -> "1 day", ``plural(3, "day")`` -> "3 days": no "1 days" anywhere.  ``tick``
draws a checkbox so that ticked and unticked differ by their shape, not only by colour (a shared
screen or a high-contrast theme may flatten colours)."""

TICKED, UNTICKED = "☑", "☐"


def plural(count: float, singular: str, plural_form: str | None = None) -> str:
    """``count`` and the noun that agrees with it (``plural_form`` when adding "s" is wrong)."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:g} {word}" if isinstance(count, float) else f"{count} {word}"


def tick(ticked: bool) -> str:
    """A checkbox: ☑ ticked, ☐ not."""
    return TICKED if ticked else UNTICKED
