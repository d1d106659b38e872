"""The derive command, make-plan on unit files, --explain, and every error case (one line, exit 2, nothing written)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import EXAMPLES
from docxutil import all_paragraphs
from test_derive_plan import DISTRICT, family
from vbgen.cli import cli


@pytest.fixture
def plans(tmp_path):
    return family(tmp_path)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def line_no(path, fragment):
    """The 1-based line of ``path`` holding ``fragment``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if fragment in line)


def files(folder):
    return sorted(p.name for p in folder.iterdir())


# -- derive and make-plan ------------------------------------------------------------------------------

def test_derive_writes_a_plan_yaml_make_plan_accepts(plans, tmp_path):
    out = tmp_path / "derived.yaml"
    result = run("derive", plans["huyen"], "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "parent:" not in text
    assert "Thực hiện Kế hoạch số 21/KH-UBND ngày 16/01/2025" in text
    result = run("make-plan", out, "-o", tmp_path / "derived.docx")
    assert result.exit_code == 0, result.output
    doc = Document(str(tmp_path / "derived.docx"))
    assert any(p.text == "- UBND tỉnh (b/c);" for p in all_paragraphs(doc))


def test_derive_never_overwrites_without_force(plans, tmp_path):
    out = tmp_path / "derived.yaml"
    out.write_text("keep me", encoding="utf-8")
    result = run("derive", plans["huyen"], "-o", out)
    assert result.exit_code == 2
    assert "already exists; use --force" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"
    assert run("derive", plans["huyen"], "-o", out, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("rules: state")


def test_derive_explain_lists_changes(plans, tmp_path):
    result = run("derive", plans["huyen"], "-o", tmp_path / "d.yaml", "--explain")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "“Sở Nội vụ” → “Phòng Nội vụ”" in out
    assert "… Các cơ quan, đơn vị báo cáo kết quả về UBND huyện (qua Phòng Nội vụ tổng hợp" in out
    assert "“trước ngày 25/5/2025” → “trước ngày 20/5/2025” (5 days earlier)" in out
    assert "dropped task 'nv-truyen-thong'" in out
    assert "added task: Đài truyền thanh huyện" in out
    assert "changed 't-hai-long': value = 92" in out


def test_make_plan_renders_a_unit_file_and_explains_beside_it(plans, tmp_path):
    out = tmp_path / "huyen.docx"
    result = run("make-plan", plans["xa"], "-o", out, "--explain")
    assert result.exit_code == 0, result.output
    report = (tmp_path / "huyen.changes.txt").read_text(encoding="utf-8")
    assert "“trước ngày 20/5/2025” → “trước ngày 15/5/2025”" in report
    assert "“Phòng Nội vụ” → “công chức Văn phòng - Thống kê”" in report
    doc = Document(str(out))
    assert any(p.text.startswith("Thực hiện Kế hoạch số 05/KH-UBND") for p in all_paragraphs(doc))


def test_make_plan_explain_needs_a_unit_file(plans, tmp_path):
    result = run("make-plan", plans["tinh"], "-o", tmp_path / "t.docx", "--explain")
    assert result.exit_code == 2
    assert "has no 'parent:'" in result.output
    assert not (tmp_path / "t.docx").exists()


def test_reform_warning_is_printed_and_the_plan_still_renders(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT.replace("date: 2025-01-24", "date: 2025-09-15"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["make-plan", str(plans["huyen"]), "-o",
                                                      str(tmp_path / "h.docx")])
    assert result.exit_code == 0
    assert "warning" in result.stderr and "district-level government ended on 01/7/2025" in result.stderr
    assert (tmp_path / "h.docx").exists()


# -- errors: one line with file:line, exit 2, nothing written ------------------------------------------

def check_error(unit, tmp_path, *expected):
    before = files(tmp_path)
    for args in (["derive", unit, "-o", tmp_path / "out.yaml"], ["make-plan", unit, "-o", tmp_path / "out.docx"]):
        result = run(*args)
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1, result.output
        assert "Traceback" not in result.output
        for piece in expected:
            assert piece in lines[0]
    assert files(tmp_path) == before
    return lines[0]


def test_missing_parent(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT.replace("parent: tinh.yaml", "parent: khong-co.yaml"), encoding="utf-8")
    check_error(plans["huyen"], tmp_path, f"{plans['huyen']}:1: parent:", "'khong-co.yaml' does not exist",
                "check the path")


def test_cycle_of_parents(plans, tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(DISTRICT.replace("parent: tinh.yaml", "parent: b.yaml"), encoding="utf-8")
    b.write_text(DISTRICT.replace("parent: tinh.yaml", "parent: a.yaml"), encoding="utf-8")
    line = check_error(a, tmp_path, ":1: parent:", "cycle", "a.yaml → b.yaml → a.yaml")
    assert line.startswith("vbgen: ")


def test_override_of_a_target_the_parent_lacks(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT.replace("{id: t-hai-long, value: 92}", "{id: t-khong-co, value: 92}"),
                              encoding="utf-8")
    line = line_no(plans["huyen"], "t-khong-co")
    check_error(plans["huyen"], tmp_path, f"{plans['huyen']}:{line}: changes.targets.override[0].id:",
                "no target with id 't-khong-co'", "t-ke-hoach, t-hai-long", "check the id")


def test_dropping_a_target_as_a_task(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT.replace("drop: [nv-truyen-thong]", "drop: [t-ke-hoach]"), encoding="utf-8")
    check_error(plans["huyen"], tmp_path, "changes.tasks.drop[0]:", "'t-ke-hoach' is not a task",
                "list it under changes.targets")


def test_added_task_under_an_unknown_section(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT.replace("under: s-nhiem-vu", "under: s-khong-co"), encoding="utf-8")
    check_error(plans["huyen"], tmp_path, "changes.tasks.add[0].under:", "no section with id 's-khong-co'")


GLOSSARY = "  glossary:\n    - {find: Sở Ngoại vụ, with: Phòng Ngoại vụ}\n"


def test_glossary_entry_matching_nothing_is_an_error(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT + GLOSSARY, encoding="utf-8")
    line = line_no(plans["huyen"], "Sở Ngoại vụ")
    check_error(plans["huyen"], tmp_path, f"{plans['huyen']}:{line}: changes.glossary[0].find:",
                "'Sở Ngoại vụ' matches nothing", "unmatched: warning")


def test_glossary_entry_matching_nothing_can_be_a_warning(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT.replace("archive: VT, NV", "archive: VT, NV\nunmatched: warning")
                              + GLOSSARY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["derive", str(plans["huyen"]), "-o",
                                                      str(tmp_path / "d.yaml")])
    assert result.exit_code == 0
    assert "changes.glossary[0].find: the glossary entry 'Sở Ngoại vụ' matches nothing" in result.stderr
    assert (tmp_path / "d.yaml").exists()


def test_text_replacement_matching_nothing(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT + "  replace:\n    - {find: không có câu này, with: x}\n", encoding="utf-8")
    check_error(plans["huyen"], tmp_path, "changes.replace[0].find:", "is not in the parent plan")


def test_unknown_key_in_the_unit_file(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT.replace("archive: VT, NV",
                                                                          "archive: VT, NV\nlead_day: 5"),
                              encoding="utf-8")
    line = line_no(plans["huyen"], "lead_day:")
    check_error(plans["huyen"], tmp_path, f"{plans['huyen']}:{line}: lead_day:", "not a known key")


def test_unit_level_is_required(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT.replace("  level: district\n", ""), encoding="utf-8")
    check_error(plans["huyen"], tmp_path, "issuer.level:", "is missing")


def test_bad_parent_reports_the_parent_file(plans, tmp_path):
    plans["tinh"].write_text(plans["tinh"].read_text(encoding="utf-8").replace("place: Bắc Kạn\n", ""),
                             encoding="utf-8")
    check_error(plans["huyen"], tmp_path, f"{plans['tinh']}", "place: is missing")


# -- the shipped examples --------------------------------------------------------------------------------

UNIT_EXAMPLES = ["bac-kan-2025/huyen-cho-don.yaml", "bac-kan-2025/xa-bang-lang.yaml",
                 "thai-nguyen-2026/phuong-bac-kan.yaml", "nghe-an-de-an-04/dang-bo-so-noi-vu.yaml"]


@pytest.mark.parametrize("name", UNIT_EXAMPLES)
def test_examples_render_cleanly(name, tmp_path):
    unit = EXAMPLES / name
    if not (unit.parent / (unit.read_text(encoding="utf-8").split("parent: ")[1].split()[0])).exists():
        pytest.skip("its parent example is not written yet")
    result = CliRunner().invoke(cli, ["make-plan", str(unit), "-o", str(tmp_path / "x.docx"),
                                                      "--explain"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "x.changes.txt").read_text(encoding="utf-8").count("\n") > 10
    doc = Document(str(tmp_path / "x.docx"))
    texts = [p.text for p in all_paragraphs(doc)]
    assert any(t.startswith("Thực hiện Kế hoạch") for t in texts)
    assert "warning" not in result.stderr
    assert any("(b/c)" in t for t in texts)
    from vbgen.check import check_document  # the derived draft passes vbgen check (NĐ 30 / HD 36)

    assert [str(f) for f in check_document(tmp_path / "x.docx")] == []


def test_make_plan_explain_refuses_to_overwrite_the_report_before_rendering(plans, tmp_path):
    (tmp_path / "h.changes.txt").write_text("old", encoding="utf-8")
    result = run("make-plan", plans["huyen"], "-o", tmp_path / "h.docx", "--explain")
    assert result.exit_code == 2
    assert "h.changes.txt: already exists; use --force" in result.output
    assert not (tmp_path / "h.docx").exists()
    assert (tmp_path / "h.changes.txt").read_text(encoding="utf-8") == "old"


def test_unknown_glossary_name(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT.replace("archive: VT, NV", "archive: VT, NV\nglossaries: [state-tinh-huyen]"),
                              encoding="utf-8")
    line = line_no(plans["huyen"], "glossaries:")
    check_error(plans["huyen"], tmp_path, f"{plans['huyen']}:{line}: glossaries[0]:",
                "no glossary named 'state-tinh-huyen'", "state-province-district")


def test_named_glossary_replaces_the_route(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT.replace("archive: VT, NV",
                                               "archive: VT, NV\nglossaries: [state-province-commune]"),
                              encoding="utf-8")
    result = run("derive", plans["huyen"], "-o", tmp_path / "d.yaml")
    assert result.exit_code == 0, result.output
    assert "Phòng Văn hóa - Xã hội" in (tmp_path / "d.yaml").read_text(encoding="utf-8")


def test_reform_warning_for_an_ordinary_plan(plans, tmp_path):
    plain = tmp_path / "plain.yaml"
    derived = run("derive", plans["huyen"], "-o", plain)
    assert derived.exit_code == 0
    plain.write_text(plain.read_text(encoding="utf-8").replace("'2025-01-24'", "'2026-03-02'"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["make-plan", str(plain), "-o", str(tmp_path / "p.docx")])
    assert result.exit_code == 0
    assert "district-level government ended on 01/7/2025" in result.stderr
    result = CliRunner().invoke(cli, ["make-plan", str(plans["tinh"]), "-o", str(tmp_path / "t.docx")])
    assert result.exit_code == 0 and "warning" not in result.stderr


def test_derived_yaml_renders_the_same_document_as_the_unit_file(plans, tmp_path):
    assert run("derive", plans["xa"], "-o", tmp_path / "xa-derived.yaml").exit_code == 0
    assert run("make-plan", tmp_path / "xa-derived.yaml", "-o", tmp_path / "a.docx").exit_code == 0
    assert run("make-plan", plans["xa"], "-o", tmp_path / "b.docx").exit_code == 0
    a = [p.text for p in all_paragraphs(Document(str(tmp_path / "a.docx")))]
    b = [p.text for p in all_paragraphs(Document(str(tmp_path / "b.docx")))]
    assert a == b and len(a) > 20


def test_bad_number_in_the_unit_file(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT.replace("number: 5", "number: 5a"), encoding="utf-8")
    line = line_no(plans["huyen"], "number: 5a")
    check_error(plans["huyen"], tmp_path, f"{plans['huyen']}:{line}: number:", "write the number as digits only")


def test_added_id_already_in_the_parent(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT.replace("id: t-mo-hinh", "id: t-ke-hoach"), encoding="utf-8")
    check_error(plans["huyen"], tmp_path, "changes.targets.add[0].id:", "'t-ke-hoach' is already used")
