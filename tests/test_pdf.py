"""PDF output through LibreOffice (make-plan --pdf, -o x.pdf, batch --pdf) and -o names that match."""
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, FIXTURES
from vbgen.cli import cli

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
needs_libreoffice = pytest.mark.skipif(not (SOFFICE and PDFTOTEXT), reason="needs LibreOffice and pdftotext")


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def pdf_text(path):
    return subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "ke-hoach.yaml"
    shutil.copy(FIXTURES / "state-plan.yaml", path)
    return path


@needs_libreoffice
def test_make_plan_pdf_writes_a_real_pdf_beside_the_docx(plan_file, tmp_path):
    result = run("make-plan", plan_file, "--pdf")
    docx, pdf = plan_file.with_suffix(".docx"), plan_file.with_suffix(".pdf")
    assert result.exit_code == 0, result.output
    assert result.output.split() == [str(docx), str(pdf)]
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "KẾ HOẠCH" in text

    out = tmp_path / "ban-in.pdf"
    result = run("make-plan", plan_file, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-") and out.with_suffix(".docx").is_file()
    again = run("make-plan", plan_file, "-o", out)
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_without_libreoffice_pdf_is_refused_with_one_line(plan_file, monkeypatch):
    monkeypatch.setattr("vbgen.pdf.shutil.which", lambda name: None)
    result = run("make-plan", plan_file, "--pdf")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "LibreOffice is not installed" in result.stderr
    assert not plan_file.with_suffix(".docx").exists() and not plan_file.with_suffix(".pdf").exists()


@pytest.mark.parametrize("command, name", [
    (["make-plan", "{plan}"], "out.txt"),
    (["make-plan", "{plan}"], "out.yaml"),
    (["derive", str(EXAMPLES / "thai-nguyen-2026" / "phuong-bac-kan.yaml")], "out.docx"),
    (["import", "{docx}"], "out.docx"),
    (["check", "{docx}", "--fix"], "out.yaml"),
])
def test_an_output_name_that_does_not_match_what_is_written_is_refused(plan_file, tmp_path, command, name):
    docx = tmp_path / "made.docx"
    assert run("make-plan", plan_file, "-o", docx).exit_code == 0
    args = [a.format(plan=plan_file, docx=docx) for a in command]
    result = run(*args, "-o", tmp_path / name)
    assert result.exit_code == 2
    assert f"give -o a name ending in" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / name).exists()


@needs_libreoffice
def test_batch_pdf_converts_every_unit_in_one_run(tmp_path):
    for name in ("don-vi-cap-xa.yml", "ke-hoach-tinh.yaml"):
        shutil.copy(EXAMPLES / "thai-nguyen-2026" / name, tmp_path / name)
    units = tmp_path / "units.csv"
    units.write_text("name,kind\nBắc Kạn,phường\nBa Bể,xã\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", tmp_path / "don-vi-cap-xa.yml", "--units", units, "-o", out, "--pdf")
    assert result.exit_code == 0, result.output
    assert "ỦY BAN NHÂN DÂN" in pdf_text(out / "xa-ba-be.pdf") and "BA BỂ" in pdf_text(out / "xa-ba-be.pdf")
    assert (out / "phuong-bac-kan.pdf").read_bytes().startswith(b"%PDF-")
    manifest = (out / "manifest.csv").read_text(encoding="utf-8-sig")
    assert "phuong-bac-kan.pdf" in manifest and "xa-ba-be.pdf" in manifest
