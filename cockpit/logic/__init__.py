"""UI-free domain logic: no Textual here (checked by import-linter)."""
