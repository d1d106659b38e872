"""`vbgen report` (the skeleton) and a report rendered by `vbgen make-plan` (issue 9, parts 1 and 2)."""
import pytest
from docx import Document
from ruamel.yaml import YAML

from conftest import EXAMPLES
from docxutil import all_bold, all_paragraphs, find, signature_table, sizes
from report_helpers import bac_kan, one_error_line, run  # noqa: F401
from vbgen.check import VIOLATION, check_document

BANG_LANG = EXAMPLES / "bac-kan-2025" / "xa-bang-lang.yaml"
PARTY = EXAMPLES / "nghe-an-de-an-04" / "bao-cao" / "dang-bo-so-noi-vu-2022.yaml"


def load(path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_skeleton_keys_kinh_gui_and_due_date(tmp_path):
    out = tmp_path / "bao-cao.yaml"
    result = run("report", BANG_LANG, "--period", "6 tháng đầu năm 2025", "-o", out)
    assert result.exit_code == 0, result.output
    assert "due: trước ngày 20/5/2025" in result.output
    data = load(out)
    assert data["type"] == "bao-cao" and data["period"] == "6 tháng đầu năm 2025"
    assert data["addressees"] == ["Ủy ban nhân dân huyện Chợ Đồn (qua Phòng Nội vụ)"]
    assert data["title"] == "Kết quả thực hiện Kế hoạch số 08/KH-UBND 6 tháng đầu năm 2025"
    assert data["opening"][0].startswith("Thực hiện Kế hoạch số 08/KH-UBND ngày 05/02/2025 của Ủy ban nhân dân xã")
    assert data["issuer"]["full_name"] == "Ủy ban nhân dân xã Bằng Lãng"
    assert data["signature"]["name"] == "Trần Thị B"
    assert [s["section"] for s in data["sections"]] == [
        "Công tác lãnh đạo, chỉ đạo, triển khai", "Kết quả thực hiện", "Tồn tại, hạn chế và nguyên nhân",
        "Phương hướng, nhiệm vụ thời gian tới", "Đề xuất, kiến nghị"]
    targets = {t["id"]: t for t in data["targets"]}
    assert len(targets) == 12 and "t-mo-hinh-thon" in targets and "t-mo-hinh-xa" not in targets
    for target in targets.values():
        assert set(target) == {"id", "text", "unit", "planned", "direction", "actual"}
        assert target["actual"] is None
    assert targets["t-xep-loai-tot"]["planned"] == 85 and targets["t-xep-loai-tot"]["unit"] == "%"
    assert targets["t-doi-thoai"]["planned"] == 1 and targets["t-doi-thoai"]["unit"] == "cuộc"
    assert targets["t-cai-cach-hanh-chinh"]["planned"] is None  # "2021-2030" is not a target figure
    for task in data["tasks"]:
        assert set(task) == {"id", "text", "lead", "deadline", "status", "result"}
    assert len(data["tasks"]) == 10


def test_skeleton_renders_and_passes_check(tmp_path):
    out = tmp_path / "bao-cao.yaml"
    assert run("report", BANG_LANG, "--period", "năm 2025", "-o", out).exit_code == 0
    result = run("make-plan", out)
    assert result.exit_code == 0, result.output
    assert [f.line() for f in check_document(out.with_suffix(".docx"))] == []


def test_report_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "bao-cao.yaml"
    out.write_text("clerk's own", encoding="utf-8")
    line = one_error_line(run("report", BANG_LANG, "--period", "năm 2025", "-o", out))
    assert "already exists" in line and out.read_text(encoding="utf-8") == "clerk's own"
    assert run("report", BANG_LANG, "--period", "năm 2025", "-o", out, "--force").exit_code == 0


@pytest.fixture
def state_report(tmp_path):
    out = tmp_path / "bc.docx"
    result = run("make-plan", EXAMPLES / "bac-kan-2025" / "bao-cao" / "xa-bang-lang.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    return Document(str(out))


def test_state_report_layout(state_report):
    doc = state_report
    header = doc.tables[0]
    assert header.cell(1, 0).paragraphs[0].text == "Số: 15/BC-UBND"
    name = find(doc, "BÁO CÁO", exact=True)
    assert sizes(name) == {14} and all_bold(name)
    assert find(doc, "Kết quả thực hiện Kế hoạch số 08/KH-UBND 6 tháng đầu năm 2025", exact=True)
    kinh_gui = find(doc, "Kính gửi:")
    assert kinh_gui.text == "Kính gửi: Ủy ban nhân dân huyện Chợ Đồn (qua Phòng Nội vụ)."
    texts = [p.text for p in doc.paragraphs]
    assert "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI" in texts and "V. ĐỀ XUẤT, KIẾN NGHỊ" in texts
    assert any(t.startswith("- Kết quả: Đã hoàn thành.") for t in texts)
    assert "Kết quả thực hiện các chỉ tiêu: đạt 8/12 chỉ tiêu (chi tiết tại Phụ lục kèm theo)." in texts
    last = [p for p in doc.sections[0].iter_inner_content() if getattr(p, "text", "").strip()]
    closing = next(t for t in texts if t.startswith("Trên đây"))
    assert closing.endswith("Ủy ban nhân dân xã Bằng Lãng./.")
    recipients = [p.text for p in signature_table(doc).cell(0, 0).paragraphs if p.text]
    assert recipients[:2] == ["Nơi nhận:", "- Như trên;"]
    assert recipients[-1] == "- Lưu: VT."
    assert last


def test_state_report_target_table(state_report):
    table = state_report.tables[-1]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)", "Đánh giá", "Ghi chú"]
    rows = {r.cells[1].text[:30]: [c.text for c in r.cells] for r in table.rows[1:]}
    xep_loai = next(v for k, v in rows.items() if k.startswith("Phấn đấu có từ 85%"))
    assert xep_loai[2:7] == ["%", "85", "80", "94,1", "Không đạt"]  # 80/85 = 94,1 %, below plan
    doi_thoai = next(v for k, v in rows.items() if k.startswith("Trong năm, người đứng đầu"))
    assert doi_thoai[2:7] == ["cuộc", "1", "1", "100", "Đạt"]
    assert state_report.sections[-1].orientation == 1  # landscape phụ lục


def test_every_report_example_passes_check(tmp_path):
    for path in sorted(EXAMPLES.rglob("bao-cao/*.yaml")):
        out = tmp_path / f"{path.parent.parent.name}-{path.stem}.docx"
        result = run("make-plan", path, "-o", out)
        assert result.exit_code == 0, result.output
        assert [f.line() for f in check_document(out) if f.severity == VIOLATION] == [], path


def test_party_report_layout(tmp_path):
    out = tmp_path / "party.docx"
    assert run("make-plan", PARTY, "-o", out).exit_code == 0
    doc = Document(str(out))
    assert doc.tables[0].cell(1, 0).paragraphs[0].text.strip() == "Số 45-BC/ĐU"
    texts = [p.text for p in all_paragraphs(doc)]
    assert "I- CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI" in texts
    assert not any(t.startswith("Kính gửi") for t in texts)
    closing = next(t for t in texts if t.startswith("Trên đây"))
    assert closing.endswith("Đảng ủy Sở Nội vụ.") and not closing.endswith("./.")
    recipients = [p.text for p in signature_table(doc).cell(0, 0).paragraphs if p.text.startswith("- ")]
    assert recipients[0].endswith(",") and recipients[-1] == "- Lưu VP, ĐU."
    assert "- Như trên" not in " ".join(recipients)
    assert "(Kèm theo Báo cáo số 45-BC/ĐU, ngày 25/11/2022 của Đảng ủy Sở Nội vụ)" in texts


REPORT = """\
rules: state
report_on: {{file: ../plan.yaml, citation: Kế hoạch số 01/KH-UBND ngày 02/01/2025 của Ủy ban nhân dân xã A}}
period: năm 2025
issuer: {{name: "ỦY BAN NHÂN DÂN\\nXÃ A", abbreviation: UBND, full_name: Ủy ban nhân dân xã A}}
place: A
year: 2025
title: Kết quả thực hiện Kế hoạch số 01/KH-UBND năm 2025
sections: [{{section: Kết quả thực hiện, results: true}}]
signature: {{collective: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Nguyễn Văn A}}
archive: VT
{previous}targets:
  - {{id: diem-nong, text: Không để xảy ra điểm nóng, unit: vụ, planned: 0, direction: at_most, actual: {hot}}}
  - {{id: ty-le, text: Tỷ lệ hồ sơ đúng hạn, unit: '%', planned: 90, actual: {share}}}
"""


def write_report(folder, name="r.yaml", hot=0, share="'92,5'", previous=""):
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(REPORT.format(hot=hot, share=share, previous=previous), encoding="utf-8")
    return path


def table_rows(path, tmp_path):
    out = tmp_path / f"{path.parent.name}-{path.stem}.docx"
    result = run("make-plan", path, "-o", out)
    assert result.exit_code == 0, result.output
    table = Document(str(out)).tables[-1]
    return [[c.text for c in r.cells] for r in table.rows]


def test_direction_decides_the_verdict_and_numbers_are_vietnamese(tmp_path):
    rows = table_rows(write_report(tmp_path / "a", hot=0), tmp_path)
    assert rows[1][2:7] == ["vụ", "0", "0", "", "Đạt"]
    assert rows[2][2:7] == ["%", "90", "92,5", "102,8", "Đạt"]
    rows = table_rows(write_report(tmp_path / "b", hot=2, share=80), tmp_path)
    assert rows[1][6] == "Không đạt" and rows[2][5:7] == ["88,9", "Không đạt"]


def test_previous_report_adds_the_cung_ky_column(tmp_path):
    folder = tmp_path / "c"
    write_report(folder, "truoc.yaml", hot=1, share=70)
    rows = table_rows(write_report(folder, "nay.yaml", previous="previous: truoc.yaml\n"), tmp_path)
    assert rows[0] == ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Cùng kỳ", "Tỷ lệ (%)", "Đánh giá",
                       "Ghi chú"]
    assert rows[2][4:6] == ["92,5", "70"]


@pytest.mark.parametrize("share, words", [("'chưa có'", "is not a number"), (120, "not a percentage")])
def test_bad_figure_is_one_line_with_file_line_field(tmp_path, share, words):
    path = write_report(tmp_path / "d", share=share)
    out = tmp_path / "d.docx"
    line = one_error_line(run("make-plan", path, "-o", out))
    assert line.startswith(f"vbgen: {path}:13: targets[1].actual: ") and words in line
    assert not out.exists()
