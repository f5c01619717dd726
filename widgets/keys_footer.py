"""The footer of every screen: Textual's, drawn again only when its keys really change.

Three differences from Textual's footer:

- When only whether some keys apply changed (a risk's impact reached 5, so ``I+`` greys out), those
  keys are greyed or lit in place.  Textual's footer composes all its keys again on every change of
  the screen's bindings, which cost 50–100 ms of a key press on the Risks and RACI screens.
- While a text field has the focus (a filter line, the Goals screen's check-in bar), the keys it
  types (``c``, ``/``, ``1``…) leave the screen's bindings; the footer greys them in place (they
  apply again once the field is left, and light up again), instead of composing all its keys again
  on the way in and again on the way out (130–200 ms each on a loaded machine: more than a card move).  Any other
  change of the set of keys composes them again.  The keys greyed or lit together are styled once per
  kind (the stylesheet applied to one, the others take its styles), not one by one.
- A key greyed or lit in place is painted in the same frame as what the key press changed (its
  repaint is handed to the screen at once), not in a frame of its own 20–40 ms later.
- It shows its keys even when mounted while the app is blurred.  Textual's redraws them only while
  the app has focus; a viewer's browser tab (``cockpit serve``) is blurred until clicked, and the
  first screen is mounted after the workspace opens (paint first), so it would stay empty.

Textual's key widget, ``FooterKey``, lives in the private module ``textual.widgets._footer``: it is
found here by its type name, never imported.  Greying a key in place sets what Textual's own
``compose`` would (its ``_disabled`` flag, read when the key is clicked, and the ``-disabled`` class);
tests/foundation/test_keys_footer.py pins that, so a Textual release that changes it fails there.
"""

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

#: One shown key: (action, key, description, group, applies now).
Shown = tuple[str, str, str, object, bool]


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        #: The keys as last composed (None: not composed with keys yet).
        self._drawn: list[Shown] | None = None
        self._redraw_pending = False
        #: How many keys were greyed or lit in place so far (tests count them).
        self.restyled = 0

    def _shown(self) -> list[Shown]:
        """The keys compose() draws now, in its order (one per action, as Textual's footer)."""
        seen: dict[str, Shown] = {}
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen[binding.action] = (binding.action, binding.key, binding.description, binding.group, enabled)
        return list(seen.values())

    def compose(self) -> ComposeResult:
        self._drawn = None
        yield from super().compose()  # passed through as is: its key groups are context managers
        if self._bindings_ready:
            self._drawn = self._shown()

    def bindings_changed(self, screen: Screen) -> None:
        """The screen's bindings changed: grey or light keys in place when the same keys are shown,
        otherwise compose the keys again, once.

        Several changes in a row (the first screen's refreshes at start-up, a reload after a save)
        are one redraw: a redraw already pending draws the state of the moment it runs.  Textual's
        footer queues one ``recompose`` per change, and the late ones replaced keys that had just been
        greyed in place (issue 13)."""
        self._bindings_ready = True
        if not self.is_attached or screen is not self.screen:
            return
        if self._drawn is not None and self._update_in_place():
            return
        if not screen.app.app_focus and self.children:
            return  # as Textual's footer: a blurred app keeps what it shows (drawn at least once)
        if not self._redraw_pending:
            self._redraw_pending = True
            self.call_after_refresh(self._redraw)

    async def _redraw(self) -> None:
        self._redraw_pending = False
        if self.is_attached:
            await self.recompose()

    def _typing(self) -> bool:
        """The focused widget takes printable keys (a text field): the keys it types leave the footer."""
        focused = self.screen.focused
        return focused is not None and focused.check_consume_key("a", "a")

    def _update_in_place(self) -> bool:
        """Grey or light the drawn keys if the same keys are shown now (or, while a text field has the
        focus, some of them: the others, which the field types, are greyed); False if that cannot show
        what applies now."""
        assert self._drawn is not None
        now = self._shown()
        names, drawn = [key[:4] for key in now], [key[:4] for key in self._drawn]
        if names != drawn and not (self._typing() and _within(names, drawn)):
            return False
        applies = {key[0]: key[4] for key in now}
        typed = {key[0] for key in self._drawn} - applies.keys()  # the keys the focused field types
        changed = []
        for footer_key in self.query("FooterKey"):  # by type name: its module is private
            if footer_key.action not in applies and footer_key.action not in typed:
                continue  # not one of the screen's keys (the palette's)
            enabled = applies.get(footer_key.action, False)
            if footer_key._disabled == enabled:  # Textual's FooterKey keeps it there
                footer_key._disabled = not enabled
                footer_key.set_class(not enabled, "-disabled", update=False)  # restyled below
                changed.append(footer_key)
        self._restyle(changed)
        for footer_key in changed:
            # Its repaint is handed to the screen now, not when the key's own queue is next idle: the
            # screen paints what the key press changed (cards, detail bar) and this key in one frame,
            # not the key alone 20-40 ms later (a second write to the terminal).
            footer_key._check_refresh()
        return True

    def _restyle(self, keys: list) -> None:
        """Apply the stylesheet to keys just greyed or lit: to one key of each kind (same parent,
        classes and pseudo-classes: the same rules match it and its two components), whose styles the
        others of its kind then take.  Textual applies the whole stylesheet to each key and to its two
        components, one at a time (about 2 ms a key on a loaded machine: a field taking the focus
        greys 17 keys, and lights them again when it is left)."""
        stylesheet = self.app.stylesheet
        models: dict[tuple, object] = {}
        for key in keys:
            kind = (key._parent, frozenset(key.classes), key._pseudo_classes_cache_key)
            model = models.get(kind)
            if model is None:
                stylesheet.apply(key)
                models[kind] = key
                continue
            stylesheet.replace_rules(key, dict(model.styles.base._rules))
            key._component_styles.clear()
            key._component_styles.update(model._component_styles)
            key.refresh()
        self.restyled += len(keys)


def _within(names: list, drawn: list) -> bool:
    """``names`` are some of ``drawn``, in the same order."""
    keys = iter(drawn)
    return all(name in keys for name in names)
