"""Báo cáo (reports) on a plan: the skeleton a unit fills in, and the roll-up into the parent's report.

- :mod:`.model`: the report YAML (``targets:``, ``tasks:``, sections I–V) validated with pydantic;
- :mod:`.skeleton`: a plan → the report skeleton (``vbgen report``);
- :mod:`.toplan`: a report → an ordinary Plan (rendered like any plan by ``vbgen make-plan``);
- :mod:`.excel`: the items as an Excel sheet to fill, and reading it back;
- :mod:`.rollup`: the units' reports → the parent's report (``vbgen rollup``); :mod:`.chart` its charts;
- :mod:`.assess`: a target's rate and verdict.
"""
from __future__ import annotations


def is_report_data(data) -> bool:
    """True when YAML data is a report on a plan (its top level has ``report_on:``)."""
    return isinstance(data, dict) and "report_on" in data
