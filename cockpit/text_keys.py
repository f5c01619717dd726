"""Typing joined emoji: a joiner key (see ``cockpit.db.text.is_joiner``) reaches the focused text field.

A terminal sends 👨‍👩‍👧 as five keys: man, ZERO WIDTH JOINER, woman, ZERO WIDTH JOINER, girl.  Textual's
Input and TextArea insert only "printable" keys, and a joiner is a format character, so the family fell
apart into three people.  The app hands such a key to the focused field as a one-character paste,
through the same queue as the keys around it, so the order is kept.
"""

from textual import events
from textual.app import App
from textual.widgets import Input

from cockpit.db.text import is_joiner


def deliver_joiner(app: App, event: events.Event) -> bool:
    """True when ``event`` was a joiner key for a focused text field and has been delivered to it."""
    if not isinstance(event, events.Key) or event.is_forwarded:
        return False
    char = event.character
    if not char or event.is_printable or not all(is_joiner(c) for c in char):
        return False
    field = app.focused
    if not _text_field(field) or getattr(field, "read_only", False):
        return False
    field._forward_event(events.Paste(char))
    return True


def _text_field(widget: object) -> bool:
    """An Input or a TextArea (known by its type's name: importing TextArea here would cost 6 ms
    before the first frame, for a field that exists only once something else imported it)."""
    return isinstance(widget, Input) or any(kind.__name__ == "TextArea" for kind in type(widget).__mro__)
