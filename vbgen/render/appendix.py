"""Phụ lục: each appendix in its own section (landscape allowed), numbered from 1 on its own pages."""
from __future__ import annotations

import io

from docx.enum.section import WD_SECTION
from docx.shared import Cm

from .body import node_text
from ..docxml import add_runs, bottom_border, format_paragraph
from ..symbol import document_type, symbol
from ..docxml import ppr_xml, runs_xml, table_xml
from ..model import Appendix, AppendixRow, Chart, Plan, TargetTable
from .numbering import roman
from .page import centre_line, fit_widths, page_numbers, setup_section, text_width_cm
from .tables import add_task_table, append_table_xml, column_widths
from ..profile import Section
from .style import cased, font
from ..vnformat import number, number_text, short_date


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

    if appendix.targets:
        add_target_table(doc, profile, appendix.targets, width)
    if appendix.rows or appendix.from_tasks:
        add_task_table(doc, profile, appendix, appendix.rows or task_rows(plan), width)
    for chart in appendix.charts:
        add_chart(doc, profile, chart, width, section)


def _figure(value) -> str:
    """A figure in a table cell: numbers the Vietnamese way ("92,5"), text as given."""
    if value is None:
        return ""
    return number(value) if isinstance(value, (int, float)) else str(value)


def target_cells(table: TargetTable, profile: Section) -> tuple[list[str], list[list[str]]]:
    """Columns and the text of each row: STT, Chỉ tiêu, ĐVT, Kế hoạch, Thực hiện [, Cùng kỳ], Tỷ lệ (%),
    Đánh giá, Ghi chú; the rate and verdict computed by each target's direction."""
    from ..report.assess import is_met, rate

    columns = ["stt", "content", "unit", "planned", "actual"] + (["previous"] if table.previous else []) + \
        ["rate", "verdict", "note"]
    verdicts = profile.appendix.verdicts
    rows = []
    for i, row in enumerate(table.rows, start=1):
        actual = row.actual if isinstance(row.actual, (int, float)) else None
        met = row.met if row.met is not None else is_met(row.planned, actual, row.direction)
        row_rate = rate(row.planned, actual)
        cells = {"stt": str(i), "content": row.text, "unit": row.unit or "", "planned": _figure(row.planned),
                 "actual": _figure(row.actual), "previous": _figure(row.previous),
                 "rate": number(row_rate, 1) if row_rate is not None else "",
                 "verdict": "" if met is None else verdicts.met if met else verdicts.not_met,
                 "note": row.note or ""}
        rows.append([cells[c] for c in columns])
    return columns, rows


def add_target_table(doc, profile: Section, table: TargetTable, width_cm: float):
    """The bordered target table of a Báo cáo, ``width_cm`` wide (built as XML in one pass: linear in
    the number of targets, as the task tables)."""
    look = profile.appendix.table
    columns, rows = target_cells(table, profile)
    cell_font = font(profile, look)
    labels = {**profile.appendix.labels, "content": profile.appendix.labels["target"]}
    space = look.cell_space_pt
    header_font, plain = cell_font.but(bold=bool(look.header_bold)), cell_font.but(bold=False)

    def cell(text: str, align: str, run_font) -> str:
        ppr = ppr_xml(align=align, before_pt=space, after_pt=space, line_spacing=1.0)
        return f"<w:p>{ppr}{runs_xml(text, run_font, markup=False)}</w:p>"

    aligns = ["right" if c in ("planned", "actual", "previous", "rate") else "left" if c in ("content", "note")
              else "center" for c in columns]

    def table_rows():
        yield [cell(labels[c], "center", header_font) for c in columns]
        for texts in rows:
            yield [cell(text, align, plain) for text, align in zip(texts, aligns)]

    widths = fit_widths(column_widths(columns, look, width_cm), width_cm)
    return append_table_xml(doc, table_xml(widths, table_rows()))


def add_chart(doc, profile: Section, chart: Chart, width_cm: float, section) -> None:
    """A chart as a centred picture, inside the text width and height of ``section``."""
    from ..report.chart import chart_png

    spec = profile.appendix.chart
    height_cm = (section.page_height - section.top_margin - section.bottom_margin) / 360000
    png, w, h = chart_png(chart.title, [b.label for b in chart.bars], [b.value for b in chart.bars], chart.unit,
                          width_cm=min(spec.max_width_cm, width_cm - 0.2),
                          max_height_cm=min(spec.max_height_cm, height_cm - 1.0), dpi=spec.dpi)
    paragraph = doc.add_paragraph()
    format_paragraph(paragraph, align="center", before_pt=6, after_pt=0, line_spacing=1.0)
    paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(w), height=Cm(h))


def add_appendices(doc, plan: Plan, profile: Section) -> None:
    """All the plan's appendices; two or more are numbered Phụ lục I, II … (one is just 'Phụ lục')."""
    fmt = profile.appendix.label.format
    many = len(plan.appendices) > 1
    for i, appendix in enumerate(plan.appendices, start=1):
        label = fmt.format(n=roman(i)) if many else fmt.format(n="").strip()
        add_appendix(doc, plan, profile, appendix, label)
