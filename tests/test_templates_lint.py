"""`vbgen templates lint`: the docxtpl traps in fixtures made from a copy of a built-in template."""
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import ROOT
from vbgen.cli import cli
from vbgen.types.lint import lint_path

BUILT_IN = ROOT / "templates" / "ke-hoach" / "state.docx"


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def fixture(tmp_path, edit, name="state.docx") -> Path:
    """A copy of the built-in Kế hoạch template with ``edit(doc)`` applied, saved as ``name``."""
    doc = Document(str(BUILT_IN))
    edit(doc)
    path = tmp_path / name
    doc.save(str(path))
    return path


def paragraph(doc, text):
    return next(p for p in doc.paragraphs if p.text == text)


def split_title(doc):
    p = paragraph(doc, "{{r title }}")
    p.runs[0].text = "{{r ti"
    p.add_run("tle }}").bold = True  # Word splits a run where the formatting or spell-check state changes


def unknown_name(doc):
    paragraph(doc, "{{r title }}").runs[0].text = "{{r titel }}"


def syntax_error(doc):
    paragraph(doc, "{{r title }}").runs[0].text = "{{r title }"


def no_signature(doc):
    p = paragraph(doc, "{{p signature }}")
    p._p.getparent().remove(p._p)


def arial(doc):
    paragraph(doc, "{{r title }}").runs[0].font.name = "Arial"


def test_built_in_templates_are_clean():
    assert lint_path(ROOT / "templates") == []
    result = run("templates", "lint", ROOT / "templates")
    assert result.exit_code == 0 and result.output == ""


@pytest.mark.parametrize("edit, expected", [
    (split_title, 'paragraph 3 «{{r title }}»: placeholder {{r title }} is split across 2 runs'),
    (unknown_name, "paragraph 3 «{{r titel }}»: unknown name 'titel': vbgen does not provide it"),
    (syntax_error, "paragraph 3 «{{r title }»: Jinja syntax error: unexpected '}'"),
    (no_signature, "template: no {{p signature }} slot"),
    (arial, "«{{r title }}»: font 'Arial': the state rules use Times New Roman"),
], ids=["split placeholder", "unknown name", "syntax error", "missing slot", "font"])
def test_each_trap_is_found_with_its_paragraph(tmp_path, edit, expected):
    path = fixture(tmp_path, edit)
    result = run("templates", "lint", path)
    assert result.exit_code == 1, result.output
    assert f"{path}: {expected}" in result.output
    assert len(result.output.splitlines()) == 1


def test_a_type_folder_is_linted_whole(tmp_path):
    folder = tmp_path / "my-type"
    shutil.copytree(ROOT / "templates" / "ke-hoach", folder)
    fixture(folder, unknown_name, "party.docx")
    result = run("templates", "lint", folder)
    assert result.exit_code == 1 and "party.docx: paragraph 3" in result.output and "state.docx" not in result.output


def test_unreadable_input_exits_2(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip", encoding="utf-8")
    result = run("templates", "lint", bad)
    assert result.exit_code == 2 and f"vbgen: {bad}: is not a Word .docx file" in result.output
    assert "Traceback" not in result.output
    assert run("templates", "lint", tmp_path / "missing.docx").exit_code == 2


def test_word_saved_real_documents_are_read_not_crashed_on():
    """Real agency files saved by Word (not templates): read, and reported as lacking the slots."""
    from reference import REFERENCE

    real = sorted((REFERENCE / "corpus-real").glob("*.docx"))
    if not real:
        pytest.skip(f"the real-document corpus is not at {REFERENCE / 'corpus-real'}")
    for path in real:
        result = run("templates", "lint", path)
        assert result.exit_code == 1, (path, result.output)
        assert "no {{p header }} slot" in result.output and "Traceback" not in result.output
