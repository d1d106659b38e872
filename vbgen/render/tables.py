"""Task tables (bảng nhiệm vụ): STT, nội dung, chủ trì, phối hợp, thời gian; in the body or a phụ lục."""
from __future__ import annotations

from docx.table import Table

from ..docxml import insert_parsed, new_like, parse_body_xml, ppr_xml, runs_xml, table_xml
from ..model import AppendixRow, TaskTable
from .numbering import roman
from .page import fit_widths
from ..profile import Section
from .style import font

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


def column_widths(columns: list[str], look: Section, width_cm: float) -> list[float]:
    """Widths of ``columns`` filling ``width_cm``: "content" takes what the others leave, but at
    least the profile's ``content_min_share`` of the table; the others (but STT) shrink in proportion."""
    preferred = look.column_widths_cm
    stt = preferred["stt"] if "stt" in columns else 0  # the STT column never shrinks
    others = sum(preferred.get(c, 0) for c in columns if c not in ("content", "stt"))
    room = width_cm - stt
    content = max(room - others, look.content_min_share * width_cm) if "content" in columns else 0
    scale = min(1.0, (room - content) / others) if others else 1.0
    return [content if c == "content" else stt if c == "stt" else preferred.get(c, 0) * scale
            for c in columns]


def task_table_xml(profile: Section, spec: TaskTable, rows: list[AppendixRow], width_cm: float) -> str:
    """A bordered task table (STT, nội dung, chủ trì …) ``width_cm`` wide, as WordprocessingML text.

    Built row by row in one pass: linear in the number of rows.
    """
    a = profile.appendix
    look = a.table
    cell_font = font(profile, look)
    labels = {**a.labels, **spec.labels}
    space = look.cell_space_pt

    def cell(text: str, align: str, run_font, markup: bool = True) -> str:
        ppr = ppr_xml(align=align, before_pt=space, after_pt=space, line_spacing=1.0)
        return f"<w:p>{ppr}{runs_xml(text, run_font, markup=markup)}</w:p>"

    aligns = ["center" if c in ("stt", "deadline") else ("justify" if c == "content" else "left")
              for c in spec.columns]
    header_font = cell_font.but(bold=bool(look.header_bold))
    plain, bold = cell_font.but(bold=False), cell_font.but(bold=True)

    def table_rows():
        yield [cell(labels.get(c, c), "center", header_font, markup=False) for c in spec.columns]
        for stt, row, is_group in _numbered_rows(rows):
            yield [cell(_cell_text(row, c, stt, is_group), align, bold if is_group else plain)
                   for c, align in zip(spec.columns, aligns)]

    widths = column_widths(spec.columns, look, width_cm)
    return table_xml(fit_widths(widths, width_cm), table_rows())


def add_task_table(doc, profile: Section, spec: TaskTable, rows: list[AppendixRow], width_cm: float):
    """Append a bordered task table (STT, nội dung, chủ trì …) ``width_cm`` wide to ``doc``."""
    return append_table_xml(doc, task_table_xml(profile, spec, rows, width_cm))


def append_table_xml(doc, xml: str) -> Table:
    """Append a table given as WordprocessingML text (from :func:`vbgen.docxml.table_xml`) to ``doc``'s
    body, before its final section properties."""
    (parsed,) = parse_body_xml(xml)
    body = doc.element.body
    if body.sectPr is not None:
        tbl = insert_parsed(parsed, body.sectPr)
    else:
        tbl = new_like(parsed)
        body.append(tbl)
        for child in list(parsed):
            tbl.append(child)
    return Table(tbl, doc._body)
