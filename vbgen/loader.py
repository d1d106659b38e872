"""Load a plan YAML file into a validated :class:`~vbgen.model.Plan`, with file:line errors."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import VbgenError
from .model import Plan
from .profile import effective_profile
from .types import bind_plan
from .yamlio import line_of, read_yaml

_FRIENDLY = {
    "missing": "is missing; add it",
    "extra_forbidden": "is not a known key; check its spelling or remove it",
    "literal_error": None,  # pydantic's own text names the allowed values
    "date_from_datetime_parsing": "is not a date; write it as YYYY-MM-DD, e.g. 2025-01-16",
    "date_parsing": "is not a date; write it as YYYY-MM-DD, e.g. 2025-01-16",
    "date_type": "is not a date; write it as YYYY-MM-DD, e.g. 2025-01-16",
    "string_type": "must be text",
    "string_too_short": "is empty; fill it in",
    "list_type": "must be a list (lines starting with '- ')",
    "model_type": "must be a group of 'key: value' lines",
    "dict_type": "must be a group of 'key: value' lines",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
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


def error_from_validation(exc: ValidationError, data: Any, path: str | Path) -> VbgenError:
    """The first validation error as one clerk-readable VbgenError."""
    errors = exc.errors(include_url=False)
    # The first error in file order; among equals the most specific (a union reports one per member).
    def order(e):
        loc = _data_loc(data, tuple(e["loc"]), e["type"])
        return (line_of(data, loc) or 0, -len(loc))
    err = min(errors, key=order)
    loc = _data_loc(data, tuple(err["loc"]), err["type"])
    message = _FRIENDLY.get(err["type"]) or err["msg"].replace("Value error, ", "")
    if err["type"] == "literal_error":
        message = err["msg"].replace("Input should be", "must be")
    return VbgenError(message, file=str(path), line=line_of(data, loc), field=field_path(loc))


def validate_as(model: type, data: Any, path: str | Path, what: str):
    """Validate YAML ``data`` read from ``path`` as pydantic ``model``; ``what`` names the file kind
    and its first keys for the message when the top level is not a mapping."""
    if not isinstance(data, dict):
        raise VbgenError(f"{what} must be a group of 'key: value' lines", file=str(path), line=1)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise error_from_validation(exc, data, path) from None


def validate_plan(data: Any, path: str | Path) -> Plan:
    """Validate YAML ``data`` (read from ``path``) as a Plan."""
    plan = validate_as(Plan, data, path, "a plan (rules:, issuer:, body: …)")
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
