"""Low-level WordprocessingML helpers: runs with full font settings, borders, fields, widths.

python-docx covers most of what vbgen needs; this module fills the gaps (the four rFonts slots,
paragraph borders used as rules/lines, PAGE fields, fixed table geometry) with lxml, and builds
run XML in schema order for docxtpl's ``{{r …}}`` tags.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from typing import Iterable
from xml.sax.saxutils import escape

from lxml import etree

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, Twips

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
    _append_xml(paragraph._p, runs_xml(text, font, markup=markup))


def _append_xml(parent, xml: str) -> None:
    """Append the elements of WordprocessingML text ``xml`` to ``parent`` (small pieces: each is moved
    from its own parse)."""
    if xml:
        for element in parse_body_xml(xml):
            parent.append(element)


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
    """Append a complex field (e.g. ``PAGE``) to ``paragraph``, formatted as ``font``; its shown value is 1."""
    rpr = _rpr_xml(font)
    _append_xml(paragraph._p,
                f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r>{rpr}<w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
                f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
                f"{run_xml('1', font)}"
                f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>')


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
    empty = etree._Element.xpath(element, ".//w:r[count(*[not(self::w:rPr)]) = 1 and w:t[not(node())]]",
                                 namespaces={"w": W_NS})
    for run in empty:
        run.getparent().remove(run)
    return len(empty)


def keep_rows_whole(table) -> None:
    """Forbid page breaks inside each row of ``table`` (a signature block must not split)."""
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.append(OxmlElement("w:cantSplit"))


# -- XML text builders ------------------------------------------------------------------------------
# The same markup python-docx writes for add_paragraph / add_run / format_paragraph / add_table, built
# as text in one pass (tens of times faster than one python-docx object per run, and linear in size).

_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def _twips(length) -> str:
    return str(length.twips)


@lru_cache(maxsize=256)
def _rpr_xml(font: Font) -> str:
    name = escape(font.name, {'"': "&quot;"})
    return (f'<w:rPr><w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'
            + ("<w:b/>" if font.bold else '<w:b w:val="0"/>')
            + ("<w:i/>" if font.italic else '<w:i w:val="0"/>')
            + f'<w:sz w:val="{int(Pt(font.size).pt * 2)}"/>'
            + ('<w:u w:val="single"/>' if font.underline else "") + "</w:rPr>")


def run_xml(text: str, font: Font) -> str:
    """A ``w:r`` as python-docx's ``add_run(text)`` + :func:`set_run_font` write it."""
    return f"<w:r>{_rpr_xml(font)}{_run_content(text)}</w:r>"


_BREAKS = re.compile(r"(\t|\r|\n)")


def _run_content(text: str) -> str:
    """Text as w:t / w:tab / w:br, like python-docx's run content appender."""
    out = []
    for piece in _BREAKS.split(text):
        if not piece:
            continue
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in "\r\n":
            out.append("<w:br/>")
        elif len(piece.strip()) < len(piece):
            out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
        else:
            out.append(f"<w:t>{escape(piece)}</w:t>")
    return "".join(out)


def runs_xml(text: str, font: Font, markup: bool = True) -> str:
    """:func:`add_runs` as XML text: ``text`` in ``font``, honouring inline bold/italic markup."""
    if not markup or "*" not in text:
        return run_xml(text, font) if text or not markup else ""
    spans = inline_spans(text)
    return "".join(run_xml(chunk, font.but(bold=font.bold or bold, italic=font.italic or italic))
                   for chunk, bold, italic in spans)


@lru_cache(maxsize=512)
def ppr_xml(*, align: str | None = None, first_line_cm: float | None = None, before_pt: float | None = None,
            after_pt: float | None = None, line_spacing: float | None = None,
            keep_with_next: bool | None = None, left_cm: float | None = None) -> str:
    """The ``w:pPr`` :func:`format_paragraph` gives a new paragraph ('' when nothing is set)."""
    parts = []
    if keep_with_next is not None:
        parts.append("<w:keepNext/>" if keep_with_next else '<w:keepNext w:val="0"/>')
    spacing = []
    if before_pt is not None:
        spacing.append(f'w:before="{_twips(Pt(before_pt))}"')
    if after_pt is not None:
        spacing.append(f'w:after="{_twips(Pt(after_pt))}"')
    if line_spacing is not None:
        spacing.append(f'w:line="{Emu(line_spacing * Twips(240)).twips}" w:lineRule="auto"')
    if spacing:
        parts.append(f"<w:spacing {' '.join(spacing)}/>")
    ind = []
    if left_cm is not None:
        ind.append(f'w:left="{_twips(Cm(left_cm))}"')
    if first_line_cm is not None:
        first = Cm(first_line_cm)
        ind.append(f'w:hanging="{_twips(Emu(-first))}"' if first < 0 else f'w:firstLine="{_twips(first)}"')
    if ind:
        parts.append(f"<w:ind {' '.join(ind)}/>")
    if align:
        parts.append(f'<w:jc w:val="{_JC[align]}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def table_xml(widths_cm: Iterable[float], rows: Iterable[list[str]], *, borders: str = "single",
              size_eighths: int = 4) -> str:
    """A fixed-layout bordered table as python-docx's add_table + :func:`set_table_borders` +
    :func:`set_table_widths` leave it; ``rows`` yields each row's cell contents (paragraph XML)."""
    widths = [Cm(w).twips for w in widths_cm]
    edge = f'w:val="{borders}"' + ("" if borders == "nil" else f' w:sz="{size_eighths}" w:space="0" w:color="auto"')
    edges = "".join(f"<w:{name} {edge}/>" for name in ("top", "left", "bottom", "right", "insideH", "insideV"))
    head = (f'<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="{sum(widths)}"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
            f'w:noVBand="1" w:val="04A0"/><w:tblBorders>{edges}</w:tblBorders></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>")
    cells = [f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/></w:tcPr>' for w in widths]
    body = "".join("<w:tr>" + "".join(cell + content + "</w:tc>" for cell, content in zip(cells, row)) + "</w:tr>"
                   for row in rows)
    return head + body + "</w:tbl>"


def new_like(element):
    """An empty python-docx (oxml) element with ``element``'s tag and attributes."""
    from docx.oxml.parser import oxml_parser
    return oxml_parser.makeelement(element.tag, dict(element.attrib))


def insert_parsed(element, anchor, before: bool = True):
    """Put ``element`` (parsed in another lxml document) next to ``anchor``, moving its children one
    at a time: lxml moves a large subtree between documents in time quadratic in its size."""
    shell = new_like(element)
    (anchor.addprevious if before else anchor.addnext)(shell)
    for child in list(element):
        shell.append(child)
    return shell


def parse_body_xml(xml: str):
    """Parse a piece of WordprocessingML (prefix ``w:``) as python-docx elements."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    wrapped = f"<w:body {nsdecls('w')}>{xml}</w:body>"
    return list(parse_xml(wrapped))
