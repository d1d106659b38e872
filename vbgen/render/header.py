"""The header block (ô 1–4): issuing body, Quốc hiệu/Tiêu ngữ or the Party heading, Số, place and date."""
from __future__ import annotations

from ..docxml import Runs
from ..model import Plan
from ..profile import Section
from .style import cased, font
from ..symbol import document_type, symbol
from ..vnformat import date_line, number_text


def number_line(plan: Plan, profile: Section) -> str:
    """'Số: 21/KH-UBND' (state) or 'Số 21-KH/TU' (Party); a draft leaves the number blank."""
    spec = profile.header.number
    return spec.format.format(number=number_text(plan.number, spec.draft_number), symbol=symbol(plan, profile))


def place_date_line(plan: Plan, profile: Section) -> str:
    """'Bắc Kạn, ngày 16 tháng 01 năm 2025'; a draft without a date leaves day and month blank."""
    spec = profile.header.date
    return date_line(plan.place, plan.date, spec.format, spec.draft_day, spec.draft_month, plan.draft_year)


def header_context(plan: Plan, profile: Section) -> dict:
    """Values for templates/partials/header.docx, formatted from the profile."""
    h = profile.header
    issuer = plan.issuer
    mark = h.issuer_line.mark
    return {
        "issuer_parent": Runs(cased(issuer.parent, h.issuer_parent), font(profile, h.issuer_parent))
        if issuer.parent else Runs(),
        "issuer_name": Runs(cased(issuer.name, h.issuer), font(profile, h.issuer)),
        "issuer_mark": Runs(mark, font(profile, h.issuer)) if mark else Runs(),
        "national_title": Runs(h.national_title.text, font(profile, h.national_title)),
        "motto": Runs(h.motto.text, font(profile, h.motto)) if h.motto else Runs(),
        "number_line": Runs(number_line(plan, profile), font(profile, h.number)),
        "date_line": Runs(place_date_line(plan, profile), font(profile, h.date)),
    }


def title_context(plan: Plan, profile: Section) -> dict:
    """Tên loại and trích yếu (ô 5a) with the Party's dashed line."""
    t = profile.title
    kind = document_type(plan, profile)
    return {
        "type_name": Runs(cased(kind.name or "", t.type_name), font(profile, t.type_name)),
        "title": Runs(plan.title, font(profile, t.summary)),
        "title_line": Runs(t.line.text or "", font(profile, t.summary)),
    }
