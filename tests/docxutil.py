"""Helpers for tests that open produced .docx files and look at text and formatting."""
from __future__ import annotations

from docx.oxml.ns import qn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def all_paragraphs(doc):
    """Every paragraph in body order, including those inside table cells."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out = []
    for block in doc.element.body.iterchildren():
        if block.tag == qn("w:p"):
            out.append(Paragraph(block, doc))
        elif block.tag == qn("w:tbl"):
            table = Table(block, doc)
            for row in table.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    out.extend(cell.paragraphs)
    return out


def find(doc, text, exact=False):
    """The first paragraph whose text equals (or starts with) ``text``."""
    for p in all_paragraphs(doc):
        if (p.text == text) if exact else p.text.startswith(text):
            return p
    raise AssertionError(f"no paragraph {'equal to' if exact else 'starting with'} {text!r}")


def text_runs(paragraph):
    return [r for r in paragraph.runs if r.text.strip()]


def sizes(paragraph):
    return {r.font.size.pt for r in text_runs(paragraph)}


def all_bold(paragraph):
    return all(r.font.bold for r in text_runs(paragraph))


def none_bold(paragraph):
    return not any(r.font.bold for r in text_runs(paragraph))


def all_italic(paragraph):
    return all(r.font.italic for r in text_runs(paragraph))


def none_italic(paragraph):
    return not any(r.font.italic for r in text_runs(paragraph))


def has_bottom_border(paragraph):
    return paragraph._p.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None


def run_fonts(run):
    rfonts = run._r.find(f"{W}rPr/{W}rFonts")
    if rfonts is None:
        return {}
    return {slot: rfonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")}


def every_run(doc):
    """Every text run of the document: body, tables, headers."""
    runs = []
    for p in all_paragraphs(doc):
        runs.extend(r for r in p.runs if r.text)
    for section in doc.sections:
        for part in (section.header, section.first_page_header):
            for p in part.paragraphs:
                runs.extend(p.runs)
    return runs


def signature_table(doc):
    """The table whose first cell starts with 'Nơi nhận:'."""
    for table in doc.tables:
        if table.cell(0, 0).paragraphs[0].text == "Nơi nhận:":
            return table
    raise AssertionError("no signature table with 'Nơi nhận:'")
