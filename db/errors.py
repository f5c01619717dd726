"""Errors the store raises; each message is one line a person can read."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pydantic is loaded with the database layer, after the first frame
    from pydantic import ValidationError


class StoreError(Exception):
    """A write that was refused; nothing was written."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationFailed(StoreError):
    """Input that does not pass validation; ``field`` names the bad field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


class StaleEdit(StoreError):
    """The row changed since it was read (another window or process); the edit was not applied."""


class NotFound(StoreError):
    """The row is gone (deleted elsewhere)."""


class ReadOnly(StoreError):
    """This store refuses every write (a read-only browser view)."""


class DatabaseUnavailable(StoreError):
    """The database cannot be reached right now (a server restarting, a network drop)."""


class NothingToUndo(StoreError):
    """The undo (or redo) stack of this window is empty."""


def from_validation_error(exc: "ValidationError") -> ValidationFailed:
    """The first error of a pydantic ValidationError, naming its field."""
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first.get("loc", ())) or "value"
    message = first.get("msg", "is not valid")
    message = message.removeprefix("Value error, ")
    return ValidationFailed(field, message)
