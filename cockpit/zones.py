"""The workspace's time zone: the one place that says in which zone the calendar's times are meant.

Events store wall-clock times (a 16:00 review).  An .ics export states their zone (TZID with a
VTIMEZONE), so a colleague elsewhere sees the right instant, and an import converts zoned times into
it.  The zone is the workspace's setting (Setup, stored in the workspace; passed as ``setting``), else
this computer's; ``COCKPIT_TZ`` (an IANA name such as ``Europe/Berlin``) overrides both, for tests and CI.
"""

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ENV = "COCKPIT_TZ"


def _valid(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def machine_zone() -> ZoneInfo | None:
    """This computer's zone as an IANA zone (from TZ, /etc/localtime or /etc/timezone); None if unknown."""
    tz = os.environ.get("TZ", "").strip().removeprefix(":")
    candidates = [tz.split("zoneinfo/", 1)[-1]] if tz else []
    localtime = Path("/etc/localtime")
    try:
        if localtime.is_symlink():
            target = str(localtime.resolve())
            if "zoneinfo/" in target:
                candidates.append(target.split("zoneinfo/", 1)[1])
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    return next((zone for zone in map(_valid, candidates) if zone is not None), None)


def workspace_zone(setting: str | None = None) -> ZoneInfo | None:
    """The zone of the workspace's times: ``COCKPIT_TZ`` (tests, CI), else ``setting`` (the workspace's
    zone, set in Setup), else this computer's zone; None when none can be named (then times are exported
    floating, as they are stored).  An unknown name given explicitly is a ValueError naming it."""
    name = (os.environ.get(ENV, "") or setting or "").strip()
    if name:
        zone = _valid(name)
        if zone is None:
            raise ValueError(f"unknown time zone {name!r} (an IANA name such as Europe/Berlin)")
        return zone
    return machine_zone()
