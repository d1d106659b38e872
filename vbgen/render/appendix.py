"""Phụ lục: each appendix in its own section (landscape allowed), numbered from 1 on its own pages."""
from __future__ import annotations

from docx.enum.section import WD_SECTION

from .body import node_text
from ..docxml import add_runs, bottom_border, format_paragraph
from ..symbol import document_type, symbol
from ..model import Appendix, AppendixRow, Plan
from .numbering import roman
from .page import centre_line, page_numbers, setup_section, text_width_cm
from .tables import add_task_table
from ..profile import Section
from .style import cased, font
from ..vnformat import number_text, short_date


def reference_line(plan: Plan, profile: Section) -> str:
    """'(Kèm theo Kế hoạch số 21/KH-UBND ngày 16/01/2025 của Ủy ban nhân dân tỉnh Bắc Kạn)'."""
    kind = document_type(plan, profile)
    date = short_date(plan.date) if plan.date else f"     /     /{plan.draft_year or '     '}"
    return profile.appendix.reference.format.format(
        type_name=kind.running_name, number=number_text(plan.number, "      ").strip() or "      ",
        symbol=symbol(plan, profile), date=date, issuer=plan.issuer.running_name)


def task_rows(plan: Plan) -> list[AppendixRow]:
    """Rows built from the body's tasks (nodes with ``role: task``)."""
    return [AppendixRow(content=node_text(n), lead=n.lead, support=", ".join(n.support) or None,
                        deadline=n.deadline)
            for n in plan.nodes() if n.role == "task"]


def add_appendix(doc, plan: Plan, profile: Section, appendix: Appendix, label: str) -> None:
    """Append ``appendix`` in a new section: label, title, reference line, short rule, table."""
    a = profile.appendix
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    setup_section(section, profile, landscape=appendix.landscape)
    page_numbers(section, profile, restart=bool(a.page_numbers_restart))
    lines = [(label, font(profile, a.label)),
             (cased(appendix.title, a.title), font(profile, a.title)),
             (appendix.reference or reference_line(plan, profile), font(profile, a.reference))]
    for text, run_font in lines:
        paragraph = doc.add_paragraph()
        format_paragraph(paragraph, align="center", before_pt=0, after_pt=0, line_spacing=1.0)
        add_runs(paragraph, text, run_font, markup=False)
    rule = doc.add_paragraph()
    format_paragraph(rule, align="center", before_pt=0, after_pt=a.line.space_after_pt, line_spacing=1.0)
    bottom_border(rule)
    width = text_width_cm(section)
    centre_line(rule, width, a.line.length_cm)

    add_task_table(doc, profile, appendix, appendix.rows or task_rows(plan), width)


def add_appendices(doc, plan: Plan, profile: Section) -> None:
    """All the plan's appendices; two or more are numbered Phụ lục I, II … (one is just 'Phụ lục')."""
    fmt = profile.appendix.label.format
    many = len(plan.appendices) > 1
    for i, appendix in enumerate(plan.appendices, start=1):
        label = fmt.format(n=roman(i)) if many else fmt.format(n="").strip()
        add_appendix(doc, plan, profile, appendix, label)
