"""`vbgen make-plan`: outputs, overwrite protection, and one-line errors (issue 2, point 7)."""
import shutil
import subprocess
import sys
import unicodedata

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import FIXTURES, ROOT
from docxutil import all_paragraphs, signature_table
from vbgen.cli import cli


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "ke-hoach.yaml"
    shutil.copy(FIXTURES / "state-plan.yaml", path)
    return path


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def test_default_output_beside_input_and_path_printed(plan_file):
    result = run("make-plan", plan_file)
    out = plan_file.with_suffix(".docx")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(out)
    assert Document(str(out)).tables[0].cell(1, 0).paragraphs[0].text == "Số: 05/KH-SNV"


def test_output_option(plan_file, tmp_path):
    out = tmp_path / "khac.docx"
    result = run("make-plan", plan_file, "-o", out)
    assert result.exit_code == 0 and out.exists()
    assert not plan_file.with_suffix(".docx").exists()


def test_refuses_to_overwrite_without_force(plan_file):
    out = plan_file.with_suffix(".docx")
    out.write_bytes(b"clerk's own file")
    result = run("make-plan", plan_file)
    assert result.exit_code == 2
    assert "already exists" in result.output and "--force" in result.output
    assert out.read_bytes() == b"clerk's own file"
    result = run("make-plan", plan_file, "--force")
    assert result.exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


def test_no_temporary_files_left_behind(plan_file):
    run("make-plan", plan_file)
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["ke-hoach.docx", "ke-hoach.yaml"]


def bad(tmp_path, text):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("make-plan", path)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "bad.docx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]
    return lines[0]


def fixture_text():
    return (FIXTURES / "state-plan.yaml").read_text(encoding="utf-8")


def test_bad_yaml_syntax(tmp_path):
    line = bad(tmp_path, fixture_text().replace('opening: "Sở Nội vụ ban hành Kế hoạch thực hiện như sau:"',
                                                "opening: Sở Nội vụ ban hành Kế hoạch thực hiện như sau:"))
    assert line.startswith(f"vbgen: {tmp_path / 'bad.yaml'}:17: YAML syntax error")
    assert "double quotes" in line


def test_wrong_shape(tmp_path):
    line = bad(tmp_path, "- just\n- a list\n")
    assert "bad.yaml:1:" in line and "key: value" in line


def test_missing_field_names_file_line_and_field(tmp_path):
    text = fixture_text().replace("  name: SỞ NỘI VỤ\n", "")
    line = bad(tmp_path, text)
    assert "bad.yaml:4: issuer.name: is missing; add it" in line


def test_wrong_field_value(tmp_path):
    line = bad(tmp_path, fixture_text().replace("date: 2025-03-05", "date: 05/3/2025"))
    assert "bad.yaml:12: date:" in line and "YYYY-MM-DD" in line


def test_unknown_rule_set(tmp_path):
    line = bad(tmp_path, fixture_text().replace("rules: state", "rules: tinh"))
    assert "bad.yaml:2: rules: must be 'state' or 'party'" in line


def test_misspelt_key_in_body(tmp_path):
    line = bad(tmp_path, fixture_text().replace("          - dash: Nâng cao", "          - dahs: Nâng cao"))
    assert "bad.yaml:23: body[0].items[0].items[0]" in line


def test_layout_outside_the_rules(tmp_path):
    line = bad(tmp_path, fixture_text() + "layout:\n  margins_mm: {left: 25}\n")
    assert "bad.yaml:106: layout.margins_mm.left" in line and "30 to 35" in line


def test_missing_input_file(tmp_path):
    result = run("make-plan", tmp_path / "khong-co.yaml")
    assert result.exit_code == 2 and "file not found" in result.output


def test_special_characters_are_plain_text(tmp_path):
    text = fixture_text().replace("archive: VT, XDCQ", "archive: VT, HCTC&QTTV, Lựu")
    text = text.replace("- dash: Nâng cao nhận thức của cán bộ, công chức.",
                        "- dash: 'Ký hiệu <b> & \"trích dẫn\" {{ 7*7 }} {% if x %}'")
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    assert run("make-plan", path).exit_code == 0
    doc = Document(str(path.with_suffix(".docx")))
    texts = [p.text for p in all_paragraphs(doc)]
    assert "- Ký hiệu <b> & \"trích dẫn\" {{ 7*7 }} {% if x %}" in texts
    assert "- Lưu: VT, HCTC&QTTV, Lựu." in [p.text for p in signature_table(doc).cell(0, 0).paragraphs]


def test_text_is_nfc(tmp_path):
    nfd = unicodedata.normalize("NFD", "Nâng cao nhận thức của cán bộ, công chức.")
    assert nfd != unicodedata.normalize("NFC", nfd)
    path = tmp_path / "p.yaml"
    path.write_text(fixture_text().replace("Nâng cao nhận thức của cán bộ, công chức.", nfd), encoding="utf-8")
    assert run("make-plan", path).exit_code == 0
    texts = [p.text for p in Document(str(path.with_suffix(".docx"))).paragraphs]
    assert "- Nâng cao nhận thức của cán bộ, công chức." in texts
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)


def test_python_dash_m_works(plan_file):
    out = plan_file.with_name("m.docx")
    proc = subprocess.run([sys.executable, "-m", "vbgen", "make-plan", str(plan_file), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert out.exists()


def test_tabs_in_yaml(tmp_path):
    line = bad(tmp_path, "rules: state\n\tissuer: x\n")
    assert "bad.yaml:2:" in line and "spaces, not tabs" in line


def test_unknown_document_type(tmp_path):
    line = bad(tmp_path, fixture_text().replace("type: ke-hoach", "type: bien-ban"))
    assert "bad.yaml:3: type: unknown document type 'bien-ban'" in line and "ke-hoach, quyet-dinh" in line


def test_union_member_names_stay_out_of_the_field_path(tmp_path):
    line = bad(tmp_path, fixture_text().replace("  - UBND tỉnh (b/c)", "  - [UBND tỉnh]"))
    assert "recipients[0]:" in line and "constrained" not in line and "Note" not in line


def test_never_overwrites_its_own_input_even_with_force(plan_file):
    before = plan_file.read_bytes()
    result = run("make-plan", plan_file, "-o", plan_file, "--force")
    assert result.exit_code == 2 and "is the input file itself" in result.output
    assert plan_file.read_bytes() == before


def test_control_characters_from_pasted_text(tmp_path):
    path = tmp_path / "p.yaml"
    text = fixture_text().replace("Nâng cao nhận thức của cán bộ, công chức.",
                                  '"Nâng cao nhận thức\\vcủa cán bộ,\\x01 công chức."')
    path.write_text(text, encoding="utf-8")
    result = run("make-plan", path)
    assert result.exit_code == 0, result.output
    texts = [p.text for p in Document(str(path.with_suffix(".docx"))).paragraphs]
    assert "- Nâng cao nhận thức\ncủa cán bộ, công chức." in texts
