"""Importer: the header (issuer and parent, Số/ký hiệu in state and Party forms, place and date),
tên loại, trích yếu and the opening, each on a fragment of a reference plan."""
from __future__ import annotations

import datetime as dt

from vbgen.importer.header import (find_type_line, parse_date, parse_header, parse_number, split_opening,
                                   take_title)
from vbgen.importer.sources import Line, split_pipes


def _lines(text: str, bold: set[int] = frozenset()) -> list[Line]:
    return split_pipes([Line(" ".join(t.split()), n, bold=n in bold) for n, t in enumerate(text.splitlines(), 1)])


HEADER_004 = """ỦY BAN NHÂN DÂN
TỈNH BẮC KẠN
-------
|
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số: 21/KH-UBND
|
Bắc Kạn, ngày 16
tháng 01 năm 2025
|"""


def test_state_header_flattened_by_pdf_extraction():
    header = parse_header(_lines(HEADER_004))
    assert header.issuer_name == "ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN"
    assert header.issuer_parent is None
    assert (header.number, header.symbol, header.party_number) == (21, "KH-UBND", False)
    assert header.place == "Bắc Kạn"
    assert header.date == dt.date(2025, 1, 16)


HEADER_10 = ("TRUNG TÂM ĐIỀU ĐỘ / HỆ THỐNG ĐIỆN QUỐC GIA / TRUNG TÂM ĐIỀU ĐỘ /  HỆ THỐNG ĐIỆN MIỀN NAM /  / "
             "Số:            /KH-ĐĐMN / | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc /  /  / "
             "Thành phố Hồ Chí Minh, ngày 01 tháng 03 năm 2024\n")


def test_unit_header_with_parent_body_and_blank_number():
    header = parse_header(_lines(HEADER_10))
    assert header.issuer_parent == "TRUNG TÂM ĐIỀU ĐỘ HỆ THỐNG ĐIỆN QUỐC GIA"
    assert header.issuer_name == "TRUNG TÂM ĐIỀU ĐỘ\nHỆ THỐNG ĐIỆN MIỀN NAM"
    assert "issuer" in header.guesses  # split by wording, so the YAML says to check it
    assert header.number is None and header.symbol == "KH-ĐĐMN"  # a draft: the number is blank
    assert header.place == "Thành phố Hồ Chí Minh" and header.date == dt.date(2024, 3, 1)


def test_bold_lines_are_the_issuer_in_a_word_header():
    lines = _lines("TRUNG TÂM ĐIỀU ĐỘ\nHỆ THỐNG ĐIỆN QUỐC GIA\nTRUNG TÂM ĐIỀU ĐỘ\nHỆ THỐNG ĐIỆN MIỀN NAM", bold={3, 4})
    header = parse_header(lines)
    assert header.issuer_parent == "TRUNG TÂM ĐIỀU ĐỘ HỆ THỐNG ĐIỆN QUỐC GIA"
    assert header.issuer_name == "TRUNG TÂM ĐIỀU ĐỘ\nHỆ THỐNG ĐIỆN MIỀN NAM"
    assert not header.guesses


def test_party_header_number_form():
    lines = _lines("ĐẢNG BỘ TỈNH NGHỆ AN\nĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\n*\nSố 04- KH/ĐUK\n"
                   "ĐẢNG CỘNG SẢN VIỆT NAM\nNghệ An, ngày 15 tháng 12 năm 2021")
    header = parse_header(lines)
    assert header.party_national and header.party_number
    assert (header.number, header.number_text, header.symbol) == (4, "04", "KH/ĐUK")
    assert header.issuer_parent == "ĐẢNG BỘ TỈNH NGHỆ AN"
    assert header.issuer_name == "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"


def test_number_and_date_variants():
    # seed 001 writes "Đề án số 04- ĐA/TU" and "Kế hoạch số 696 /KH- UBND"
    assert parse_number("Số 04- ĐA/TU") == (4, "04", "ĐA/TU", True)
    assert parse_number("Số: 696 /KH- UBND") == (696, "696", "KH-UBND", False)
    assert parse_number("Số:      /KH-UBND") == (None, None, "KH-UBND", False)
    assert parse_date("Cần Thơ, ngày 21 tháng 11 năm 2025 *") == ("Cần Thơ", dt.date(2025, 11, 21), 2025)
    assert parse_date("Hà Nội, ngày     tháng     năm 2025") == ("Hà Nội", None, 2025)


def test_title_in_capitals_ends_at_the_opening():
    # corpus 04: the trích yếu in capitals, then "Thực hiện Chỉ thị …"
    lines = _lines("KẾ HOẠCH\nTHỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ\n"
                   "VỀ VIỆC TĂNG CƯỜNG THỰC HIỆN CÔNG TÁC DÂN SỐ TRONG TÌNH HÌNH MỚI\n"
                   "Thực hiện Chỉ thị số 27/CT-TTg ngày 15 tháng 8 năm 2024 của Thủ tướng Chính phủ;")
    index, plan_type = find_type_line(lines)
    assert (index, plan_type) == (0, "ke-hoach")
    title, used = take_title(lines[1:], hard_wrapped=False)
    assert title == ("THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ "
                     "VỀ VIỆC TĂNG CƯỜNG THỰC HIỆN CÔNG TÁC DÂN SỐ TRONG TÌNH HÌNH MỚI")
    assert used == 2


def test_lower_case_title_ends_at_the_rule_line():
    # seed 001: the trích yếu in lower case, wrapped, closed by "-----"
    lines = _lines("triển khai thực hiện Đề án số 04-ĐA/TU ngày 01/10/2021\n\n"
                   "của Ban Thƣờng vụ Tỉnh uỷ về một số giải pháp đổi mới\n\n-----\n\n"
                   "Thực hiện Đề án số 04- ĐA/TU, ngày 01 tháng 10 năm 2021 của Ban")
    title, used = take_title(lines, hard_wrapped=True)
    assert title == ("triển khai thực hiện Đề án số 04-ĐA/TU ngày 01/10/2021 của Ban Thƣờng vụ Tỉnh uỷ về "
                     "một số giải pháp đổi mới")
    assert lines[used + 1].text.startswith("Thực hiện Đề án")


def test_opening_splits_basis_from_the_sentence_that_issues_the_plan():
    # corpus 10: one căn cứ line, then the issuing sentence; seed 004: a "Căn cứ … như sau:" sentence
    basis, opening, addressees, co = split_opening([
        "Căn cứ văn bản số 540/ĐĐQG-VP ngày 23/02/2024 của Trung tâm Điều độ HTĐ Quốc gia về việc triển khai, "
        "thực hiện công tác quốc phòng, quân sự năm 2024;",
        "Trung tâm Điều độ HTĐ miền Nam xây dựng Kế hoạch công tác quốc phòng, quân sự năm 2024, như sau:"])
    assert len(basis) == 1 and basis[0].startswith("Căn cứ văn bản số 540")
    assert opening == ["Trung tâm Điều độ HTĐ miền Nam xây dựng Kế hoạch công tác quốc phòng, quân sự năm 2024, như sau:"]
    basis, opening, _, _ = split_opening([
        "Căn cứ Kế hoạch số 141-KH/BDVTU ngày 27/12/2024 của Ban Dân vận Tỉnh ủy về công tác dân vận năm 2025, "
        "Ủy ban nhân dân (UBND) tỉnh ban hành Kế hoạch thực hiện công tác dân vận chính quyền năm 2025 với nội "
        "dung như sau:"])
    assert basis == [] and len(opening) == 1


def test_kinh_gui_and_dong_kinh_gui():
    _, opening, addressees, co = split_opening([
        "Kính gửi: Ban Thường vụ Tỉnh ủy", "Đồng kính gửi: - Ban Dân vận Tỉnh ủy; - Sở Nội vụ.",
        "Thực hiện Kế hoạch số 141-KH/BDVTU, Ban Thường vụ Đảng ủy Khối báo cáo như sau:"])
    assert addressees == ["Ban Thường vụ Tỉnh ủy"]
    assert co == ["Ban Dân vận Tỉnh ủy", "Sở Nội vụ"]
    assert len(opening) == 1


def test_capitals_put_in_ordinary_case_as_the_text_spells_them():
    from vbgen.importer.header import sentence_case
    # corpus 01: the trích yếu in capitals; the opening spells the same words
    corpus = ("Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025 của Thủ tướng Chính phủ ban hành Kế hoạch "
              "triển khai thi hành Nghị định số 200/2025/NĐ-CP ngày 09/7/2025 của Chính phủ quy định chi tiết "
              "một số điều của Luật Phòng thủ dân sự (sau đây viết tắt là Nghị định).\nNghệ An")
    assert sentence_case("THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG NGÀY 04/9/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ BAN HÀNH "
                         "KẾ HOẠCH TRIỂN KHAI THI HÀNH NGHỊ ĐỊNH QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT PHÒNG "
                         "THỦ DÂN SỰ", corpus) == (
        "Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025 của Thủ tướng Chính phủ ban hành Kế hoạch triển "
        "khai thi hành Nghị định quy định chi tiết một số điều của Luật Phòng thủ dân sự")
    assert sentence_case("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "Ủy ban nhân dân tỉnh ban hành\nNghệ An") == \
        "Ủy ban nhân dân tỉnh Nghệ An"


SEEDS = __import__("reference").SEEDS


@__import__("pytest").mark.skipif(not SEEDS.is_dir(), reason="reference seeds not on this machine")
def test_markdown_bold_title_over_several_lines_and_issuer_from_the_text():
    # seed 003 has no header; its trích yếu is a **…** block over four lines
    from vbgen.importer import import_source
    data = import_source(SEEDS / "003_6f831acf829c8ba2.txt").data
    assert data["title"].startswith("Thực hiện Đề án số 04-ĐA/TU ngày 01/10/2021")
    assert data["title"].endswith("giai đoạn 2021 - 2025 và những năm tiếp theo")
    assert data["opening"][0].startswith("Thực hiện Đề án số 04-ĐA/TU ngày 01/10/2021 của Ban Thường vụ")
    assert data["issuer"]["name"] == "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN"
    assert data["issuer"]["abbreviation"] == "UBND" and data["place"] == "Nghệ An"
    assert "number" not in data and "date" not in data  # not in the source: nothing invented


def test_type_and_title_on_one_line():
    lines = _lines("ỦY BAN NHÂN DÂN\nKẾ HOẠCH THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2025\n"
                   "Căn cứ Kế hoạch số 141-KH/BDVTU ngày 27/12/2024 của Ban Dân vận Tỉnh ủy;")
    assert find_type_line(lines) == (1, "ke-hoach")
    assert take_title(lines[2:], hard_wrapped=False)[0] == "THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2025"
