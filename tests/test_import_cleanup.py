"""Importer text repair on real fragments of the reference plans: glyphs, markdown, noise,
legacy encodings (TCVN3, VNI), ký hiệu spacing, and re-joining hard-wrapped lines."""
from __future__ import annotations

import unicodedata

from vbgen.importer.cleanup import (clean_line_text, convert_legacy, detect_legacy, fix_text, is_noise,
                                    join_wrapped, marker_of, tidy_reference, _legacy_tables)
from vbgen.importer.sources import Line, split_pipes

# Seed 004 (Bắc Kạn), as PDF extraction wrapped it.
WRAPPED_004 = """I. MỤC ĐÍCH,
YÊU CẦU
1. Mục đích
- Tiếp tục nâng cao nhận thức
cho cán bộ, đảng viên, công chức, viên chức và người lao động về vai trò, vị
trí và tầm quan trọng của công tác dân vận, đưa công tác dân vận trở thành công
việc thường xuyên, tự giác, tạo sự thống nhất trong nhận thức và hành động
góp phần xây dựng Đảng, xây dựng chính quyền trong sạch, vững mạnh.
- 100% cơ quan, đơn vị thuộc
UBND tỉnh tiếp tục triển khai thực hiện Quy chế dân chủ (QCDC) theo quy định của
Luật Thực hiện dân chủ ở cơ sở năm 2023; Nghị định số 59/2023/NĐ-CP ngày
14/8/2023 của Chính phủ quy định chi tiết một số điều của Luật Thực hiện dân chủ
ở cơ sở (Nghị định số 59/2023/NĐ-CP); triển khai có hiệu quả Kế hoạch thực hiện công tác dân vận tại
các cơ quan, đơn vị.
2.4. Phát động các phong
trào thi đua yêu nước, thực hiện có hiệu quả các chương trình phát triển kinh tế
- xã hội, đảm bảo quốc phòng - an ninh
- Các cấp ủy đảng phối hợp với
chính quyền, cơ quan, đơn vị và các tổ chức đoàn thể phát động các phong trào
thi đua; thực hiện tốt các phong trào thi đua yêu nước trong cán bộ, công chức,
viên chức và người lao động gắn với việc “Học tập và làm theo tư tưởng, đạo đức,
phong cách Hồ Chí Minh ”."""


def _lines(text: str) -> list[Line]:
    return [Line(clean_line_text(t)[0], n) for n, t in enumerate(text.splitlines(), 1)]


def test_hard_wrapped_lines_are_rejoined_into_paragraphs():
    paras = [p.text for p in join_wrapped(_lines(WRAPPED_004))]
    assert paras[0] == "I. MỤC ĐÍCH, YÊU CẦU"
    assert paras[1] == "1. Mục đích"
    assert paras[2].startswith("- Tiếp tục nâng cao nhận thức cho cán bộ")
    assert paras[2].endswith("xây dựng chính quyền trong sạch, vững mạnh.")
    # a short first line followed by a capital ("UBND") still continues its paragraph
    assert paras[3].startswith("- 100% cơ quan, đơn vị thuộc UBND tỉnh tiếp tục")
    # "- xã hội" at a line start is the hyphen of "kinh tế - xã hội", not a list item
    assert paras[4] == ("2.4. Phát động các phong trào thi đua yêu nước, thực hiện có hiệu quả các "
                        "chương trình phát triển kinh tế - xã hội, đảm bảo quốc phòng - an ninh")
    assert paras[5].startswith("- Các cấp ủy đảng phối hợp với chính quyền")
    assert len(paras) == 6


# Seed 001 (Party): every wrapped line is followed by a blank line; a short line ends a paragraph.
WRAPPED_001 = """4. Năm 2024 

- Kiểm tra việc thực hiện Đề án, gắn với kiểm tra công tác dân vận của 

chính quyền, các cơ quan, đơn vị trên địa bàn tỉnh gắn với kiểm tra các điểm 

sáng Quy chế dân chủ ở cơ sở và điểm sáng dân vận chính quyền.  

- Phối hợp Ban Dân vận Tỉnh ủy, Sở Nội vụ tổ chức kiểm tra công tác 

dân vận từ 2- 3 sở, ban, ngành cấp tỉnh. 

5. Năm 2025 

Tổng kết 05 năm thực hiện Đề án và tiếp tục chỉ đạo thực hiện Đề án; 

biểu dương các mô hình, điển hình thực hiện Chỉ thị 05 gắn với mô hình 

“Dân vận khéo” trong cơ quan, đơn vị (Quý IV năm 2025). 

IV- TỔ CHỨC THỰC HIỆN 

1. Giao cho Ban Tuyên giáo Đảng ủy Khối là bộ phận tham mưu thực 

hiện đề án, thường xuyên đôn đốc, kiểm tra, giám sát việc thực hiện Đề án 

trong các sở, ban, ngành, đơn vị cấp tỉnh có tổ chức đảng trực thuộc Đảng ủy 

Khối, báo cáo kết quả thực hiện về Thường trực Đảng ủy. 
"""


def test_blank_line_separated_pdf_text_keeps_short_headings_apart():
    paras = [p.text for p in join_wrapped(_lines(WRAPPED_001))]
    assert paras[0] == "4. Năm 2024"
    assert paras[3] == "5. Năm 2025"
    assert paras[4].startswith("Tổng kết 05 năm thực hiện Đề án và tiếp tục chỉ đạo thực hiện Đề án; biểu dương")
    assert paras[4].endswith("(Quý IV năm 2025).")
    assert paras[5] == "IV- TỔ CHỨC THỰC HIỆN"
    assert paras[6].endswith("báo cáo kết quả thực hiện về Thường trực Đảng ủy.")
    assert marker_of(paras[5]) == "roman"


def test_web_copy_wrapped_mid_sentence_continues():
    # corpus 05 (Hà Nội): "a) Nhiệm vụ: Tham mưu UBND / Thành phố …"; corpus 04: "…Ban Chỉ đạo; / đẩy mạnh"
    text = ("1.1. Xây dựng các Chiến lược triển khai của thành phố Hà Nôi:\n"
            "a) Nhiệm vụ: Tham mưu UBND\n"
            "Thành phố phối hợp với Bộ Công an rà soát, hoàn thiện Chiến lược dữ liệu.\n"
            "3. Sở Giáo dục và Đào tạo\n"
            "Căn cứ chức năng nhiệm vụ, chỉ đạo các cơ sở giáo dục phổ thông lồng ghép nội dung giáo dục dân số;\n"
            "đẩy mạnh việc chỉ đạo, điều phối thực hiện các mục tiêu.")
    paras = [p.text for p in join_wrapped(_lines(text))]
    assert paras == [
        "1.1. Xây dựng các Chiến lược triển khai của thành phố Hà Nôi:",
        "a) Nhiệm vụ: Tham mưu UBND Thành phố phối hợp với Bộ Công an rà soát, hoàn thiện Chiến lược dữ liệu.",
        "3. Sở Giáo dục và Đào tạo",
        "Căn cứ chức năng nhiệm vụ, chỉ đạo các cơ sở giáo dục phổ thông lồng ghép nội dung giáo dục dân số; "
        "đẩy mạnh việc chỉ đạo, điều phối thực hiện các mục tiêu.",
    ]


def test_broken_glyphs_markdown_and_noise():
    # seed 001 prints "ư" as "ƣ"; seed 003 wraps its signature in markdown **
    assert clean_line_text("T/M BAN THƢỜNG VỤ  ")[0] == "T/M BAN THƯỜNG VỤ"
    assert clean_line_text("2. Nâng cao nhận thức của cấp ủy, ngƣời đứng đầu")[0].endswith("người đứng đầu")
    assert clean_line_text("**TM. ỦY BAN NHÂN DÂN") == ("TM. ỦY BAN NHÂN DÂN", True)
    assert clean_line_text("PHÓ CHỦ TỊCH**") == ("PHÓ CHỦ TỊCH", True)
    assert is_noise("*Handwritten signature*")
    assert is_noise("---------------") and is_noise("|") and is_noise(" 7 ")
    assert not is_noise("- Lưu: VT, TH (T).")
    decomposed = unicodedata.normalize("NFD", "Thường vụ Tỉnh ủy")
    assert fix_text(decomposed) == "Thường vụ Tỉnh ủy"


def _encode(text: str, encoding: str) -> str:
    """Write Unicode text in a legacy encoding (the inverse of the importer's tables)."""
    table = _legacy_tables()[encoding]
    inverse = {}
    for legacy, uni in table.items():
        if uni not in inverse or len(legacy) > len(inverse[uni]):
            inverse.setdefault(uni, legacy)
    return "".join(inverse.get(ch, ch) for ch in text)


FRAGMENT = ("Thực hiện Đề án số 04-ĐA/TU ngày 01/10/2021 của Ban Thường vụ Tỉnh ủy về một số giải pháp "
            "đổi mới, nâng cao hiệu quả công tác dân vận của cơ quan nhà nước và chính quyền các cấp")


def test_tcvn3_text_is_detected_and_converted():
    legacy = _encode(FRAGMENT.lower(), "tcvn3")
    assert legacy != FRAGMENT.lower() and "®" in legacy  # "đ" is ® in TCVN3
    assert detect_legacy(legacy) == "tcvn3"
    assert convert_legacy(legacy, "tcvn3") == FRAGMENT.lower()


def test_vni_text_is_detected_and_converted():
    legacy = _encode(FRAGMENT, "vni")
    assert "ñ" in legacy  # "đ" is "ñ" in VNI
    assert detect_legacy(legacy) == "vni"
    assert convert_legacy(legacy, "vni") == FRAGMENT


def test_unicode_text_is_left_alone():
    assert detect_legacy(FRAGMENT) is None
    assert detect_legacy("Plain ASCII text with café") is None


def test_ky_hieu_spacing_is_tidied():
    assert tidy_reference("04- ĐA/TU") == "04-ĐA/TU"
    assert tidy_reference("696 /KH- UBND") == "696/KH-UBND"
    assert tidy_reference("1878- QĐ/TU") == "1878-QĐ/TU"


def test_pipe_flattened_layout_and_table_rows():
    # corpus 10: the header flattened as "left / lines | right / lines"; corpus 01: table rows
    header = [Line("TRUNG TÂM ĐIỀU ĐỘ / HỆ THỐNG ĐIỆN QUỐC GIA /  / Số:            /KH-ĐĐMN / | "
                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc", 1), Line("", 2)]
    out = split_pipes([Line(" ".join(l.text.split()), l.number) for l in header])
    texts = [l.text for l in out if l.cells is None and l.text]
    assert texts == ["TRUNG TÂM ĐIỀU ĐỘ", "HỆ THỐNG ĐIỆN QUỐC GIA", "Số: /KH-ĐĐMN",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    lines = [Line("TT | Nội dung thực hiện | Cơ quan chủ trì", 2),
             Line("I | KIỆN TOÀN VÀ HOÀN THIỆN CƠ CHẾ CHỈ ĐẠO", 3),
             Line("1 | Tổ chức lại Ban Chỉ huy Phòng thủ dân sự | Bộ CHQS tỉnh", 4)]
    out = split_pipes(lines)
    rows = [l.cells for l in out if l.cells is not None]
    assert len(rows) == 3
    assert rows[1] == ["I", "KIỆN TOÀN VÀ HOÀN THIỆN CƠ CHẾ CHỈ ĐẠO"]  # two cells beside rows: a row
    assert rows[2][2] == "Bộ CHQS tỉnh"


SEED_004 = __import__("reference").SEEDS / "004_63659504154f59a9.txt"


@__import__("pytest").mark.skipif(not SEED_004.exists(), reason="reference seeds not on this machine")
def test_a_whole_plan_saved_in_vni_windows_1252_imports_like_the_unicode_one(tmp_path):
    from vbgen.importer import import_source
    text = unicodedata.normalize("NFC", SEED_004.read_text(encoding="utf-8"))
    legacy = tmp_path / "004-vni.txt"
    legacy.write_bytes(_encode(text, "vni").encode("cp1252"))
    with __import__("pytest").raises(UnicodeDecodeError):
        legacy.read_bytes().decode("utf-8")  # really a legacy file, not UTF-8
    converted = import_source(legacy).data
    original = import_source(SEED_004).data
    assert converted["title"] == original["title"]
    assert converted["body"] == original["body"]
    assert converted["signature"] == original["signature"] and converted["recipients"] == original["recipients"]


def test_import_repairs_every_glyph_of_the_table_check_reports():
    """One glyph table (vbgen.glyphs) for check and import: import repairs each of its entries."""
    from vbgen.glyphs import GLYPH_FIXES, WRONG_LETTERS

    for wrong, right in GLYPH_FIXES.items():
        assert fix_text(f"ng{wrong}ời dân") == f"ng{right}ời dân"
    assert set(WRONG_LETTERS) <= set(GLYPH_FIXES)
    assert clean_line_text("Ủy\u00a0ban nhân dân ngƣời")[0] == "Ủy ban nhân dân người"
