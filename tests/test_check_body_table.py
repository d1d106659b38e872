"""`vbgen check` on plans with a task table inside the body (``table`` node): the table's cells are
not body paragraphs, so the body-paragraph rules (size, indent, alignment, spacing) leave them alone,
while they still catch the same fault in a real body paragraph of the same document."""
from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from vbgen.check import check_document
from vbgen.loader import validate_plan
from vbgen.sources import open_plan
from vbgen.render import render_plan
from vbgen.yamlio import YAML

FIXTURES = Path(__file__).parent / "fixtures"


def _body_table_and_neighbours(path: Path):
    """(the body table, the paragraph before it) in the rendered document."""
    blocks = list(Document(str(path)).iter_inner_content())
    at = next(i for i, b in enumerate(blocks) if isinstance(b, Table) and i > 0 and isinstance(blocks[i - 1], Paragraph)
              and blocks[i - 1].text.strip() and "Báo cáo 6 tháng" in " ".join(c.text for c in b._cells))
    return blocks[at], blocks[at - 1]


@pytest.fixture
def state_docx(tmp_path):
    return render_plan(open_plan(FIXTURES / "state-plan.yaml"), tmp_path / "state.docx", force=True)


def test_state_fixture_with_a_body_table_has_no_findings(state_docx):
    table, before = _body_table_and_neighbours(state_docx)  # the fixture really has a table in the body
    assert [c.text for c in table.rows[0].cells] == ["STT", "Nội dung", "Thời gian", "Chủ trì", "Thực hiện"]
    assert not before.text.startswith(("Phụ lục", "PHỤ LỤC"))
    findings = check_document(state_docx)
    assert findings == [], "\n".join(f.line() for f in findings)


def test_party_plan_with_a_body_table_has_no_findings(tmp_path):
    yaml = YAML(typ="safe")
    data = yaml.load((FIXTURES / "party-plan.yaml").read_text(encoding="utf-8"))
    state = yaml.load((FIXTURES / "state-plan.yaml").read_text(encoding="utf-8"))
    table = next(n for top in state["body"] for n in top.get("items", []) if "table" in n)
    data["body"][0].setdefault("items", []).append(table)
    out = render_plan(validate_plan(data, "party-with-table"), tmp_path / "party.docx", force=True)
    findings = check_document(out)
    assert findings == [], "\n".join(f.line() for f in findings)


def _set_size(paragraph: Paragraph, points: float) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(points)


def test_body_rules_skip_table_cells_but_not_body_paragraphs(state_docx, tmp_path):
    doc = Document(str(state_docx))
    cell_paragraphs = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
                       if "Báo cáo 6 tháng" in p.text]
    assert cell_paragraphs
    _set_size(cell_paragraphs[0], 11)  # a table cell in 11 pt: allowed (tables are not running text)
    cells_only = tmp_path / "cells.docx"
    doc.save(cells_only)
    assert [f for f in check_document(cells_only) if f.rule.startswith("body.")] == []

    body = next(p for p in doc.paragraphs if p.text.startswith("Phòng Xây dựng chính quyền")
                or "Phòng Xây dựng chính quyền tham mưu" in p.text)
    _set_size(body, 11)  # the same in a body paragraph: a finding
    both = tmp_path / "both.docx"
    doc.save(both)
    assert [f.rule for f in check_document(both) if f.rule.startswith("body.")] == ["body.size"]
