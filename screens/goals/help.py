"""The Goals screen's F1 help text."""

HELP = """\
The OKR board of the project shown: each objective (with its owner and period) and, under it, one
row per key result (KR): its code, title and metric, owner and business module, the cards linked to
it (delivered / in progress), target and baseline, the **7-day average** of its check-ins (and on how
many days it rests; "no data" without any), the **week-over-week** change of that average ("n/a" when
last week had none or was zero), a progress bar from baseline to target (direction-aware) and a
sparkline of the last 30 days.  Every figure comes from the check-ins, never typed in.

- `enter` opens the selected KR's **detail** here: its check-in history, the linked cards, and the
  monthly targets against the month's actual (the mean of its check-ins).
- `c` checks in the selected KR in a bar under the board: type `value [day] [note]` (`42`,
  `42 yesterday`, `2,5% -2d`, `42 2026-11-30 campaign ended`; a note that starts like a day:
  `42 # mon was a holiday`).  The bar reads it back as you type (the day, and "replaces that day's
  check-in of …" when there is one) or names what is wrong.  In the bar, `enter` saves and closes,
  `tab` saves and goes on to the next KR (`shift+tab` the previous; with nothing typed they only
  move), `escape` closes without saving.  A second check-in on the same day replaces the first (the
  change log keeps the old value); `c` in a KR's detail opens the bar on that KR.
- `N` adds an objective to the project, `n` a key result to the selected objective, `e` edits the
  selected objective or KR, `x` deletes it (asks first).
- `t` shows the **team investment**: per team, the cards delivered in the last 4 weeks (`w`: 2 or 13)
  and the share of them that served each objective, and overall the share serving an OKR (a card
  counts once, at its last delivery, for its owner's team at that moment).
- `/` filters as you type: `@ann` an owner, `mod:payments` a module, words in codes, titles and
  metrics; `escape` clears.
- Cards name the KR they serve in the card form (`KR` field, by code or title); the board filters
  them with `kr:O1-KR2`.  While presenting (f5), a confidential objective's words are hidden.
Every change is saved at once and `u` undoes it.
"""
