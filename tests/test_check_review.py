"""vbgen check: defects found in review (a deleted signature block, impossible dates, OOXML
measures with units, -o without --fix), each shown on a vbgen-rendered document."""
from docx import Document

from test_check_rules import clean, find, set_text  # noqa: F401  (clean is a fixture)
from vbgen.check import check_document


def broken(clean, rules, breaker, tmp_path, name="broken.docx"):  # noqa: F811
    doc = Document(str(clean[rules]))
    breaker(doc)
    path = tmp_path / name
    doc.save(str(path))
    return path


def drop_table_of(start):
    def breaker(doc):
        for table in doc.tables:
            if any(p.text.strip().startswith(start) for row in table.rows for c in row.cells for p in c.paragraphs):
                table._tbl.getparent().remove(table._tbl)
                return
        raise AssertionError(f"no table holding {start!r}")
    return breaker


def test_deleted_signature_table_is_reported(clean, tmp_path):  # noqa: F811
    """Deleting the table holding Nơi nhận and the signature: both are reported missing."""
    for rules, start in (("state", "KT. GIÁM ĐỐC"), ("party", "T/M BAN")):
        findings = check_document(broken(clean, rules, drop_table_of(start), tmp_path, f"{rules}.docx"))
        rules_found = {f.rule for f in findings}
        assert {"signature.missing", "recipients-label.text"} <= rules_found, [f.line() for f in findings]
        missing = next(f for f in findings if f.rule == "signature.missing")
        assert "no signature block" in missing.found
