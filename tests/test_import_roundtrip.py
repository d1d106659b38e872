"""Round trip of every reference plan: `import`, then render, then compare with the source.

Per document: every body sentence of the source appears in the rendered .docx in order, the cells
of a table standing in the body among them, cell by cell, at the table's place; every cell of a
table after the signature (phụ lục) and every footnote sentence appears; the header fields, the Nơi nhận list, the Lưu line
and the signature were recognised as such (the values below are read off the source files).
The measuring code is benchmarks/import_coverage.py, which prints the same figures.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from docx import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from import_coverage import REFERENCE, measure, reference_documents  # noqa: E402

pytestmark = pytest.mark.skipif(not REFERENCE.is_dir(), reason="reference documents not on this machine")

#: What each source says, by file name prefix: number, symbol, place, date, signer's title and name,
#: number of recipients (without the Lưu line), Lưu content, rules.
EXPECTED = {
    "001_": (None, None, None, None, "BÍ THƯ", "Nguyễn Thị Kim Chi", 6, "BTG, VP", "party"),
    "003_": (None, None, None, None, "PHÓ CHỦ TỊCH", "Lê Hồng Vinh", 9, "VT, TH (T)", "state"),
    "004_": (21, "KH-UBND", "Bắc Kạn", dt.date(2025, 1, 16), "PHÓ CHỦ TỊCH", "Hoàng Thu Trang", 11,
             "VT, HCTC&QTTV, Lựu", "state"),
    "01_": (980, "KH-UBND", "Nghệ An", dt.date(2025, 11, 18), "PHÓ CHỦ TỊCH", "Nguyễn Văn Đệ", 9,
            "VT, NC (TP, Dũng)", "state"),
    "02_": (617, "KH-UBND", "Đồng Tháp", dt.date(2025, 12, 1), "PHÓ CHỦ TỊCH", "Huỳnh Minh Tuấn", 4,
            "VT, KGVX. Thg", "state"),
    "04_": (165, "KH-UBND", "Cần Thơ", dt.date(2025, 11, 21), "PHÓ CHỦ TỊCH", "Nguyễn Thị Ngọc Điệp", 11,
            "VT, MK", "state"),
    "05_": (308, "KH-UBND", "Hà Nội", dt.date(2025, 11, 17), "PHÓ CHỦ TỊCH", "Trương Việt Dũng", 8,
            "VT, ĐMPT", "state"),
    "10_": (None, "KH-ĐĐMN", "Thành phố Hồ Chí Minh", dt.date(2024, 3, 1), "PHÓ GIÁM ĐỐC", "Phan Sỹ Bách", 4,
            "VT, TH", "state"),
    # corpus-real: pre-signature drafts (no number, no day): read off their pages
    "R02_": (None, "KH-UBND", "Lâm Đồng", None, "PHÓ CHỦ TỊCH", "Nguyễn Ngọc Phúc", 12, "VT, NC.Châu", "state"),
    "R04_": (None, "KH-UBND", "Lâm Đồng", None, "PHÓ CHỦ TỊCH", "Nguyễn Ngọc Phúc", 10, "VT, NC", "state"),
    "R06_": (None, "KH-UBND", "Lâm Đồng", None, "PHÓ CHỦ TỊCH", "Nguyễn Ngọc Phúc", 4, "VT, NC.Châu", "state"),
}

DOCUMENTS = reference_documents()


def _expected(path: Path):
    return next(v for k, v in EXPECTED.items() if path.name.startswith(k))


@pytest.fixture(scope="module", params=DOCUMENTS, ids=[p.name[:40] for p in DOCUMENTS])
def result(request, tmp_path_factory):
    return measure(request.param, tmp_path_factory.mktemp("roundtrip"))


def test_reference_set_is_complete():
    names = [p.name for p in DOCUMENTS]
    real = [n for n in names if n.startswith("R")]  # corpus-real's Kế hoạch, when that folder is there
    assert len(names) - len(real) == 9 and len(real) in (0, 3)
    assert all(any(n.startswith(k) for k in EXPECTED) for n in names)


def test_every_body_sentence_comes_back_in_order(result):
    assert result["sentences"] >= 15
    assert not result["missing"], (f"{len(result['missing'])} of {result['sentences']} sentences of "
                                   f"{result['path'].name} missing or out of order:\n"
                                   + "\n".join(f"  - {m}" for m in result["missing"]))
    assert result["in_order"] == 1.0


def test_body_tables_stay_in_the_body_and_their_cells_are_checked_in_order(result):
    """Corpus 10 has its task table under "II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN": it is a table
    node there (not an appendix), and its cells count among the in-order sentences."""
    plan = result["plan"]
    tables = [n for n in plan.nodes() if n.kind == "table"]
    if not result["path"].name.startswith("10_"):
        assert not tables and result["body_table_cells"] == 0
        return
    assert not plan.appendices and len(tables) == 1
    section = next(top for top in plan.body if tables[0] in top.items)
    assert section.section == "NỘI DUNG VÀ THỜI GIAN THỰC HIỆN"
    assert result["body_table_cells"] >= 50 and result["in_order"] == 1.0


def test_every_table_cell_and_footnote_comes_back(result):
    assert not result["absent_cells"], result["absent_cells"]


def test_header_signature_and_recipients_are_recognised(result):
    plan = result["plan"]
    number, symbol, place, date, title, name, recipients, archive, rules = _expected(result["path"])
    assert (plan.number, plan.symbol) == (number, symbol)
    if place:
        assert plan.place == place
    assert plan.date == date
    assert plan.rules == rules
    assert plan.signature.title == title and plan.signature.name == name
    assert len(plan.recipients) == recipients
    assert plan.archive == archive


def test_sections_render_as_bold_numbered_headings(result):
    """The importer's sections come out as the renderer's bold headings, labels recomputed."""
    plan = result["plan"]
    doc = Document(str(result["docx"]))
    first = plan.body[0]
    assert first.kind == "section"
    heads = [p for p in doc.paragraphs if p.text.strip().endswith(first.section) and p.runs]
    assert heads, f"no heading {first.section!r} in the output"
    assert all(r.bold for r in heads[0].runs if r.text.strip())
    assert heads[0].text.startswith(("I.", "I-"))
