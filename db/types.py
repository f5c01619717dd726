"""Column types shared by the tables."""

from datetime import datetime, timezone
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator
from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

from cockpit.db.text import clean_line, strip_controls


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every engine (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):  # noqa: ANN001
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):  # noqa: ANN001
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


#: One line of text (a title, a name): control characters stripped, whitespace folded.
Line = Annotated[str, BeforeValidator(lambda v: clean_line(v) if isinstance(v, str) else v)]
#: Free text (a description, notes): control characters stripped, newlines kept.
Text = Annotated[str, BeforeValidator(lambda v: strip_controls(v) if isinstance(v, str) else v)]
#: A short code or handle: trimmed, no spaces.
Code = Annotated[str, AfterValidator(lambda v: v.strip())]
