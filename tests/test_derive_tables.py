"""Derivation on task tables inside the body (``table`` nodes): their cells are re-scoped, replaced
and have their report deadlines moved exactly like appendix rows; overrides and drops by id work
beside them, and the rendered .docx shows the derived cells in the table at its place."""
from __future__ import annotations

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from vbgen.derive import load_derived
from vbgen.render import render_plan

from test_derive_plan import DISTRICT, PROVINCE, family

BODY_TABLE = """\
      - section: Phân công nhiệm vụ
        id: s-phan-cong
        items:
          - table:
              columns: [stt, content, deadline, lead, support]
              labels: {support: Thực hiện}
              rows:
                - group: Tuyên truyền trên địa bàn tỉnh
                  rows:
                    - content: Tuyên truyền về “Dân vận khéo” trên địa bàn tỉnh Bắc Kạn.
                      deadline: Thường xuyên
                      lead: Sở Nội vụ
                      support: UBND các huyện, thành phố
                - group: Chế độ báo cáo
                  rows:
                    - content: Báo cáo kết quả 6 tháng
                      deadline: Trước ngày 25/5/2025
                      lead: Sở Nội vụ
                      support: Các sở, ban, ngành
                    - content: Hội nghị tập huấn
                      deadline: Trước ngày 10/3/2025
                      lead: Sở Nội vụ
"""

APPENDIX = """\
appendices:
  - title: Danh mục nhiệm vụ
    rows:
      - content: Báo cáo kết quả năm
        lead: Sở Nội vụ
        deadline: Trước ngày 25/11/2025
"""


def _plans(tmp_path, unit_extra: str = ""):
    paths = family(tmp_path)
    parent = PROVINCE.replace("  - section: TỔ CHỨC THỰC HIỆN\n", BODY_TABLE + "  - section: TỔ CHỨC THỰC HIỆN\n")
    paths["tinh"].write_text(parent + APPENDIX, encoding="utf-8")
    paths["huyen"].write_text(DISTRICT + unit_extra, encoding="utf-8")
    return paths


def _table(plan):
    return next(n for n in plan.nodes() if n.kind == "table").table


def test_body_table_cells_are_rescoped(tmp_path):
    result = load_derived(_plans(tmp_path)["huyen"])
    group, report = _table(result.plan).rows
    row = group.rows[0]
    assert group.group == "Tuyên truyền trên địa bàn huyện"
    assert row.lead == "Phòng Nội vụ"
    assert row.support == "UBND các xã, thị trấn"
    assert row.content == "Tuyên truyền về “Dân vận khéo” trên địa bàn huyện Chợ Đồn."
    assert [r.lead for r in report.rows] == ["Phòng Nội vụ", "Phòng Nội vụ"]
    where = [c.where for c in result.changes if c.kind == "replace" and "Sở Nội vụ" in c.detail]
    assert "NỘI DUNG THỰC HIỆN › Phân công nhiệm vụ › table" in where  # explained, with its place
    # the appendix is handled by the same code
    assert result.plan.appendices[0].rows[0].lead == "Phòng Nội vụ"


def test_report_deadline_in_a_body_table_row_moves(tmp_path):
    result = load_derived(_plans(tmp_path)["huyen"])
    report = _table(result.plan).rows[1]
    assert report.rows[0].deadline == "Trước ngày 20/5/2025"  # a report: 5 days earlier
    assert report.rows[1].deadline == "Trước ngày 10/3/2025"  # not a report: kept
    assert result.plan.appendices[0].rows[0].deadline == "Trước ngày 20/11/2025"
    moved = [c for c in result.changes if c.kind == "deadline" and c.where.endswith("› table")]
    assert [c.detail for c in moved] == ["“Trước ngày 25/5/2025” → “Trước ngày 20/5/2025” (5 days earlier)"]
    # the unit keeps its own duty to report upward by the parent's date, after the last report (in order)
    upward = next(n for n in result.plan.nodes() if n.id == "bao-cao-cap-tren")
    assert "trước ngày 25/5/2025" in upward.content
    section = result.plan.body[2]
    assert section.section == "TỔ CHỨC THỰC HIỆN" and upward in section.items


def test_replace_applies_to_body_table_cells(tmp_path):
    extra = "  replace:\n    - {find: Hội nghị tập huấn, with: Hội nghị tập huấn nghiệp vụ}\n"
    result = load_derived(_plans(tmp_path, extra)["huyen"])
    assert _table(result.plan).rows[1].rows[1].content == "Hội nghị tập huấn nghiệp vụ"
    assert any(c.kind == "text" and c.where.endswith("› table") for c in result.changes)


def test_overrides_and_drops_by_id_work_beside_a_body_table(tmp_path):
    plan = load_derived(_plans(tmp_path)["huyen"]).plan
    ids = [n.id for n in plan.nodes() if n.id]
    assert "nv-truyen-thong" not in ids and "nv-truyen-thanh" in ids and "s-phan-cong" in ids
    assert next(n for n in plan.nodes() if n.id == "t-hai-long").value == 92
    assert len(_table(plan).rows) == 2


def test_three_level_cascade_keeps_the_table(tmp_path):
    paths = _plans(tmp_path)
    plan = load_derived(paths["xa"]).plan
    group = _table(plan).rows[0]
    assert group.group == "Tuyên truyền trên địa bàn xã"  # province → district → commune
    assert (group.rows[0].lead, group.rows[0].support) == ("công chức Văn phòng - Thống kê", "các thôn, tổ dân phố")
    assert _table(plan).rows[1].rows[0].deadline == "Trước ngày 15/5/2025"  # moved again, 5 more days


def test_derived_docx_shows_the_derived_cells_in_place(tmp_path):
    plan = load_derived(_plans(tmp_path)["huyen"]).plan
    out = render_plan(plan, tmp_path / "huyen.docx", force=True)
    blocks = list(Document(str(out)).iter_inner_content())
    at = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text.endswith("Phân công nhiệm vụ"))
    table = blocks[at + 1]
    assert isinstance(table, Table)
    cells = [[c.text for c in r.cells] for r in table.rows]
    assert cells[0] == ["STT", "Nội dung", "Thời gian", "Chủ trì", "Thực hiện"]
    assert cells[2][3:] == ["Phòng Nội vụ", "UBND các xã, thị trấn"]
    assert cells[4][1:3] == ["Báo cáo kết quả 6 tháng", "Trước ngày 20/5/2025"]
