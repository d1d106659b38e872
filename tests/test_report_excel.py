"""The sheet to fill (`vbgen report --xlsx`) and its figures read back (`--results`, `results:`)."""
import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook
from ruamel.yaml import YAML

from conftest import EXAMPLES
from report_helpers import one_error_line, run

BANG_LANG = EXAMPLES / "bac-kan-2025" / "xa-bang-lang.yaml"


@pytest.fixture
def sheet(tmp_path):
    out, book = tmp_path / "bao-cao.yaml", tmp_path / "ket-qua.xlsx"
    result = run("report", BANG_LANG, "--period", "6 tháng đầu năm 2025", "-o", out, "--xlsx", book)
    assert result.exit_code == 0, result.output
    return book


def fill(book_path, actual=None, status="Đã hoàn thành", out=None):
    book = load_workbook(book_path)
    targets, tasks = book["Chỉ tiêu"], book["Nhiệm vụ"]
    for row in range(2, targets.max_row + 1):
        if targets.cell(row, 5).value is not None:  # a planned figure
            targets.cell(row, 7).value = actual if actual is not None else targets.cell(row, 5).value
    for row in range(2, tasks.max_row + 1):
        tasks.cell(row, 6).value = status
        tasks.cell(row, 7).value = f"Kết quả {row - 1}"
    book.save(out or book_path)
    return out or book_path


def test_sheet_is_locked_except_the_columns_to_fill(sheet):
    book = load_workbook(sheet)
    assert book.sheetnames == ["Chỉ tiêu", "Nhiệm vụ"]
    targets = book["Chỉ tiêu"]
    assert [c.value for c in targets[1]] == ["id", "STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Hướng", "Thực hiện",
                                            "Ghi chú"]
    assert targets.protection.sheet and book["Nhiệm vụ"].protection.sheet
    assert targets.cell(2, 1).value == "t-hoc-tap-quan-triet" and targets.cell(2, 5).value == 100
    assert targets.cell(2, 3).protection.locked and targets.cell(2, 5).protection.locked
    assert not targets.cell(2, 7).protection.locked and not targets.cell(2, 8).protection.locked
    tasks = book["Nhiệm vụ"]
    assert not tasks.cell(2, 6).protection.locked and not tasks.cell(2, 7).protection.locked
    assert tasks.cell(2, 3).protection.locked


def test_results_option_fills_the_report(sheet, tmp_path):
    fill(sheet)
    out = tmp_path / "filled.yaml"
    result = run("report", BANG_LANG, "--period", "6 tháng đầu năm 2025", "-o", out, "--results", sheet)
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load(out.read_text(encoding="utf-8"))
    xep_loai = next(t for t in data["targets"] if t["id"] == "t-xep-loai-tot")
    assert xep_loai["actual"] == 85
    assert {t["status"] for t in data["tasks"]} == {"done"} and data["tasks"][0]["result"] == "Kết quả 1"


def test_results_key_in_the_yaml_is_read_by_make_plan(sheet, tmp_path):
    fill(sheet, actual="92,5")
    report = tmp_path / "bao-cao.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "results: ket-qua.xlsx\n", encoding="utf-8")
    out = tmp_path / "bc.docx"
    result = run("make-plan", report, "-o", out)
    assert result.exit_code == 0, result.output
    rows = [[c.text for c in r.cells] for r in Document(str(out)).tables[-1].rows]
    assert rows[1][4:7] == ["92,5", "92,5", "Không đạt"]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_sheet_saved_by_libreoffice_reads_back(sheet, tmp_path):
    filled = fill(sheet, out=tmp_path / "filled.xlsx")
    converted = tmp_path / "lo"
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: another soffice may be running
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir",
                    str(converted), str(filled)], capture_output=True, timeout=300)
    if not (converted / "filled.xlsx").exists():
        pytest.skip("LibreOffice Calc is not installed (Debian package libreoffice-calc-nogui)")
    out = tmp_path / "from-lo.yaml"
    result = run("report", BANG_LANG, "--period", "6 tháng đầu năm 2025", "-o", out,
                 "--results", converted / "filled.xlsx")
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load(out.read_text(encoding="utf-8"))
    assert next(t for t in data["targets"] if t["id"] == "t-doi-thoai")["actual"] == 1


@pytest.mark.parametrize("actual, status, words, field", [
    ("nhiều", "Đã hoàn thành", "is not a number", "Thực hiện"),
    (None, "xong rồi", "is not a status", "Tình trạng"),
])
def test_bad_cell_is_one_line_naming_sheet_row_and_column(sheet, tmp_path, actual, status, words, field):
    fill(sheet, actual=actual, status=status)
    out = tmp_path / "filled.yaml"
    line = one_error_line(run("report", BANG_LANG, "--period", "năm 2025", "-o", out, "--results", sheet))
    assert f"ket-qua.xlsx[" in line and f":2: {field}: " in line and words in line, line
    assert not out.exists()


def test_a_sheet_that_would_expand_beyond_the_bound_is_refused_before_reading(sheet, tmp_path, monkeypatch):
    import zipfile

    from vbgen import docxsafe

    monkeypatch.setattr(docxsafe, "MAX_PART_BYTES", 1 << 20)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(sheet) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        zout.writestr("xl/padding.bin", b"0" * (2 << 20))
    result = run("report", BANG_LANG, "--period", "6 tháng đầu năm 2025", "-o", tmp_path / "r.yaml",
                 "--results", bomb)
    assert result.exit_code == 2 and "zip bomb" in result.output and not (tmp_path / "r.yaml").exists()
