"""vbgen check on a document laid out differently from vbgen's (built here with python-docx from the
profile's numbers): a one-row header table with "Số" under the issuer in the same cell, fonts set
only on the Normal style, and the signature and Nơi nhận as plain paragraphs instead of a table."""
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from vbgen.check import check_document
from vbgen.profile import load_profile

P = load_profile("state")


def styled(paragraph, text, spec, align=WD_ALIGN_PARAGRAPH.CENTER):
    run = paragraph.add_run(text)
    run.font.size = Pt(spec["size"])
    run.font.bold = bool(spec.get("bold"))
    run.font.italic = bool(spec.get("italic"))
    if spec.get("underline"):
        run.font.underline = True
    paragraph.alignment = align
    return paragraph


def border_line(paragraph):
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    ppr.append(borders)
    paragraph.paragraph_format.left_indent = Cm(2)
    paragraph.paragraph_format.right_indent = Cm(2)


def add_page_number(section):
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
        run = p.add_run()
        run.font.size = Pt(P.page_number.size)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            run.text = text


@pytest.fixture
def foreign(tmp_path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = P.font.name
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), P.font.name)
    normal.font.size = Pt(P.body.size)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(P.page.width_mm), Mm(P.page.height_mm)
    for side, value in P.page.margins_mm.items():
        setattr(section, f"{side}_margin", Mm(value))
    add_page_number(section)
    header = doc.add_table(rows=1, cols=2)
    left, right = header.cell(0, 0), header.cell(0, 1)
    h = P.header
    styled(left.paragraphs[0], "SỞ Y TẾ TỈNH THÁI NGUYÊN", h.issuer_parent)
    styled(left.add_paragraph(), "BỆNH VIỆN ĐA KHOA", h.issuer)
    border_line(left.add_paragraph())
    styled(left.add_paragraph(), "Số: 12/BC-BVĐK", h.number)
    styled(right.paragraphs[0], h.national_title.text, h.national_title)
    styled(right.add_paragraph(), h.motto.text, h.motto)
    border_line(right.add_paragraph())
    styled(right.add_paragraph(), "Thái Nguyên, ngày 09 tháng 02 năm 2026", h.date)
    doc.add_paragraph()
    styled(doc.add_paragraph(), "BÁO CÁO", P.title.type_name)
    styled(doc.add_paragraph(), "Kết quả khám chữa bệnh năm 2025", P.title.summary)
    border_line(doc.add_paragraph())
    b = P.body
    for text in ("Thực hiện chỉ đạo của Sở Y tế, Bệnh viện báo cáo như sau:", "I. KẾT QUẢ",
                 "Năm 2025 Bệnh viện khám cho 120.000 lượt người bệnh.",
                 "Trên đây là báo cáo của Bệnh viện./."):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(b.first_line_indent_cm)
        p.paragraph_format.space_before = Pt(b.space_before_pt)
        p.paragraph_format.line_spacing = b.line_spacing
        if text.startswith("I."):
            p.runs[0].font.bold = True
    sign = P.signature
    for text, spec in (("KT. GIÁM ĐỐC", sign.authority), ("PHÓ GIÁM ĐỐC", sign.title)):
        styled(doc.add_paragraph(), text, spec).paragraph_format.left_indent = Cm(8)
    for _ in range(sign.blank_lines):
        doc.add_paragraph()
    styled(doc.add_paragraph(), "Lê Văn C", sign.name).paragraph_format.left_indent = Cm(8)
    r = P.recipients
    styled(doc.add_paragraph(), r.label.text, r.label, WD_ALIGN_PARAGRAPH.LEFT)
    for text in ("- Sở Y tế;", "- Ban Giám đốc;", "- Lưu: VT, KHTH."):
        styled(doc.add_paragraph(), text, r.item, WD_ALIGN_PARAGRAPH.LEFT)
    path = tmp_path / "foreign.docx"
    doc.save(str(path))
    return path


def test_foreign_layout_is_clean(foreign):
    assert [f.line() for f in check_document(foreign)] == []


def test_foreign_layout_errors_are_found(foreign, tmp_path):
    doc = Document(str(foreign))
    for p in doc.paragraphs:
        if p.text == "KT. GIÁM ĐỐC":
            p.runs[0].text = "KT GIÁM ĐỐC"
        if p.text == "- Ban Giám đốc;":
            p.runs[0].text = "- Ban Giám đốc"
    doc.styles["Normal"].font.name = "Arial"  # only runs without their own font inherit it
    date = doc.tables[0].cell(0, 1).paragraphs[-1]
    date.runs[0].text = "Thái Nguyên, ngày 09 tháng 2 năm 2026"
    path = tmp_path / "broken.docx"
    doc.save(str(path))
    found = {(f.rule, f.where) for f in check_document(path)}
    assert ("date.padding", '"Thái Nguyên, ngày 09 tháng 2 năm…"') in found
    assert ("recipients-item.punctuation", '"- Ban Giám đốc"') in found
    assert any(rule == "font.name" for rule, _ in found)
    assert {rule for rule, _ in found} == {"date.padding", "recipients-item.punctuation", "font.name",
                                           "signature.prefix"}


def test_head_signing_directly_without_table(foreign, tmp_path):
    """No prefix (the head signs) and no table: the centred lines above "Nơi nhận" are the signature."""
    doc = Document(str(foreign))
    for p in doc.paragraphs:
        if p.text == "KT. GIÁM ĐỐC":
            p._p.getparent().remove(p._p)
        elif p.text == "PHÓ GIÁM ĐỐC":
            p.runs[0].text = "GIÁM ĐỐC"
    path = tmp_path / "head.docx"
    doc.save(str(path))
    assert check_document(path) == []
    for p in doc.paragraphs:
        if p.text == "GIÁM ĐỐC":
            p.runs[0].font.bold = False
    doc.save(str(path))
    assert [(f.rule, f.where) for f in check_document(path)] == [("signature.style", '"GIÁM ĐỐC"')]
