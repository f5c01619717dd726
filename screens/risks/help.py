"""The Risks screen's F1 help text."""

HELP = """\
The risk register: every risk with its owner, probability (P) and impact (I) from 1 to 5, score
P×I, severity band, status and next review.  The table is sorted by score; `s` cycles the sort
column, `S` reverses it, and clicking a column header sorts by it.  An overdue review is marked `!`
in red.  The heat map counts the risks that are not closed in each P×I cell; `t` switches it
between the inherent score and the residual score after treatment.  `tab` moves to the heat map:
choose a cell with the arrows and `enter` to show only its risks (again, or `escape`, shows all).

`/` filters as you type: words match the title, category, trigger, status and owner;
`@ann` an owner, `status:open`, `cat:vendor`, `response:mitigate`.  `v` shows the review queue
(reviews overdue or due within two days); `r` marks the selected risk reviewed, which moves its next
review on by the review interval.  `c` turns an occurred risk into a blocked card on the board,
linked to the risk.  The score history of the selected risk comes from the change log.

Severity thresholds and the review interval are settings of the project (`T`); by default low is
1–4, medium 5–9, high 10–16 and critical 20–25.  `E` exports the register to CSV and `O` imports
risks from CSV (all rows or none).  Every change can be undone with `u`.
"""
