"""vbgen check, one rule at a time: a clean vbgen-rendered document, broken in exactly one way,
must make exactly that rule fire (and the clean one none)."""
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt

from vbgen.check import VIOLATION, WARNING, all_rule_ids, check_document

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """Clean documents rendered by vbgen from the test plans: {'state': path, 'party': path}."""
    from vbgen.sources import open_plan
    from vbgen.render import render_plan

    folder = tmp_path_factory.mktemp("clean")
    documents = {rules: render_plan(open_plan(FIXTURES / f"{rules}-plan.yaml"), folder / f"{rules}.docx")
                 for rules in ("state", "party")}
    for name, rules, update in ADDRESSED:
        plan = open_plan(FIXTURES / f"{rules}-plan.yaml").model_copy(update=update)
        documents[name] = render_plan(plan, folder / f"{name}.docx")
    return documents


# Clean documents with a Kính gửi block (several recipients, one recipient; Party: Đồng kính gửi).
ADDRESSED = [
    ("state-addressed", "state", {"addressees": ["Ủy ban nhân dân tỉnh Bắc Kạn", "Sở Tài chính"]}),
    ("state-one-addressee", "state", {"addressees": ["Ủy ban nhân dân tỉnh Bắc Kạn"]}),
    ("party-addressed", "party", {"addressees": ["Ban Thường vụ Tỉnh ủy"],
                                  "co_addressees": ["Ban Tổ chức Tỉnh ủy", "Văn phòng Tỉnh ủy"]}),
]


def all_paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def find(doc, start):
    for p in all_paragraphs(doc):
        if p.text.strip().startswith(start):
            return p
    raise AssertionError(f"no paragraph starting {start!r}")


def set_text(p, text):
    runs = p.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def size(start, points):
    def breaker(doc):
        for run in find(doc, start).runs:
            run.font.size = Pt(points)
    return breaker


def flag(start, name, value):
    def breaker(doc):
        for run in find(doc, start).runs:
            setattr(run.font, name, value)
    return breaker


def text(start, new):
    return lambda doc: set_text(find(doc, start), new)


def para(start, name, value):
    def breaker(doc):
        setattr(find(doc, start).paragraph_format, name, value)
    return breaker


def no_page_field(doc):
    for p in doc.sections[0].header.paragraphs:
        for child in list(p._p):
            if child is not p._p.pPr:
                p._p.remove(child)


def header_runs(name, value):
    def breaker(doc):
        for p in doc.sections[0].header.paragraphs:
            if name == "alignment":
                p.alignment = value
            for run in p.runs:
                if name == "size":
                    run.font.size = Pt(value)
    return breaker


def body_font(doc):
    for run in find(doc, "Sở Nội vụ ban hành").runs:
        run.font.name = "Arial"


def ending(doc):
    p = find(doc, "Trên đây là Kế hoạch")
    set_text(p, p.text.replace("./.", "."))


def drop_lines_in_cell(start):
    """Remove the drawn lines (paragraph borders, shapes) from the table cell holding ``start``."""
    def breaker(doc):
        for table in doc.tables:
            for row in table.rows:
                for cell in row.cells:
                    if any(p.text.strip().startswith(start) for p in cell.paragraphs):
                        for element in cell._tc.xpath(".//w:pBdr | .//w:drawing | .//w:pict"):
                            element.getparent().remove(element)
    return breaker


def drop_line_after(start):
    def breaker(doc):
        paragraphs = doc.paragraphs
        i = next(i for i, p in enumerate(paragraphs) if p.text.strip().startswith(start))
        for p in paragraphs[i:i + 3]:
            for element in p._p.xpath(".//w:pBdr | .//w:drawing | .//w:pict"):
                element.getparent().remove(element)
    return breaker


def empty_cell_of(start):
    """Delete the text of the table cell holding ``start`` (e.g. the whole signature block)."""
    def breaker(doc):
        for table in doc.tables:
            for row in table.rows:
                for cell in row.cells:
                    if any(p.text.strip().startswith(start) for p in cell.paragraphs):
                        for p in cell.paragraphs:
                            for run in p.runs:
                                run._r.getparent().remove(run._r)
    return breaker


def drop_paragraph(start):
    def breaker(doc):
        p = find(doc, start)._p
        p.getparent().remove(p)
    return breaker


def centred_with_spaces(start):
    """Left-align the paragraph and push its text over with spaces, as offices often do."""
    def breaker(doc):
        p = find(doc, start)
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        p.runs[0].text = "            " + p.runs[0].text
    return breaker


def framed_table_of(start):
    """Give the table holding ``start`` single visible borders on every side."""
    def breaker(doc):
        from docx.oxml import parse_xml

        for table in doc.tables:
            if any(p.text.strip().startswith(start) for row in table.rows for c in row.cells for p in c.paragraphs):
                borders = table._tbl.tblPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders")
                if borders is not None:
                    table._tbl.tblPr.remove(borders)
                table._tbl.tblPr.append(parse_xml(
                    '<w:tblBorders xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                    + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                              for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
                    + "</w:tblBorders>"))
                return
    return breaker


def red(start):
    def breaker(doc):
        from docx.shared import RGBColor

        for run in find(doc, start).runs:
            run.font.color.rgb = RGBColor(0xFF, 0, 0)
    return breaker


def date_lowered(doc):
    """Three empty lines above the date in its cell: the date sits well below the Số line."""
    p = find(doc, "Bắc Kạn, ngày")
    for _ in range(3):
        p.insert_paragraph_before("")


def as_cong_van(size_pt=None, bold=False):
    """Turn the Kế hoạch into a công văn: no tên loại or trích yếu, a "V/v …" line under the Số line."""
    def breaker(doc):
        for start in ("KẾ HOẠCH", "Thực hiện công tác dân vận"):
            p = find(doc, start)._p
            p.getparent().remove(p)
        number = find(doc, "Số:")
        line = number._parent.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = line.add_run("V/v thực hiện công tác dân vận năm 2025")
        run.font.size = Pt(size_pt or 12)
        run.font.name = "Times New Roman"
        run.bold = bold
        number._p.addnext(line._p)
    return breaker


PLAIN = "Bám sát chỉ đạo"
BREAKERS = [
    ("page.size", lambda d: setattr(d.sections[0], "page_width", Mm(216))),
    ("page.margins", lambda d: setattr(d.sections[0], "left_margin", Mm(25))),
    ("font.name", body_font),
    ("national-title.text", text("CỘNG HÒA", "NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
    ("national-title.size", size("CỘNG HÒA", 14)),
    ("national-title.style", flag("CỘNG HÒA", "bold", False)),
    ("motto.text", text("Độc lập", "Độc lập – Tự do – Hạnh phúc")),
    ("motto.size", size("Độc lập", 12)),
    ("motto.style", flag("Độc lập", "italic", True)),
    ("issuer-parent.size", size("UBND TỈNH BẮC KẠN", 14)),
    ("issuer-parent.style", flag("UBND TỈNH BẮC KẠN", "italic", True)),
    ("issuer.size", size("SỞ NỘI VỤ", 14)),
    ("issuer.style", flag("SỞ NỘI VỤ", "bold", False)),
    ("number.format", text("Số:", "Số: 5/KH-SNV")),
    ("number.symbol", text("Số:", "Số: 05/BC-SNV")),
    ("number.size", size("Số:", 14)),
    ("number.style", flag("Số:", "bold", True)),
    ("date.format", text("Bắc Kạn, ngày", "Bắc Kạn, ngày 05 tháng 3 năm 25")),
    ("date.padding", text("Bắc Kạn, ngày", "Bắc Kạn, ngày 5 tháng 3 năm 2025")),
    ("date.size", size("Bắc Kạn, ngày", 12)),
    ("date.style", flag("Bắc Kạn, ngày", "italic", False)),
    ("header.scaling", size("Bắc Kạn, ngày", 13)),
    ("national-title.line", drop_lines_in_cell("Độc lập")),
    ("issuer.line", drop_lines_in_cell("SỞ NỘI VỤ")),
    ("summary.line", drop_line_after("Thực hiện công tác dân vận")),
    ("type-name.text", lambda d: find(d, "KẾ HOẠCH")._p.getparent().remove(find(d, "KẾ HOẠCH")._p)),
    ("type-name.size", size("KẾ HOẠCH", 16)),
    ("type-name.style", flag("KẾ HOẠCH", "italic", True)),
    ("summary.size", size("Thực hiện công tác dân vận", 12)),
    ("summary.style", flag("Thực hiện công tác dân vận", "bold", False)),
    ("body.size", size(PLAIN, 12)),
    ("body.alignment", para(PLAIN, "alignment", WD_ALIGN_PARAGRAPH.LEFT)),
    ("body.indent", para(PLAIN, "first_line_indent", Cm(0.5))),
    ("body.spacing", lambda d: (para(PLAIN, "space_before", Pt(0))(d), para(PLAIN, "space_after", Pt(0))(d))),
    ("body.line-spacing", para(PLAIN, "line_spacing", 2.0)),
    ("body.ending", ending),
    ("signature.missing", empty_cell_of("KT. GIÁM ĐỐC")),
    ("signature.missing", drop_paragraph("Nguyễn Văn A")),
    ("signature.prefix", text("KT. GIÁM ĐỐC", "KT GIÁM ĐỐC")),
    ("signature.prefix", text("KT. GIÁM ĐỐC", "KT.GIÁM ĐỐC")),  # no space after the prefix
    ("signature.size", size("Nguyễn Văn A", 12)),
    ("signature.style", flag("KT. GIÁM ĐỐC", "bold", False)),
    ("recipients-label.text", text("Nơi nhận", "Nơi nhận")),
    ("recipients-label.size", size("Nơi nhận", 13)),
    ("recipients-label.style", flag("Nơi nhận", "italic", False)),
    ("recipients-item.size", size("- Giám đốc", 12)),
    ("recipients-item.punctuation", text("- Giám đốc", "- Giám đốc, các PGĐ Sở")),
    ("recipients.archive", text("- Lưu:", "- Lưu: VT, XDCQ")),
    ("page-number.field", no_page_field),
    ("page-number.first-page", lambda d: setattr(d.sections[0], "different_first_page_header_footer", False)),
    ("page-number.size", header_runs("size", 10)),
    ("page-number.position", header_runs("alignment", WD_ALIGN_PARAGRAPH.RIGHT)),
    ("text.legacy-encoding", text(PLAIN, "Bám sát chỉ đạo của Céng hoµ x· héi chñ nghÜa ViÖt Nam.")),
    ("text.glyph", text(PLAIN, "Bám sát chỉ đạo của ngƣời dân.")),
    ("text.nfc", text(PLAIN, unicodedata.normalize("NFD", "Bám sát chỉ đạo của UBND tỉnh."))),
    ("layout.manual-alignment", centred_with_spaces("KT. GIÁM ĐỐC")),
    ("layout.table-borders", framed_table_of("Số:")),
    ("layout.table-borders", framed_table_of("Nơi nhận")),
    ("text.color", red(PLAIN)),
    ("date.level", date_lowered),
    ("cv-summary.size", as_cong_van(size_pt=14)),
    ("cv-summary.style", as_cong_van(bold=True)),
]

PARTY_BREAKERS = [
    ("issuer.mark", text("*", "")),
    ("signature.prefix", text("T/M BAN", "TM. BAN THƯỜNG VỤ")),
    ("body.ending", lambda d: set_text(find(d, "1. Cấp ủy cơ sở"), find(d, "1. Cấp ủy cơ sở").text + "/.")),
    ("recipients.archive", text("- Lưu", "- Lưu: VT, VP.")),
    ("national-title.text", text("ĐẢNG CỘNG SẢN", "ĐẢNG CỘNG SẢN VIỆT NAM.")),
    ("national-title.line", drop_lines_in_cell("ĐẢNG CỘNG SẢN")),
    ("summary.line", text("-----", "")),
]


def section_without_page_field(index):
    def breaker(doc):
        for p in doc.sections[index].header.paragraphs:
            for child in list(p._p):
                if child is not p._p.pPr:
                    p._p.remove(child)
    return breaker


def lengthen(start, paragraphs=80):
    """Make the section holding the last paragraph starting ``start`` run over several pages (a one-page
    section needs no number): paragraphs of text right after it."""
    def breaker(doc):
        anchor = [p for p in all_paragraphs(doc) if p.text.strip().startswith(start)][-1]._p  # the last one
        for _ in range(paragraphs):
            new = doc.add_paragraph("Nội dung chi tiết của phụ lục, trình bày trên nhiều trang giấy.")
            anchor.addnext(new._p)
    return breaker


def section_header_runs(index, points):
    def breaker(doc):
        for p in doc.sections[index].header.paragraphs:
            for run in p.runs:
                run.font.size = Pt(points)
    return breaker


def numbering_goes_on(index):
    """Section ``index`` continues the page numbers of the one before (no w:pgNumType w:start)."""
    def breaker(doc):
        for element in doc.sections[index]._sectPr.xpath("./w:pgNumType"):
            element.getparent().remove(element)
    return breaker


def first_appendix_in_main_section(doc):
    """No section break before Phụ lục I: it shares the main text's section (and page numbers)."""
    from docx.oxml.ns import qn

    [ending] = [p for p in doc.element.body.iterchildren(qn("w:p"))
                if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None][:1]
    sect = ending.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
    sect.getparent().remove(sect)


# Rules whose clean document is one of ADDRESSED or whose break needs the appendix sections of the
# state fixture (two phụ lục, each in a section numbered from 1): (document, rule id, breaker).
MORE_BREAKERS = [
    ("state", "page-number.field", lambda d: (section_without_page_field(2)(d), lengthen("(Kèm theo")(d))),
    ("state", "page-number.size", section_header_runs(1, 11)),
    ("state", "page-number.restart", numbering_goes_on(1)),
    ("state", "page-number.restart", first_appendix_in_main_section),
    ("state", "appendix-label.size", size("Phụ lục I", 13)),
    ("state", "appendix-label.style", flag("Phụ lục II", "bold", False)),
    ("state", "appendix-title.size", size("DANH MỤC NHIỆM VỤ", 12)),
    ("state", "appendix-title.style", text("DANH MỤC NHIỆM VỤ", "Danh mục nhiệm vụ năm 2025")),
    ("state", "appendix-reference.size", size("(Kèm theo", 12)),
    ("state", "appendix-reference.style", flag("(Kèm theo", "italic", False)),
    ("state", "basis.style", flag("Căn cứ Luật", "italic", False)),
    ("state", "basis.style", flag("Căn cứ Kế hoạch số 21", "italic", False)),  # the last one, ending "."
    ("state-addressed", "addressees.label", text("Kính gửi", "Kính gửi")),
    ("state-addressed", "addressees.items", text("- Sở Tài chính", "- Sở Tài chính;")),
    ("state-addressed", "addressees.items", text("- Ủy ban nhân dân", "Ủy ban nhân dân tỉnh Bắc Kạn;")),
    ("state-one-addressee", "addressees.label", text("Kính gửi", "Kính gửi Ủy ban nhân dân tỉnh Bắc Kạn.")),
    ("party-addressed", "addressees.label", text("Đồng kính gửi", "Đồng kính gửi")),
    ("party-addressed", "addressees.items", text("- Ban Tổ chức", "- Ban Tổ chức Tỉnh ủy.")),
]


def broken(clean, rules, breaker, tmp_path):
    doc = Document(str(clean[rules]))
    breaker(doc)
    path = tmp_path / "broken.docx"
    doc.save(str(path))
    return check_document(path)


@pytest.mark.parametrize("rules", ["state", "party"])
def test_clean_documents_have_no_findings(clean, rules):
    assert check_document(clean[rules]) == []


def test_every_rule_has_a_breaking_test():
    assert set(all_rule_ids()) == {rule_id for rule_id, _ in BREAKERS} | {rule_id for rule_id, _ in PARTY_BREAKERS} \
        | {rule_id for _, rule_id, _ in MORE_BREAKERS}


@pytest.mark.parametrize("name", [name for name, _, _ in ADDRESSED])
def test_clean_addressed_documents_have_no_findings(clean, name):
    assert [f.line() for f in check_document(clean[name])] == []


@pytest.mark.parametrize("document,rule_id,breaker", MORE_BREAKERS,
                         ids=[f"{document}-{rule_id}" for document, rule_id, _ in MORE_BREAKERS])
def test_more_rules_fire_alone(clean, tmp_path, document, rule_id, breaker):
    findings = broken(clean, document, breaker, tmp_path)
    assert {f.rule for f in findings} == {rule_id}, [f.line() for f in findings]
    finding = findings[0]
    assert finding.severity == (WARNING if document.startswith("party") else VIOLATION)
    assert finding.source and finding.where and finding.found and finding.wanted


@pytest.mark.parametrize("rule_id,breaker", BREAKERS, ids=[rule_id for rule_id, _ in BREAKERS])
def test_state_rule_fires_alone(clean, tmp_path, rule_id, breaker):
    findings = broken(clean, "state", breaker, tmp_path)
    assert {f.rule for f in findings} == {rule_id}, [f.line() for f in findings]
    finding = findings[0]
    assert finding.severity == (WARNING if rule_id in ("text.nfc", "header.scaling", "layout.manual-alignment")
                                else VIOLATION)
    assert finding.source and finding.where and finding.found and finding.wanted


@pytest.mark.parametrize("rule_id,breaker", PARTY_BREAKERS, ids=[rule_id for rule_id, _ in PARTY_BREAKERS])
def test_party_rule_fires_alone(clean, tmp_path, rule_id, breaker):
    findings = broken(clean, "party", breaker, tmp_path)
    assert {f.rule for f in findings} == {rule_id}, [f.line() for f in findings]
    assert "HD 36" in findings[0].source


def test_party_default_from_practice_is_only_a_warning(clean, tmp_path):
    """Party body layout is [R] in the reference: breaking it warns, it is not a violation."""
    findings = broken(clean, "party", para("Thực hiện Đề án", "first_line_indent", Cm(0.3)), tmp_path)
    assert [(f.rule, f.severity) for f in findings] == [("body.indent", WARNING)]


def test_state_document_checked_as_party_is_told_so(clean):
    """--rules party on a state document: the national title and signing prefix are wrong for that rule set."""
    rules = {f.rule for f in check_document(clean["state"], rules="party")}
    assert {"national-title.text", "signature.prefix", "number.format"} <= rules


def test_finding_names_file_rule_place_and_source(clean, tmp_path):
    findings = broken(clean, "state", text("Bắc Kạn, ngày", "Bắc Kạn, ngày 05 tháng 03 năm 2025"), tmp_path)
    line = findings[0].line()
    assert line.startswith(str(tmp_path / "broken.docx") + ": date.padding [violation] at \"Bắc Kạn, ngày 05")
    assert 'month written "03"' in line and '"3"' in line and "(NĐ 30/2020, Phụ lục I, mục II.4)" in line


def test_lines_of_one_cell_paragraph_are_read_as_lines(clean, tmp_path):
    """Chủ quản and ban hành typed as two lines of one paragraph (Shift+Enter): still no finding,
    and a wrong size on the second line is still found there."""
    import copy

    def merge(doc):
        parent, issuer = find(doc, "UBND TỈNH BẮC KẠN"), find(doc, "SỞ NỘI VỤ")
        parent.add_run().add_break()
        for run in issuer.runs:
            parent._p.append(copy.deepcopy(run._r))
        issuer._p.getparent().remove(issuer._p)

    assert broken(clean, "state", merge, tmp_path) == []

    def merge_and_shrink(doc):
        merge(doc)
        find(doc, "UBND TỈNH BẮC KẠN").runs[-1].font.size = Pt(11)

    findings = broken(clean, "state", merge_and_shrink, tmp_path)
    assert [(f.rule, f.where, f.found) for f in findings] == [("issuer.size", '"SỞ NỘI VỤ"', "11 pt")]


def test_auto_numbered_paragraph_is_not_judged_by_its_indent(clean, tmp_path):
    """Word's automatic numbering puts the label outside the text; its indent comes from the list."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def numbered(doc):
        p = find(doc, PLAIN)
        p.paragraph_format.first_line_indent = Cm(0)
        num_pr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", "0"), ("w:numId", "1")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            num_pr.append(element)
        p._p.get_or_add_pPr().append(num_pr)

    assert broken(clean, "state", numbered, tmp_path) == []
    assert {f.rule for f in broken(clean, "state", para(PLAIN, "first_line_indent", Cm(0)), tmp_path)} == \
        {"body.indent"}


def test_state_document_mentioning_the_party_is_still_state(clean, tmp_path):
    findings = broken(clean, "state", text(PLAIN, "Bám sát chỉ đạo của ĐẢNG CỘNG SẢN VIỆT NAM."), tmp_path)
    assert findings == []


def test_a_single_addressee_needs_no_final_period(clean, tmp_path):
    """"Kính gửi: Ủy ban nhân dân tỉnh Bắc Kạn" (one recipient, no ".") is how offices write it: no finding."""
    findings = broken(clean, "state-one-addressee", text("Kính gửi", "Kính gửi: Ủy ban nhân dân tỉnh Bắc Kạn"), tmp_path)
    assert [f.line() for f in findings] == []
