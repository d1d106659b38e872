"""Re-scoping text: glossaries (word boundaries, capitalisation, citations kept) and report deadlines."""
from __future__ import annotations

from vbgen.derive.deadlines import move_deadlines
from vbgen.derive.glossary import Entry, Glossary, shipped_entries


# -- glossary -----------------------------------------------------------------------------------------

def test_word_boundaries():
    g = Glossary([Entry("tỉnh", "huyện", "test")])
    text, hits = g.apply("tỉnhlộ của tỉnh và tỉnh.")
    assert text == "tỉnhlộ của huyện và huyện."
    assert len(hits) == 2


def test_capitalisation_is_kept():
    g = Glossary([Entry("các huyện, thành phố", "các xã, thị trấn", "test")])
    assert g.apply("Các huyện, thành phố báo cáo")[0] == "Các xã, thị trấn báo cáo"
    assert g.apply("gửi các huyện, thành phố")[0] == "gửi các xã, thị trấn"
    assert g.apply("UBND CÁC HUYỆN, THÀNH PHỐ")[0] == "UBND CÁC XÃ, THỊ TRẤN"


def test_one_pass_never_replaces_twice():
    g = Glossary([Entry("Sở Nội vụ", "Phòng Nội vụ", "t"), Entry("Phòng Nội vụ", "công chức Văn phòng", "t")])
    assert g.apply("Sở Nội vụ và Phòng Nội vụ")[0] == "Phòng Nội vụ và công chức Văn phòng"


def test_citations_keep_the_issuing_body():
    g = Glossary(shipped_entries("state-province-district",
                                 {"area": "huyện Chợ Đồn", "parent_area": "tỉnh Bắc Kạn", "area_kind": "huyện"}))
    text, _ = g.apply("Thực hiện Chỉ thị số 15-CT/TU ngày 08/02/2022 của Ban Thường vụ Tỉnh ủy; "
                      "báo cáo Ban Thường vụ Tỉnh ủy.")
    assert text == ("Thực hiện Chỉ thị số 15-CT/TU ngày 08/02/2022 của Ban Thường vụ Tỉnh ủy; "
                    "báo cáo Ban Thường vụ Huyện ủy.")


def test_area_names_go_before_level_words():
    g = Glossary(shipped_entries("state-district-commune",
                                 {"area": "xã Bằng Lãng", "parent_area": "huyện Chợ Đồn", "area_kind": "xã"}))
    assert g.apply("trên địa bàn huyện Chợ Đồn và trên địa bàn huyện")[0] == \
        "trên địa bàn xã Bằng Lãng và trên địa bàn xã"


def test_every_shipped_glossary_loads_with_entries():
    from vbgen.derive.glossary import shipped_glossary_names

    names = shipped_glossary_names()
    for expected in ("state-province-district", "state-district-commune", "state-province-commune",
                     "party-province-district", "party-district-commune", "party-province-commune",
                     "party-province-unit"):
        assert expected in names
        values = {"area": "xã X", "parent_area": "tỉnh Y", "area_kind": "xã", "name": "Đảng ủy Z",
                  "short_name": "Z", "parent_name": "W"}
        assert len(shipped_entries(expected, values)) >= 3


# -- deadlines ----------------------------------------------------------------------------------------

def test_report_deadlines_move_earlier_words_stay():
    text = ("Báo cáo kết quả trước ngày 25/5/2025 đối với báo cáo 6 tháng; báo cáo quý II/2025 và hàng năm. "
            "Tổ chức hội nghị trước ngày 10/3/2025.")
    new, moved = move_deadlines(text, 5)
    assert new == ("Báo cáo kết quả trước ngày 20/5/2025 đối với báo cáo 6 tháng; báo cáo quý II/2025 và hàng "
                   "năm. Tổ chức hội nghị trước ngày 10/3/2025.")
    assert [(m.before, m.after) for m in moved] == [("trước ngày 25/5/2025", "trước ngày 20/5/2025")]
    assert moved[0].phrase == "trước ngày 25/5/2025 đối với báo cáo 6 tháng"


def test_deadline_across_a_month_keeps_the_padding_rule():
    new, _ = move_deadlines("gửi báo cáo trước ngày 03/3/2025", 5)
    assert new == "gửi báo cáo trước ngày 26/02/2025"
    new, _ = move_deadlines("gửi báo cáo chậm nhất ngày 05 tháng 6 năm 2025", 7)
    assert new == "gửi báo cáo chậm nhất ngày 29 tháng 5 năm 2025"


def test_zero_lead_time_moves_nothing():
    assert move_deadlines("báo cáo trước ngày 25/5/2025", 0) == ("báo cáo trước ngày 25/5/2025", [])
