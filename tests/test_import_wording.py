"""The importer's words are data (patterns.yaml), matched whatever their case (review item 11)."""
from vbgen.importer import import_source
from vbgen.importer.patterns import PATTERNS

BODY = """I. MỤC ĐÍCH, YÊU CẦU
1. Đánh giá kết quả thực hiện nhiệm vụ năm 2025.
II. NỘI DUNG
1. Tổ chức hội nghị vào tháng 12 năm 2025.
"""


def _import(tmp_path, text):
    path = tmp_path / "kh.txt"
    path.write_text(text, encoding="utf-8")
    return import_source(path)


def test_place_is_guessed_after_a_capitalised_province_word(tmp_path):
    imported = _import(tmp_path, "KẾ HOẠCH\nTổ chức hội nghị tổng kết năm 2025\n"
                       "Thực hiện chỉ đạo của Tỉnh ủy, Tỉnh Bắc Kạn tổ chức hội nghị tại Thành phố Hà Nội và Tỉnh Bắc Kạn.\n" + BODY)
    assert imported.data["place"] == "Bắc Kạn"
    assert "place" not in imported.missing and "guessed from the text" in imported.notes["place"]


def test_issuer_is_read_from_the_opening_sentence(tmp_path):
    assert "ban hành" in PATTERNS["issuing_verbs"] and "tỉnh" in PATTERNS["place_kinds"]
    imported = _import(tmp_path, "KẾ HOẠCH\nTổ chức hội nghị tổng kết năm 2025\n"
                       "Thực hiện chỉ đạo của Tỉnh ủy, Ủy ban nhân dân tỉnh Cao Bằng ban hành Kế hoạch như sau:\n" + BODY)
    issuer = imported.data["issuer"]
    assert issuer["full_name"] == "Ủy ban nhân dân tỉnh Cao Bằng"
    assert issuer["name"] == "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG" and issuer["abbreviation"] == "UBND"
    assert imported.data["place"] == "Cao Bằng"
