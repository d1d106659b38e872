"""The unit file (kế hoạch của cấp dưới): what a lower body writes to derive its plan from its parent's.

A unit file is a plan YAML with a top-level ``parent:`` key and only the unit's own data::

    parent: ke-hoach-tinh.yaml        # the parent plan (kế hoạch cấp trên), relative to this file
    issuer: {name: "ỦY BAN NHÂN DÂN\\nHUYỆN CHỢ ĐỒN", abbreviation: UBND, level: district}
    place: Chợ Đồn
    date: 2025-01-24                  # or leave it out (a draft) and give year:
    signature: {collective: ỦY BAN NHÂN DÂN, mode: KT, on_behalf_of: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: …}
    recipients: [Các cơ quan, đơn vị thuộc UBND huyện, UBND các xã, thị trấn]
    archive: VT, VP
    lead_days: 5                      # report deadlines move this many days earlier (thời hạn báo cáo)
    changes:
      targets: {override: [{id: …, value: 90}], drop: [ids], add: [{dash: …, id: …}]}
      tasks: {drop: [ids], add: [{dash: …, under: …}]}
      replace: [{find: "exact parent text", with: "the unit's text"}]
      glossary: [{find: "Sở Văn hóa", with: "Phòng Văn hóa - Thông tin"}]   # added to the shipped ones

Other keys: ``rules`` / ``type`` (default: the parent's), ``symbol``, ``title`` and ``opening`` (default:
derived from the parent), ``keep_parent_basis`` (carry the parent's căn cứ lines), ``basis``,
``addressees``, ``closing``, ``layout``, ``glossaries`` (names of shipped glossaries to use instead of the
one picked by the two levels), ``unmatched: warning`` (a replace/glossary entry that matches nothing is
then a warning, not an error).

Loading it (:func:`load_unit`) validates it with pydantic (unknown keys are errors) and reports the
first problem as ``file:line: field: message``, like :mod:`vbgen.loader`.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Optional, Union

from pydantic import Field, model_validator

from ..errors import VbgenError
from ..i18n import _
from ..loader import field_path, validate_as
from ..model import Issuer, Layout, Node, NonEmpty, Note, RuleSet, Signature, Strict
from ..yamlio import line_of, read_yaml


class UnitIssuer(Issuer):
    """The unit's cơ quan ban hành; ``level`` is required (it picks the glossaries)."""

    level: Literal["central", "province", "district", "commune", "unit"]


class GlossaryEntry(Strict):
    """One replacement the unit adds (find → with), on word boundaries, keeping capitalisation."""

    find: NonEmpty
    with_: str = Field(alias="with")

    model_config = Strict.model_config | {"populate_by_name": True}


class TextReplacement(Strict):
    """Replace an exact piece of the parent's text (thay đoạn văn) with the unit's own."""

    find: NonEmpty
    with_: str = Field(alias="with")

    model_config = Strict.model_config | {"populate_by_name": True}


class Override(Strict):
    """New values for a target or task of the parent, found by its ``id``; unset fields are kept."""

    id: str
    section: Optional[str] = None
    item: Optional[str] = None
    dash: Optional[str] = None
    plus: Optional[str] = None
    text: Optional[str] = None
    label: Optional[str] = None
    lead: Optional[str] = None
    support: Optional[list[str]] = None
    deadline: Optional[str] = None
    value: Optional[Union[int, float]] = None
    unit: Optional[str] = None


class Addition(Node):
    """A new target or task (chỉ tiêu / nhiệm vụ bổ sung).

    Placed ``after`` or ``before`` the body node with that id (or the section with that heading), or at
    the end of the section named by ``under``; with none, after the parent's last target (for targets)
    or last task (for tasks).
    """

    after: Optional[str] = None
    before: Optional[str] = None
    under: Optional[str] = None

    @model_validator(mode="after")
    def _one_place(self) -> "Addition":
        if sum(1 for place in (self.after, self.before, self.under) if place) > 1:
            raise ValueError(str(_("give only one of 'after', 'before' or 'under'")))
        return self

    def as_node(self, role: Optional[str]) -> Node:
        data = self.model_dump(exclude={"after", "before", "under"}, exclude_defaults=True)
        if role:
            data["role"] = role
        return Node.model_validate(data)


class SectionAddition(Addition):
    """A section of the unit's own (mục bổ sung: "KINH PHÍ THỰC HIỆN"), with its ``items``.

    With no place it ends the body as a new top-level section; ``after`` / ``before`` a section (by id
    or heading) it sits beside it; ``under`` a section it is that section's last sub-section.
    """

    @model_validator(mode="after")
    def _is_section(self) -> "SectionAddition":
        if self.section is None:
            raise ValueError(str(_("an added section needs 'section:' (its heading) and its 'items'")))
        return self


class SectionChanges(Strict):
    """Mục: drop the parent's sections (by id or heading) or add the unit's own."""

    drop: list[NonEmpty] = Field(default_factory=list)
    add: list[SectionAddition] = Field(default_factory=list)


class TargetChanges(Strict):
    """Chỉ tiêu: override, drop or add."""

    override: list[Override] = Field(default_factory=list)
    drop: list[str] = Field(default_factory=list)
    add: list[Addition] = Field(default_factory=list)


class TaskChanges(Strict):
    """Nhiệm vụ: override, drop or add."""

    override: list[Override] = Field(default_factory=list)
    drop: list[str] = Field(default_factory=list)
    add: list[Addition] = Field(default_factory=list)


class Changes(Strict):
    """What the unit changes in the parent's content."""

    sections: SectionChanges = Field(default_factory=SectionChanges)
    targets: TargetChanges = Field(default_factory=TargetChanges)
    tasks: TaskChanges = Field(default_factory=TaskChanges)
    replace: list[TextReplacement] = Field(default_factory=list)
    glossary: list[GlossaryEntry] = Field(default_factory=list)


class Unit(Strict):
    """A unit file: the parent plan's path plus the unit's own data and its changes."""

    parent: NonEmpty
    rules: Optional[RuleSet] = None
    type: Optional[str] = None
    issuer: UnitIssuer
    number: Optional[Union[int, str]] = None
    symbol: Optional[str] = None
    place: NonEmpty
    date: Optional[_dt.date] = None
    year: Optional[int] = None
    title: Optional[str] = None
    opening: list[str] = Field(default_factory=list)
    keep_parent_basis: bool = False
    basis: list[str] = Field(default_factory=list)
    addressees: list[str] = Field(default_factory=list)
    closing: Optional[str] = None
    signature: Signature
    recipients: list[Union[str, Note]] = Field(default_factory=list)
    archive: NonEmpty
    layout: Optional[Layout] = None
    lead_days: int = Field(default=5, ge=0, le=60)
    glossaries: Optional[list[str]] = None
    unmatched: Literal["error", "warning"] = "error"
    changes: Changes = Field(default_factory=Changes)

    @model_validator(mode="before")
    @classmethod
    def _one_or_many(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in ("opening", "basis", "addressees"):
                if isinstance(data.get(key), str):
                    data = dict(data)
                    data[key] = [data[key]]
        return data


@dataclass
class UnitFile:
    """A validated unit with where it came from (for file:line messages)."""

    unit: Unit
    path: Path
    data: Any

    def line(self, *loc: Any) -> Optional[int]:
        """The line of ``loc`` (e.g. ``("changes", "tasks", "drop", 0)``) in the unit file."""
        return line_of(self.data, loc)

    def error(self, message: str, *loc: Any) -> VbgenError:
        """A VbgenError pointing at ``loc`` in this file."""
        return VbgenError(message, file=str(self.path), line=self.line(*loc), field=field_path(loc))

    @property
    def parent_path(self) -> Path:
        return (self.path.parent / self.unit.parent).resolve()


def is_unit_data(data: Any) -> bool:
    """True when YAML data is a unit file (its top level has ``parent:``)."""
    return isinstance(data, dict) and "parent" in data


def validate_unit(data: Any, path: str | Path) -> UnitFile:
    """Validate YAML ``data`` read from ``path`` as a unit file."""
    unit = validate_as(Unit, data, path, "a unit file (parent:, issuer: …)")
    return UnitFile(unit=unit, path=Path(path), data=data)


def load_unit(path: str | Path) -> UnitFile:
    """Read and validate a unit file."""
    return validate_unit(read_yaml(path), path)
