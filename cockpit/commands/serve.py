"""The serve sub-commands (their issue adds them)."""

from cockpit.commands import Parsers


def register(parsers: Parsers) -> None:
    """Nothing yet."""
