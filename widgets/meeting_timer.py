"""The big timer of a meeting: the current agenda item or speaker, time used against the box,
remaining time or the overrun.  Plain data in (``show``), nothing out."""

from textual.content import Content
from textual.widgets import Static


def clock(seconds: int) -> str:
    seconds = max(int(seconds), 0)
    return f"{seconds // 60}:{seconds % 60:02d}"


class MeetingTimer(Static):
    DEFAULT_CSS = """
    MeetingTimer {
        height: 3; padding: 0 1; border: round $primary; background: $panel;
    }
    MeetingTimer.-running { border: round $success; }
    MeetingTimer.-overrun { border: round $error; }
    """

    def show(self, title: str | None, owner: str, used: int, box: int, running: bool) -> None:
        self.set_class(running, "-running")
        self.set_class(title is not None and used > box, "-overrun")
        if title is None:
            self.update(Content("Agenda done · tab on an item to go back, ctrl+e ends the meeting"))
            return
        state = "▶" if running else "⏸"
        left = box - used
        remaining = (Content.from_markup("[b $error]overrun $t[/]", t=clock(-left)) if left < 0
                     else Content(f"{clock(left)} left"))
        who = f" · {owner}" if owner and owner not in title else ""
        self.update(Content.assemble(
            f"{state} ", (title, "bold"), who, f"   {clock(used)} / {clock(box)}   ", remaining))
