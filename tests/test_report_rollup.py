"""`vbgen rollup`: the units' reports → the parent's report, its figures, chart and bad input (issue 9, part 3)."""
import pytest
from docx import Document
from openpyxl import load_workbook
from ruamel.yaml import YAML

from report_helpers import bac_kan, one_error_line, run  # noqa: F401
from vbgen.check import check_document

BL, DL, NP, YT = (f"Ủy ban nhân dân xã {n}" for n in ("Bằng Lãng", "Đồng Lạc", "Ngọc Phái", "Yên Thịnh"))


def load(path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.fixture
def rolled(bac_kan, tmp_path):
    out, sheet = tmp_path / "tong-hop.yaml", tmp_path / "tong-hop.xlsx"
    result = run("rollup", bac_kan / "huyen-cho-don.yaml", bac_kan / "bao-cao", "-o", out, "--xlsx", sheet)
    assert result.exit_code == 0, result.output
    return out, sheet, result.output


def test_summary_matches_hand_computed_figures(rolled):
    out, _, output = rolled
    assert f"units without a report: {YT}" in output and "due: trước ngày 25/5/2025" in output
    data = load(out)
    s = data["summary"]
    assert s["t-hoc-tap-quan-triet"] == {"reported": [BL, DL, NP], "met": [BL, NP], "not_met": [DL],
                                         "missing": [YT], "sum": 295, "mean": 98.33}
    # the district sets 85 %: Bằng Lãng 80 (not met), Đồng Lạc 85, Ngọc Phái 90 → mean 85
    assert s["t-xep-loai-tot"]["not_met"] == [BL] and s["t-xep-loai-tot"]["mean"] == 85
    # a count: 1 + 0 + 2 cuộc against 01 cuộc each
    assert s["t-doi-thoai"]["met"] == [BL, NP] and s["t-doi-thoai"]["sum"] == 3
    # Bằng Lãng's plan drops the district's "mô hình mỗi xã" target: not missing, not reported
    assert s["t-mo-hinh-xa"]["reported"] == [DL, NP] and s["t-mo-hinh-xa"]["missing"] == [YT]
    # a qualitative target judged by met: true/false; Bằng Lãng left it empty
    assert s["t-cai-cach-hanh-chinh"] == {"reported": [DL, NP], "met": [NP], "not_met": [DL],
                                          "missing": [BL, YT]}
    assert s["t-cham-diem"]["reported"] == [] and s["t-cham-diem"]["missing"] == [BL, DL, NP, YT]
    targets = {t["id"]: t for t in data["targets"]}
    assert targets["t-doi-thoai"]["planned"] == 3 and targets["t-doi-thoai"]["actual"] == 3
    assert targets["t-xep-loai-tot"]["actual"] == 85 and targets["t-xep-loai-tot"]["met"] is False
    assert data["addressees"] == ["Ủy ban nhân dân tỉnh Bắc Kạn (qua Sở Nội vụ)"]
    assert data["sections"][0]["items"][1] == {"text": f"Các đơn vị chưa báo cáo: {YT}."}
    assert [b["value"] for b in data["charts"][1]["bars"]] == [80.0, 63.6, 100.0]  # 8/10, 7/11, 11/11


def test_sheet_holds_the_same_table(rolled):
    _, sheet, _ = rolled
    ws = load_workbook(sheet)["Tổng hợp"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:8] == ("STT", "id", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)", "Đánh giá")
    row = next(r for r in rows if r[1] == "t-hoc-tap-quan-triet")
    assert row[10] == DL and row[11] == YT and row[7] == "Không đạt"


def test_rendered_rollup_has_the_charts_inside_the_margins(rolled, tmp_path):
    out, _, _ = rolled
    docx = tmp_path / "tong-hop.docx"
    result = run("make-plan", out, "-o", docx)
    assert result.exit_code == 0, result.output
    assert [f.line() for f in check_document(docx)] == []
    doc = Document(str(docx))
    section = doc.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    shapes = doc.inline_shapes
    assert len(shapes) == 2
    for shape in shapes:
        assert 0 < shape.width <= width and 0 < shape.height <= height
    texts = [p.text for p in doc.paragraphs]
    assert "Kính gửi: Ủy ban nhân dân tỉnh Bắc Kạn (qua Sở Nội vụ)." in texts


def test_chart_font_has_vietnamese_glyphs():
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font
    from vbgen.report.chart import FONT, chart_png

    font = FT2Font(font_manager.findfont(FONT, fallback_to_default=False))
    assert all(font.get_char_index(ord(c)) for c in "ỦyềệẠươđặỹ")
    png, w, h = chart_png("Tỷ lệ đơn vị đạt", ["Ủy ban nhân dân xã Bằng Lãng"], [80.0])
    assert png.startswith(b"\x89PNG") and w <= 22 and h <= 12


def _edit(path, change):
    yaml = YAML()
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def _set_actual(target_id, value):
    def change(data):
        next(t for t in data["targets"] if t["id"] == target_id)["actual"] = value
    return change


BAD = {
    "another plan": (lambda d: d["report_on"].__setitem__("parent", "../ke-hoach-tinh.yaml"),
                     "report_on.parent", "does not derive from huyen-cho-don.yaml"),
    "unknown target": (lambda d: d["targets"][0].__setitem__("id", "t-khong-co"),
                       "targets[0].id", "'t-khong-co' is not a target"),
    "non-number": (_set_actual("t-doi-thoai", "hai cuộc"), "targets[4].actual", "is not a number"),
    "over 100": (_set_actual("t-hoc-tap-quan-triet", 105), "targets[0].actual", "not a percentage"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_report_stops_with_one_line_and_writes_nothing(bac_kan, tmp_path, case):
    change, field, words = BAD[case]
    report = bac_kan / "bao-cao" / "xa-dong-lac.yaml"
    _edit(report, change)
    out, sheet = tmp_path / "th.yaml", tmp_path / "th.xlsx"
    line = one_error_line(run("rollup", bac_kan / "huyen-cho-don.yaml", bac_kan / "bao-cao", "-o", out,
                              "--xlsx", sheet))
    assert line.startswith(f"vbgen: {report}:") and f": {field}: " in line and words in line, line
    assert line[len(f"vbgen: {report}:"):].split(":")[0].isdigit()  # the line of the bad field
    assert not out.exists() and not sheet.exists()


def test_two_reports_of_one_unit(bac_kan, tmp_path):
    folder = bac_kan / "bao-cao"
    (folder / "xa-bang-lang-2.yaml").write_bytes((folder / "xa-bang-lang.yaml").read_bytes())
    out = tmp_path / "th.yaml"
    line = one_error_line(run("rollup", bac_kan / "huyen-cho-don.yaml", folder, "-o", out))
    assert f"{folder / 'xa-bang-lang.yaml'}:" in line and ": issuer: " in line
    assert "a second report of Ủy ban nhân dân xã Bằng Lãng" in line and not out.exists()


def test_folder_scan_leaves_out_an_earlier_rollup(bac_kan, tmp_path):
    """The shipped roll-up lives in bao-cao/ beside the units' reports: rolling up again works."""
    assert (bac_kan / "bao-cao" / "tong-hop-huyen-cho-don.yaml").exists()
    out = bac_kan / "bao-cao" / "tong-hop-huyen-cho-don.yaml"
    result = run("rollup", bac_kan / "huyen-cho-don.yaml", bac_kan / "bao-cao", "-o", out, "--force")
    assert result.exit_code == 0, result.output
    assert "reports: 3;" in result.output
