"""The calendar's F1 help text."""

HELP = """
The month grid shows every iteration at once: the coloured bars in a day's header are the iterations
running that day, **◆** lines are their key nodes (requirement focus meeting, reviews, iteration end,
release), **▲** is the weekly release, **☼** a holiday.  The agenda on the right lists the next 14 days
and the next key node of each running iteration.

- Arrows move the day, `[` / `]` or page up / down change month, `t` jumps to today.
- `tab` selects the next entry of the day; `shift+left` / `shift+right` move it by a day (a repeating
  event asks whether to move this occurrence or all of them).
- `enter` opens the day: its events, key nodes and the board cards due that day.
- `n` adds an event (repeat presets or a custom RFC 5545 rule), `i` a new iteration from a template
  (its key dates are previewed before saving), `e` edits, `x` deletes the selected entry.
- `v` lists the project's iterations with their committed estimates against the team's capacity
  (availability and days off); `c` there closes (archives) an iteration or reopens it, `a` shows closed ones.
- `T` edits the iteration template's key nodes (day offsets and names); iterations stamped later use it.
- `a` shows or hides the agenda pane (hidden by itself below 110 columns).
- `E` exports the calendar as an .ics file, `I` imports one (a holiday calendar, for example).
- Every change is one undo step (`u`).
"""
