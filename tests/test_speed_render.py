"""The fast render path writes the same markup python-docx would, and its output is deterministic.

Body paragraphs and task tables are composed as XML text in one pass (not one python-docx object per
run, not ``Table.cell`` per cell); these tests build the same content the python-docx way and compare
the XML, then check that two renders of one plan are byte-identical and carry their provenance.
"""
import hashlib
import io
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from vbgen.docxml import (Font, format_paragraph, inline_spans, ppr_xml, runs_xml, set_run_font,
                          set_table_borders, set_table_widths, table_xml)

ROOT = Path(__file__).resolve().parent.parent
FONT = Font("Times New Roman", 14)


def _xml(element) -> str:
    """The element's markup without namespace declarations (attribute order kept)."""
    return re.sub(r' xmlns:\w+="[^"]*"', "", etree.tostring(element, encoding="unicode"))


def add_runs(paragraph, text, font, markup=True):
    """The python-docx way: one run object per span, formatted through the python-docx API."""
    for chunk, bold, italic in (inline_spans(text) if markup else [(text, False, False)]):
        set_run_font(paragraph.add_run(chunk), font.but(bold=font.bold or bold, italic=font.italic or italic))


def _parsed(fragment: str):
    return parse_xml(f"<w:body {nsdecls('w')}>{fragment}</w:body>")[0]


PARAGRAPHS = [
    ("Căn cứ **Luật** *Tổ chức* chính quyền địa phương;", FONT, True,
     dict(align="justify", first_line_cm=1.27, before_pt=6, after_pt=0, line_spacing=1.15)),
    ("  leading and trailing  ", FONT.but(bold=True, underline=True), False,
     dict(align="center", left_cm=1.0, first_line_cm=-0.5, keep_with_next=True)),
    ("a\tb\nc & <d> \"e\"", FONT.but(size=13, italic=True), True, dict(align="left", line_spacing=1.0)),
    ("", FONT, False, dict(align="right", before_pt=0)),
    ("no settings", FONT, True, {}),
]


def test_paragraph_xml_is_what_python_docx_writes():
    doc = Document()
    for text, font, markup, settings in PARAGRAPHS:
        paragraph = doc.add_paragraph()
        format_paragraph(paragraph, **settings)
        add_runs(paragraph, text, font, markup=markup)
        fast = _parsed(f"<w:p>{ppr_xml(**settings)}{runs_xml(text, font, markup=markup)}</w:p>")
        assert _xml(fast) == _xml(paragraph._p), text


def test_table_xml_is_what_python_docx_writes():
    widths = [1.3, 8.2, 3.5, 4.5, 3.2]
    texts = [["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"],
             ["I", "Nhóm", "", "", ""], ["1", "Việc **một**", "Sở A", "Sở B & C", "Quý I"]]
    doc = Document()
    table = doc.add_table(rows=len(texts), cols=len(widths))
    set_table_borders(table)
    set_table_widths(table, widths)
    cells = []
    for r, row in enumerate(texts):
        cells.append([])
        for c, text in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            format_paragraph(paragraph, align="center", before_pt=3, after_pt=3, line_spacing=1.0)
            add_runs(paragraph, text, FONT.but(bold=r == 1))
            settings = dict(align="center", before_pt=3, after_pt=3, line_spacing=1.0)
            cells[-1].append(f"<w:p>{ppr_xml(**settings)}{runs_xml(text, FONT.but(bold=r == 1))}</w:p>")
    assert _xml(_parsed(table_xml(widths, cells))) == _xml(table._tbl)


def _plan_with_tasks(tmp_path, count: int) -> Path:
    """The state fixture with one landscape phụ lục of ``count`` task rows."""
    from vbgen.yamlio import dump_yaml, read_yaml

    data = read_yaml(ROOT / "tests" / "fixtures" / "state-plan.yaml")
    data["appendices"] = [{"title": "Danh mục nhiệm vụ", "landscape": True,
                           "rows": [{"content": f"Nhiệm vụ số {i}", "lead": f"Sở {i % 7}"}
                                    for i in range(1, count + 1)]}]
    path = tmp_path / "plan.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def test_a_thousand_row_appendix_has_every_row_numbered(tmp_path):
    from vbgen.render import make_plan

    out = make_plan(_plan_with_tasks(tmp_path, 1000), tmp_path / "big.docx")
    table = Document(str(out)).tables[-1]
    rows = table.rows
    assert len(rows) == 1001
    assert [c.text for c in rows[1000].cells][:3] == ["1000", "Nhiệm vụ số 1000", "Sở 6"]
    assert rows[500].cells[1].paragraphs[0].runs[0].font.size.pt == rows[1].cells[1].paragraphs[0].runs[0].font.size.pt


def test_page_field_is_what_python_docx_writes():
    from vbgen.docxml import add_field

    doc = Document()
    fast, slow = doc.add_paragraph(), doc.add_paragraph()
    add_field(fast, "PAGE", FONT.but(size=13))
    for child in ("begin", "instr", "separate", "1", "end"):
        run = slow.add_run("1" if child == "1" else None)
        set_run_font(run, FONT.but(size=13))
        if child in ("begin", "separate", "end"):
            run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{child}"/>'))
        elif child == "instr":
            run._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>'))
    assert _xml(fast._p) == _xml(slow._p)


def test_a_fresh_process_writes_the_same_bytes(tmp_path):
    import subprocess
    import sys
    from vbgen.render import make_plan

    plan = ROOT / "tests" / "fixtures" / "state-plan.yaml"
    here = make_plan(plan, tmp_path / "here.docx").read_bytes()
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from vbgen.render import make_plan; "
            "make_plan(sys.argv[2], sys.argv[3])")
    subprocess.run([sys.executable, "-c", code, str(ROOT), str(plan), str(tmp_path / "there.docx")], check=True)
    assert (tmp_path / "there.docx").read_bytes() == here


def test_two_renders_are_byte_identical_and_carry_provenance(tmp_path):
    from vbgen.render import make_plan
    from vbgen.types import find_type

    plan = ROOT / "examples" / "thai-nguyen-2026" / "phuong-bac-kan.yaml"
    first = make_plan(plan, tmp_path / "a.docx").read_bytes()
    second = make_plan(plan, tmp_path / "b.docx").read_bytes()
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    custom = archive.read("docProps/custom.xml").decode("utf-8")
    template_sha = hashlib.sha256(find_type("ke-hoach").template("state").read_bytes()).hexdigest()
    assert template_sha in custom
    for name in ("vbgen.version", "vbgen.data_sha256", "vbgen.profile_sha256"):
        assert f'name="{name}"' in custom
    doc = Document(io.BytesIO(first))
    assert doc.core_properties.created.year == 2026 and doc.core_properties.title.startswith("Thực hiện")


def test_different_data_gives_a_different_data_hash(tmp_path):
    from vbgen.render import make_plan

    def data_hash(path):
        custom = zipfile.ZipFile(path).read("docProps/custom.xml").decode("utf-8")
        return custom.split('name="vbgen.data_sha256"')[1].split("</vt:lpwstr>")[0]

    plan = ROOT / "tests" / "fixtures" / "state-plan.yaml"
    changed = tmp_path / "changed.yaml"
    changed.write_text(plan.read_text(encoding="utf-8").replace("Bắc Kạn", "Bắc Kạn mới", 1), encoding="utf-8")
    assert data_hash(make_plan(plan, tmp_path / "a.docx")) != data_hash(make_plan(changed, tmp_path / "b.docx"))


def test_provenance_joins_a_templates_own_custom_properties():
    """A template saved by Word or LibreOffice may carry docProps/custom.xml: one part, both kept."""
    from docxcompose.properties import CustomProperties

    from vbgen.render.package import add_custom_properties, docx_bytes

    doc = Document()
    CustomProperties(doc)["Phòng"] = "Văn phòng"
    add_custom_properties(doc, {"vbgen.version": "1", "Phòng": "thay"})
    add_custom_properties(doc, {"vbgen.version": "2"})
    archive = zipfile.ZipFile(io.BytesIO(docx_bytes(doc)))
    names = archive.namelist()
    assert names.count("docProps/custom.xml") == 1
    reopened = CustomProperties(Document(io.BytesIO(archive.fp.getvalue())))
    assert dict(reopened.items()) == {"Phòng": "thay", "vbgen.version": "2"}
