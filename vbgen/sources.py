"""The opener: decides what an input is and returns it as a validated Plan.

A report YAML (``report_on:``) becomes the Plan of its Báo cáo through :mod:`vbgen.report`.

A plan YAML is validated by :mod:`vbgen.loader`; a unit file (one with ``parent:``) is derived from its
parent by :mod:`vbgen.derive`. A Word file (.docx, .docm) given where a plan is expected — a clerk's first
try is the province's .docx — is imported on the fly by :mod:`vbgen.importer`. None of those needs to know
about the others' kinds of input.
"""
from __future__ import annotations

from pathlib import Path

from .derive import load_unit_plan
from .derive.scope import warn_reform
from .errors import VbgenError, warn
from .i18n import _
from .loader import validate_plan
from .model import Plan
from .yamlio import read_yaml

WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")


def is_word_file(path: str | Path) -> bool:
    """Is ``path`` a Word package (by its suffix, or a zip under another name)?"""
    path = Path(path)
    if path.suffix.lower() in WORD_SUFFIXES:
        return True
    if path.suffix.lower() in (".yaml", ".yml") or not path.is_file():
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def open_word_plan(path: str | Path) -> Plan:
    """The Plan a Word file stands for, imported on the fly (warnings name what was guessed).

    Raises VbgenError (one line) when the file is not a Kế hoạch, or when a required field cannot be found:
    then the clerk runs ``vbgen import`` and fills in the named fields."""
    from .importer import imported_plan_data

    _text, data, guessed, missing = imported_plan_data(path)
    if missing:
        raise VbgenError(_("is a Word file; importing it found no {fields}: run 'vbgen import {path}', fill in "
                           "those fields in the YAML it writes, and use that YAML here").format(
                               fields=", ".join(missing), path=path), file=str(path))
    plan = validate_plan(data, path)
    text = _("{path}: a Word file, imported on the fly (guessed, check them: {fields}); to check and keep the plan, "
             "run 'vbgen import {path}' and use the YAML it writes") if guessed else \
        _("{path}: a Word file, imported on the fly; to check and keep the plan, run 'vbgen import {path}' and use "
          "the YAML it writes")
    warn(text.format(path=path, fields=", ".join(guessed)))
    return plan


def open_plan(path: str | Path) -> Plan:
    """The validated Plan that ``path`` stands for: a plan file as written, a unit file's derived plan, or a
    Word file's imported plan.

    Warnings (derivation, the 2025 reform, import guesses) are issued as VbgenWarning. Raises VbgenError
    with file:line.
    """
    if is_word_file(path):
        plan = open_word_plan(path)
        warn_reform(plan, path)
        return plan
    data = read_yaml(path)
    if isinstance(data, dict) and "parent" in data:
        return load_unit_plan(path, data)
    if isinstance(data, dict) and "report_on" in data:  # a Báo cáo on a plan (vbgen.report)
        from .report.toplan import open_report
        return open_report(path, data)
    plan = validate_plan(data, path)
    warn_reform(plan, path)
    return plan
