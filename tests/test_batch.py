"""`vbgen batch`: every unit's draft from one unit template, a units table or a province's 2025 list."""
import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import ROOT
from docxutil import signature_table
from vbgen.check import check_document
from vbgen.cli import cli

EXAMPLE = ROOT / "examples" / "thai-nguyen-2026"
TEMPLATE_NAME = "don-vi-cap-xa.yml"


@pytest.fixture
def template(tmp_path):
    """The example unit template and its parent, copied so outputs land in tmp_path."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in (TEMPLATE_NAME, "ke-hoach-tinh.yaml"):
        shutil.copy(EXAMPLE / name, folder / name)
    return folder / TEMPLATE_NAME


def run(*args):
    return CliRunner().invoke(cli, ["batch", *map(str, args)])


def header_cell(path):
    return Document(str(path)).tables[0].cell(0, 0).text


def write_csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_province_writes_every_commune_checked_with_manifest(template, tmp_path):
    out = tmp_path / "out"
    result = run(template, "--province", "Thái Nguyên", "-o", out, "-j", "2")
    assert result.exit_code == 0, result.output
    assert "92 units: 92 written, 0 up to date, 0 failed" in result.stderr
    docs = sorted(out.glob("*.docx"))
    assert len(docs) == 92
    records = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["units"]
    assert len(records) == 92 and {r["status"] for r in records} == {"written"}
    with (out / "manifest.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 92 and set(rows[0]) >= {"unit", "file", "number", "title", "warnings", "sha256"}
    duc_xuan = next(r for r in rows if r["unit"] == "Phường Đức Xuân")
    assert duc_xuan["title"].endswith("trên địa bàn phường Đức Xuân")
    path = out / duc_xuan["file"]
    assert header_cell(path).split("\n")[:2] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG ĐỨC XUÂN"]
    assert Document(str(path)).tables[0].cell(1, 1).text.startswith("Đức Xuân, ngày")
    recipients = signature_table(Document(str(path))).cell(0, 0).text
    assert "- Thường trực HĐND phường;" in recipients
    xa = next(r for r in rows if r["unit"].startswith("Xã "))
    assert "- Thường trực HĐND xã;" in signature_table(Document(str(out / xa["file"]))).cell(0, 0).text
    for record in (duc_xuan, xa):
        assert check_document(out / record["file"]) == []
    # Two communes share the name Văn Lang: each keeps its own file.
    assert len([d for d in docs if d.name.startswith("xa-van-lang-")]) == 2


def table_rows():
    return [["Tên", "Loại", "Người ký", "Số", "Ngày", "Nơi nhận"],
            ["Bắc Kạn", "phường", "Nguyễn Văn An", "12", "05/02/2026", "Công an phường; Đảng ủy Quân sự"],
            ["Xã Ba Bể", "", "Trần Thị Bình", "", "", ""],
            ["Phú Quốc", "đặc khu", "", "", "2026-02-06", ""]]


def test_units_table_fills_each_unit_and_rerun_skips_up_to_date(template, tmp_path):
    table = write_csv(tmp_path / "units.csv", table_rows())
    out = tmp_path / "out"
    first = run(template, "--units", table, "-o", out, "-j", "1")
    assert first.exit_code == 0, first.output
    bac_kan = Document(str(out / "phuong-bac-kan.docx"))
    header = bac_kan.tables[0]
    assert header.cell(1, 0).text == "Số: 12/KH-UBND"
    assert header.cell(1, 1).text == "Bắc Kạn, ngày 05 tháng 02 năm 2026"
    signature = signature_table(bac_kan)
    assert signature.cell(0, 1).text.rstrip().endswith("Nguyễn Văn An")
    assert "- Công an phường;\n- Đảng ủy Quân sự;\n- Lưu: VT, VHXH." in signature.cell(0, 0).text
    assert header_cell(out / "dac-khu-phu-quoc.docx").split("\n")[:2] == ["ỦY BAN NHÂN DÂN", "ĐẶC KHU PHÚ QUỐC"]
    assert header_cell(out / "xa-ba-be.docx").split("\n")[1] == "XÃ BA BỂ"
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.glob("*.docx")}

    again = run(template, "--units", table, "-o", out)
    assert again.exit_code == 0 and "3 units: 0 written, 3 up to date, 0 failed" in again.stderr
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.glob("*.docx")} == before

    forced = run(template, "--units", table, "-o", out, "--force")
    assert forced.exit_code == 0 and "3 written" in forced.stderr
    assert {p.name: p.read_bytes() for p in out.glob("*.docx")} == {k: v[1] for k, v in before.items()}


def test_a_failing_unit_does_not_stop_the_others(template, tmp_path):
    rows = table_rows()
    rows[2][1] = "huyện"  # no longer a unit kind
    table = write_csv(tmp_path / "units.csv", rows)
    result = run(template, "--units", table, "-o", tmp_path / "out")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert f"{table}:3: kind: kind 'huyện' is not one of: xã, phường, đặc khu" in result.stderr

    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "xa-ba-be.docx").write_bytes(b"a clerk's own file")
    result = run(template, "--units", write_csv(tmp_path / "units.csv", table_rows()), "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "Xã Ba Bể: " in result.stderr and "already exists" in result.stderr and "--force" in result.stderr
    assert "3 units: 2 written, 0 up to date, 1 failed" in result.stderr
    assert (tmp_path / "out" / "xa-ba-be.docx").read_bytes() == b"a clerk's own file"
    records = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))["units"]
    assert [r["status"] for r in records] == ["written", "failed", "written"]


def test_xlsx_table_and_errors_in_the_table(template, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["name", "kind", "signer", "date"])
    sheet.append(["Bắc Kạn", "phường", "Lê Văn D", None])
    book.save(tmp_path / "units.xlsx")
    result = run(template, "--units", tmp_path / "units.xlsx", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert signature_table(Document(str(tmp_path / "out" / "phuong-bac-kan.docx"))).cell(0, 1).text.rstrip() \
        .endswith("Lê Văn D")

    bad = write_csv(tmp_path / "bad.csv", [["tên", "chức danh"], ["Bắc Kạn", "x"]])
    result = run(template, "--units", bad, "-o", tmp_path / "out2")
    assert result.exit_code == 2 and "unknown column 'chức danh'" in result.stderr
    assert not (tmp_path / "out2").exists()


@pytest.mark.parametrize("args, message", [
    ((), "either with --units TABLE or with --province NAME"),
    (("--province", "Bắc Kạn"), "no province 'Bắc Kạn' in the 2025 list"),
])
def test_units_must_be_given_once_and_exist(template, tmp_path, args, message):
    result = run(template, *args, "-o", tmp_path / "out")
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_folder_with_someone_elses_manifest_is_refused_before_rendering(template, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.csv").write_text("a clerk's own list", encoding="utf-8")
    result = run(template, "--units", write_csv(tmp_path / "units.csv", table_rows()), "-o", out)
    assert result.exit_code == 2 and "was not written by vbgen batch" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["manifest.csv"]


def test_template_must_be_a_unit_file(tmp_path):
    plan = tmp_path / "ke-hoach-tinh.yaml"
    shutil.copy(EXAMPLE / "ke-hoach-tinh.yaml", plan)
    result = run(plan, "--province", "Thái Nguyên", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"vbgen: {plan}:1: parent: a batch needs a unit template: a unit file with "
                                     "'parent:' (the plan all units implement)")


def test_each_unit_is_what_make_plan_gives_for_its_own_unit_file(template, tmp_path):
    """Units that differ only in name share one derivation (the name filled in afterwards): the result
    is the same document make-plan writes from that unit's own unit file."""
    import zipfile

    from vbgen.batch import unit_data
    from vbgen.render import make_plan
    from vbgen.unitlist import units_from_table
    from vbgen.yamlio import dump_yaml, read_yaml

    table = write_csv(tmp_path / "units.csv", [["name", "kind"], ["Bắc Kạn", "phường"], ["Đức Xuân", "phường"],
                                                ["Ba Bể", "xã"], ["Chợ Đồn", "xã"], ["Phú Quốc", "đặc khu"]])
    out = tmp_path / "out"
    assert run(template, "--units", table, "-o", out, "-j", "1").exit_code == 0
    for unit in units_from_table(table):
        own = template.parent / f"own-{unit.file_name[:-5]}.yaml"
        own.write_text(dump_yaml(unit_data(read_yaml(template), unit)), encoding="utf-8")
        expected = make_plan(own, tmp_path / f"own-{unit.file_name}")
        parts = [zipfile.ZipFile(path).read("word/document.xml") for path in (out / unit.file_name, expected)]
        assert parts[0] == parts[1], unit.label


def test_a_real_process_on_two_workers_ends_without_a_traceback(template, tmp_path):
    """The pool ends its workers with SIGTERM: they must not take the CLI's SIGTERM handler with them
    (each printed a traceback 'vbgen.cli.Terminated' at the end of a successful run)."""
    import subprocess
    import sys

    table = write_csv(tmp_path / "units.csv", [["name", "kind"]] + [[f"Xã Số {i}", "xã"] for i in range(1, 7)])
    proc = subprocess.run([sys.executable, "-m", "vbgen", "batch", str(template), "--units", str(table),
                           "-o", str(tmp_path / "out"), "-j", "2"], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "6 written" in proc.stderr + proc.stdout
