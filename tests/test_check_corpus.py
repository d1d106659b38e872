"""vbgen check on a document vbgen did not make (corpus file 10, a unit's plan with real format errors),
and --fix on it."""
import hashlib
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm

from vbgen.check import check_document, fix_document
from vbgen.check.fix import FIXABLE
from vbgen.errors import OutputExistsError

from reference import CORPUS as CORPUS_DIR  # noqa: E402
CORPUS = (CORPUS_DIR / "10_donvi_TTDD-HTD-MienNam_KH-quoc-phong-quan-su-2024.docx")
pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="reference corpus not available")

# What the file really breaks, checked by hand against format-rules.md (NĐ 30/2020):
EXPECTED = {
    "page.margins",            # left margin 25 mm (30–35)
    "date.padding",            # "tháng 03" (months 3–12 without a 0)
    "signature.prefix",        # "KT  GIÁM ĐỐC" without its dot
    "recipients.archive",      # "- Lưu: VT, TH" without its final "."
    "recipients-label.size",   # "Nơi nhận:" 13 pt (12)
    "recipients-item.size",    # recipient lines 12 pt (11)
    "body.indent",             # three paragraphs under III indented 0.63 cm (1–1.27)
    "font.name",               # the page number in the page header uses .VnTime
    "basis.style",             # "Căn cứ văn bản số 540/…;", a căn cứ line of its own, upright (italic)
}


@pytest.fixture(scope="module")
def findings():
    return check_document(CORPUS)


def test_finds_exactly_the_real_errors(findings):
    assert {f.rule for f in findings} == EXPECTED
    assert all(f.severity == "violation" for f in findings)


def test_month_written_03(findings):
    [date] = [f for f in findings if f.rule == "date.padding"]
    assert 'month written "03"' in date.found and date.wanted.startswith('"3"')
    assert date.where.startswith('"Thành phố Hồ Chí Minh, ngày 01')


def test_archive_line_without_final_period(findings):
    [archive] = [f for f in findings if f.rule == "recipients.archive"]
    assert archive.found == '"- Lưu: VT, TH"'


def test_upright_basis_line(findings):
    """The căn cứ line is a paragraph of its own ending ";" before the body: italic by PL1 II.6; the
    opening sentence after it ("… xây dựng Kế hoạch …, như sau:") is not a căn cứ line."""
    [basis] = [f for f in findings if f.rule == "basis.style"]
    assert basis.where.startswith('"Căn cứ văn bản số 540/ĐĐQG-VP')
    assert (basis.found, basis.wanted) == ("upright", "italic")
    assert basis.source == "NĐ 30/2020, Phụ lục I, mục II.6 (căn cứ ban hành)"


def test_kt_without_dot(findings):
    [prefix] = [f for f in findings if f.rule == "signature.prefix"]
    assert prefix.found == '"KT"' and '"KT."' in prefix.wanted and prefix.where == '"KT GIÁM ĐỐC"'


def test_left_margin_25_mm(findings):
    [margin] = [f for f in findings if f.rule == "page.margins"]
    assert (margin.where, margin.found, margin.wanted) == ("page setup", "left margin 25 mm",
                                                         "left margin 30–35 mm")
    assert margin.source == "NĐ 30/2020, Phụ lục I, mục I.3"


def test_counts_per_rule(findings):
    counts = {rule: sum(f.rule == rule for f in findings) for rule in EXPECTED}
    assert counts["recipients-item.size"] == 5 and counts["body.indent"] == 3 and counts["page.margins"] == 1
    assert counts["basis.style"] == 1


def test_fix_repairs_what_it_claims_and_leaves_the_input_alone(tmp_path):
    before = hashlib.sha256(CORPUS.read_bytes()).hexdigest()
    out = tmp_path / "fixed.docx"
    report = fix_document(CORPUS, out)
    assert hashlib.sha256(CORPUS.read_bytes()).hexdigest() == before
    claimed = {f.rule for f in report.fixed}
    assert claimed == EXPECTED - {"body.indent", "basis.style"}  # italics are left for a person
    assert claimed <= set(FIXABLE)
    # The fixed file, checked afresh, passes every rule the fix claims.
    after = check_document(out)
    assert not claimed & {f.rule for f in after}
    assert {f.rule for f in after} == {"body.indent", "basis.style"} == {f.rule for f in report.left}
    # And the repairs are the right ones, read back with python-docx.
    doc = Document(str(out))
    assert abs(doc.sections[0].left_margin - Mm(30)) < Mm(0.1)
    texts = [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert "Thành phố Hồ Chí Minh, ngày 01 tháng 3 năm 2024" in texts
    assert any(t.strip() == "- Lưu: VT, TH." for t in texts)
    assert "KT. GIÁM ĐỐC" in texts
    label = next(p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
                 if p.text.startswith("Nơi nhận"))
    assert {r.font.size.pt for r in label.runs if r.text.strip()} == {12}


def test_fix_refuses_to_overwrite(tmp_path):
    out = tmp_path / "fixed.docx"
    out.write_bytes(b"keep me")
    with pytest.raises(OutputExistsError):
        fix_document(CORPUS, out)
    assert out.read_bytes() == b"keep me"
    fix_document(CORPUS, out, force=True)
    assert out.read_bytes()[:2] == b"PK"
