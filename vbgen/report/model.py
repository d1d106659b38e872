"""The report YAML (Báo cáo on a plan), validated with pydantic.

One English name per concept:

==================  =======================================================================
``report_on``       the plan reported on (its file, the plan it derives from, its citation)
``period``          kỳ báo cáo ("6 tháng đầu năm 2025")
``addressees``      Kính gửi (state; the body the plan says to report to)
``sections``        the body, I–V, each a heading with editable entries; ``results: true`` marks
                    II. Kết quả thực hiện, where one entry per task is added
``targets``         chỉ tiêu: ``id``, ``text``, ``unit`` (ĐVT), ``planned``, ``direction``, ``actual``
``tasks``           nhiệm vụ: ``id``, ``text``, ``lead``, ``deadline``, ``status``, ``result``
``results``         an Excel sheet (from ``vbgen report --xlsx``) that fills actual/status/result
``previous``        the same unit's report of an earlier period: adds the Cùng kỳ column
``summary``         (roll-up) per target id: reported, met, not_met, missing
==================  =======================================================================
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, Field, field_validator

from ..model import Chart, Direction, Issuer, Layout, Node, NonEmpty, Note, Number, RuleSet, Signature, Strict

Status = Literal["done", "in_progress", "not_started"]


class PlanRef(Strict):
    """The plan reported on: ``file`` (relative to the report), the plan it derives from (``parent``,
    for a unit file) and the plan ``citation`` in full ("Kế hoạch số … ngày … của … về …")."""

    file: NonEmpty
    parent: Optional[str] = None
    citation: NonEmpty
    number_symbol: Optional[str] = None


class ReportTarget(Strict):
    """A target (chỉ tiêu) and what was achieved (``actual``, a number when ``planned`` is one)."""

    id: NonEmpty
    text: NonEmpty
    unit: Optional[str] = None
    planned: Optional[Number] = None
    direction: Direction = "at_least"
    actual: Optional[Union[Number, str]] = None
    met: Optional[bool] = None
    note: Optional[str] = None


class ReportTask(Strict):
    """A task (nhiệm vụ) with its ``status`` (done / in_progress / not_started) and ``result``."""

    id: NonEmpty
    text: NonEmpty
    lead: Optional[str] = None
    deadline: Optional[str] = None
    status: Optional[Status] = None
    result: Optional[str] = None


class ReportSection(Strict):
    """A heading of the report (I–V) and its entries (any body entry: text, dash, item …)."""

    section: NonEmpty
    results: bool = False
    items: list[Node] = Field(default_factory=list)

    @field_validator("items", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value


class UnitSummary(BaseModel):
    """Roll-up figures of one target: the units that reported, met it, did not, and sent nothing."""

    reported: list[str] = Field(default_factory=list)
    met: list[str] = Field(default_factory=list)
    not_met: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    sum: Optional[Number] = None
    mean: Optional[Number] = None


class Report(Strict):
    """A Báo cáo on a plan: header and signature as in a plan, sections I–V, targets and tasks."""

    rules: RuleSet
    type: Literal["bao-cao"] = "bao-cao"
    report_on: PlanRef
    period: NonEmpty
    issuer: Issuer
    number: Optional[Union[int, str]] = None
    symbol: Optional[str] = None
    place: NonEmpty
    date: Optional[_dt.date] = None
    year: Optional[int] = None
    title: NonEmpty
    addressees: list[str] = Field(default_factory=list)
    opening: list[str] = Field(default_factory=list)
    sections: list[ReportSection] = Field(min_length=1)
    closing: Optional[str] = None
    signature: Signature
    recipients: list[Union[str, Note]] = Field(default_factory=list)
    archive: NonEmpty
    targets: list[ReportTarget] = Field(default_factory=list)
    tasks: list[ReportTask] = Field(default_factory=list)
    results: Optional[str] = None
    previous: Optional[str] = None
    units: list[str] = Field(default_factory=list)
    summary: dict[str, UnitSummary] = Field(default_factory=dict)
    charts: list[Chart] = Field(default_factory=list)
    layout: Layout = Field(default_factory=Layout)

    @field_validator("opening", "addressees", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value
