"""A plan's document type entry (tên loại, abbreviation) and its ký hiệu (e.g. KH-UBND, KH/ĐUK)."""
from __future__ import annotations

from .errors import VbgenError
from .model import Plan
from .profile import Section


def document_type(plan: Plan, profile: Section) -> Section:
    """The profile's entry for the plan's ``type`` (name, abbreviation), or a clear error."""
    entry = profile.document_types.get(plan.type) if profile.document_types else None
    if entry is None:
        known = ", ".join(profile.document_types or {})
        raise VbgenError(f"unknown document type {plan.type!r}; use one of: {known}", field="type")
    return entry


def symbol(plan: Plan, profile: Section) -> str:
    """Ký hiệu: 'KH-UBND' (state) or 'KH/ĐUK' (Party), unless the plan gives its own."""
    if plan.symbol:
        return plan.symbol
    kind = document_type(plan, profile)
    if not kind.abbreviation:
        return plan.issuer.abbreviation
    return profile.header.symbol_format.format(type=kind.abbreviation, issuer=plan.issuer.abbreviation)
