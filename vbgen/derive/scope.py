"""Scope (phạm vi): areas and levels of issuers, the parent's citation, and the 2025 reform warning.

Area nouns, level words and the reform date are data (``vbgen/glossaries/derivation.yaml``).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from ..symbol import document_type, symbol
from ..i18n import _
from ..model import Plan
from ..profile import load_profile
from ..vnformat import number_text, short_date
from .glossary import derivation_data, fill


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _all_kinds() -> list[str]:
    kinds = {k for ks in derivation_data()["area_kinds"].values() for k in ks}
    return sorted(kinds, key=len, reverse=True)


def area_of(issuer) -> Optional[str]:
    """The issuer's area with its generic noun ("tỉnh Bắc Kạn").

    ``area`` as given when it opens with one ("huyện Chợ Đồn"); else the noun is read from the
    running name ("Ủy ban nhân dân tỉnh Bắc Kạn" + area "Bắc Kạn"), else the first noun of its level.
    """
    area, name = issuer.area, issuer.running_name
    kinds = _all_kinds()
    if area and any(area.lower().startswith(k + " ") for k in kinds):
        return area
    lowered = name.lower()
    for kind in kinds:
        if area:
            if f"{kind} {area}".lower() in lowered:
                return f"{kind} {area}"
        else:
            pos = lowered.rfind(f" {kind} ")
            if pos >= 0:
                return name[pos + 1:]
    level_kinds = derivation_data()["area_kinds"].get(issuer.level or "")
    if area and level_kinds:
        return f"{level_kinds[0]} {area}"
    return area


def area_kind(area: Optional[str], level: Optional[str]) -> Optional[str]:
    """The generic noun opening an area ("huyện" for "huyện Chợ Đồn")."""
    if not area:
        return None
    kinds = derivation_data()["area_kinds"]
    candidates = kinds.get(level) or [k for ks in kinds.values() for k in ks]
    for kind in sorted(candidates, key=len, reverse=True):
        if area.lower().startswith(kind + " "):
            return kind
    return None


def level_of(issuer) -> Optional[str]:
    """The issuer's level: ``level`` if given, else guessed from the kind of its area."""
    if issuer.level:
        return issuer.level
    kind = area_kind(area_of(issuer), None)
    for level, kinds in derivation_data()["area_kinds"].items():
        if kind in kinds:
            return level
    return None


def type_running_name(rules: str, type_key: str, folders=()) -> Optional[str]:
    """The document type in running text (tên loại viết thường: "Kế hoạch"), from the type found along
    the search path (with ``folders``, a plan's own types folder, first); None when there is no such type."""
    from ..errors import VbgenError
    from ..types import find_type

    try:
        return find_type(type_key, folders).entry(rules).running_name
    except VbgenError:
        return None


def citation(plan: Plan) -> str:
    """The parent cited in full: "Kế hoạch số 21/KH-UBND ngày 16/01/2025 của … về …"."""
    profile = load_profile(plan.rules)
    wording = derivation_data()
    number_format = profile.header.number.format
    number_symbol = number_format[number_format.index("{number}"):].format(
        number=number_text(plan.number, draft="").strip(), symbol=symbol(plan, profile))
    date = (short_date(plan.date) if plan.date else
            fill(wording["parent_date_unknown"], {"year": str(plan.draft_year or "")})
            or wording["parent_date_unknown_year"])
    template = "parent_doc" if plan.number is not None else "parent_doc_draft"
    return fill(wording[plan.rules][template], {
        "type": document_type(plan, profile).running_name, "number_symbol": number_symbol,
        "date": date, "parent": plan.issuer.running_name, "title": lower_first(plan.title)})


def reform_warnings(plan: Plan, file: str) -> list[str]:
    """The 2025 reform: a district-level issuer on a plan dated 01/7/2025 or later gets a warning."""
    reform = derivation_data()["reform"]
    when = plan.date or (dt.date(plan.year, 12, 31) if plan.year else None)
    if when is None or when < reform["date"]:
        return []
    header = " ".join(filter(None, [plan.issuer.parent, plan.issuer.name])).upper().split()
    header_text = " " + " ".join(header) + " "
    district = plan.issuer.level == "district" or any(f" {m} " in header_text for m in reform["district_markers"])
    if not district:
        return []
    date = short_date(plan.date) if plan.date else _("in {year}").format(year=plan.year)
    return [_("{file}: warning: the issuer is a district-level body ({issuer}) but the plan is dated {date}: "
              "district-level government ended on {reform_date}; use the province or a commune/ward as "
              "issuer (or date the plan earlier)").format(file=file, issuer=plan.issuer.running_name,
                                                         date=date, reform_date=short_date(reform["date"]))]


def emit_warnings(messages: list[str]) -> None:
    """Issue each message as a VbgenWarning (the CLI prints them on stderr; the command still succeeds)."""
    from ..errors import warn

    for message in messages:
        warn(message)


def warn_reform(plan: Plan, path: str | Path) -> None:
    """Warn (VbgenWarning) about the 2025 reform for an ordinary plan, if it applies."""
    emit_warnings(reform_warnings(plan, str(path)))
