"""Lines a person sees on the page that are not text: drawn line shapes, paragraph borders, cell borders.

Offices draw the line under the Tiêu ngữ, the issuer and the trích yếu in many ways: a DrawingML
connector or line (``wps:wsp`` with ``a:prstGeom prst="line"``), a VML ``v:line`` or a flat ``v:shape``,
a paragraph's bottom border, or the bottom border of a table cell. Shapes float: one anchored in
the date paragraph may sit under the Tiêu ngữ in the row above, so the rules look for them where they
are anchored (the cell, the same column of the next row, the paragraphs around). Each mark keeps its
width and horizontal centre (EMU from what it is positioned against) for finer judgements.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .properties import qn
from .styles import first_child

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
V = "{urn:schemas-microsoft-com:vml}"
O = "{urn:schemas-microsoft-com:office:office}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
EMU_PER_PT = 12700
LINE_PRESETS = {"line", "straightConnector1", "bentConnector2", "bentConnector3"}
FLAT_EMU = 3 * EMU_PER_PT   # a shape flatter than 3 pt and 10 times as wide as high is a line
VML_SIZE = re.compile(r"(?P<key>width|height|margin-left|left)\s*:\s*(?P<value>[-\d.]+)(?P<unit>pt|in|cm|mm|px)?")
VML_PT = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, None: 0.75}


@dataclass
class LineMark:
    """A drawn line: its width and centre across (EMU; None when it cannot be told) and what the
    offset is measured from (column, margin, page, character …)."""

    width_emu: Optional[int]
    centre_emu: Optional[int]
    relative_to: Optional[str]


def _in_fallback(element, stop) -> bool:
    ancestor = element.getparent()
    while ancestor is not None and ancestor is not stop:
        if ancestor.tag == MC_FALLBACK:
            return True
        ancestor = ancestor.getparent()
    return False


def _drawing_line(frame) -> Optional[LineMark]:
    """A wp:anchor / wp:inline holding a line shape (not a picture or a text box)."""
    if frame.find(f".//{qn('w:txbxContent')}") is not None:
        return None
    extent = frame.find(f"{WP}extent")
    cx = int(extent.get("cx", "0")) if extent is not None else 0
    cy = int(extent.get("cy", "0")) if extent is not None else 0
    geometry = frame.find(f".//{A}prstGeom")
    preset = geometry.get("prst") if geometry is not None else None
    pictures = frame.find(f".//{A}blip")
    if pictures is not None:
        return None
    if preset not in LINE_PRESETS and not (cy <= FLAT_EMU and cx >= 10 * max(cy, 1)):
        return None
    offset, relative = None, None
    position = frame.find(f"{WP}positionH")
    if position is not None:
        relative = position.get("relativeFrom")
        value = position.find(f"{WP}posOffset")
        if value is not None and (value.text or "").strip().lstrip("-").isdigit():
            offset = int(value.text) + cx // 2
    return LineMark(width_emu=cx, centre_emu=offset, relative_to=relative)


def _vml_line(shape) -> Optional[LineMark]:
    if shape.find(f".//{qn('w:txbxContent')}") is not None or shape.find(f".//{V}imagedata") is not None:
        return None
    sizes = {}
    for m in VML_SIZE.finditer(shape.get("style") or ""):
        sizes[m.group("key")] = float(m.group("value")) * VML_PT.get(m.group("unit"), 0.75)
    if shape.tag == f"{V}line" or shape.get(f"{O}hr") in ("t", "true"):  # a line, or a horizontal rule
        return LineMark(width_emu=None, centre_emu=None, relative_to=None)
    width, height = sizes.get("width"), sizes.get("height")
    if width is None or height is None or height > 3 or width < 10 * max(height, 0.1):
        return None
    left = sizes.get("margin-left", sizes.get("left"))
    centre = int((left + width / 2) * EMU_PER_PT) if left is not None else None
    return LineMark(width_emu=int(width * EMU_PER_PT), centre_emu=centre, relative_to=None)


def line_marks(paragraph) -> list[LineMark]:
    """The line shapes anchored in a w:p (each once: a DrawingML shape's VML fallback is skipped)."""
    marks: list[LineMark] = []
    for frame in paragraph.iter(f"{WP}anchor", f"{WP}inline"):
        mark = _drawing_line(frame)
        if mark is not None:
            marks.append(mark)
    for shape in paragraph.iter(f"{V}line", f"{V}shape", f"{V}rect"):
        if _in_fallback(shape, paragraph):
            continue
        mark = _vml_line(shape)
        if mark is not None:
            marks.append(mark)
    return marks


def _visible(border) -> bool:
    return border is not None and border.get(qn("w:val")) not in (None, "nil", "none")


_TC, _TC_PR, _TC_BORDERS, _BOTTOM = qn("w:tc"), qn("w:tcPr"), qn("w:tcBorders"), qn("w:bottom")


def cell_bottom_border(paragraph) -> bool:
    """Does the table cell holding this w:p draw a bottom border (its own tcBorders or the table's)?"""
    cell = paragraph.getparent()
    while cell is not None and cell.tag != _TC:
        cell = cell.getparent()
    if cell is None:
        return False
    return tc_bottom_border(cell)


def tc_bottom_border(cell) -> bool:
    """Does this w:tc draw a bottom border of its own (tcBorders)?"""
    borders = _cell_borders(cell)
    return borders is not None and _visible(borders.find(_BOTTOM))


def _cell_borders(cell):
    """The w:tcBorders of a w:tc, or None (looked up one step at a time: faster than a path search)."""
    properties = first_child(cell, _TC_PR)
    if properties is not None:
        for child in properties[:]:  # (a slice: faster than lxml's child iterator)
            if child.tag == _TC_BORDERS:
                return child
    return None


SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def table_borders(table, resolver) -> list[str]:
    """Sides of a w:tbl drawn with a visible border, as Word resolves them: the table style's
    borders (``basedOn`` chain, e.g. "Table Grid"), overridden side by side by the table's own
    ``w:tblBorders``; a side every cell sets to none with ``w:tcBorders`` is not shown."""
    effective: dict[str, bool] = {}
    properties = table.find(qn("w:tblPr"))
    style = properties.find(qn("w:tblStyle")) if properties is not None else None
    chain = resolver.chain(style.get(qn("w:val"))) if style is not None else []
    layers = [s.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}") for s in chain]
    layers.append(properties.find(qn("w:tblBorders")) if properties is not None else None)
    for layer in layers:
        if layer is None:
            continue
        for side in SIDES:
            child = layer.find(qn(f"w:{side}"))
            if child is None and side in ("left", "right"):
                child = layer.find(qn("w:start" if side == "left" else "w:end"))
            if child is not None:
                effective[side] = _visible(child)
    cells = None  # each cell's w:tcBorders (None: it sets none), looked up when a side is drawn
    shown = set()
    for side, on in effective.items():
        if not on:
            continue
        if cells is None:
            cells = [_cell_borders(cell) for cell in table.iter(_TC)]
        cell_sides = ("top", "bottom") if side == "insideH" else ("left", "right") if side == "insideV" else (side,)
        if not cells or not all(any(_hides(borders, cs) for cs in cell_sides) for borders in cells):
            shown.add(side)
    for cell_borders in table.iter(qn("w:tcBorders")):
        for child in cell_borders:
            if _visible(child):
                name = child.tag.split("}")[1]
                shown.add({"start": "left", "end": "right"}.get(name, name))
    return sorted(shown)


ALIASES = {"left": ("left", "start"), "right": ("right", "end"), "top": ("top",), "bottom": ("bottom",)}


def _hides(borders, side: str) -> bool:
    """Do a cell's ``borders`` (w:tcBorders or None) set ``side`` (left/right also as start/end, as
    LibreOffice writes) to no border?"""
    if borders is None:
        return False
    for name in ALIASES[side]:
        border = borders.find(qn(f"w:{name}"))
        if border is not None:
            return not _visible(border)
    return False
