"""Page setup from the profile: paper, margins, page numbers in the top margin, table and line geometry."""
from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
import math

from docx.shared import Cm, Mm, Twips
from docx.text.paragraph import Paragraph

from ..docxml import add_field, format_paragraph, has_bottom_border, keep_rows_whole, set_table_widths
from ..profile import Section
from .style import font

def mm_up(mm: float) -> Twips:
    """Millimetres as whole twips, rounded up so a minimum (15 mm = 850.4 twips) is never undercut."""
    return Twips(math.ceil(mm * 1440 / 25.4 - 1e-9))


def setup_section(section, profile: Section, landscape: bool = False) -> None:
    """A4 (portrait or landscape) with the profile's margins and header distance."""
    page = profile.page
    margins = page.landscape_margins_mm if landscape else page.margins_mm
    width, height = Mm(page.width_mm), Mm(page.height_mm)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin = mm_up(margins["top"])
    section.bottom_margin = mm_up(margins["bottom"])
    section.left_margin = mm_up(margins["left"])
    section.right_margin = mm_up(margins["right"])
    section.header_distance = Mm(page.header_distance_mm)
    section.footer_distance = Mm(page.header_distance_mm)


def text_width_cm(section) -> float:
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def page_numbers(section, profile: Section, restart: bool = False) -> None:
    """A centred PAGE field in the top margin; none on the section's first page.

    ``restart`` starts the section's numbering again at 1 (each phụ lục is numbered on its own).
    """
    section.different_first_page_header_footer = not profile.page_number.first_page
    header = section.header
    header.is_linked_to_previous = False
    for extra in header.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    paragraph = header.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    format_paragraph(paragraph, align="center", before_pt=0, after_pt=0, line_spacing=1.0)
    add_field(paragraph, "PAGE", font(profile, profile.page_number))
    first = section.first_page_header
    first.is_linked_to_previous = False
    for paragraph in first.paragraphs:
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
    if restart:
        restart_page_numbers(section)


# w:sectPr children that come after w:pgNumType in schema order (CT_SectPr).
AFTER_PG_NUM_TYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
                     "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def restart_page_numbers(section) -> None:
    """Number the pages of ``section`` from 1 again (``w:pgNumType w:start="1"``, in schema order)."""
    sect_pr = section._sectPr
    num_type = sect_pr.find(qn("w:pgNumType"))
    if num_type is None:
        num_type = OxmlElement("w:pgNumType")
        later = {qn(tag) for tag in AFTER_PG_NUM_TYPE}
        after = next((child for child in sect_pr if child.tag in later), None)
        if after is not None:
            after.addprevious(num_type)
        else:
            sect_pr.append(num_type)
    num_type.set(qn("w:start"), "1")


def centre_line(paragraph, available_cm: float, length_cm: float | None) -> None:
    """Shorten a bottom-border line to ``length_cm``, centred in ``available_cm``."""
    if not length_cm or length_cm >= available_cm:
        return
    side = (available_cm - length_cm) / 2
    paragraph.paragraph_format.left_indent = Cm(side)
    paragraph.paragraph_format.right_indent = Cm(side)
    paragraph.paragraph_format.first_line_indent = Cm(0)


def fit_widths(widths: list[float], available: float) -> list[float]:
    total = sum(widths)
    return widths if total <= available else [w * available / total for w in widths]


def apply_geometry(doc, profile: Section, header_table, signature_table) -> None:
    """Column widths of the header and signature tables and the lengths of the three rules."""
    width = text_width_cm(doc.sections[0])
    h = profile.header
    left, right = fit_widths([h.left_width_cm, h.right_width_cm], width)
    set_table_widths(header_table, [left, right])
    lengths = {0: h.issuer_line.length_cm, 1: h.motto_line.length_cm}
    for col, cell_width in ((0, left), (1, right)):
        for paragraph in header_table.cell(0, col).paragraphs:
            if has_bottom_border(paragraph):
                centre_line(paragraph, cell_width - profile.page.cell_padding_cm, lengths[col])
    s = profile.signature
    set_table_widths(signature_table, fit_widths([s.left_width_cm, s.right_width_cm], width))
    keep_rows_whole(signature_table)
    ruled = doc.element.body.xpath("./w:p[w:pPr/w:pBdr/w:bottom]")  # the title's short line
    for paragraph in (Paragraph(p, doc._body) for p in ruled):
        centre_line(paragraph, width, profile.title.line.length_cm)
