"""The opener: decides what an input is and returns it as a validated Plan.

A report YAML (``report_on:``) becomes the Plan of its Báo cáo through :mod:`vbgen.report`.

A plan YAML is validated by :mod:`vbgen.loader`; a unit file (one with ``parent:``) is derived from its
parent by :mod:`vbgen.derive`. Neither of those needs to know about the other's kind of input.
"""
from __future__ import annotations

from pathlib import Path

from .derive import load_unit_plan
from .derive.scope import warn_reform
from .loader import validate_plan
from .model import Plan
from .yamlio import read_yaml


def open_plan(path: str | Path) -> Plan:
    """The validated Plan that ``path`` stands for: a plan file as written, or a unit file's derived plan.

    Warnings (derivation, the 2025 reform) are issued as VbgenWarning. Raises VbgenError with file:line.
    """
    data = read_yaml(path)
    if isinstance(data, dict) and "parent" in data:
        return load_unit_plan(path, data)
    if isinstance(data, dict) and "report_on" in data:  # a Báo cáo on a plan (vbgen.report)
        from .report.toplan import open_report
        return open_report(path, data)
    plan = validate_plan(data, path)
    warn_reform(plan, path)
    return plan
