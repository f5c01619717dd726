"""A workspace's setup as TOML (``cockpit export setup`` / ``cockpit import setup`` / ``init --from``).

Parsed with the standard library's ``tomllib``, written with ``tomli_w``.  The file::

    [workspace]
    time_zone = "Europe/Berlin"          # optional; "" means this computer's zone

    [[role]]                             # the RACI columns, matched by name
    name = "Product manager"
    code = "PM"

    [[campaign]]                         # matched by name; created or updated
    name = "Retail"
    inside = ""                          # the campaign it is part of ("" or left out: top level)
    lead = "ann"                         # handles of its lead and PMO ("" for nobody)
    pmo = "ben"

    [[project]]                          # matched by name; campaign = "..." names its campaign
    name = "Web"
    [[project.stage]]                    # matched by name within the project; new ones go last
    name = "Pending test"
    category = "in_progress"             # backlog, in_progress, awaiting_release, done, after_release
    wip_limit = 6                        # 0: no limit
    criteria = ["Self-test done", "Code reviewed"]
    gate = "Technical review"            # the RACI activity guarding the stage ("" for none)

    [[person]]                           # matched by handle
    handle = "ann"
    name = "Ann Lee"
    team = "Web"
    roles = { Web = ["Product manager"] }   # project name -> role names or codes

Whatever a table leaves out is left alone by an import.  Every problem is a ``SetupFileError`` naming
its place (``stage "QA" of project "Web": category "doing" is not one of ...``), found before anything
is written.
"""

import tomllib
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tomli_w
from pydantic import ValidationError

from cockpit.db.models import STAGE_CATEGORIES, PersonUpdate, RoleBase, check_days_off, check_handle
from cockpit.db.setup_data import (
    CampaignSetup,
    PersonSetup,
    ProjectSetup,
    RoleSetup,
    SetupData,
    StageSetup,
    person_place,
    stage_place,
)
from cockpit.db.text import clean_line

MAX_CRITERION = 200
PERSON_KEYS = ("name", "email", "team", "availability", "days_off", "active")


class SetupFileError(ValueError):
    """A setup file that cannot be imported; the message names the place."""


# --- reading -------------------------------------------------------------------------------------


def parse_setup(text: str) -> SetupData:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SetupFileError(f"not valid TOML ({error})") from None
    _keys(raw, "the file", ("workspace", "role", "campaign", "project", "person"))
    data = SetupData()
    workspace = raw.get("workspace", {})
    if not isinstance(workspace, dict):
        raise SetupFileError("workspace: must be a table ([workspace])")
    _keys(workspace, "workspace", ("time_zone",))
    if "time_zone" in workspace:
        data.time_zone = _text(workspace["time_zone"], "workspace", "time_zone", required=False)
        if data.time_zone:
            _zone(data.time_zone)
    data.roles = _roles(_tables(raw, "role"))
    data.campaigns = [_campaign(table, index) for index, table in enumerate(_tables(raw, "campaign"), start=1)]
    _unique([c.name for c in data.campaigns], lambda name: f'campaign "{name}"', "is in the file twice")
    data.projects = [_project(table, index) for index, table in enumerate(_tables(raw, "project"), start=1)]
    _unique([p.name for p in data.projects], lambda name: f'project "{name}"', "is in the file twice")
    data.people = [_person(table, index) for index, table in enumerate(_tables(raw, "person"), start=1)]
    _unique([p.handle for p in data.people], person_place, "is in the file twice")
    return data


def _roles(tables: list[dict]) -> list[RoleSetup]:
    roles = []
    for index, table in enumerate(tables, start=1):
        name = _name(table, f"role {index}")
        place = f'role "{name}"'
        _keys(table, place, ("name", "code"))
        code = _text(table["code"], place, "code") if "code" in table else None
        _model(RoleBase, {"name": name, "code": code or "X"}, place)
        roles.append(RoleSetup(name, code))
    _unique([r.name for r in roles], lambda name: f'role "{name}"', "is in the file twice")
    _unique([r.code for r in roles if r.code], lambda code: f'role code "{code}"', "is in the file twice")
    return roles


def _campaign(table: dict, index: int) -> CampaignSetup:
    name = _name(table, f"campaign {index}")
    place = f'campaign "{name}"'
    _keys(table, place, ("name", "description", "inside", "lead", "pmo"))
    campaign = CampaignSetup(name)
    if "description" in table:
        campaign.description = _text(table["description"], place, "description", single_line=False)
    if "inside" in table:
        campaign.inside = _text(table["inside"], place, "inside", required=False)
        if campaign.inside and campaign.inside.casefold() == name.casefold():
            raise SetupFileError(f"{place}: inside: a campaign cannot be inside itself")
    for key in ("lead", "pmo"):
        if key in table:
            handle = _text(table[key], place, key, required=False)
            if handle:
                try:
                    handle = check_handle(handle)
                except ValueError as error:
                    raise SetupFileError(f"{place}: {key}: {error}") from None
            setattr(campaign, key, handle)
    return campaign


def _project(table: dict, index: int) -> ProjectSetup:
    name = _name(table, f"project {index}")
    place = f'project "{name}"'
    _keys(table, place, ("name", "description", "campaign", "stage"))
    project = ProjectSetup(name)
    if "description" in table:
        project.description = _text(table["description"], place, "description", single_line=False)
    if "campaign" in table:
        project.campaign = _text(table["campaign"], place, "campaign")
    for number, stage in enumerate(_tables(table, "stage", place), start=1):
        project.stages.append(_stage(stage, name, number))
    _unique([s.name for s in project.stages], lambda stage: stage_place(stage, name), "is in the file twice")
    return project


def _stage(table: dict, project: str, number: int) -> StageSetup:
    name = _name(table, f'stage {number} of project "{project}"')
    place = stage_place(name, project)
    _keys(table, place, ("name", "category", "wip_limit", "criteria", "gate"))
    if len(name) > 60:
        raise SetupFileError(f"{place}: the name is longer than 60 characters")
    stage = StageSetup(name)
    if "category" in table:
        category = table["category"]
        if category not in STAGE_CATEGORIES:
            raise SetupFileError(f"{place}: category {_show(category)} is not one of {', '.join(STAGE_CATEGORIES)}")
        stage.category = category
    if "wip_limit" in table:
        limit = table["wip_limit"]
        if type(limit) is not int or limit < 0:
            raise SetupFileError(f"{place}: wip_limit {_show(limit)} is not a whole number >= 0 (0: no limit)")
        stage.wip_limit = limit
    if "criteria" in table:
        criteria = table["criteria"]
        if not isinstance(criteria, list) or not all(isinstance(c, str) for c in criteria):
            raise SetupFileError(f"{place}: criteria must be a list of texts")
        stage.criteria = [clean_line(c) for c in criteria]
        for position, text in enumerate(stage.criteria, start=1):
            if not text:
                raise SetupFileError(f"{place}: criterion {position} is empty")
            if len(text) > MAX_CRITERION:
                raise SetupFileError(f"{place}: criterion {position} is longer than {MAX_CRITERION} characters")
    if "gate" in table:
        stage.gate = _text(table["gate"], place, "gate", required=False)
    return stage


def _person(table: dict, index: int) -> PersonSetup:
    if not isinstance(table.get("handle"), str) or not table["handle"].strip():
        raise SetupFileError(f"person {index}: handle is missing")
    try:
        handle = check_handle(table["handle"])
    except ValueError as error:
        raise SetupFileError(f"person {index}: handle {_show(table['handle'])}: {error}") from None
    place = person_place(handle)
    _keys(table, place, ("handle", *PERSON_KEYS, "roles"))
    fields = {key: table[key] for key in PERSON_KEYS if key in table}
    if "active" in fields and not isinstance(fields["active"], bool):
        raise SetupFileError(f"{place}: active must be true or false")
    if "availability" in fields and type(fields["availability"]) is not int:
        raise SetupFileError(f"{place}: availability {_show(fields['availability'])} is not a whole number")
    if "days_off" in fields:
        if not isinstance(fields["days_off"], list):
            raise SetupFileError(f"{place}: days_off must be a list")
        try:
            fields["days_off"] = check_days_off(fields["days_off"])
        except ValueError as error:
            raise SetupFileError(f"{place}: days_off: {error}") from None
    checked = _model(PersonUpdate, {k: v for k, v in fields.items() if k != "active"}, place)
    fields.update({key: getattr(checked, key) for key in fields if key != "active"})
    roles = None
    if "roles" in table:
        given = table["roles"]
        if not isinstance(given, dict) or not all(
                isinstance(names, list) and all(isinstance(n, str) and n.strip() for n in names)
                for names in given.values()):
            raise SetupFileError(f'{place}: roles must be a table of project = ["role", ...]')
        roles = {project: [n.strip() for n in names] for project, names in given.items()}
    return PersonSetup(handle, fields, roles)


# --- writing -------------------------------------------------------------------------------------


def render_setup(data: SetupData) -> str:
    """The file for ``data`` (what the store exported: every field given)."""
    doc: dict[str, Any] = {}
    if data.time_zone:
        doc["workspace"] = {"time_zone": data.time_zone}
    doc["role"] = [{"name": r.name, **({"code": r.code} if r.code else {})} for r in data.roles]
    doc["campaign"] = []
    for campaign in data.campaigns:
        entry = {"name": campaign.name}
        for key in ("description", "inside", "lead", "pmo"):
            if getattr(campaign, key):
                entry[key] = getattr(campaign, key)
        doc["campaign"].append(entry)
    doc["project"] = []
    for project in data.projects:
        entry: dict[str, Any] = {"name": project.name}
        if project.campaign:
            entry["campaign"] = project.campaign
        if project.description:
            entry["description"] = project.description
        entry["stage"] = [_stage_doc(stage) for stage in project.stages]
        doc["project"].append(entry)
    doc["person"] = []
    for person in data.people:
        entry = {"handle": person.handle, **{k: person.fields[k] for k in PERSON_KEYS if k in person.fields}}
        if person.roles:
            entry["roles"] = person.roles
        doc["person"].append(entry)
    header = ("# Cockpit setup: cockpit import setup FILE --db WORKSPACE adds or updates what this file names\n"
              "# (campaigns, projects, stages and roles by name, people by handle) and never deletes anything.\n\n")
    return header + tomli_w.dumps({k: v for k, v in doc.items() if v}, multiline_strings=False)


def _stage_doc(stage: StageSetup) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": stage.name}
    if stage.category is not None:
        entry["category"] = stage.category
    if stage.wip_limit is not None:
        entry["wip_limit"] = stage.wip_limit
    if stage.criteria is not None:
        entry["criteria"] = stage.criteria
    if stage.gate:
        entry["gate"] = stage.gate
    return entry


# --- helpers -------------------------------------------------------------------------------------


def _show(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _keys(table: dict, place: str, allowed: tuple[str, ...]) -> None:
    for key in table:
        if key not in allowed:
            raise SetupFileError(f"{place}: unknown key {_show(key)} (expected: {', '.join(allowed)})")


def _tables(raw: dict, key: str, place: str = "the file") -> list[dict]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        raise SetupFileError(f"{place}: {key} must be written as [[{key}]] tables")
    return value


def _name(table: dict, place: str) -> str:
    name = table.get("name")
    if not isinstance(name, str) or not clean_line(name):
        raise SetupFileError(f"{place}: name is missing")
    return clean_line(name)


def _text(value: Any, place: str, key: str, *, single_line: bool = True, required: bool = True) -> str:
    if not isinstance(value, str):
        raise SetupFileError(f"{place}: {key} must be a text")
    text = clean_line(value) if single_line else value
    if required and not text:
        raise SetupFileError(f"{place}: {key} is empty")
    return text


def _zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SetupFileError(f'workspace: time_zone "{name}" is not a known time zone '
                             "(an IANA name such as Europe/Berlin)") from None
    return name


def _model(model: type, values: dict, place: str) -> Any:
    try:
        return model.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "value"
        raise SetupFileError(f"{place}: {where}: {first['msg']}") from None


def _unique(values: list[str], place, problem: str) -> None:  # noqa: ANN001
    seen: set[str] = set()
    for value in values:
        if value.casefold() in seen:
            raise SetupFileError(f"{place(value)}: {problem}")
        seen.add(value.casefold())
