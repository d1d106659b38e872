"""vbgen check on a header typed as plain paragraphs with tabs (no header table):
"UBND TỈNH …<tab>CỘNG HÒA …", "SỞ …<tab>Độc lập …", "Số: …<tab>Bắc Kạn, ngày …".
The rows are split into their parts, so the header rules see the right components."""
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

from vbgen.check import check_document
from vbgen.check.components import find_components
from vbgen.check.docx_reader import DocxReader

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# (text, size, bold, italic) of the left and right part of each header row, as NĐ 30/2020 wants them.
ROWS = [[("UBND TỈNH BẮC KẠN", 13, False, False), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False)],
        [("SỞ NỘI VỤ", 13, True, False), ("Độc lập - Tự do - Hạnh phúc", 14, True, False)],
        [("_______", 13, False, False), ("_________________________", 13, False, False)],
        [("Số: 05/KH-SNV", 13, False, False), ("Bắc Kạn, ngày 05 tháng 3 năm 2025", 14, False, True)]]


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    from vbgen.sources import open_plan
    from vbgen.render import render_plan

    folder = tmp_path_factory.mktemp("tabbed")
    return render_plan(open_plan(FIXTURES / "state-plan.yaml"), folder / "state.docx")


def tabbed(clean, tmp_path, rows=ROWS, leading_tab=True, name="tabbed.docx"):
    """The clean vbgen document with its header table replaced by one tabbed paragraph per row."""
    doc = Document(str(clean))
    table = doc.tables[0]
    for row in rows:
        para = doc.add_paragraph()
        table._tbl.addprevious(para._p)
        stops = para.paragraph_format.tab_stops
        stops.add_tab_stop(Cm(3), WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(Cm(11.5), WD_TAB_ALIGNMENT.CENTER)
        para.paragraph_format.space_after = Pt(0)
        for number, (text, size, bold, italic) in enumerate(row):
            if number or leading_tab:
                para.add_run("\t")
            run = para.add_run(text)
            run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
            run.font.name = "Times New Roman"
    table._tbl.getparent().remove(table._tbl)
    path = tmp_path / name
    doc.save(str(path))
    return path


def changed(row, column, **values):
    rows = [list(r) for r in ROWS]
    text, size, bold, italic = rows[row][column]
    current = {"text": text, "size": size, "bold": bold, "italic": italic}
    current.update(values)
    rows[row][column] = (current["text"], current["size"], current["bold"], current["italic"])
    return rows


@pytest.mark.parametrize("leading_tab", [True, False])
def test_tabbed_header_is_read_as_its_components(clean, tmp_path, leading_tab):
    path = tabbed(clean, tmp_path, leading_tab=leading_tab)
    reader = DocxReader(path)
    parts = find_components(reader.paragraphs, ("KẾ HOẠCH",))
    assert parts.national_title.text.strip() == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert parts.motto.text.strip() == "Độc lập - Tự do - Hạnh phúc"
    assert [p.text.strip() for p in parts.issuer_parent] == ["UBND TỈNH BẮC KẠN"]
    assert [p.text.strip() for p in parts.issuer] == ["SỞ NỘI VỤ"]
    assert parts.number.text.strip() == "Số: 05/KH-SNV"
    assert parts.date.text.strip() == "Bắc Kạn, ngày 05 tháng 3 năm 2025"
    assert parts.type_name.text == "KẾ HOẠCH"
    assert [p.index for p in reader.paragraphs] == list(range(len(reader.paragraphs)))


@pytest.mark.parametrize("leading_tab", [True, False])
def test_tabbed_header_gives_no_false_findings(clean, tmp_path, leading_tab):
    assert [f.line() for f in check_document(tabbed(clean, tmp_path, leading_tab=leading_tab))] == []


@pytest.mark.parametrize("rule_id,rows", [
    ("date.style", changed(3, 1, italic=False)),
    ("date.padding", changed(3, 1, text="Bắc Kạn, ngày 5 tháng 3 năm 2025")),
    ("number.format", changed(3, 0, text="Số: 5/KH-SNV")),
    ("national-title.style", changed(0, 1, bold=False)),
    ("motto.size", changed(1, 1, size=12)),
    ("issuer.style", changed(1, 0, bold=False)),
    ("issuer-parent.size", changed(0, 0, size=14)),
], ids=["date.style", "date.padding", "number.format", "national-title.style", "motto.size", "issuer.style",
        "issuer-parent.size"])
def test_a_broken_part_of_a_tabbed_row_is_found_there(clean, tmp_path, rule_id, rows):
    findings = check_document(tabbed(clean, tmp_path, rows))
    assert {f.rule for f in findings} == {rule_id}, [f.line() for f in findings]


def test_a_row_without_a_right_column_part_is_not_split(clean, tmp_path):
    """A tab inside a line that is not a header row ("Số:<tab>/KH-SNV") stays one line."""
    rows = [list(r) for r in ROWS]
    rows[3] = [("Số:", 13, False, False), ("/KH-SNV", 13, False, False),
               ("Bắc Kạn, ngày      tháng      năm 2025", 14, False, True)]
    path = tabbed(clean, tmp_path, rows)
    parts = find_components(DocxReader(path).paragraphs, ("KẾ HOẠCH",))
    assert parts.number.text.split() == ["Số:", "/KH-SNV"]
    assert parts.date.text.strip().startswith("Bắc Kạn, ngày")
    assert [f.line() for f in check_document(path)] == []


def test_fix_repairs_the_date_inside_a_tabbed_row(clean, tmp_path):
    """--fix rewrites the month in the date part of "Số: …<tab>Bắc Kạn, ngày …" and leaves the Số part."""
    from vbgen.check import fix_document

    source = tabbed(clean, tmp_path, changed(3, 1, text="Bắc Kạn, ngày 05 tháng 03 năm 2025"))
    report = fix_document(source, tmp_path / "fixed.docx")
    assert [f.rule for f in report.fixed] == ["date.padding"] and report.left == []
    row = next(p for p in Document(str(tmp_path / "fixed.docx")).paragraphs if p.text.strip().startswith("Số:"))
    assert row.text.split("\t")[1:] == ["Số: 05/KH-SNV", "Bắc Kạn, ngày 05 tháng 3 năm 2025"]
