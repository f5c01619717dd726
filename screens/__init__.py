"""One Textual Screen (or ModalScreen) per file."""
