"""The Party rules (HD 36) hold in a rendered Party plan (issue 2, point 4)."""
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from docxutil import (all_bold, all_italic, find, has_bottom_border, none_bold, run_fonts, signature_table,
                      sizes, every_run)


def test_party_heading_with_its_line(party_doc):
    right = party_doc.tables[0].cell(0, 1)
    heading = right.paragraphs[0]
    assert heading.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert sizes(heading) == {15} and all_bold(heading)
    assert not any(p.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" for p in right.paragraphs)
    lines = [p for p in right.paragraphs if has_bottom_border(p)]
    assert len(lines) == 1


def test_issuer_with_star_and_number_without_colon(party_doc):
    left = party_doc.tables[0].cell(0, 0)
    texts = [p.text for p in left.paragraphs]
    assert texts == ["ĐẢNG BỘ TỈNH NGHỆ AN", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", "*"]
    assert none_bold(left.paragraphs[0]) and sizes(left.paragraphs[0]) == {14}
    assert all_bold(left.paragraphs[1]) and sizes(left.paragraphs[1]) == {14}
    assert not any(has_bottom_border(p) for p in left.paragraphs)
    number = party_doc.tables[0].cell(1, 0).paragraphs[0]
    assert number.text == "Số 21-KH/ĐUK"
    date = party_doc.tables[0].cell(1, 1).paragraphs[0]
    assert date.text == "Nghệ An, ngày 03 tháng 12 năm 2021" and all_italic(date) and sizes(date) == {14}


def test_title_block_with_dashes(party_doc):
    kind = find(party_doc, "KẾ HOẠCH", exact=True)
    assert sizes(kind) == {16} and all_bold(kind)
    title = find(party_doc, "triển khai thực hiện Đề án số 04-ĐA/TU", exact=True)
    assert all_bold(title) and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    paras = party_doc.paragraphs
    i = next(i for i, p in enumerate(paras) if p._p is title._p)
    assert paras[i + 1].text == "-----"


def test_party_numbering_and_ending(party_doc):
    texts = [p.text for p in party_doc.paragraphs]
    assert "I- MỤC ĐÍCH, YÊU CẦU" in texts and "II- TỔ CHỨC THỰC HIỆN" in texts
    last = find(party_doc, "1. Cấp ủy cơ sở")
    assert last.text.endswith("(qua Ban Tuyên giáo).")
    assert "./." not in "".join(texts)


def test_party_signature(party_doc):
    right = signature_table(party_doc).cell(0, 1)
    lines = [p for p in right.paragraphs if p.text.strip()]
    assert [p.text for p in lines] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Thị Kim Chi"]
    assert all_bold(lines[0]) and none_bold(lines[1]) and all_bold(lines[2])


def test_party_recipients_end_with_commas(party_doc):
    left = signature_table(party_doc).cell(0, 0)
    label = left.paragraphs[0]
    assert label.text == "Nơi nhận:" and all(r.font.underline for r in label.runs)
    items = [p.text for p in left.paragraphs[1:] if p.text]
    assert items == ["- Ban Dân vận Tỉnh ủy (Báo cáo),", "- Sở Nội vụ (phối hợp),", "- Các TCCS Đảng,",
                     "- Lưu Văn phòng Đảng ủy Khối."]
    assert all(sizes(p) == {12} for p in left.paragraphs[1:] if p.text)


def test_party_page_and_fonts(party_doc):
    section = party_doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert section.different_first_page_header_footer
    for run in every_run(party_doc):
        assert set(run_fonts(run).values()) == {"Times New Roman"}


def test_kinh_gui_and_dong_kinh_gui(render):
    from conftest import FIXTURES
    text = (FIXTURES / "party-plan.yaml").read_text(encoding="utf-8").replace(
        "co_addressees: []", "addressees: [Ban Thường vụ Tỉnh ủy]\n"
        "co_addressees: [Ban Dân vận Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy]")
    texts = [p.text for p in render(text).paragraphs]
    i = texts.index("-----")
    assert texts[i + 1:i + 5] == ["Kính gửi: Ban Thường vụ Tỉnh ủy.", "Đồng kính gửi:",
                                  "- Ban Dân vận Tỉnh ủy;", "- Ban Tuyên giáo Tỉnh ủy."]
