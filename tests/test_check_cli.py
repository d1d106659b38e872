"""`vbgen check` on the command line (click's CliRunner): output lines, exit codes, --json, --fix."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.shared import Mm

from vbgen.cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
from reference import CORPUS as CORPUS_DIR  # noqa: E402
CORPUS = (CORPUS_DIR / "10_donvi_TTDD-HTD-MienNam_KH-quoc-phong-quan-su-2024.docx")


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    from vbgen.sources import open_plan
    from vbgen.render import render_plan

    folder = tmp_path_factory.mktemp("cli")
    return {rules: render_plan(open_plan(FIXTURES / f"{rules}-plan.yaml"), folder / f"{rules}.docx")
            for rules in ("state", "party")}


def run(*args):
    return CliRunner().invoke(cli, ["check", *map(str, args)])


def test_clean_files_exit_0(clean):
    result = run(clean["state"], clean["party"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"{clean['state']}: OK, no findings (state rules)",
                                          f"{clean['party']}: OK, no findings (party rules)"]


@pytest.mark.skipif(not CORPUS.exists(), reason="reference corpus not available")
def test_violations_exit_1_one_line_each():
    result = run(CORPUS)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 16  # 15 findings + the summary
    assert f'{CORPUS}: date.padding [violation] at "Thành phố Hồ Chí Minh, ngày 01…": found month written "03"; ' \
           'wanted "3" (a leading 0 only for months 1 and 2) (NĐ 30/2020, Phụ lục I, mục II.4)' in lines
    assert lines[-1] == f"{CORPUS}: 15 violation(s), 0 warning(s) (state rules)"


def test_unreadable_file_exits_2_with_one_line(tmp_path, clean):
    junk = tmp_path / "junk.docx"
    junk.write_text("not a docx")
    result = run(clean["state"], junk)
    assert result.exit_code == 2
    assert f"vbgen: {junk}: is not a Word .docx file (not a zip package)" in result.output
    assert "Traceback" not in result.output
    missing = run(tmp_path / "nope.docx")
    assert missing.exit_code == 2 and "file not found" in missing.output


def test_json_output(clean, tmp_path):
    doc = Document(str(clean["state"]))
    doc.sections[0].left_margin = Mm(25)
    broken = tmp_path / "broken.docx"
    doc.save(str(broken))
    result = run("--json", broken, clean["party"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["exit_code"] == 1
    first, second = data["files"]
    assert first["rules"] == "state" and second["rules"] == "party" and second["findings"] == []
    assert first["findings"] == [{"file": str(broken), "rule": "page.margins", "severity": "violation",
                                  "where": "page setup (section 1)", "found": "left margin 25 mm",
                                  "wanted": "left margin 30–35 mm", "source": "NĐ 30/2020, Phụ lục I, mục I.3"}]


def test_rules_option_overrides_detection(clean):
    result = run("--rules", "state", clean["party"])
    assert result.exit_code == 1
    assert "national-title.text" in result.output and "(state rules)" in result.output


def test_party_warnings_alone_exit_0(clean, tmp_path):
    doc = Document(str(clean["party"]))
    for p in doc.paragraphs:
        if p.text.startswith("Thực hiện Đề án"):
            p.paragraph_format.first_line_indent = Mm(3)
    path = tmp_path / "party.docx"
    doc.save(str(path))
    result = run(path)
    assert result.exit_code == 0
    assert "body.indent [warning]" in result.output and "0 violation(s), 1 warning(s)" in result.output


@pytest.mark.skipif(not CORPUS.exists(), reason="reference corpus not available")
def test_fix_writes_new_file_and_reports(tmp_path):
    out = tmp_path / "fixed.docx"
    result = CliRunner().invoke(cli, ["check", "--fix", str(CORPUS), "-o", str(out)])
    assert result.exit_code == 1  # body indents and the upright căn cứ line are left for a person
    assert "fixed: date.padding at" in result.output
    assert result.output.count("left: ") == 4 and "body.indent" in result.output and "basis.style" in result.output
    assert out.exists()
    again = CliRunner().invoke(cli, ["check", "--fix", str(CORPUS), "-o", str(out)])
    assert again.exit_code == 2 and "already exists; use --force" in again.output
    forced = CliRunner().invoke(cli, ["check", "--fix", str(CORPUS), "-o", str(out), "--force"])
    assert forced.exit_code == 1


def test_fix_needs_output(clean):
    result = run("--fix", clean["state"])
    assert result.exit_code == 2 and "--fix needs -o" in result.output


def test_fix_clean_file_exits_0(clean, tmp_path):
    out = tmp_path / "same.docx"
    result = CliRunner().invoke(cli, ["check", "--fix", str(clean["state"]), "-o", str(out)])
    assert result.exit_code == 0 and "0 finding(s) fixed, 0 left" in result.output


def test_damaged_docx_exits_2_and_other_files_are_still_checked(clean, tmp_path):
    import zipfile

    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(clean["state"]) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[:len(data) // 2] if item.filename == "word/document.xml" else data)
    result = run(damaged, clean["party"])
    assert result.exit_code == 2
    assert f"vbgen: {damaged}: cannot be read as a Word document (" in result.output
    assert f"{clean['party']}: OK, no findings (party rules)" in result.output
    assert "Traceback" not in result.output


def test_old_doc_format_is_named(tmp_path):
    old = tmp_path / "cong-van.doc"
    old.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504)
    result = run(old)
    assert result.exit_code == 2
    assert result.output.strip() == (f"vbgen: {old}: is an old-format Word .doc file; open it in Word or LibreOffice "
                                     "and save it as .docx (Word Document), then try again")


def test_check_files_gives_each_file_its_findings_or_its_error_and_reads_each_profile_once(clean, tmp_path,
                                                                                           monkeypatch):
    """The library call under `vbgen check FILES`: a file that cannot be read is an error in its place, the
    others are checked; the rule profile (and the document types' folders) are looked up once per rule set
    for the run, not once per file."""
    import vbgen.check as check
    from vbgen.errors import VbgenError

    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    calls = []
    real = check.shared_profile
    monkeypatch.setattr(check, "shared_profile", lambda rules: calls.append(rules) or real(rules))
    paths = [clean["state"], broken, clean["party"], clean["state"], str(clean["party"])]
    results = list(check.check_files(paths))
    assert [path for path, _, _ in results] == paths
    assert [rules for _, rules, _ in results] == ["state", None, "party", "state", "party"]
    assert isinstance(results[1][2], VbgenError) and str(results[1][2]).startswith(f"{broken}: ")
    assert all(result == [] for i, (_, _, result) in enumerate(results) if i != 1)
    assert sorted(calls) == ["party", "state"]


@pytest.fixture(scope="module")
def many(clean, tmp_path_factory):
    """Twelve files for the worker processes: copies of the two drafts, one with a finding, and a broken one."""
    from docx import Document as open_document

    folder = tmp_path_factory.mktemp("many")
    paths = []
    for i in range(10):
        source = clean["state" if i % 2 else "party"]
        paths.append(folder / f"{i:02d}-{source.name}")
        paths[-1].write_bytes(source.read_bytes())
    wide = open_document(str(clean["state"]))
    wide.sections[0].left_margin = Mm(10)  # a page margin outside the rules: a finding
    wide.save(str(folder / "10-margin.docx"))
    (folder / "11-broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return paths + [folder / "10-margin.docx", folder / "11-broken.docx"]


def test_worker_processes_give_the_same_results_in_the_same_order(many):
    from vbgen.check import check_files
    from vbgen.check.many import worker_count

    assert worker_count(len(many), 2) == 2 and worker_count(5, 2) == 1
    serial, parallel = list(check_files(many, jobs=1)), list(check_files(many, jobs=2))
    assert [(str(p), rules) for p, rules, _ in parallel] == [(str(p), rules) for p, rules, _ in serial]
    assert [[f.line() for f in r] if isinstance(r, list) else str(r) for _, _, r in parallel] == \
           [[f.line() for f in r] if isinstance(r, list) else str(r) for _, _, r in serial]
    assert any(r for _, _, r in serial[:-1]) and str(serial[-1][2]).startswith(f"{many[-1]}: ")


@pytest.mark.parametrize("language", ["en", "vi"])
def test_check_jobs_prints_what_one_process_prints_in_the_clerks_language(many, language):
    one = CliRunner().invoke(cli, ["--lang", language, "check", "-j", "1", *map(str, many)])
    two = CliRunner().invoke(cli, ["--lang", language, "check", "--jobs", "2", *map(str, many)])
    assert one.exit_code == two.exit_code == 2
    assert two.output == one.output and len(one.output.splitlines()) >= len(many)
    if language == "vi":
        assert "lề" in one.output.lower() or "Lề" in one.output, one.output


def test_workers_started_afresh_take_the_language_they_are_given(many, monkeypatch):
    """Where a worker cannot be forked (Windows, macOS) it starts afresh and knows only what it is handed:
    the clerk's language must reach it, or its findings would come back in another language."""
    import multiprocessing

    import vbgen.workers
    from vbgen.check import check_files
    from vbgen.i18n import set_language

    monkeypatch.setattr(vbgen.workers, "get_context", lambda _method: multiprocessing.get_context("spawn"))
    set_language("vi")
    serial, parallel = list(check_files(many, jobs=1)), list(check_files(many, jobs=2))
    lines = [[f.line() for f in r] if isinstance(r, list) else str(r) for _, _, r in serial]
    assert [[f.line() for f in r] if isinstance(r, list) else str(r) for _, _, r in parallel] == lines
    assert any("lề" in line.lower() for found in lines if isinstance(found, list) for line in found)
