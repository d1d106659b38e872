"""A plan's document type entry (tên loại, abbreviation) and its ký hiệu (e.g. KH-UBND, KH/ĐUK)."""
from __future__ import annotations

from .model import Plan
from .profile import Section
from .vnformat import number_text


def document_type(plan: Plan, profile: Section) -> Section:
    """The plan's type (name = tên loại, abbreviation, running_name) from its type folder, or a clear
    error (see :mod:`vbgen.types`)."""
    from .types import type_of

    return type_of(plan).entry(plan.rules)


def symbol(plan: Plan, profile: Section) -> str:
    """Ký hiệu: 'KH-UBND' (state) or 'KH/ĐUK' (Party), unless the plan gives its own."""
    if plan.symbol:
        return plan.symbol
    kind = document_type(plan, profile)
    if not kind.abbreviation:
        return plan.issuer.abbreviation
    return profile.header.symbol_format.format(type=kind.abbreviation, issuer=plan.issuer.abbreviation)


def number_symbol(plan: Plan, profile: Section) -> str:
    """Số and ký hiệu as cited in running text: '21/KH-UBND' (state), '21-KH/TU' (Party)."""
    number_format = profile.header.number.format
    return number_format[number_format.index("{number}"):].format(
        number=number_text(plan.number, draft="").strip(), symbol=symbol(plan, profile))
