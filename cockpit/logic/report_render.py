"""Reports laid out by Jinja2 templates, with every value escaped as Markdown by default.

The shipped templates are ``cockpit/templates/daily.md.j2`` and ``weekly.md.j2``; a file of the same
name in the workspace's ``templates/`` folder (beside ``minutes/``) replaces one.  Jinja's autoescape
is for HTML, so it is off; instead every ``{{ value }}`` goes through ``md_escape`` (the minutes'
escape) as it is written out (the environment's ``finalize`` hook): user text stays text, whatever
it holds.  A template marks its own trusted Markdown with ``|raw``, and multi-line text with
``|lines`` (kept as lines, each escaped).  Templates run sandboxed (a template from a shared folder
cannot reach Python's internals).
"""

from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment

from cockpit.logic.markdown import md_escape, md_escape_lines

#: The templates that ship with Cockpit (inside the package, so the wheel carries them).
SHIPPED = Path(__file__).resolve().parents[1] / "templates"
KINDS = ("daily", "weekly")


class TemplateProblem(ValueError):
    """A report template that cannot be used; the message names the file and the line."""


class Trusted(str):
    """Markdown the template itself wrote (``|raw``): written out as it is."""


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Trusted):
        return value
    return md_escape(str(value))


def template_name(kind: str) -> str:
    return f"{kind}.md.j2"


def environment(override: Path | None = None) -> SandboxedEnvironment:
    """The reports' Jinja environment: ``override`` (a ``templates/`` folder) first, then the shipped
    templates; values escaped as Markdown unless marked ``|raw``."""
    folders = [str(override)] if override is not None and override.is_dir() else []
    env = SandboxedEnvironment(loader=ChoiceLoader([FileSystemLoader(folders), FileSystemLoader(str(SHIPPED))]),
                               autoescape=False, finalize=_finalize, undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["raw"] = lambda value: Trusted("" if value is None else str(value))
    env.filters["lines"] = lambda value: Trusted(md_escape_lines("" if value is None else str(value)))
    env.filters["plural"] = lambda count, word, words=None: (
        f"{count} {word if count == 1 else (words or word + 's')}")
    return env


def template_path(kind: str, override: Path | None = None) -> Path:
    """The template file a report of ``kind`` is laid out by (the override if there is one)."""
    mine = override / template_name(kind) if override is not None else None
    return mine if mine is not None and mine.is_file() else SHIPPED / template_name(kind)


def render(kind: str, report: Any, override: Path | None = None) -> str:
    """The report as Markdown; TemplateProblem (naming the file and line) for a broken template."""
    if kind not in KINDS:
        raise ValueError(f"no report named {kind!r} (daily or weekly)")
    env = environment(override)
    path = template_path(kind, override)
    try:
        text = env.get_template(template_name(kind)).render(report=report)
    except TemplateNotFound as exc:
        raise TemplateProblem(f"{path}: template not found ({exc})") from None
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f"{path}, line {line}" if line else str(path)
        raise TemplateProblem(f"{where}: {exc.message or exc.__class__.__name__}") from None
    return text.rstrip() + "\n"
