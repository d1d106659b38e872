"""Task tables, and phụ lục: each appendix in its own section (landscape allowed), numbered on its own."""
from __future__ import annotations

from docx.enum.section import WD_SECTION

from .body import node_text
from .docxml import add_runs, bottom_border, format_paragraph, set_table_borders, set_table_widths
from .header import document_type, symbol
from .model import Appendix, AppendixRow, Plan, TaskTable
from .numbering import roman
from .page import centre_line, fit_widths, page_numbers, setup_section, text_width_cm
from .profile import Section
from .style import cased, font
from .vnformat import number_text, short_date

#: Relative column widths; "content" takes what is left.
COLUMN_WEIGHTS = {"stt": 1.3, "lead": 3.5, "support": 4.5, "deadline": 3.2, "result": 3.5, "note": 2.5}


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


def _numbered_rows(rows: list[AppendixRow]):
    """(stt, row, is_group) with groups numbered I, II … and tasks 1, 2 … within each group."""
    group_no = task_no = 0
    for row in rows:
        if row.group is not None:
            group_no += 1
            yield roman(group_no), row, True
            for i, child in enumerate(row.rows, start=1):
                yield str(i), child, False
            task_no = 0
        else:
            task_no += 1
            yield str(task_no), row, False


def _cell_text(row: AppendixRow, column: str, stt: str, is_group: bool) -> str:
    if column == "stt":
        return stt
    if column == "content":
        return row.group if is_group else row.content
    return "" if is_group else (getattr(row, column) or "")


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
    format_paragraph(rule, align="center", before_pt=0, after_pt=6, line_spacing=1.0)
    bottom_border(rule)
    width = text_width_cm(section)
    centre_line(rule, width, 3.0)

    add_task_table(doc, profile, appendix, appendix.rows or task_rows(plan), width)


def add_task_table(doc, profile: Section, spec: TaskTable, rows: list[AppendixRow], width_cm: float):
    """Append a bordered task table (STT, nội dung, chủ trì …) ``width_cm`` wide to ``doc``."""
    a = profile.appendix
    numbered = list(_numbered_rows(rows))
    table = doc.add_table(rows=1 + len(numbered), cols=len(spec.columns))
    set_table_borders(table)
    fixed = sum(COLUMN_WEIGHTS.get(c, 0) for c in spec.columns)
    widths = [COLUMN_WEIGHTS.get(c, max(width_cm - fixed - 0.2, 4.0)) for c in spec.columns]
    set_table_widths(table, fit_widths(widths, width_cm))
    cell_font = font(profile, a.table)
    labels = {**a.labels, **spec.labels}
    for col, column in enumerate(spec.columns):
        cell = table.cell(0, col)
        format_paragraph(cell.paragraphs[0], align="center", before_pt=3, after_pt=3, line_spacing=1.0)
        add_runs(cell.paragraphs[0], labels.get(column, column), cell_font.but(bold=bool(a.table.header_bold)),
                 markup=False)
    for r, (stt, row, is_group) in enumerate(numbered, start=1):
        for col, column in enumerate(spec.columns):
            paragraph = table.cell(r, col).paragraphs[0]
            align = "center" if column in ("stt", "deadline") else ("justify" if column == "content" else "left")
            format_paragraph(paragraph, align=align, before_pt=3, after_pt=3, line_spacing=1.0)
            add_runs(paragraph, _cell_text(row, column, stt, is_group), cell_font.but(bold=is_group))
    return table


def add_appendices(doc, plan: Plan, profile: Section) -> None:
    """All the plan's appendices; two or more are numbered Phụ lục I, II … (one is just 'Phụ lục')."""
    fmt = profile.appendix.label.format
    many = len(plan.appendices) > 1
    for i, appendix in enumerate(plan.appendices, start=1):
        label = fmt.format(n=roman(i)) if many else fmt.format(n="").strip()
        add_appendix(doc, plan, profile, appendix, label)
