"""The board feature: its screen, forms and dialogs.

``BoardScreen`` is imported on first use: the board's first paint (``first_paint``) is drawn from
this package before the database layer that the screen needs is imported."""

__all__ = ["BoardScreen"]


def __getattr__(name: str) -> object:
    if name == "BoardScreen":
        from cockpit.screens.board.screen import BoardScreen

        return BoardScreen
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
