"""The plan data model (validated with pydantic).

A *plan* (Kế hoạch) is what a clerk writes in YAML. The same model is meant to carry the other
document types later (Báo cáo, Quyết định, Công văn): ``type`` picks the template.

Vietnamese terms, one English name each:

==================  =======================================
``issuer``          cơ quan ban hành (+ ``parent``: cơ quan chủ quản / cấp trên)
``number``          số (absent: a draft, the number is left blank)
``symbol``          ký hiệu (computed from type and issuer unless given)
``place``, ``date`` địa danh, ngày tháng năm
``title``           trích yếu
``basis``           căn cứ ban hành (italic lines ending ";" / ".")
``opening``         opening paragraphs ("Thực hiện …, … ban hành Kế hoạch … như sau:")
``addressees``      Kính gửi; ``co_addressees``: Đồng kính gửi (Party)
``body``            nội dung: nested sections (mục, khoản, điểm), dash/plus items, paragraphs
``closing``         closing sentence ("Trên đây là Kế hoạch …")
``signature``       quyền hạn, chức vụ, họ tên người ký
``recipients``      Nơi nhận; ``archive``: the Lưu line
``appendices``      phụ lục (task tables)
==================  =======================================
"""
from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .i18n import _

RuleSet = Literal["state", "party"]
Level = Literal["central", "province", "district", "commune", "unit"]
SigningMode = Literal["KT", "TL", "TUQ", "Q"]
BODY_KINDS = ("section", "item", "dash", "plus", "text", "table")

NonEmpty = Annotated[str, Field(min_length=1)]
"""Text that must be filled in (an empty or blank value is an error, not a silent blank)."""


class Strict(BaseModel):
    """Base: unknown keys are errors (a misspelt key must not vanish silently)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Issuer(Strict):
    """Cơ quan ban hành.

    ``name`` is the header text (upper case; a newline splits it over lines, e.g.
    "ỦY BAN NHÂN DÂN\\nTỈNH BẮC KẠN"); ``parent`` is the cơ quan chủ quản (state) or the
    cấp trên (Party) printed above it, not bold. ``full_name`` is the name used in running
    text ("Ủy ban nhân dân tỉnh Bắc Kạn"). ``abbreviation`` goes into the ký hiệu.
    """

    name: NonEmpty
    abbreviation: NonEmpty
    parent: Optional[str] = None
    full_name: Optional[str] = None
    short_name: Optional[str] = None
    level: Optional[Level] = None
    area: Optional[str] = None

    @property
    def running_name(self) -> str:
        """Name in running text: full_name, else the header name in one line."""
        return self.full_name or " ".join(self.name.split())


class Signature(Strict):
    """Quyền hạn, chức vụ và họ tên người ký.

    Rendered top to bottom: [TM. ``collective``] [``mode``. ``on_behalf_of``] ``title``,
    then space for the signature and seal, then ``name``. The profile spells the prefixes
    (state "TM." / "KT."; Party "T/M" / "K/T").
    """

    name: NonEmpty
    title: Optional[str] = None
    collective: Optional[str] = None
    mode: Optional[SigningMode] = None
    on_behalf_of: Optional[str] = None

    @model_validator(mode="after")
    def _mode_needs_head(self) -> "Signature":
        if self.mode and not self.on_behalf_of:
            raise ValueError(str(_("'mode' needs 'on_behalf_of' (the head's title, e.g. CHỦ TỊCH)")))
        if not (self.title or self.collective or self.on_behalf_of):
            raise ValueError(str(_("give at least 'title' (e.g. CHỦ TỊCH) or 'collective'")))
        return self


class AppendixRow(Strict):
    """A row of a phụ lục table: a group heading (``group``, numbered I, II …) or a task."""

    group: Optional[str] = None
    rows: list["AppendixRow"] = Field(default_factory=list)
    content: Optional[str] = None
    lead: Optional[str] = None
    support: Optional[str] = None
    deadline: Optional[str] = None
    result: Optional[str] = None
    note: Optional[str] = None

    @model_validator(mode="after")
    def _group_or_content(self) -> "AppendixRow":
        if (self.group is None) == (self.content is None):
            raise ValueError(str(_("a row needs either 'group' (with 'rows') or 'content'")))
        if self.rows and self.group is None:
            raise ValueError(str(_("only a 'group' row can have 'rows'")))
        return self


AppendixRow.model_rebuild()

Column = Literal["stt", "content", "lead", "support", "deadline", "result", "note"]


class TaskTable(Strict):
    """A task table (bảng nhiệm vụ): STT, nội dung, chủ trì, phối hợp, thời gian … by default.

    Group rows are numbered I, II …; rows within a group 1, 2 …. ``labels`` renames column
    headings (e.g. ``support: Thực hiện``).
    """

    columns: list[Column] = Field(default_factory=lambda: ["stt", "content", "lead", "support", "deadline"])
    labels: dict[str, str] = Field(default_factory=dict)
    rows: list[AppendixRow] = Field(default_factory=list)


class Node(Strict):
    """One piece of the body.

    Exactly one of these keys says what it is:

    - ``section``: a numbered heading (mục "I.", khoản "1.", then "a)" or "1.1."), children in ``items``;
    - ``item``: a numbered paragraph without a title (khoản/điểm written as running text);
    - ``dash`` / ``plus``: a "- …" / "+ …" item;
    - ``text``: a plain paragraph;
    - ``table``: a task table inside the body (columns and rows as in a phụ lục).

    ``label`` is a bold run-in label before the text ("Thời gian:"). Inline ``**bold**`` and
    ``*italic*`` are allowed in text. ``role`` marks targets (chỉ tiêu) and tasks (nhiệm vụ),
    which derivation and appendix tables use; tasks carry ``lead`` (chủ trì), ``support``
    (phối hợp) and ``deadline`` (thời gian). A target may carry a number in ``value`` (with
    ``unit``) that replaces ``{value}`` in its text, formatted the Vietnamese way.
    """

    section: Optional[str] = None
    item: Optional[str] = None
    dash: Optional[str] = None
    plus: Optional[str] = None
    text: Optional[str] = None
    table: Optional[TaskTable] = None
    label: Optional[str] = None
    id: Optional[str] = None
    role: Optional[Literal["target", "task"]] = None
    lead: Optional[str] = None
    support: list[str] = Field(default_factory=list)
    deadline: Optional[str] = None
    value: Optional[Union[int, float]] = None
    unit: Optional[str] = None
    numbering: Literal["default", "decimal"] = "default"
    items: list["Node"] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):  # a bare string is a plain paragraph
            return {"text": data}
        return data

    @model_validator(mode="after")
    def _one_kind(self) -> "Node":
        kinds = [k for k in BODY_KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            found = ", ".join(kinds) or str(_("none"))
            raise ValueError(_("each body entry needs exactly one of {kinds} (found: {found})").format(
                kinds=", ".join(BODY_KINDS), found=found))
        if self.items and self.kind in ("text", "table"):
            raise ValueError(_("a '{kind}' cannot have 'items'; use 'section' or 'item'").format(kind=self.kind))
        return self

    @property
    def kind(self) -> str:
        return next(k for k in BODY_KINDS if getattr(self, k) is not None)

    @property
    def content(self) -> str:
        """The node's text ('' for a table: its text is in its rows)."""
        return "" if self.kind == "table" else getattr(self, self.kind)

    def walk(self):
        """Yield this node and every node below it, depth first."""
        yield self
        for child in self.items:
            yield from child.walk()


Node.model_rebuild()


class Note(Strict):
    """A line inside Nơi nhận that is not a recipient (e.g. "Gửi bản điện tử:")."""

    note: str


# --- report (issue 9): the phụ lục kinds of a Báo cáo (a target table, charts) ---------------------
Direction = Literal["at_least", "at_most"]
Number = Union[int, float]


class TargetRow(Strict):
    """A row of a target table (bảng chỉ tiêu): Chỉ tiêu, ĐVT, Kế hoạch, Thực hiện [, Cùng kỳ], Ghi chú.

    Tỷ lệ (%) and Đánh giá (Đạt / Không đạt) are computed from ``planned`` and ``actual`` by
    ``direction`` (at_least: actual ≥ planned; at_most: actual ≤ planned) unless ``met`` is given.
    """

    text: NonEmpty
    unit: Optional[str] = None
    planned: Optional[Number] = None
    actual: Optional[Union[Number, str]] = None
    previous: Optional[Union[Number, str]] = None
    direction: Direction = "at_least"
    met: Optional[bool] = None
    note: Optional[str] = None


class TargetTable(Strict):
    """Bảng chỉ tiêu of a Báo cáo; ``previous: true`` adds the Cùng kỳ column."""

    rows: list[TargetRow]
    previous: bool = False


class ChartBar(Strict):
    """One bar of a chart: a label and its value."""

    label: NonEmpty
    value: Number


class Chart(Strict):
    """A horizontal bar chart (biểu đồ), drawn when the document is rendered (matplotlib)."""

    title: NonEmpty
    bars: list[ChartBar] = Field(min_length=1)
    unit: str = "%"
# --- end report (issue 9) -----------------------------------------------------------------------------


class Appendix(TaskTable):
    """Phụ lục: a task table in its own section, numbered on its own pages, landscape by default."""

    title: str
    reference: Optional[str] = None
    landscape: bool = True
    from_tasks: bool = False
    targets: Optional[TargetTable] = None  # report (issue 9)
    charts: list[Chart] = Field(default_factory=list)  # report (issue 9)

    @model_validator(mode="after")
    def _has_rows(self) -> "Appendix":
        if not self.rows and not self.from_tasks and not self.targets and not self.charts:  # report (issue 9)
            raise ValueError(str(_("an appendix needs 'rows', 'from_tasks: true', 'targets' or 'charts'")))
        return self


class Layout(Strict):
    """Per-document choices among the defaults the rules allow ([R]/[U] rules)."""

    margins_mm: Optional[dict[Literal["top", "bottom", "left", "right"], float]] = None
    body_size: Optional[float] = None
    line_spacing: Optional[float] = None
    first_line_indent_cm: Optional[float] = None

# ---------------------------------------------------------------- document types (vbgen.types)
# Fields the document types need: the plan's own templates folder, a Quyết định's thẩm quyền line,
# the Quyết định that issues a plan, and the công văn that sends it out.


class IssuedBy(Strict):
    """The Quyết định ban hành that issues this plan (``issued_by:``): its own number, date, signer.

    Left out, ``title``, ``articles``, ``signature``, ``recipients`` and ``archive`` come from the plan
    and the Quyết định type's wording (templates/quyet-dinh/type.yaml).
    """

    type: str = "quyet-dinh"
    number: Optional[Annotated[int, Field(ge=1)]] = None
    date: Optional[_dt.date] = None
    title: Optional[str] = None
    authority: Optional[str] = None
    basis: list[str] = Field(default_factory=list)
    proposal: Optional[str] = None
    executors: Optional[str] = None
    articles: list[str] = Field(default_factory=list)
    signature: Optional[Signature] = None
    recipients: list[Union[str, Note]] = Field(default_factory=list)
    archive: Optional[str] = None

    @field_validator("basis", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class CoverLetter(Strict):
    """The công văn triển khai that sends this plan out (``cover_letter:``); Kính gửi defaults to the
    bodies the plan gives tasks to (chủ trì and phối hợp)."""

    type: str = "cong-van"
    number: Optional[Annotated[int, Field(ge=1)]] = None
    date: Optional[_dt.date] = None
    unit: Optional[str] = None
    title: Optional[str] = None
    addressees: list[str] = Field(default_factory=list)
    body: list[str] = Field(default_factory=list)
    signature: Optional[Signature] = None
    recipients: list[Union[str, Note]] = Field(default_factory=list)
    archive: Optional[str] = None

# ---------------------------------------------------------------- end of document types block


class Plan(Strict):
    """A document to render: header, body, signature, recipients and appendices."""

    rules: RuleSet
    type: str = "ke-hoach"
    issuer: Issuer
    number: Optional[Union[int, str]] = None
    symbol: Optional[str] = None
    place: NonEmpty
    date: Optional[_dt.date] = None
    year: Optional[int] = None
    title: NonEmpty
    basis: list[str] = Field(default_factory=list)
    opening: list[str] = Field(default_factory=list)
    addressees: list[str] = Field(default_factory=list)
    co_addressees: list[str] = Field(default_factory=list)
    body: list[Node]
    closing: Optional[str] = None
    signature: Signature
    recipients: list[Union[str, Note]] = Field(default_factory=list)
    archive: NonEmpty
    appendices: list[Appendix] = Field(default_factory=list)
    layout: Layout = Field(default_factory=Layout)
    # document types (vbgen.types): see the block above IssuedBy
    templates: Optional[str] = None
    authority: Optional[str] = None
    issued_by: Optional[IssuedBy] = None
    cover_letter: Optional[CoverLetter] = None

    @field_validator("opening", "basis", "addressees", "co_addressees", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("type")
    @classmethod
    def _type_is_a_name(cls, value: str) -> str:
        if re.search(r"[/\\:]|^\.|^\s*$", value):  # a type is looked up by name, never opened as a path
            raise ValueError(str(_("must be the name of a document type (e.g. ke-hoach, bao-cao), not a path")))
        return value

    @field_validator("body")
    @classmethod
    def _body_not_empty(cls, value: list) -> list:
        if not value:
            raise ValueError(str(_("the body is empty; add at least one section or paragraph")))
        return value

    @field_validator("number")
    @classmethod
    def _number_positive(cls, value: Any) -> Any:
        if isinstance(value, int) and value <= 0:
            raise ValueError(str(_("the number must be 1 or more; leave it out for a draft")))
        if isinstance(value, str) and not value.strip().isdigit():
            raise ValueError(str(_("write the number as digits only (e.g. 21); leave it out for a draft")))
        return int(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _checks(self) -> "Plan":
        counts = Counter(n.id for n in self.nodes() if n.id)
        dupes = sorted(i for i, count in counts.items() if count > 1)
        if dupes:
            raise PydanticCustomError("duplicate_id", str(_("duplicate id '{id}'; give every target and task "
                                                            "its own id")), {"id": dupes[0]})
        return self

    @property
    def is_draft(self) -> bool:
        return self.number is None

    @property
    def draft_year(self) -> Optional[int]:
        return self.date.year if self.date else self.year

    def nodes(self):
        """Every body node, depth first."""
        for top in self.body:
            yield from top.walk()


def plan_to_data(plan: Plan) -> dict:
    """A plan as plain data for YAML (defaults left out), in the order a clerk reads it."""
    return plan.model_dump(mode="json", exclude_defaults=True, exclude_none=True)
