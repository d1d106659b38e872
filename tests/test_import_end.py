"""Importer: Nơi nhận (recipients, notes, Lưu), the signature block and appendix tables, on
fragments of the reference plans."""
from __future__ import annotations

from vbgen.importer.signature import parse_end
from vbgen.importer.sources import Line, split_pipes
from vbgen.importer.tables import parse_appendix, read_table
from vbgen.model import Appendix


def _lines(text: str) -> list[Line]:
    return split_pipes([Line(" ".join(t.split()), n) for n, t in enumerate(text.splitlines(), 1)])


def test_recipients_with_a_note_and_a_wrapped_collective():
    # seed 004: "Gửi bản điện tử:" inside Nơi nhận; "TM. ỦY BAN NHÂN / DÂN" wrapped by the PDF
    end = parse_end(_lines("""Nơi nhận:
Gửi bản điện tử:
- Thường trực Tỉnh ủy (b/c);
- BCĐ thực hiện QCDC và phong trào “Dân vận khéo” tỉnh (b/c);
- CT, các PCT UBND tỉnh;
- Lưu: VT, HCTC&QTTV, Lựu.
|
TM. ỦY BAN NHÂN
DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Hoàng Thu Trang
|"""))
    assert end.recipients == [("note", "Gửi bản điện tử:"), "Thường trực Tỉnh ủy (b/c)",
                              "BCĐ thực hiện QCDC và phong trào “Dân vận khéo” tỉnh (b/c)", "CT, các PCT UBND tỉnh"]
    assert end.archive == "VT, HCTC&QTTV, Lựu"
    assert (end.collective, end.mode, end.on_behalf_of, end.title, end.name) == (
        "ỦY BAN NHÂN DÂN", "KT", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Thu Trang")


def test_party_signature_and_archive_without_colon():
    # seed 001
    end = parse_end(_lines("""Nơi nhận: 
- Ban Dân vận Tỉnh ủy (Báo cáo), 
- Sở Nội vụ (phối hợp), 
- Lưu BTG, VP. 
T/M BAN THƯỜNG VỤ                                                                     
BÍ THƯ 

Nguyễn Thị Kim Chi 
"""))
    assert end.recipients == ["Ban Dân vận Tỉnh ủy (Báo cáo)", "Sở Nội vụ (phối hợp)"]
    assert end.archive == "BTG, VP"
    assert (end.collective, end.mode, end.title, end.name) == ("BAN THƯỜNG VỤ", None, "BÍ THƯ", "Nguyễn Thị Kim Chi")


def test_signature_beside_recipients_in_one_flattened_line():
    # corpus 10 (text copy of a Word table: "left / lines | right / lines")
    end = parse_end(_lines("Nơi nhận: \t\t      / - BCH QS Quận 3 (để b/c); / - A0 (để b/c); / - Lưu: VT, TH  / | "
                           "KT  GIÁM ĐỐC / PHÓ GIÁM ĐỐC /  /  /  / Phan Sỹ Bách"))
    assert end.recipients == ["BCH QS Quận 3 (để b/c)", "A0 (để b/c)"]
    assert end.archive == "VT, TH"
    assert (end.mode, end.on_behalf_of, end.title, end.name) == ("KT", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Phan Sỹ Bách")


APPENDIX_01 = """PHỤ LỤC
DANH MỤC NHIỆM VỤ TRIỂN KHAI THI HÀNH NGHỊ ĐỊNH QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT PHÒNG THỦ DÂN SỰ
(Kèm theo Kế hoạch số 980/KH-UBND ngày 18 tháng 11 năm 2025 của UBND tỉnh Nghệ An)

TT | Nội dung thực hiện | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm dự kiến
I | KIỆN TOÀN VÀ HOÀN THIỆN CƠ CHẾ CHỈ ĐẠO, ĐIỀU HÀNH PHÒNG THỦ DÂN SỰ
1 | Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã | Bộ CHQS tỉnh; UBND cấp xã | Văn phòng Ban Chỉ huy; các sở, ban, ngành | Trước ngày 30/11/2025 | Quyết định của Chủ tịch UBND cấp tỉnh, cấp xã
II | TRIỂN KHAI ĐỒNG BỘ VĂN BẢN QUY PHẠM PHÁP LUẬT
1 | Triển khai thực hiện một số nội dung chi, mức chi đặc thù | Sở Tài chính | Cơ quan, địa phương liên quan | Thường xuyên | 
"""


def test_appendix_table_with_groups_and_six_columns():
    table = parse_appendix(_lines(APPENDIX_01))
    assert table.title.startswith("DANH MỤC NHIỆM VỤ TRIỂN KHAI")
    assert table.reference.startswith("(Kèm theo Kế hoạch số 980/KH-UBND")
    assert table.columns == ["stt", "content", "lead", "support", "deadline", "result"]
    assert table.labels["support"] == "Cơ quan phối hợp" and table.labels["stt"] == "TT"
    assert [g["group"] for g in table.rows] == ["KIỆN TOÀN VÀ HOÀN THIỆN CƠ CHẾ CHỈ ĐẠO, ĐIỀU HÀNH PHÒNG THỦ DÂN SỰ",
                                                "TRIỂN KHAI ĐỒNG BỘ VĂN BẢN QUY PHẠM PHÁP LUẬT"]
    first = table.rows[0]["rows"][0]
    assert first == {"content": "Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã",
                     "lead": "Bộ CHQS tỉnh; UBND cấp xã", "support": "Văn phòng Ban Chỉ huy; các sở, ban, ngành",
                     "deadline": "Trước ngày 30/11/2025", "result": "Quyết định của Chủ tịch UBND cấp tỉnh, cấp xã"}
    Appendix.model_validate({"title": table.title, "reference": table.reference, "columns": table.columns,
                             "labels": table.labels, "rows": table.rows})


def test_group_headings_written_across_the_table():
    # corpus 02: "I. NÂNG CAO …" lines between the rows
    table = parse_appendix(_lines("""PHỤ LỤC
DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM
STT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành
I. NÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY
1 | Triển khai đánh giá mức độ chuyển đổi số trong các doanh nghiệp trên địa bàn Tỉnh. | Sở KH&CN | Các sở, ban, ngành tỉnh; UBND các xã, phường | Thường xuyên
II. HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH HỖ TRỢ CHUYỂN ĐỔI SỐ DOANH NGHIỆP
4 | Xây dựng Bộ tiêu chí đánh giá mức độ chuyển đổi số doanh nghiệp. | Sở KH&CN | Các sở, ban, ngành tỉnh | Quí IV-2025
 |  |  |  |"""))
    assert table.title == "DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM"
    assert [g["group"] for g in table.rows] == ["NÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY",
                                                "HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH HỖ TRỢ CHUYỂN ĐỔI SỐ DOANH NGHIỆP"]
    assert table.rows[1]["rows"] == [{"content": "Xây dựng Bộ tiêu chí đánh giá mức độ chuyển đổi số doanh nghiệp.",
                                      "lead": "Sở KH&CN", "support": "Các sở, ban, ngành tỉnh",
                                      "deadline": "Quí IV-2025"}]


def test_column_order_of_a_unit_table():
    # corpus 10: STT | Nội dung | Thời gian | Chủ trì | Thực hiện
    table = read_table([["STT", "Nội dung", "Thời gian", "Chủ trì", "Thực hiện"],
                        ["I", "Công tác giáo dục quốc phòng - an ninh", "", "", ""],
                        ["1", "Rà soát, lập danh sách cán bộ, đảng viên.", "Thường xuyên", "Lãnh đạo Trung tâm",
                         "BCH Quân sự, phòng Tổng hợp"]])
    assert table.columns == ["stt", "content", "deadline", "lead", "support"]
    assert table.labels["support"] == "Thực hiện"
    assert table.rows == [{"group": "Công tác giáo dục quốc phòng - an ninh", "rows": [
        {"content": "Rà soát, lập danh sách cán bộ, đảng viên.", "deadline": "Thường xuyên",
         "lead": "Lãnh đạo Trung tâm", "support": "BCH Quân sự, phòng Tổng hợp"}]}]


def test_markdown_table_with_rule_line():
    # corpus 02 rows as a markdown table, with its |---| line
    table = parse_appendix(_lines("""PHỤ LỤC
DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM
| STT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
|---|---|---|---|---|
| 4 | Xây dựng Bộ tiêu chí đánh giá mức độ chuyển đổi số doanh nghiệp. | Sở KH&CN | Các sở, ban, ngành tỉnh | Quí IV-2025 |"""))
    assert table.rows == [{"content": "Xây dựng Bộ tiêu chí đánh giá mức độ chuyển đổi số doanh nghiệp.",
                           "lead": "Sở KH&CN", "support": "Các sở, ban, ngành tỉnh", "deadline": "Quí IV-2025"}]


def test_cells_of_columns_without_a_place_are_kept_in_the_note():
    # corpus 01 headings, plus two columns more than a task table has places for
    table = read_table([["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm", "Ghi chú", "Kinh phí",
                         "Nguồn vốn"],
                        ["1", "Rà soát quy chế", "Văn phòng", "Các sở", "Quý I/2025", "Quyết định", "",
                         "50 triệu đồng", "Ngân sách tỉnh"]])
    assert table.rows == [{"content": "Rà soát quy chế", "lead": "Văn phòng", "support": "Các sở",
                           "deadline": "Quý I/2025", "result": "Quyết định",
                           "note": "Kinh phí: 50 triệu đồng; Nguồn vốn: Ngân sách tỉnh"}]
    assert "column 'Kinh phí' has no column of its own here; its cells are added to 'note'" in table.notes


def test_cells_beyond_the_heading_row_are_kept():
    table = read_table([["STT", "Nội dung", "Thời gian"], ["1", "BC tổng kết năm", "Trước 10/11", "Văn phòng"]])
    assert table.rows == [{"content": "BC tổng kết năm", "deadline": "Trước 10/11", "note": "Văn phòng"}]
    assert table.columns == ["stt", "content", "deadline", "note"]
