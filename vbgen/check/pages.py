"""A rough page count per section, for rules that only matter from page 2 on (the page number).

The checker does not lay out text. It estimates: each paragraph takes ceil(characters / characters
per line) lines of 1.15 × its size × its line spacing, plus its spacing; a table row takes its
tallest cell. A section estimated well inside one page (under :data:`ONE_PAGE_SHARE` of its text
height) is taken as one page; anything near or over a page is not.
"""
from __future__ import annotations

import math

from lxml import etree

from .docx_reader import DocxReader, ParagraphInfo
from .properties import NS

_PAGE_BREAKS = etree.XPath("./w:r/w:br[@w:type='page']", namespaces=NS)

ONE_PAGE_SHARE = 0.75
PT_PER_MM = 72 / 25.4


def _height_pt(p: ParagraphInfo, width_pt: float) -> float:
    size = max((run.size for run in p.runs), default=13.0) or 13.0
    per_line = max(1, int(width_pt / (size * 0.48)))  # Times New Roman: ~0.48 em per character
    lines = sum(max(1, math.ceil(len(part) / per_line)) for part in (p.text or " ").split("\n"))
    line = size * 1.15 * (p.line_value or 1.0) if p.line_rule == "auto" else max(p.line_value or size, size)
    return lines * line + p.space_before_pt + p.space_after_pt


def fits_one_page(reader: DocxReader, section: int) -> bool:
    """Is section ``section`` (from 0) estimated to fit on one page?"""
    if section >= len(reader.sections):
        return False
    setup = reader.sections[section]
    width = (setup.width_mm - setup.margins_mm["left"] - setup.margins_mm["right"]) * PT_PER_MM
    height = (setup.height_mm - setup.margins_mm["top"] - setup.margins_mm["bottom"]) * PT_PER_MM
    rows: dict[tuple, dict[int, float]] = {}
    total = 0.0
    for p in reader.paragraphs:
        if p.section != section:
            continue
        if p.element is not None and _PAGE_BREAKS(p.element):
            return False
        if p.cell is None:
            total += _height_pt(p, width)
            continue
        table, row, column = p.cell
        columns = rows.setdefault((table, row), {})
        columns[column] = columns.get(column, 0.0) + _height_pt(p, width / max(2, column + 1))
    total += sum(max(cells.values()) for cells in rows.values())
    return total < ONE_PAGE_SHARE * height
