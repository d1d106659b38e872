"""Derivation on the Plan level: glossaries, deadlines, the derived plan's parts, cascades, the 2025 reform.

The small plan family used here (province → district → commune, and a 2026 province → ward) is written by
:func:`family`; the .docx tests (test_derive_docx.py) and CLI tests (test_derive_cli.py) reuse it.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vbgen.derive import load_derived

PROVINCE = """\
rules: state
issuer:
  name: "ỦY BAN NHÂN DÂN\\nTỈNH BẮC KẠN"
  full_name: Ủy ban nhân dân tỉnh Bắc Kạn
  short_name: UBND tỉnh
  abbreviation: UBND
  level: province
  area: Bắc Kạn
number: 21
place: Bắc Kạn
date: 2025-01-16
title: Thực hiện công tác dân vận chính quyền năm 2025
opening: "Căn cứ Kế hoạch số 141-KH/BDVTU ngày 27/12/2024 của Ban Dân vận Tỉnh ủy, UBND tỉnh ban hành Kế hoạch như sau:"
body:
  - section: MỤC ĐÍCH, YÊU CẦU
    items:
      - dash: Thực hiện có hiệu quả quy chế công tác dân vận của hệ thống chính trị tỉnh Bắc Kạn.
  - section: NỘI DUNG THỰC HIỆN
    id: s-noi-dung
    items:
      - section: Chỉ tiêu
        id: s-chi-tieu
        items:
          - id: t-ke-hoach
            role: target
            dash: "100% sở, ban, ngành và UBND các huyện, thành phố xây dựng kế hoạch năm 2025."
          - id: t-hai-long
            role: target
            value: 90
            unit: "%"
            dash: "Mức độ hài lòng của Nhân dân trên địa bàn tỉnh đạt từ {value} trở lên."
      - section: Nhiệm vụ
        id: s-nhiem-vu
        items:
          - id: nv-tuyen-truyen
            role: task
            lead: Sở Nội vụ
            dash: >-
              Tuyên truyền Quyết định số 1878-QĐ/TU ngày 30/10/2017 của Ban Thường vụ Tỉnh ủy về tiêu chí
              đánh giá công tác dân vận trên địa bàn tỉnh Bắc Kạn.
          - id: nv-truyen-thong
            role: task
            dash: Cơ quan truyền thông tăng cường tuyên truyền về “Dân vận khéo”.
  - section: TỔ CHỨC THỰC HIỆN
    items:
      - id: th-bao-cao
        role: task
        item: >-
          Các cơ quan, đơn vị báo cáo kết quả về UBND tỉnh (qua Sở Nội vụ tổng hợp, trước ngày 25/5/2025
          đối với báo cáo 6 tháng, trước ngày 25/11/2025 đối với báo cáo năm); báo cáo quý II/2025 và hàng
          năm theo yêu cầu.
      - item: Sở Nội vụ tổ chức hội nghị tập huấn trước ngày 10/3/2025.
closing: >-
  Trên đây là Kế hoạch thực hiện công tác dân vận chính quyền năm 2025, yêu cầu các cơ quan, đơn vị
  nghiêm túc thực hiện
signature: {collective: ỦY BAN NHÂN DÂN, mode: KT, on_behalf_of: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Hoàng Thu Trang}
recipients: ["Thường trực Tỉnh ủy (b/c)", "UBND các huyện, thành phố"]
archive: VT
"""

DISTRICT = """\
parent: tinh.yaml
issuer:
  name: "ỦY BAN NHÂN DÂN\\nHUYỆN CHỢ ĐỒN"
  full_name: Ủy ban nhân dân huyện Chợ Đồn
  short_name: UBND huyện
  abbreviation: UBND
  level: district
  area: huyện Chợ Đồn
number: 5
place: Chợ Đồn
date: 2025-01-24
signature: {collective: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Nguyễn Văn A}
recipients: ["Thường trực Huyện ủy (b/c)", "UBND các xã, thị trấn"]
archive: VT, NV
changes:
  targets:
    override:
      - {id: t-hai-long, value: 92}
    add:
      - id: t-mo-hinh
        dash: Mỗi xã, thị trấn có ít nhất 01 mô hình “Dân vận khéo” trên địa bàn tỉnh.
  tasks:
    drop: [nv-truyen-thong]
    add:
      - id: nv-truyen-thanh
        under: s-nhiem-vu
        dash: Đài truyền thanh huyện tuyên truyền về “Dân vận khéo”.
"""

COMMUNE = """\
parent: huyen.yaml
issuer:
  name: "ỦY BAN NHÂN DÂN\\nXÃ BẰNG LÃNG"
  full_name: Ủy ban nhân dân xã Bằng Lãng
  short_name: UBND xã
  abbreviation: UBND
  level: commune
  area: xã Bằng Lãng
number: 3
place: Bằng Lãng
date: 2025-02-05
signature: {collective: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Trần Thị B}
recipients: [Các thôn]
archive: VT
"""

PROVINCE_2026 = PROVINCE.replace("TỈNH BẮC KẠN", "TỈNH THÁI NGUYÊN").replace(
    "tỉnh Bắc Kạn", "tỉnh Thái Nguyên").replace("area: Bắc Kạn", "area: Thái Nguyên").replace(
    "place: Bắc Kạn", "place: Thái Nguyên").replace("2025-01-16", "2026-01-20").replace(
    "UBND các huyện, thành phố", "UBND các xã, phường")

WARD = """\
parent: tinh-2026.yaml
issuer:
  name: "ỦY BAN NHÂN DÂN\\nPHƯỜNG BẮC KẠN"
  full_name: Ủy ban nhân dân phường Bắc Kạn
  abbreviation: UBND
  level: commune
  area: phường Bắc Kạn
place: Bắc Kạn
year: 2026
signature: {collective: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Lê Văn D}
recipients: [Các tổ dân phố]
archive: VT
lead_days: 10
"""


def family(folder: Path) -> dict[str, Path]:
    """Write the test plans into ``folder``; returns their paths by name."""
    files = {"tinh": PROVINCE, "huyen": DISTRICT, "xa": COMMUNE, "tinh-2026": PROVINCE_2026,
             "phuong": WARD}
    out = {}
    for name, text in files.items():
        out[name] = folder / f"{name}.yaml"
        out[name].write_text(text, encoding="utf-8")
    return out


@pytest.fixture
def plans(tmp_path):
    return family(tmp_path)


def texts(plan):
    return [n.content for n in plan.nodes()]


def node(plan, node_id):
    return next(n for n in plan.nodes() if n.id == node_id)


# -- the derived plan ---------------------------------------------------------------------------------

def test_district_plan_parts(plans):
    result = load_derived(plans["huyen"])
    plan = result.plan
    assert plan.issuer.running_name == "Ủy ban nhân dân huyện Chợ Đồn"
    assert (plan.number, plan.place, plan.date) == (5, "Chợ Đồn", dt.date(2025, 1, 24))
    assert plan.signature.name == "Nguyễn Văn A"
    assert plan.title == "Thực hiện công tác dân vận chính quyền năm 2025 trên địa bàn huyện Chợ Đồn"
    assert plan.opening == [
        "Thực hiện Kế hoạch số 21/KH-UBND ngày 16/01/2025 của Ủy ban nhân dân tỉnh Bắc Kạn về thực hiện công "
        "tác dân vận chính quyền năm 2025, Ủy ban nhân dân huyện Chợ Đồn ban hành Kế hoạch thực hiện công tác "
        "dân vận chính quyền năm 2025 trên địa bàn huyện Chợ Đồn như sau:"]
    assert plan.recipients == ["UBND tỉnh (b/c)", "Thường trực Huyện ủy (b/c)", "UBND các xã, thị trấn"]
    assert plan.archive == "VT, NV"
    assert plan.closing.startswith("Trên đây là Kế hoạch thực hiện công tác dân vận chính quyền năm 2025 trên "
                                   "địa bàn huyện Chợ Đồn, yêu cầu")


def test_district_plan_is_rescoped(plans):
    plan = load_derived(plans["huyen"]).plan
    body = " ".join(texts(plan))
    assert "hệ thống chính trị huyện Chợ Đồn" in body
    assert "100% cơ quan chuyên môn và UBND các xã, thị trấn xây dựng kế hoạch năm 2025." in body
    assert "của Ban Thường vụ Tỉnh ủy về tiêu chí đánh giá công tác dân vận trên địa bàn tỉnh Bắc Kạn" in body
    assert node(plan, "nv-tuyen-truyen").lead == "Phòng Nội vụ"


def test_targets_and_tasks_changed(plans):
    plan = load_derived(plans["huyen"]).plan
    ids = [n.id for n in plan.nodes() if n.id]
    assert "nv-truyen-thong" not in ids
    assert node(plan, "t-hai-long").value == 92
    assert node(plan, "t-hai-long").dash.endswith("trên địa bàn huyện đạt từ {value} trở lên.")
    # an added target goes after the parent's last target; the unit's own words are not re-scoped
    targets = [n.id for n in plan.nodes() if n.role == "target"]
    assert targets == ["t-ke-hoach", "t-hai-long", "t-mo-hinh"]
    assert node(plan, "t-mo-hinh").dash.endswith("trên địa bàn tỉnh.")
    tasks_section = node(plan, "s-nhiem-vu")
    assert [n.id for n in tasks_section.items] == ["nv-tuyen-truyen", "nv-truyen-thanh"]
    assert node(plan, "nv-truyen-thanh").role == "task"


def test_report_deadlines_and_the_duty_upward(plans):
    plan = load_derived(plans["huyen"]).plan
    report = node(plan, "th-bao-cao").item
    assert "trước ngày 20/5/2025 đối với báo cáo 6 tháng, trước ngày 20/11/2025 đối với báo cáo năm" in report
    assert "báo cáo quý II/2025 và hàng năm" in report
    assert "qua Phòng Nội vụ tổng hợp" in report
    section = plan.body[2]
    assert section.items[1].item == (
        "Ủy ban nhân dân huyện Chợ Đồn tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh Bắc Kạn trước ngày "
        "25/5/2025 đối với báo cáo 6 tháng, trước ngày 25/11/2025 đối với báo cáo năm.")
    assert section.items[2].item == "Phòng Nội vụ tổ chức hội nghị tập huấn trước ngày 10/3/2025."


def test_three_level_cascade(plans):
    result = load_derived(plans["xa"])
    plan = result.plan
    assert plan.title == "Thực hiện công tác dân vận chính quyền năm 2025 trên địa bàn xã Bằng Lãng"
    assert plan.opening[0].startswith(
        "Thực hiện Kế hoạch số 05/KH-UBND ngày 24/01/2025 của Ủy ban nhân dân huyện Chợ Đồn về thực hiện công "
        "tác dân vận chính quyền năm 2025 trên địa bàn huyện Chợ Đồn, Ủy ban nhân dân xã Bằng Lãng ban hành")
    report = node(plan, "th-bao-cao").item
    assert "qua công chức Văn phòng - Thống kê tổng hợp, trước ngày 15/5/2025" in report
    # the district's own duty to the province is not the commune's: only the commune's duty remains
    upward = [n.content for n in plan.nodes() if n.id == "bao-cao-cap-tren"]
    assert upward == ["Ủy ban nhân dân xã Bằng Lãng tổng hợp kết quả, báo cáo Ủy ban nhân dân huyện Chợ Đồn "
                      "trước ngày 20/5/2025 đối với báo cáo 6 tháng, trước ngày 20/11/2025 đối với báo cáo năm."]
    assert plan.recipients[0] == "UBND huyện (b/c)"
    assert "100% bộ phận chuyên môn và các thôn, tổ dân phố xây dựng kế hoạch năm 2025." in texts(plan)


def test_two_level_routes_province_to_commune(plans):
    result = load_derived(plans["phuong"])
    plan = result.plan
    assert plan.is_draft and plan.year == 2026
    assert node(plan, "nv-tuyen-truyen").lead == "Phòng Văn hóa - Xã hội"
    assert "100% phòng chuyên môn và các thôn, tổ dân phố xây dựng kế hoạch năm 2025." in texts(plan)
    assert "trước ngày 15/5/2025 đối với báo cáo 6 tháng" in node(plan, "th-bao-cao").item  # lead_days: 10
    assert plan.title.endswith("trên địa bàn phường Bắc Kạn")
    assert result.warnings == []


def test_title_and_opening_can_be_given(plans):
    path = plans["huyen"]
    path.write_text(DISTRICT + 'title: Công tác dân vận năm 2025\nopening: "Để thực hiện tốt, UBND huyện '
                    'ban hành Kế hoạch như sau:"\n', encoding="utf-8")
    plan = load_derived(path).plan
    assert plan.title == "Công tác dân vận năm 2025"
    assert plan.opening == ["Để thực hiện tốt, UBND huyện ban hành Kế hoạch như sau:"]


def test_reform_warning_for_a_district_after_july_2025(plans):
    path = plans["huyen"]
    path.write_text(DISTRICT.replace("date: 2025-01-24", "date: 2025-08-01"), encoding="utf-8")
    warnings = load_derived(path).warnings
    assert len(warnings) == 1
    assert "district-level" in warnings[0] and "01/7/2025" in warnings[0] and str(path) in warnings[0]
    assert load_derived(plans["xa"]).warnings == []


def test_changes_name_every_kind(plans):
    changes = load_derived(plans["huyen"]).changes
    kinds = {c.kind for c in changes}
    assert {"replace", "deadline", "drop", "add", "override", "title", "opening", "recipients"} <= kinds
    sentence = next(c.sentence for c in changes if c.kind == "replace" and "Sở Nội vụ" in c.detail
                    and c.sentence.startswith("Các cơ quan"))
    assert "qua Phòng Nội vụ tổng hợp" in sentence


PARTY_PARENT = """\
rules: party
issuer:
  name: "ĐẢNG ỦY KHỐI\\nCÁC CƠ QUAN TỈNH"
  parent: ĐẢNG BỘ TỈNH NGHỆ AN
  full_name: Đảng ủy Khối các cơ quan tỉnh Nghệ An
  abbreviation: ĐUK
  level: province
number: 7
place: Nghệ An
date: 2021-11-30
title: Thực hiện Đề án 04 về công tác dân vận
body:
  - section: MỤC TIÊU
    items:
      - id: t-1
        role: target
        item: "100% cấp ủy cơ sở xây dựng kế hoạch; Ban Thường vụ Đảng ủy Khối kiểm tra trong Đảng bộ Khối."
      - id: t-2
        role: target
        item: Các cấp ủy cơ sở báo cáo Đảng ủy Khối trước ngày 15/12/2021.
signature: {collective: BAN THƯỜNG VỤ, title: BÍ THƯ, name: Nguyễn Thị Kim Chi}
archive: BTG, VP
"""

PARTY_UNIT = """\
parent: khoi.yaml
issuer:
  name: ĐẢNG ỦY SỞ NỘI VỤ
  parent: ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH
  full_name: Đảng ủy Sở Nội vụ
  short_name: Sở Nội vụ
  abbreviation: ĐU
  level: unit
number: 3
place: Nghệ An
date: 2021-12-06
signature: {collective: ĐẢNG ỦY, title: BÍ THƯ, name: Phạm Văn E}
recipients: [Các chi bộ trực thuộc]
archive: VP
"""


def test_party_unit_derives_from_the_khoi(tmp_path):
    (tmp_path / "khoi.yaml").write_text(PARTY_PARENT, encoding="utf-8")
    (tmp_path / "so.yaml").write_text(PARTY_UNIT, encoding="utf-8")
    plan = load_derived(tmp_path / "so.yaml").plan
    assert plan.rules == "party"
    assert plan.opening == [
        "Thực hiện Kế hoạch số 07-KH/ĐUK, ngày 30/11/2021 của Đảng ủy Khối các cơ quan tỉnh Nghệ An về thực hiện "
        "Đề án 04 về công tác dân vận, Đảng ủy Sở Nội vụ xây dựng kế hoạch thực hiện Đề án 04 về công tác dân "
        "vận như sau:"]
    assert node(plan, "t-1").item == ("100% chi bộ trực thuộc xây dựng kế hoạch; Ban Chấp hành Đảng bộ Sở Nội vụ "
                                      "kiểm tra trong Đảng bộ Sở Nội vụ.")
    assert node(plan, "t-2").item == "Các chi ủy, chi bộ trực thuộc báo cáo Đảng ủy Sở Nội vụ trước ngày 10/12/2021."
    assert plan.recipients[0] == "Đảng ủy Khối các cơ quan tỉnh Nghệ An (b/c)"


def test_parent_listed_once_in_recipients(plans):
    plans["huyen"].write_text(DISTRICT.replace('recipients: ["Thường trực', 'recipients: ["UBND tỉnh (b/c)", "Thường trực'),
                              encoding="utf-8")
    plan = load_derived(plans["huyen"]).plan
    assert plan.recipients == ["UBND tỉnh (b/c)", "Thường trực Huyện ủy (b/c)", "UBND các xã, thị trấn"]
