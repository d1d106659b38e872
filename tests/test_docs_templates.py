"""docs/templates.md's worked example ("Chương trình công tác"), run step by step from the page itself."""
import re

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import ROOT
from docxutil import all_paragraphs
from vbgen.check import VIOLATION, check_document
from vbgen.cli import cli
from vbgen.types import ENV, use_template_dirs

DOC = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")


def block(name: str) -> str:
    """The fenced block the page marks with <!-- tested: NAME -->."""
    match = re.search(rf"<!-- tested: {re.escape(name)} -->\n```yaml\n(.*?)```", DOC, re.S)
    assert match, f"docs/templates.md has no tested block {name!r}"
    return match.group(1)


def run(*args, **kw):
    return CliRunner().invoke(cli, list(map(str, args)), **kw)


@pytest.fixture(autouse=True)
def clean(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    yield
    use_template_dirs([])


def test_worked_example(tmp_path, monkeypatch):
    types = tmp_path / "vbgen-types"
    types.mkdir()
    assert run("templates", "new", "chuong-trinh", "--from", "ke-hoach", "--dir", types).exit_code == 0
    (types / "chuong-trinh" / "type.yaml").write_text(block("type.yaml"), encoding="utf-8")
    assert run("templates", "lint", types / "chuong-trinh").exit_code == 0
    monkeypatch.setenv(ENV, str(types))
    listing = run("templates", "list").output
    assert f"chuong-trinh  state, party  {types}" in listing
    plan = tmp_path / "chuong-trinh-2026.yaml"
    plan.write_text(block("plan.yaml"), encoding="utf-8")
    result = run("make-plan", plan)
    assert result.exit_code == 0, result.output
    doc = Document(str(plan.with_suffix(".docx")))
    texts = [p.text for p in all_paragraphs(doc)]
    assert "CHƯƠNG TRÌNH" in texts and "Công tác trọng tâm năm 2026" in texts
    assert doc.tables[0].cell(1, 0).paragraphs[0].text == "Số: 03/CTr-UBND"
    findings = check_document(plan.with_suffix(".docx"))
    assert [f.line() for f in findings if f.severity == VIOLATION] == []


def test_check_takes_the_templates_option(tmp_path):
    types = tmp_path / "vbgen-types"
    types.mkdir()
    run("templates", "new", "chuong-trinh", "--from", "ke-hoach", "--dir", types)
    (types / "chuong-trinh" / "type.yaml").write_text(block("type.yaml"), encoding="utf-8")
    plan = tmp_path / "ct.yaml"
    plan.write_text(block("plan.yaml"), encoding="utf-8")
    assert run("make-plan", plan, "--templates", types).exit_code == 0
    docx = plan.with_suffix(".docx")
    result = run("check", docx, "--templates", types)
    assert result.exit_code == 0, result.output
    from vbgen.profile import load_profile
    assert load_profile("state").document_types["chuong-trinh"].abbreviation == "CTr"  # what check reads
