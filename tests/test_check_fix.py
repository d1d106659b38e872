"""`vbgen check --fix` on every repairable rule: break a clean vbgen document in one way, fix it,
and the fixed copy passes that rule again (the broken input stays as it was)."""
import hashlib

import pytest

from test_check_rules import (BREAKERS, MORE_BREAKERS, PARTY_BREAKERS, clean,  # noqa: F401  (a fixture)
                              first_appendix_in_main_section)
from vbgen.check import check_document, fix_document
from vbgen.check.fix import FIXABLE

# A phụ lục sharing the main text's section needs a section break: not a mechanical repair.
NEEDS_A_PERSON = (first_appendix_in_main_section,)
STATE_FIXABLE = [(rule_id, breaker) for rule_id, breaker in BREAKERS if rule_id in FIXABLE] + \
    [(rule_id, breaker) for document, rule_id, breaker in MORE_BREAKERS
     if document == "state" and rule_id in FIXABLE and breaker not in NEEDS_A_PERSON]
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


def test_fix_works_on_lines_of_one_paragraph(clean, tmp_path):  # noqa: F811
    """Nơi nhận typed as one paragraph with line breaks: the missing ";" goes to the right line."""
    import copy

    from docx import Document

    doc = Document(str(clean["state"]))
    cell = next(c for t in doc.tables for row in t.rows for c in row.cells
                if c.paragraphs and c.paragraphs[0].text.startswith("Nơi nhận"))
    items = [p for p in cell.paragraphs[1:] if p.text.strip()]
    first = items[0]
    for p in items[1:]:
        first.add_run().add_break()
        for run in p.runs:
            first._p.append(copy.deepcopy(run._r))
        p._p.getparent().remove(p._p)
    for t in first._p.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
        if t.text.endswith("các PGĐ Sở;"):
            t.text = t.text[:-1]
    source = tmp_path / "lines.docx"
    doc.save(str(source))
    findings = check_document(source)
    assert [(f.rule, f.where) for f in findings] == [("recipients-item.punctuation", '"- Giám đốc, các PGĐ Sở"')]
    report = fix_document(source, tmp_path / "fixed.docx")
    assert report.left == []
    fixed = Document(str(tmp_path / "fixed.docx"))
    texts = [p.text for t in fixed.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert "- UBND tỉnh (b/c);\n- Giám đốc, các PGĐ Sở;\n- Các phòng, đơn vị thuộc Sở;\n- Lưu: VT, XDCQ." in texts


def test_fix_leaves_a_phu_luc_without_its_own_section(clean, tmp_path):  # noqa: F811
    from docx import Document

    doc = Document(str(clean["state"]))
    first_appendix_in_main_section(doc)
    source = tmp_path / "broken.docx"
    doc.save(str(source))
    report = fix_document(source, tmp_path / "fixed.docx")
    assert report.fixed == [] and [f.rule for f in report.left] == ["page-number.restart"]
