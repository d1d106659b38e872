"""Task tables (bảng nhiệm vụ): STT, nội dung, chủ trì, phối hợp, thời gian; in the body or a phụ lục."""
from __future__ import annotations

from ..docxml import add_runs, format_paragraph, set_table_borders, set_table_widths
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


def add_task_table(doc, profile: Section, spec: TaskTable, rows: list[AppendixRow], width_cm: float):
    """Append a bordered task table (STT, nội dung, chủ trì …) ``width_cm`` wide to ``doc``."""
    a = profile.appendix
    look = a.table
    numbered = list(_numbered_rows(rows))
    table = doc.add_table(rows=1 + len(numbered), cols=len(spec.columns))
    set_table_borders(table)
    widths = column_widths(spec.columns, look, width_cm)
    set_table_widths(table, fit_widths(widths, width_cm))
    cell_font = font(profile, look)
    labels = {**a.labels, **spec.labels}
    for col, column in enumerate(spec.columns):
        cell = table.cell(0, col)
        format_paragraph(cell.paragraphs[0], align="center", before_pt=look.cell_space_pt,
                         after_pt=look.cell_space_pt, line_spacing=1.0)
        add_runs(cell.paragraphs[0], labels.get(column, column), cell_font.but(bold=bool(look.header_bold)),
                 markup=False)
    for r, (stt, row, is_group) in enumerate(numbered, start=1):
        for col, column in enumerate(spec.columns):
            paragraph = table.cell(r, col).paragraphs[0]
            align = "center" if column in ("stt", "deadline") else ("justify" if column == "content" else "left")
            format_paragraph(paragraph, align=align, before_pt=look.cell_space_pt, after_pt=look.cell_space_pt,
                             line_spacing=1.0)
            add_runs(paragraph, _cell_text(row, column, stt, is_group), cell_font.but(bold=is_group))
    return table
