"""Load a plan YAML file into a validated :class:`~vbgen.model.Plan`, with file:line errors."""
from __future__ import annotations

import datetime as _dt
import difflib
import re
import typing
from collections import OrderedDict
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import VbgenError, VbgenErrors
from .i18n import N_, _, gettext
from .model import Plan
from .profile import effective_profile
from .types import bind_plan
from .yamlio import line_of, read_yaml

_NOT_A_DATE = N_("is not a date; write it as YYYY-MM-DD, e.g. 2025-01-16")
_GROUP = N_("must be a group of 'key: value' lines")
_FRIENDLY = {  # pydantic's error kinds in a clerk's words (translated when shown)
    "missing": N_("is missing; add it"),
    "extra_forbidden": N_("is not a known key; check its spelling or remove it"),
    "date_from_datetime_parsing": _NOT_A_DATE,
    "date_parsing": _NOT_A_DATE,
    "date_type": _NOT_A_DATE,
    "string_type": N_("must be text"),
    "string_too_short": N_("is empty; fill it in"),
    "list_type": N_("must be a list (lines starting with '- ')"),
    "model_type": _GROUP,
    "model_attributes_type": _GROUP,
    "dict_type": _GROUP,
    "float_type": N_("must be a number"),
    "float_parsing": N_("must be a number"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "bool_type": N_("must be true or false"),
    "bool_parsing": N_("must be true or false"),
}


def field_path(loc: tuple[Any, ...]) -> str:
    """Render a pydantic location as ``body[2].items[0].section``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def _data_loc(data: Any, loc: tuple[Any, ...], error_type: str = "") -> tuple[Any, ...]:
    """The part of a pydantic loc that names data: keys and indexes present in ``data``, plus the
    missing or unknown key itself for those errors (union member names such as 'Note' or
    'constrained-str' are dropped)."""
    kept, node = [], data
    for part in loc:
        if isinstance(node, dict) and part in node:
            kept.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            kept.append(part)
            node = node[part]
        elif isinstance(node, dict) and error_type in ("missing", "extra_forbidden") and part == loc[-1]:
            kept.append(part)
            break
    return tuple(kept)


def _loc_of(field: str) -> tuple[Any, ...]:
    """'body[2].items[0].section' → ('body', 2, 'items', 0, 'section')."""
    loc: list[Any] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field):
        loc.append(int(index) if index else name)
    return tuple(loc)


def _model_at(model: Any, loc: tuple[Any, ...]) -> Any:
    """The pydantic model that holds the keys at data location ``loc`` (None when there is none)."""
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", None)
        if not fields or part not in fields:
            return None
        model = _inner_model(fields[part].annotation)
    return model if hasattr(model, "model_fields") else None


def _inner_model(annotation: Any) -> Any:
    """The model inside ``Optional[list[Model]]``, ``Union[str, Model]`` … (or the annotation itself)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _real_date(value: Any) -> str | None:
    """'30/02/2025' for an impossible 'YYYY-MM-DD' text, else None."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value) if isinstance(value, str) else None
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        _dt.date(year, month, day)
    except ValueError:
        return f"{day:02d}/{month:02d}/{year}"
    return None


def _message(err: dict) -> str:
    """The clerk's words for one pydantic error."""
    kind, value = err["type"], err.get("input")
    if kind.startswith("date"):
        impossible = _real_date(value)
        if impossible:
            return _("{date} is not a real date; write a date that exists, as YYYY-MM-DD").format(
                date=impossible)
    if (value is None and kind in _EMPTY_TYPES) or kind == "string_too_short":
        return gettext(_FRIENDLY["string_too_short"])
    if kind == "literal_error" and "expected" in (err.get("ctx") or {}):
        return _("must be {choices}").format(choices=err["ctx"]["expected"])
    if kind in _FRIENDLY:
        return gettext(_FRIENDLY[kind])
    return err["msg"].replace("Value error, ", "")


_EMPTY_TYPES = {"string_type", "list_type", "model_type", "model_attributes_type", "dict_type", "int_type",
                "float_type", "date_type", "literal_error"}
"""Error kinds that, for a key written with nothing after it, mean the value is empty."""


def _duplicate_ids(data: Any, path: str | Path) -> list[VbgenError]:
    """Every body id used a second time, naming both lines (one pass, a dict of first uses)."""
    first: dict[str, tuple[Any, ...]] = {}
    problems = []
    stack = [(("body", i), node) for i, node in enumerate(data.get("body") or [])] \
        if isinstance(data.get("body"), list) else []
    stack.reverse()
    while stack:
        loc, node = stack.pop()
        if not isinstance(node, dict):
            continue
        ident = node.get("id")
        if isinstance(ident, (str, int)) and not isinstance(ident, bool):
            if str(ident) in first:
                problems.append(VbgenError(
                    _("duplicate id '{id}' (first used on line {line}); give every target and task its "
                      "own id").format(id=ident, line=line_of(data, first[str(ident)])), file=str(path),
                    line=line_of(data, loc + ("id",)), field=field_path(loc + ("id",))))
            else:
                first[str(ident)] = loc + ("id",)
        items = node.get("items")
        if isinstance(items, list):
            stack.extend(reversed([(loc + ("items", i), child) for i, child in enumerate(items)]))
    return problems


def errors_from_validation(exc: ValidationError, data: Any, path: str | Path,
                           model: Any = None) -> list[VbgenError]:
    """Every validation error as a clerk-readable VbgenError (file:line: field: what to do), one per
    place, sorted by line: a misspelt key is named with "did you mean …?" instead of reporting the
    key it should have been as missing."""
    found: dict[tuple[Any, ...], dict] = {}
    for err in exc.errors(include_url=False):
        if err["type"] == "duplicate_id":
            continue  # reported from the data, with both lines
        loc = _data_loc(data, tuple(err["loc"]), err["type"])
        found.setdefault(loc, err)
    # a place with a more specific error below it (a union member's own keys) is left out
    above = {loc[:k] for loc in found for k in range(len(loc))}
    places = [loc for loc in found if loc not in above]
    missing_in: dict[tuple[Any, ...], list[str]] = {}
    for loc in places:
        if found[loc]["type"] == "missing":
            missing_in.setdefault(loc[:-1], []).append(str(loc[-1]))
    misspelt: dict[tuple[Any, ...], str] = {}
    for loc in places:
        if found[loc]["type"] == "extra_forbidden" and model is not None:
            owner = _model_at(model, loc[:-1])
            missing = missing_in.get(loc[:-1], [])
            known = list(owner.model_fields) if owner else []
            match = difflib.get_close_matches(str(loc[-1]), missing, n=1, cutoff=0.6) or \
                difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.75)
            if match:
                misspelt[loc] = match[0]
    replaced = {loc[:-1] + (name,) for loc, name in misspelt.items()}
    problems = []
    for loc in places:
        if loc in replaced and found[loc]["type"] == "missing":
            continue
        message = _message(found[loc])
        if loc in misspelt:
            message = _("is not a known key; did you mean {key}?").format(key=misspelt[loc])
        problems.append(VbgenError(message, file=str(path), line=line_of(data, loc), field=field_path(loc)))
    return problems


def error_from_validation(exc: ValidationError, data: Any, path: str | Path, model: Any = None) -> VbgenError:
    """All validation errors as one VbgenError (a :class:`VbgenErrors` when there are several)."""
    problems = errors_from_validation(exc, data, path, model)
    if isinstance(data, dict) and model is not None and "body" in getattr(model, "model_fields", {}):
        problems += _duplicate_ids(data, path)
    return problems[0] if len(problems) == 1 else VbgenErrors(problems)


def plain(data: Any) -> Any:
    """``data`` as plain dicts and lists (pydantic reads ruamel's maps through their Python-level
    ``get``, several times slower); texts, numbers and dates are kept as they are."""
    if isinstance(data, dict):
        items = OrderedDict.items(data) if isinstance(data, OrderedDict) else data.items()
        return {key: plain(value) for key, value in items}
    if isinstance(data, list):
        return [plain(value) for value in data]
    return data


def validate_as(model: type, data: Any, path: str | Path, what: str):
    """Validate YAML ``data`` read from ``path`` as pydantic ``model``; ``what`` names the file kind
    and its first keys for the message when the top level is not a mapping. Every problem is reported
    at once (a :class:`VbgenErrors`, sorted by line)."""
    if data is None:
        raise VbgenError(_("the file is empty; write {what} in it").format(what=what), file=str(path), line=1)
    if not isinstance(data, dict):
        raise VbgenError(_("{what} must be a group of 'key: value' lines").format(what=what),
                         file=str(path), line=1)
    try:
        return model.model_validate(plain(data))
    except ValidationError as exc:
        raise error_from_validation(exc, data, path, model) from None


def validate_plan(data: Any, path: str | Path) -> Plan:
    """Validate YAML ``data`` (read from ``path``) as a Plan."""
    plan = validate_as(Plan, data, path, _("a plan (rules:, issuer:, body: …)"))
    try:  # what only the rule profile and the templates can say: report it with its line too
        effective_profile(plan)
        bind_plan(plan, path)  # the type (templates: resolved against the plan file) fits the plan
    except VbgenError as exc:
        exc.file = exc.file or str(path)
        exc.line = exc.line or (line_of(data, _loc_of(exc.field)) if exc.field else None)
        raise
    return plan


def load_plan(path: str | Path) -> Plan:
    """Read and validate a plan YAML file (not a unit file: see :func:`vbgen.sources.open_plan`).
    Raises VbgenError with file:line on any problem."""
    return validate_plan(read_yaml(path), path)
