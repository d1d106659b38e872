"""The schema of a type's ``type.yaml``: what a developer writes to declare a document type."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..i18n import N_

#: The parts a type can have (what ``blocks:`` lists). Checked against a plan's fields.
#: The descriptions are marked for translation: show them with ``gettext``.
BLOCKS = {
    "authority": N_("thẩm quyền ban hành line above the căn cứ (Quyết định)"),
    "basis": N_("căn cứ ban hành (italic lines)"),
    "opening": N_("opening paragraphs"),
    "addressees": N_("Kính gửi (Party: also Đồng kính gửi)"),
    "decision": N_('the "QUYẾT ĐỊNH:" line between căn cứ and the articles'),
    "articles": N_("Điều 1, 2, 3 … (body entries numbered as articles)"),
    "body": N_("nội dung: numbered sections I., 1., a) …"),
    "closing": N_("closing sentence"),
    "appendices": N_("phụ lục (task tables on their own pages)"),
}
Block = Literal["authority", "basis", "opening", "addressees", "decision", "articles", "body", "closing",
                "appendices"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Subject(_Strict):
    """Công văn trích yếu under the Số (ô 5b): prefix ("V/v "), size, italic."""

    prefix: str = ""
    size: float = 12
    italic: bool = False


class Defaults(_Strict):
    """What the type adds when the plan leaves it out.

    ``recipients_first``: first Nơi nhận line ("Như Điều {last_article}" for a Quyết định);
    ``recipients_first_with_addressees``: first Nơi nhận line when there is a Kính gửi ("Như trên").
    """

    recipients_first: Optional[str] = None
    recipients_first_with_addressees: Optional[str] = None


class RuleOverride(_Strict):
    """What differs under one rule set (``rules: {party: …}``); unset keys keep the type's value."""

    type_name: Optional[str] = None
    running_name: Optional[str] = None
    abbreviation: Optional[str] = None
    decision_line: Optional[str] = None
    subject: Optional[Subject] = None
    defaults: Optional[Defaults] = None
    source: Optional[str] = None
    profile: dict[str, Any] = Field(default_factory=dict)
    wording: dict[str, Any] = Field(default_factory=dict)


class TypeSpec(_Strict):
    """A document type (loại văn bản) as declared in ``type.yaml``."""

    description: str = ""
    type_name: Optional[str] = Field(None, description="tên loại, e.g. KẾ HOẠCH (none for a công văn)")
    running_name: str = Field(min_length=1, description="the type in running text, e.g. Kế hoạch")
    abbreviation: Optional[str] = Field(None, description="in the ký hiệu, e.g. KH (none: issuer only)")
    title_form: Literal["named", "subject"] = "named"
    blocks: list[Block] = Field(default_factory=lambda: ["basis", "opening", "body", "closing", "appendices"])
    decision_line: Optional[str] = None
    subject: Optional[Subject] = None
    defaults: Defaults = Field(default_factory=Defaults)
    source: Optional[str] = None
    profile: dict[str, Any] = Field(default_factory=dict)
    wording: dict[str, Any] = Field(default_factory=dict)
    rules: dict[Literal["state", "party"], RuleOverride] = Field(default_factory=dict)


def deep_merge(base: dict, extra: dict) -> dict:
    """``base`` with ``extra`` laid over it (nested dicts merged, anything else replaced)."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def for_rules(spec: TypeSpec, rules: str) -> dict:
    """The type's values under ``rules``: the type's own, with that rule set's overrides laid over."""
    data = spec.model_dump(exclude={"rules"})
    override = spec.rules.get(rules)
    if override is not None:
        for key in override.model_fields_set:
            value = getattr(override, key)
            if key in ("profile", "wording"):
                data[key] = deep_merge(data[key], value)
            elif key == "defaults":
                data[key] = {**data[key], **value.model_dump(exclude_unset=True)}
            else:
                data[key] = value.model_dump() if isinstance(value, BaseModel) else value
    return data
