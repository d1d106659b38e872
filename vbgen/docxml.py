"""Low-level WordprocessingML helpers: runs with full font settings, borders, fields, widths.

python-docx covers most of what vbgen needs; this module fills the gaps (the four rFonts slots,
paragraph borders used as rules/lines, PAGE fields, fixed table geometry) with lxml, and builds
run XML in schema order for docxtpl's ``{{r …}}`` tags.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable
from xml.sax.saxutils import escape

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


@dataclass(frozen=True)
class Font:
    """Character formatting of one run: font name, size in points, bold/italic/underline."""

    name: str
    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False

    def but(self, **changes) -> "Font":
        values = {**self.__dict__, **changes}
        return Font(**values)


def rpr_xml(font: Font) -> str:
    """``<w:rPr>`` for ``font`` in schema order (rFonts, b, i, sz, szCs, u)."""
    fonts = " ".join(f'w:{slot}="{escape(font.name)}"' for slot in FONT_SLOTS)
    parts = [f"<w:rFonts {fonts}/>"]
    parts.append("<w:b/><w:bCs/>" if font.bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    parts.append("<w:i/><w:iCs/>" if font.italic else '<w:i w:val="0"/><w:iCs w:val="0"/>')
    half = int(round(font.size * 2))
    parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    if font.underline:
        parts.append('<w:u w:val="single"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


class Runs:
    """Formatted runs for a docxtpl ``{{r name }}`` tag; text is XML-escaped, "\\n" is a line break.

    Like docxtpl's RichText, but writes every rFonts slot and keeps rPr children in schema order.
    """

    def __init__(self, text: str = "", font: Font | None = None):
        self.xml = ""
        self.text = ""
        if text and font:
            self.add(text, font)

    def add(self, text: str, font: Font) -> "Runs":
        self.text += text
        rpr = rpr_xml(font)
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if i:
                self.xml += f"<w:r>{rpr}<w:br/></w:r>"
            self.xml += f'<w:r>{rpr}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
        return self

    def __str__(self) -> str:
        return self.xml

    def __html__(self) -> str:  # docxtpl/jinja autoescape: already escaped XML
        return self.xml

    def __bool__(self) -> bool:
        return bool(self.text)


_INLINE = re.compile(r"\*\*(?P<b>.+?)\*\*|(?<![\*\w])\*(?P<i>[^\s*](?:[^*]*?[^\s*])?)\*(?![\*\w])")


def inline_spans(text: str) -> list[tuple[str, bool, bool]]:
    """Split ``text`` with inline ``**bold**`` / ``*italic*`` into (text, bold, italic) spans."""
    spans, pos = [], 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            spans.append((text[pos:match.start()], False, False))
        if match.group("b") is not None:
            spans.append((match.group("b"), True, False))
        else:
            spans.append((match.group("i"), False, True))
        pos = match.end()
    if pos < len(text):
        spans.append((text[pos:], False, False))
    return spans


def set_run_font(run, font: Font) -> None:
    """Apply ``font`` to a python-docx run, including all four rFonts slots."""
    run.font.size = Pt(font.size)
    run.font.bold = font.bold
    run.font.italic = font.italic
    run.font.underline = True if font.underline else None
    set_rfonts(run._r.get_or_add_rPr(), font.name)


def set_rfonts(rpr, name: str) -> None:
    """Set ascii, hAnsi, eastAsia and cs of an ``rPr`` (or style rPr) element to ``name``."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        style = rpr.find(qn("w:rStyle"))  # rFonts comes right after rStyle, first otherwise
        if style is not None:
            style.addnext(rfonts)
        else:
            rpr.insert(0, rfonts)
    for slot in FONT_SLOTS:
        rfonts.set(qn(f"w:{slot}"), name)
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{theme}"), None)


def add_runs(paragraph, text: str, font: Font, markup: bool = True) -> None:
    """Append ``text`` to ``paragraph`` in ``font``, honouring inline bold/italic markup."""
    spans = inline_spans(text) if markup else [(text, False, False)]
    for chunk, bold, italic in spans:
        run = paragraph.add_run(chunk)
        set_run_font(run, font.but(bold=font.bold or bold, italic=font.italic or italic))


def format_paragraph(paragraph, *, align: str | None = None, first_line_cm: float | None = None,
                     before_pt: float | None = None, after_pt: float | None = None,
                     line_spacing: float | None = None, keep_with_next: bool | None = None,
                     left_cm: float | None = None) -> None:
    """Set alignment, indents, spacing and line spacing of a python-docx paragraph."""
    fmt = paragraph.paragraph_format
    if align:
        fmt.alignment = ALIGNMENTS[align]
    if left_cm is not None:
        fmt.left_indent = Cm(left_cm)
    if first_line_cm is not None:
        fmt.first_line_indent = Cm(first_line_cm)
    if before_pt is not None:
        fmt.space_before = Pt(before_pt)
    if after_pt is not None:
        fmt.space_after = Pt(after_pt)
    if line_spacing is not None:
        fmt.line_spacing = line_spacing
    if keep_with_next is not None:
        fmt.keep_with_next = keep_with_next


def bottom_border(paragraph, size_eighths: int = 6) -> None:
    """Give ``paragraph`` a single bottom border: a horizontal rule Word users can edit."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = OxmlElement("w:pBdr")
        ppr.append(pbdr)
        _reorder_ppr(ppr)
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", str(size_eighths)), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{key}"), value)
    pbdr.append(bottom)


def has_bottom_border(paragraph) -> bool:
    return paragraph._p.find(f"{{{W_NS}}}pPr/{{{W_NS}}}pBdr/{{{W_NS}}}bottom") is not None


_PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange"]


def _reorder_ppr(ppr) -> None:
    """Keep pPr children in schema order after appending one by hand."""
    rank = {name: i for i, name in enumerate(_PPR_ORDER)}
    children = list(ppr)
    children.sort(key=lambda el: rank.get(el.tag.split("}")[1], len(rank)))
    for child in children:
        ppr.append(child)


def add_field(paragraph, instruction: str, font: Font) -> None:
    """Append a complex field (e.g. ``PAGE``) to ``paragraph``, formatted as ``font``."""
    def run_with(child):
        run = paragraph.add_run()
        set_run_font(run, font)
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    placeholder = paragraph.add_run("1")
    set_run_font(placeholder, font)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def set_table_borders(table, style: str = "single", size_eighths: int = 4) -> None:
    """Set every edge of ``table``: ``single`` lines (appendix tables) or ``nil`` (invisible grids)."""
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.find(qn("w:tblBorders"))
    if borders is None:
        borders = OxmlElement("w:tblBorders")
        tbl_pr.append(borders)
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = borders.find(qn(f"w:{edge}"))
        if el is None:
            el = OxmlElement(f"w:{edge}")
            borders.append(el)
        el.set(qn("w:val"), style)
        if style != "nil":
            for key, value in (("sz", str(size_eighths)), ("space", "0"), ("color", "auto")):
                el.set(qn(f"w:{key}"), value)


def remove_table_borders(table) -> None:
    """Make ``table`` borderless (header and signature tables are invisible grids)."""
    set_table_borders(table, "nil")


def set_table_widths(table, widths_cm: Iterable[float]) -> None:
    """Fix the column widths of ``table`` (grid, every cell, fixed layout, total width)."""
    widths = [Cm(w) for w in widths_cm]
    table.autofit = False
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tbl_pr.append(layout)
    layout.set(qn("w:type"), "fixed")
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(w.twips for w in widths)))
    tbl_w.set(qn("w:type"), "dxa")
    for grid_col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
        grid_col.set(qn("w:w"), str(width.twips))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def remove_empty_runs(element) -> int:
    """Drop runs that hold nothing but an empty ``w:t`` (left behind by template tags)."""
    removed = 0
    for run in list(element.iter(qn("w:r"))):
        children = [c for c in run if c.tag != qn("w:rPr")]
        if len(children) == 1 and children[0].tag == qn("w:t") and not children[0].text:
            run.getparent().remove(run)
            removed += 1
    return removed


def keep_rows_whole(table) -> None:
    """Forbid page breaks inside each row of ``table`` (a signature block must not split)."""
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.append(OxmlElement("w:cantSplit"))
