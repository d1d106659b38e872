"""The checker's reader: effective formatting through run, character style, paragraph style chain and
document defaults; legacy-encoding detection."""
import unicodedata

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from vbgen.check import check_document
from vbgen.check.docx_reader import DocxReader
from vbgen.check.hygiene import legacy_encoding
from vbgen.glyphs import fix_glyphs, wrong_letters


@pytest.fixture
def styled(tmp_path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    body = doc.styles.add_style("Body Two", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.font.bold = True
    emphasis = doc.styles.add_style("Soft", WD_STYLE_TYPE.CHARACTER)
    emphasis.font.italic = True
    emphasis.font.size = Pt(12)
    p = doc.add_paragraph(style="Body Two")
    p.add_run("through styles", style="Soft")
    direct = p.add_run(" direct")
    direct.font.name = "Arial"
    direct.font.bold = False
    themed = p.add_run(" theme")
    fonts = OxmlElement("w:rFonts")
    fonts.set(qn("w:asciiTheme"), "minorHAnsi")
    fonts.set(qn("w:hAnsiTheme"), "minorHAnsi")
    themed._r.get_or_add_rPr().insert(0, fonts)
    path = tmp_path / "styled.docx"
    doc.save(str(path))
    return path


def test_run_properties_resolve_through_the_style_chain(styled):
    [p] = [p for p in DocxReader(styled).paragraphs if p.text]
    styled_run, direct, themed = p.runs
    assert (styled_run.font, styled_run.size, styled_run.bold, styled_run.italic) == ("Times New Roman", 12, True, True)
    assert (direct.font, direct.size, direct.bold, direct.italic) == ("Arial", 14, False, False)
    assert themed.font not in (None, "Times New Roman")  # the theme's body font (Calibri in Word's default)


def test_font_rule_reads_the_resolved_font(styled):
    fonts = sorted(f.found for f in check_document(styled, rules="state") if f.rule == "font.name")
    assert fonts[0] == 'font "Arial"' and len(fonts) == 2


def test_font_from_document_defaults(tmp_path):
    doc = Document()
    doc.add_paragraph("Nội dung")
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    fonts.set(qn("w:ascii"), ".VnTime")
    fonts.set(qn("w:hAnsi"), ".VnTime")
    normal_rpr = doc.styles["Normal"].element.find(qn("w:rPr"))
    if normal_rpr is not None and normal_rpr.find(qn("w:rFonts")) is not None:
        normal_rpr.remove(normal_rpr.find(qn("w:rFonts")))
    path = tmp_path / "defaults.docx"
    doc.save(str(path))
    [p] = [p for p in DocxReader(path).paragraphs if p.text]
    assert p.runs[0].font == ".VnTime"


@pytest.mark.parametrize("text,encoding", [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "TCVN3 (ABC)"),
    ("§éc lËp - Tù do - H¹nh phóc", "TCVN3 (ABC)"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "VNI"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "VNI"),
    ("Cộng hòa xã hội chủ nghĩa Việt Nam", None),
    ("Trích dẫn «Dân vận khéo» © 2025, nhiệt độ 25°C, tỷ lệ 2×3", None),
])
def test_legacy_encoding(text, encoding):
    assert legacy_encoding(text) == encoding


def test_glyph_and_nfc_helpers():
    assert wrong_letters("NGƢỜI ngƣời dân") == ["Ƣ", "ƣ"]
    assert wrong_letters("người\u00a0dân") == []  # a no-break space is not reported
    assert fix_glyphs("NGƢỜI ngƣời\u00a0dân\u200b\ufeff") == "NGƯỜI người dân"
    assert not unicodedata.is_normalized("NFC", unicodedata.normalize("NFD", "người"))
