"""`vbgen check --fix` on every repairable rule: break a clean vbgen document in one way, fix it,
and the fixed copy passes that rule again (the broken input stays as it was)."""
import hashlib

import pytest

from test_check_rules import BREAKERS, PARTY_BREAKERS, clean  # noqa: F401  (clean is a fixture)
from vbgen.check import check_document, fix_document
from vbgen.check.fix import FIXABLE

STATE_FIXABLE = [(rule_id, breaker) for rule_id, breaker in BREAKERS if rule_id in FIXABLE]
PARTY_FIXABLE = [(rule_id, breaker) for rule_id, breaker in PARTY_BREAKERS if rule_id == "signature.prefix"]


def test_every_fixable_rule_is_exercised():
    assert {rule_id for rule_id, _ in STATE_FIXABLE} == set(FIXABLE)


@pytest.mark.parametrize("rules,rule_id,breaker",
                         [("state", r, b) for r, b in STATE_FIXABLE] + [("party", r, b) for r, b in PARTY_FIXABLE],
                         ids=[f"state-{r}" for r, _ in STATE_FIXABLE] + [f"party-{r}" for r, _ in PARTY_FIXABLE])
def test_fix_repairs(clean, tmp_path, rules, rule_id, breaker):  # noqa: F811
    from docx import Document

    doc = Document(str(clean[rules]))
    breaker(doc)
    source = tmp_path / "broken.docx"
    doc.save(str(source))
    assert {f.rule for f in check_document(source)} == {rule_id}
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    report = fix_document(source, tmp_path / "fixed.docx")
    assert hashlib.sha256(source.read_bytes()).hexdigest() == digest
    assert {f.rule for f in report.fixed} == {rule_id}
    assert report.left == [] and check_document(tmp_path / "fixed.docx") == []


def test_fix_leaves_what_is_not_safe(clean, tmp_path):  # noqa: F811
    """Bold, wording and indents need a person: reported as left, not touched."""
    from docx import Document
    from docx.shared import Cm

    doc = Document(str(clean["state"]))
    for p in doc.paragraphs:
        if p.text.startswith("Bám sát chỉ đạo"):
            p.paragraph_format.first_line_indent = Cm(0.5)
    source = tmp_path / "indent.docx"
    doc.save(str(source))
    report = fix_document(source, tmp_path / "fixed.docx")
    assert report.fixed == [] and [f.rule for f in report.left] == ["body.indent"]
    assert report.violations_left == 1
