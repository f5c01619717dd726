"""Closed lists of the models that the command line needs before SQLAlchemy is imported (argparse
choices are built before the first frame; see db/files.py)."""

from typing import Literal, get_args

EventKind = Literal["meeting", "review", "release", "milestone", "holiday", "other"]
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)

#: Work is split into items of at most this many person-days (design.md §2).
MAX_ESTIMATE_DAYS = 2.0
