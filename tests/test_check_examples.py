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
