"""Load a plan YAML file into a validated :class:`~vbgen.model.Plan`, with file:line errors."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import VbgenError
from .model import Plan
from .yamlio import line_of, read_yaml

_FRIENDLY = {
    "missing": "is missing; add it",
    "extra_forbidden": "is not a known key; check its spelling or remove it",
    "literal_error": None,  # pydantic's own text names the allowed values
    "date_from_datetime_parsing": "is not a date; write it as YYYY-MM-DD, e.g. 2025-01-16",
    "date_parsing": "is not a date; write it as YYYY-MM-DD, e.g. 2025-01-16",
    "date_type": "is not a date; write it as YYYY-MM-DD, e.g. 2025-01-16",
    "string_type": "must be text",
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


def _data_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop the parts of a pydantic loc that name union members rather than data keys."""
    kept, node = [], data
    for part in loc:
        if isinstance(node, dict) and part in node:
            kept.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            kept.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part[:1].islower():
            kept.append(part)  # a missing or unknown key: keep it for the message
            node = None
        elif node is None:
            break
    return tuple(kept)


def error_from_validation(exc: ValidationError, data: Any, path: str | Path) -> VbgenError:
    """The first validation error as one clerk-readable VbgenError."""
    errors = exc.errors(include_url=False)
    # The first error in file order; among equals the most specific (a union reports one per member).
    def order(e):
        loc = _data_loc(data, tuple(e["loc"]))
        return (line_of(data, loc) or 0, -len(loc))
    err = min(errors, key=order)
    loc = _data_loc(data, tuple(err["loc"]))
    message = _FRIENDLY.get(err["type"]) or err["msg"].replace("Value error, ", "")
    if err["type"] == "literal_error":
        message = err["msg"].replace("Input should be", "must be")
    return VbgenError(message, file=str(path), line=line_of(data, loc), field=field_path(loc))


def validate_plan(data: Any, path: str | Path) -> Plan:
    """Validate YAML ``data`` (read from ``path``) as a Plan."""
    if not isinstance(data, dict):
        raise VbgenError("a plan must be a group of 'key: value' lines (rules:, issuer:, body: …)",
                         file=str(path), line=1)
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        raise error_from_validation(exc, data, path) from None


def load_plan(path: str | Path) -> Plan:
    """Read and validate a plan file. Raises VbgenError with file:line on any problem."""
    data = read_yaml(path)
    if isinstance(data, dict) and "parent" in data:  # a unit file: derive its plan from the parent's
        from .derive import load_unit_plan
        return load_unit_plan(path)
    plan = validate_plan(data, path)
    from .derive.engine import warn_reform
    warn_reform(plan, path)
    return plan
