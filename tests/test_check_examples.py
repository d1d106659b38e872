"""Every plan under examples/ renders and its .docx passes `vbgen check` with no violation."""
from pathlib import Path

import pytest

from vbgen.check import VIOLATION, check_document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))


def renderable(path: Path) -> bool:
    """Plan files (not glossaries or other data kept beside them)."""
    text = path.read_text(encoding="utf-8")
    return "issuer:" in text or "parent:" in text


PLANS = [p for p in EXAMPLES if renderable(p)]


def test_there_are_examples():
    assert len(PLANS) >= 2


@pytest.mark.parametrize("plan", PLANS, ids=[str(p.relative_to(ROOT / "examples")) for p in PLANS])
def test_example_passes_check(plan, tmp_path):
    from vbgen.render import make_plan

    out = make_plan(plan, tmp_path / f"{plan.stem}.docx")
    findings = check_document(out)
    violations = [f.line() for f in findings if f.severity == VIOLATION]
    assert violations == []
    assert [f.line() for f in findings] == []  # no warning either: vbgen writes the profile's defaults


def test_opening_sentence_starting_with_can_cu_is_not_a_basis_line(tmp_path):
    """Seed 004's opening "Căn cứ Kế hoạch số 141-KH/BDVTU …, UBND tỉnh ban hành … như sau:" is upright
    running text: the căn cứ rule (basis.style) does not take it for a căn cứ line."""
    from vbgen.check import document_parts
    from vbgen.check.docx_reader import DocxReader
    from vbgen.profile import load_profile
    from vbgen.check.rules_opening import basis_lines
    from vbgen.render import make_plan

    out = make_plan(ROOT / "examples" / "bac-kan-2025" / "ke-hoach-tinh.yaml", tmp_path / "ke-hoach-tinh.docx")
    parts = document_parts(DocxReader(out), load_profile("state"))
    first = parts.body[0]
    assert first.stripped.startswith("Căn cứ Kế hoạch số 141-KH/BDVTU") and first.stripped.endswith("như sau:")
    assert not any(run.italic for run in first.text_runs)
    assert basis_lines(parts.body, ";", ".") == []
    assert not [f for f in check_document(out) if f.rule == "basis.style"]
