"""The footer of every screen: Textual's, except that it shows its keys even when it is mounted while
the app is blurred.

Textual's footer redraws its keys only while the app has focus.  A viewer's browser tab
(``cockpit serve``) is blurred until the viewer clicks into it, and the first screen is mounted after
the workspace opens (paint first), so Textual's footer would stay empty until that click.
"""

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    def bindings_changed(self, screen: Screen) -> None:
        super().bindings_changed(screen)
        if not screen.app.app_focus and not self.children and self.is_attached and screen is self.screen:
            self.call_after_refresh(self.recompose)  # never drawn yet: draw the keys once anyway
