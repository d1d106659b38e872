"""The [P] rules of NĐ 30/2020 hold in a rendered state plan (issue 2, point 4)."""
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm

from docxutil import (W, all_bold, all_italic, all_paragraphs, every_run, find, has_bottom_border,
                      none_bold, none_italic, run_fonts, signature_table, sizes)


def test_page_is_a4_with_margins_in_range(state_doc):
    section = state_doc.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    assert Mm(20) <= section.top_margin <= Mm(25)
    assert Mm(20) <= section.bottom_margin <= Mm(25)
    assert Mm(30) <= section.left_margin <= Mm(35)
    assert Mm(15) <= section.right_margin <= Mm(20)


def test_every_run_is_times_new_roman_in_all_four_slots(state_doc):
    runs = every_run(state_doc)
    assert len(runs) > 50
    for run in runs:
        assert run_fonts(run) == {s: "Times New Roman" for s in ("ascii", "hAnsi", "eastAsia", "cs")}, run.text


def test_quoc_hieu_and_tieu_ngu(state_doc):
    qh = find(state_doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", exact=True)
    assert sizes(qh) == {13} and all_bold(qh) and none_italic(qh)
    assert qh.alignment == WD_ALIGN_PARAGRAPH.CENTER
    tn = find(state_doc, "Độc lập - Tự do - Hạnh phúc", exact=True)
    assert sizes(tn) == {14} and all_bold(tn) and none_italic(tn)
    cell_paras = all_paragraphs(state_doc)
    after = cell_paras[cell_paras.index(next(p for p in cell_paras if p._p is tn._p)) + 1]
    assert has_bottom_border(after), "a line must follow the Tiêu ngữ"


def test_issuer_parent_plain_issuer_bold_with_short_line(state_doc):
    parent = find(state_doc, "UBND TỈNH BẮC KẠN", exact=True)
    assert sizes(parent) == {13} and none_bold(parent)
    issuer = find(state_doc, "SỞ NỘI VỤ", exact=True)
    assert sizes(issuer) == {13} and all_bold(issuer)
    cell = state_doc.tables[0].cell(0, 0)
    lines = [p for p in cell.paragraphs if has_bottom_border(p)]
    assert len(lines) == 1
    width = state_doc.tables[0].columns[0].width
    visible = width - lines[0].paragraph_format.left_indent - lines[0].paragraph_format.right_indent
    assert width / 4 < visible < width * 0.6, "the issuer line is 1/3 to 1/2 of the text"


def test_number_line_pads_below_ten_and_sits_level_with_the_date(state_doc):
    table = state_doc.tables[0]
    number = table.cell(1, 0).paragraphs[0]
    date = table.cell(1, 1).paragraphs[0]
    assert number.text == "Số: 05/KH-SNV"
    assert sizes(number) == {13} and none_bold(number) and none_italic(number)
    assert date.text == "Bắc Kạn, ngày 05 tháng 3 năm 2025"
    assert sizes(date) == {14} and all_italic(date) and none_bold(date)


@pytest.mark.parametrize("date, expected", [
    ("2025-01-16", "ngày 16 tháng 01 năm 2025"),
    ("2025-02-09", "ngày 09 tháng 02 năm 2025"),
    ("2025-03-05", "ngày 05 tháng 3 năm 2025"),
    ("2025-12-31", "ngày 31 tháng 12 năm 2025"),
])
def test_date_padding_rule(render, date, expected):
    from conftest import FIXTURES
    text = (FIXTURES / "state-plan.yaml").read_text(encoding="utf-8").replace("date: 2025-03-05", f"date: {date}")
    doc = render(text)
    assert doc.tables[0].cell(1, 1).paragraphs[0].text == f"Bắc Kạn, {expected}"


def test_draft_leaves_number_and_day_month_blank(render):
    from conftest import FIXTURES
    text = (FIXTURES / "state-plan.yaml").read_text(encoding="utf-8")
    text = text.replace("number: 5\n", "").replace("date: 2025-03-05\n", "year: 2026\n")
    doc = render(text)
    number = doc.tables[0].cell(1, 0).paragraphs[0].text
    date = doc.tables[0].cell(1, 1).paragraphs[0].text
    assert number.startswith("Số: ") and number.endswith("/KH-SNV") and not any(c.isdigit() for c in number)
    assert date.startswith("Bắc Kạn, ngày ") and date.endswith("năm 2026")
    assert not any(c.isdigit() for c in date[:-4])


def test_type_name_and_title_with_line(state_doc):
    kind = find(state_doc, "KẾ HOẠCH", exact=True)
    assert sizes(kind) == {14} and all_bold(kind) and kind.alignment == WD_ALIGN_PARAGRAPH.CENTER
    title = find(state_doc, "Thực hiện công tác dân vận chính quyền năm 2025", exact=True)
    assert sizes(title) == {14} and all_bold(title) and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    paras = state_doc.paragraphs
    i = next(i for i, p in enumerate(paras) if p._p is title._p)
    assert has_bottom_border(paras[i + 1])


def body_paragraphs(doc):
    paras = doc.paragraphs
    start = next(i for i, p in enumerate(paras) if p.text.startswith("Căn cứ"))
    end = next(i for i, p in enumerate(paras) if p.text.startswith("Trên đây"))
    return paras[start:end + 1]


def test_body_justified_indented_spaced(state_doc):
    body = body_paragraphs(state_doc)
    assert len(body) > 20
    for p in body:
        fmt = p.paragraph_format
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, p.text
        assert Cm(1) - 20 <= fmt.first_line_indent <= Cm(1.27) + 20, p.text
        assert fmt.space_before.pt >= 6, p.text
        assert 1.0 <= fmt.line_spacing <= 1.5, p.text
        assert sizes(p) == {14}, p.text


def test_basis_lines_are_italic_and_punctuated(state_doc):
    first = find(state_doc, "Căn cứ Luật")
    second = find(state_doc, "Căn cứ Kế hoạch")
    assert all_italic(first) and all_italic(second)
    assert first.text.endswith(";") and second.text.endswith(".")


def test_body_ends_with_the_state_mark(state_doc):
    closing = find(state_doc, "Trên đây")
    assert closing.text.endswith("thực hiện./.")
    assert closing.text.count("./.") == 1


def test_numbering_is_computed_in_vietnamese_order(state_doc):
    texts = [p.text for p in state_doc.paragraphs]
    for expected in ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "II. CHỈ TIÊU",
                     "III. NHIỆM VỤ VÀ GIẢI PHÁP", "1. Nhiệm vụ chung", "1.1. Tuyên truyền", "1.2. Kiểm tra",
                     "IV. TIẾN ĐỘ THỰC HIỆN", "V. TỔ CHỨC THỰC HIỆN"]:
        assert expected in texts
    letters = [t.split(")")[0] for t in texts if t.startswith(tuple("abcdđeg")) and ") Điểm" in t]
    assert letters == ["a", "b", "c", "d", "đ", "e", "g"]
    heading = find(state_doc, "I. MỤC ĐÍCH")
    assert all_bold(heading)


def test_inserting_a_section_renumbers_everything_after_it(render):
    from conftest import FIXTURES
    text = (FIXTURES / "state-plan.yaml").read_text(encoding="utf-8")
    text = text.replace("  - section: Chỉ tiêu\n", "  - section: Căn cứ xây dựng\n    items:\n"
                        "      - text: Một đoạn mới.\n  - section: Chỉ tiêu\n", 1)
    texts = [p.text for p in render(text).paragraphs]
    assert "II. CĂN CỨ XÂY DỰNG" in texts
    assert "III. CHỈ TIÊU" in texts and "VI. TỔ CHỨC THỰC HIỆN" in texts


def test_run_in_labels_and_inline_bold(state_doc):
    p = find(state_doc, "1. Giao nhiệm vụ:")
    bold = [r.text for r in p.runs if r.font.bold]
    assert bold == ["Giao nhiệm vụ: "]
    q = find(state_doc, "- Các phòng, đơn vị thực hiện.")
    assert [r.text for r in q.runs if r.font.bold] == ["Thời gian:"]


def test_numbers_are_formatted_the_vietnamese_way(state_doc):
    texts = [p.text for p in state_doc.paragraphs]
    assert "1. Kinh phí hỗ trợ 1.250.000 đồng cho mỗi mô hình." in texts
    assert "2. Tỷ lệ hài lòng đạt 98,5%." in texts


def test_signature_block(state_doc):
    right = signature_table(state_doc).cell(0, 1)
    lines = [p for p in right.paragraphs if p.text.strip()]
    assert [p.text for p in lines] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A"]
    for p in lines:
        assert all_bold(p) and sizes(p) == {14} and p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    blank = [p for p in right.paragraphs if not p.text.strip()]
    assert len(blank) >= 3, "room for the signature and seal"


def test_recipients_label_level_with_first_signature_line(state_doc):
    table = signature_table(state_doc)
    label = table.cell(0, 0).paragraphs[0]
    assert label.text == "Nơi nhận:"
    assert sizes(label) == {12} and all_bold(label) and all_italic(label)
    assert table.cell(0, 1).paragraphs[0].text == "KT. GIÁM ĐỐC"


def test_recipient_items_punctuation_and_archive_line(state_doc):
    items = [p for p in signature_table(state_doc).cell(0, 0).paragraphs[1:] if p.text]
    assert [p.text for p in items] == ["- UBND tỉnh (b/c);", "- Giám đốc, các PGĐ Sở;",
                                       "- Các phòng, đơn vị thuộc Sở;", "- Lưu: VT, XDCQ."]
    for p in items:
        assert sizes(p) == {11} and none_bold(p)


def test_page_numbers_centred_in_header_not_on_first_page(state_doc):
    section = state_doc.sections[0]
    assert section.different_first_page_header_footer
    header = section.header._element
    instr = [t.text for t in header.iter(f"{W}instrText")]
    assert [i.strip() for i in instr] == ["PAGE"]
    para = section.header.paragraphs[0]
    assert para.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {r.font.size.pt for r in para.runs} == {14}
    first = section.first_page_header._element
    assert not list(first.iter(f"{W}instrText"))
    assert section.header_distance < section.top_margin


def test_appendices_in_own_sections_numbered_on_their_own(state_doc):
    sections = state_doc.sections
    assert len(sections) == 3
    assert sections[1].orientation == WD_ORIENT.LANDSCAPE
    assert sections[2].orientation == WD_ORIENT.PORTRAIT
    for section in sections[1:]:
        num = section._sectPr.find(f"{W}pgNumType")
        assert num is not None and num.get(f"{W}start") == "1"
    texts = [p.text for p in state_doc.paragraphs]
    assert "Phụ lục I" in texts and "Phụ lục II" in texts
    assert "(Kèm theo Kế hoạch số 05/KH-SNV ngày 05/3/2025 của Sở Nội vụ tỉnh Bắc Kạn)" in texts
    tasks = state_doc.tables[-2]
    assert [c.text for c in tasks.rows[0].cells] == ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"]
    assert [c.text for c in tasks.rows[1].cells] == [
        "1", "Phòng Xây dựng chính quyền tham mưu, theo dõi, đôn đốc.", "Phòng Xây dựng chính quyền",
        "Văn phòng Sở, Thanh tra Sở", "trước ngày 25/5/2025"]
    groups = state_doc.tables[-1]
    stt = [r.cells[0].text for r in groups.rows[1:]]
    assert stt == ["I", "1", "2", "II", "1"]
    assert all_bold(groups.rows[1].cells[1].paragraphs[0])


def test_a_table_in_the_body_stays_in_its_place(state_doc):
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks = list(state_doc.iter_inner_content())
    i = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text == "Các nội dung cụ thể như sau:")
    table = blocks[i + 1]
    assert isinstance(table, Table), "the table follows the paragraph that introduces it"
    assert isinstance(blocks[i + 2], Paragraph) and blocks[i + 2].text == "V. TỔ CHỨC THỰC HIỆN"
    assert [c.text for c in table.rows[0].cells] == ["STT", "Nội dung", "Thời gian", "Chủ trì", "Thực hiện"]
    assert [r.cells[0].text for r in table.rows[1:]] == ["I", "1", "II", "1", "2"]
    assert [c.text for c in table.rows[4].cells] == ["1", "Báo cáo 6 tháng", "Trước 10/5", "Lãnh đạo Sở",
                                                     "Văn phòng Sở"]
    width = sum(col.width for col in table.columns)
    section = state_doc.sections[0]
    assert width <= section.page_width - section.left_margin - section.right_margin + 20


def test_a_body_ending_with_a_table_takes_the_mark_after_it(render):
    from conftest import FIXTURES
    from docx.table import Table

    text = (FIXTURES / "state-plan.yaml").read_text(encoding="utf-8")
    text = text.replace("closing: Trên đây", "# closing: Trên đây")
    start = text.index("  - section: Tổ chức thực hiện")
    end = text.index("# closing:")
    doc = render(text[:start] + text[end:])
    blocks = list(doc.iter_inner_content())
    i = next(i for i, b in enumerate(blocks) if isinstance(b, Table) and b.rows[0].cells[0].text == "STT")
    assert blocks[i + 1].text == "./."
    assert not any(p.text.endswith("./.") for p in doc.paragraphs if p.text != "./.")


def test_layout_margins_apply_to_appendix_pages_too(render):
    from conftest import FIXTURES
    text = (FIXTURES / "state-plan.yaml").read_text(encoding="utf-8")
    doc = render(text + "layout:\n  margins_mm: {left: 35, top: 25}\n")
    for section in doc.sections:
        assert abs(section.left_margin - Mm(35)) < Mm(0.1)
        assert abs(section.top_margin - Mm(25)) < Mm(0.1)
