"""``cockpit keys``: every key binding in force, by id (the ids the ``[keys]`` table of the settings
remaps), with what is wrong in that table.  Always exits 0: it is a report."""

import argparse
import textwrap

from cockpit.commands import Parsers

WIDTH = 80
ID_WIDTH = 26
KEYS_WIDTH = 18


def register(parsers: Parsers) -> None:
    keys = parsers.root.add_parser(
        "keys", help="list every key binding by id, as the settings remap them",
        description="List the keys in force: binding id, key(s) (* remapped by the [keys] table of "
                    "settings.toml), what the key does, grouped by the screen or dialog it works in.")
    keys.set_defaults(func=run_keys)


def run_keys(args: argparse.Namespace) -> int:
    from cockpit import keymap
    from cockpit.settings import Settings

    settings = Settings.load()
    entries = keymap.catalogue()
    good, problems = keymap.check(settings.keys, entries)
    print(render(entries, good, [*settings.problems, *problems], str(settings.path)))
    return 0


def render(entries: "list", remapped: dict[str, str], problems: list[str], path: str) -> str:
    """The listing, at most 80 columns wide (a description too long for its line goes on the next)."""
    from cockpit.keymap import shown_keys

    lines = ["Keys in force", f"Settings: {path}", "* remapped by the [keys] table of the settings", ""]
    if problems:
        lines.append("Warnings (these entries are left out; those keys keep their default):")
        for problem in problems:
            lines += textwrap.wrap(problem, WIDTH, initial_indent="  ", subsequent_indent="    ")
        lines.append("")
    groups: dict[str, list] = {}
    for entry in entries:
        groups.setdefault(entry.where, []).append(entry)
    for where, owned in groups.items():
        module, _, name = where.partition(":")
        lines.append("Everywhere" if name == "CockpitApp" else f"{name} ({module})")
        for entry in owned:
            keys = shown_keys(remapped.get(entry.id or "", entry.key)) + (" *" if entry.id in remapped else "")
            description = entry.description or entry.action
            line = f"  {entry.id or '(no id)':<{ID_WIDTH}} {keys:<{KEYS_WIDTH}} {description}"
            if len(line) > WIDTH:
                line = f"  {entry.id or '(no id)':<{ID_WIDTH}} {keys}\n{' ' * (ID_WIDTH + 3)}{description}"
            lines.append(line)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
