"""Derivation fixes from the code review: empty find (item 3), the citation's ký hiệu (item 12),
wording as data (item 11), make-plan --explain deriving once (item 14)."""
from __future__ import annotations

import pytest

from test_derive_cli import check_error, line_no
from test_derive_plan import DISTRICT, family


@pytest.fixture
def plans(tmp_path):
    return family(tmp_path)


@pytest.mark.parametrize("kind", ["replace", "glossary"])
def test_an_empty_find_is_an_error_with_its_line(plans, tmp_path, kind):
    plans["huyen"].write_text(DISTRICT + f"  {kind}:\n    - {{find: '', with: x}}\n", encoding="utf-8")
    line = line_no(plans["huyen"], "find: ''")
    check_error(plans["huyen"], tmp_path, f"{plans['huyen']}:{line}: changes.{kind}[0].find: is empty; fill it in")


def _parent(**changes):
    """The province plan of test_derive_plan with ``changes``, as a Plan."""
    from ruamel.yaml import YAML

    from test_derive_plan import PROVINCE
    from vbgen.model import Plan

    data = YAML(typ="safe").load(PROVINCE)
    data.update(changes)
    return Plan.model_validate(data)


def test_citation_uses_the_header_symbol_for_a_type_without_abbreviation():
    from vbgen.derive.scope import citation
    from vbgen.symbol import symbol
    from vbgen.profile import load_profile

    parent = _parent(type="cong-van")
    assert symbol(parent, load_profile("state")) == "UBND"
    assert citation(parent).startswith("Công văn số 21/UBND ngày 16/01/2025 của Ủy ban nhân dân tỉnh Bắc Kạn")


def test_citation_keeps_a_symbol_the_plan_gives_and_a_draft_date_from_the_data():
    from vbgen.derive.scope import citation

    assert citation(_parent(symbol="KH-BCĐ", date=None, year=2025)).startswith(
        "Kế hoạch số 21/KH-BCĐ ngày ... năm 2025 của")
    assert citation(_parent(rules="party")).startswith("Kế hoạch số 21-KH/UBND, ngày 16/01/2025 của")


def test_an_unknown_unit_type_is_an_error_not_a_silent_ke_hoach(plans, tmp_path):
    plans["huyen"].write_text(DISTRICT.replace("number: 5\n", "number: 5\ntype: ke-hoachh\n"), encoding="utf-8")
    line = line_no(plans["huyen"], "type: ke-hoachh")
    check_error(plans["huyen"], tmp_path, f"{plans['huyen']}:{line}: type: unknown document type 'ke-hoachh'")


def _count_derivations(monkeypatch) -> list:
    from vbgen.derive import engine

    calls = []
    real = engine.derive
    monkeypatch.setattr(engine, "derive", lambda parent, unit: calls.append(unit.path.name) or real(parent, unit))
    return calls


def test_make_plan_explain_derives_once_and_renders_that_plan(plans, tmp_path, monkeypatch):
    from click.testing import CliRunner
    from docx import Document

    from vbgen.cli import cli

    calls = _count_derivations(monkeypatch)
    out = tmp_path / "xa.docx"
    result = CliRunner().invoke(cli, ["make-plan", str(plans["xa"]), "-o", str(out), "--explain"])
    assert result.exit_code == 0, result.output
    assert calls == ["huyen.yaml", "xa.yaml"]  # each level once (it was twice each)
    assert result.output.splitlines() == [str(tmp_path / "xa.changes.txt"), str(out)]
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert any("Ủy ban nhân dân xã Bằng Lãng" in t and "Kế hoạch số 05/KH-UBND ngày 24/01/2025" in t for t in texts)
    assert " changes." in (tmp_path / "xa.changes.txt").read_text(encoding="utf-8")


def test_make_plan_explain_refuses_an_existing_docx_before_deriving(plans, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from vbgen.cli import cli

    calls = _count_derivations(monkeypatch)
    out = tmp_path / "xa.docx"
    out.write_bytes(b"clerk's file")
    result = CliRunner().invoke(cli, ["make-plan", str(plans["xa"]), "-o", str(out), "--explain"])
    assert result.exit_code == 2 and "already exists" in result.output
    assert calls == [] and out.read_bytes() == b"clerk's file"
    assert not (tmp_path / "xa.changes.txt").exists()


@pytest.mark.parametrize("old, new, field", [("place: Chợ Đồn\n", "place: ''\n", "place"),
                                             ("archive: VT, NV\n", "archive: ' '\n", "archive")])
def test_a_unit_file_with_empty_required_text_is_an_error_with_its_line(plans, tmp_path, old, new, field):
    plans["huyen"].write_text(DISTRICT.replace(old, new), encoding="utf-8")
    line = line_no(plans["huyen"], new.strip())
    check_error(plans["huyen"], tmp_path, f"{plans['huyen']}:{line}: {field}: is empty; fill it in")
