"""vbgen check and check --fix on any input: hostile files, damaged files, a fully unformatted .docx and
files saved by LibreOffice. Exit 0/1, or 2 with one line; never a traceback, never a broken output."""
import io
import random
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from vbgen.check import check_document, document_parts, fix_document
from vbgen.check.docx_reader import DocxReader
from vbgen.cli import cli
from vbgen.errors import VbgenError
from vbgen.profile import load_profile

from packages import repack

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    from vbgen.render import render_plan
    from vbgen.sources import open_plan

    folder = tmp_path_factory.mktemp("robust")
    return {rules: render_plan(open_plan(FIXTURES / f"{rules}-plan.yaml"), folder / f"{rules}.docx")
            for rules in ("state", "party")}


def with_dtd(parts):
    xml = parts["word/document.xml"].decode()
    head, rest = xml.split("?>", 1)
    parts["word/document.xml"] = (head + '?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                  + rest.replace("Số:", "Số: &x;", 1)).encode()


def bomb(parts):
    parts["word/media/huge.bin"] = b"\0" * (201 * 1024 * 1024)


def external_relationship(parts):
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/image" Target="http://example.invalid/x.png" TargetMode="External"/></Relationships>').encode()


def broken_measure(parts):
    parts["word/document.xml"] = re.sub(rb'w:sz w:val="\d+"', b'w:sz w:val="abc"',
                                        parts["word/document.xml"], count=1)


def missing_header(parts):
    for name in [n for n in parts if n.startswith("word/header")]:
        del parts[name]


HOSTILE = {
    "empty": lambda clean, p: p.write_bytes(b""),
    "text": lambda clean, p: p.write_text("not a docx"),
    "doc": lambda clean, p: p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504),
    "pdf": lambda clean, p: p.write_bytes(b"%PDF-1.7\n%..."),
    "truncated": lambda clean, p: p.write_bytes(clean.read_bytes()[: clean.stat().st_size // 2]),
    "dtd": lambda clean, p: repack(clean, p, with_dtd),
    "zip-bomb": lambda clean, p: repack(clean, p, bomb),
    "bad-measure": lambda clean, p: repack(clean, p, broken_measure),
    "missing-header-part": lambda clean, p: repack(clean, p, missing_header),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
@pytest.mark.parametrize("fix", [False, True], ids=["check", "fix"])
def test_hostile_input_one_line_exit_2_nothing_written(clean, tmp_path, case, fix):
    source = tmp_path / f"{case}.docx"
    HOSTILE[case](clean["state"], source)
    out = tmp_path / "fixed.docx"
    args = ["check", str(source)] + (["--fix", "-o", str(out)] if fix else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(source) in lines[0], result.output
    assert not out.exists() and not list(tmp_path.glob(".fixed.docx.*"))


def test_fix_refuses_a_dtd_input_up_front_naming_it(clean, tmp_path):
    source = repack(clean["state"], tmp_path / "xxe.docx", with_dtd)
    with pytest.raises(VbgenError) as error:
        fix_document(source, tmp_path / "fixed.docx")
    assert str(source) in str(error.value) and "DTD" in str(error.value)
    assert not (tmp_path / "fixed.docx").exists()


def test_external_relationship_and_docm_are_read(clean, tmp_path):
    linked = repack(clean["state"], tmp_path / "linked.docx", external_relationship)
    assert check_document(linked) == []
    macro = repack(clean["state"], tmp_path / "macro.docm", lambda parts: parts.update({
        "[Content_Types].xml": parts["[Content_Types].xml"].replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml")}))
    assert check_document(macro) == []


def test_fuzzed_files_never_raise_anything_but_one_line(clean, tmp_path):
    """Mutated attribute values and deleted elements: a finding list or a VbgenError, nothing else."""
    rnd = random.Random(8)
    with zipfile.ZipFile(clean["state"]) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["word/document.xml"].decode()
    for k in range(25):
        text = xml
        for _ in range(3):
            attribute = rnd.choice(['w:val="', 'w:w="', 'w:before="', 'w:line="', 'w:left="', 'w:firstLine="'])
            spots = [m.end() for m in re.finditer(re.escape(attribute), text)]
            if spots:
                i = rnd.choice(spots)
                text = text[:i] + rnd.choice(["", "-1", "abc", "1e9", "NaN", "9" * 15]) + text[text.index('"', i):]
        path = tmp_path / f"fuzz{k}.docx"
        repack(clean["state"], path, lambda p: p.update({"word/document.xml": text.encode()}))
        try:
            check_document(path)
            fix_document(path, tmp_path / f"fixed{k}.docx")
        except VbgenError as error:
            assert str(path) in str(error)


PLAIN = """ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN
SỞ NỘI VỤ
Số: 05/KH-SNV
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thái Nguyên, ngày 05 tháng 3 năm 2025
KẾ HOẠCH
Thực hiện công tác dân vận năm 2025
Căn cứ Kế hoạch số 21/KH-UBND ngày 10/01/2025 của Ủy ban nhân dân tỉnh.
Sở Nội vụ ban hành Kế hoạch thực hiện công tác dân vận năm 2025 như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Bám sát chỉ đạo của Ủy ban nhân dân tỉnh về công tác dân vận trong cơ quan nhà nước.
2. Bảo đảm hiệu quả, thiết thực, tránh hình thức.
II. NHIỆM VỤ
Các phòng thuộc Sở tổ chức thực hiện các nhiệm vụ được giao, báo cáo kết quả trước ngày 15/12/2025.
Trên đây là Kế hoạch thực hiện công tác dân vận năm 2025 của Sở Nội vụ./."""
SIGNATURE = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A"]
RECIPIENTS = ["Nơi nhận:", "- Giám đốc, các PGĐ Sở;", "- Các phòng thuộc Sở;", "- Lưu: VT, XDCQ."]


@pytest.mark.parametrize("order", ["signature-first", "recipients-first"])
def test_unformatted_docx_is_read_as_a_person_reads_it(tmp_path, order):
    """Plain paragraphs, no styles, no alignment: the trích yếu is one line, Nơi nhận and the signature
    are found, and --fix sets the body to 14 pt and leaves the recipients at 11 pt."""
    doc = Document()
    tail = SIGNATURE + RECIPIENTS if order == "signature-first" else RECIPIENTS + SIGNATURE
    for line in PLAIN.splitlines() + tail:
        doc.add_paragraph(line)
    path = tmp_path / "plain.docx"
    doc.save(str(path))
    parts = document_parts(DocxReader(path), load_profile("state"))
    assert parts.type_name.stripped == "KẾ HOẠCH"
    assert [p.stripped for p in parts.summary] == ["Thực hiện công tác dân vận năm 2025"]
    assert parts.body[0].stripped.startswith("Căn cứ Kế hoạch") and parts.body[-1].stripped.endswith("./.")
    assert [p.stripped for p in parts.signature] == SIGNATURE
    assert parts.recipients_label.stripped == "Nơi nhận:" and parts.archive.stripped == "- Lưu: VT, XDCQ."
    rules = {f.rule for f in check_document(path)}
    assert "signature.missing" not in rules and "recipients.archive" not in rules and "summary.style" in rules
    fix_document(path, tmp_path / "fixed.docx")
    fixed = Document(str(tmp_path / "fixed.docx"))
    sizes = {p.text: {r.font.size.pt for r in p.runs if r.font.size} for p in fixed.paragraphs}
    assert sizes["- Giám đốc, các PGĐ Sở;"] == set()  # 11 pt already (the template's): left alone
    assert sizes["2. Bảo đảm hiệu quả, thiết thực, tránh hình thức."] == {14.0}
    assert sizes["Nơi nhận:"] == {12.0}
    left = {f.rule for f in check_document(tmp_path / "fixed.docx")}
    assert not left & {"body.size", "recipients-item.size", "recipients-label.size", "signature.size"}


def test_missed_violations_are_found(clean, tmp_path):
    """No space after "KT.", a Lưu line without its "." (not hidden by a false "no Lưu line")."""
    doc = Document(str(clean["state"]))
    for table in doc.tables:
        for cell in table._cells:
            for p in cell.paragraphs:
                if p.text.startswith("KT. GIÁM ĐỐC"):
                    p.runs[0].text, _ = "KT.GIÁM ĐỐC", [r._r.getparent().remove(r._r) for r in p.runs[1:]]
                if p.text.startswith("- Lưu:"):
                    p.runs[-1].text = p.runs[-1].text.rstrip(".")
    path = tmp_path / "missed.docx"
    doc.save(str(path))
    findings = {(f.rule, f.where) for f in check_document(path)}
    assert ("signature.prefix", '"KT.GIÁM ĐỐC"') in findings
    assert any(rule == "recipients.archive" and where.startswith('"- Lưu') for rule, where in findings)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) not installed")
def test_files_saved_by_libreoffice_check_clean(clean, tmp_path):
    """vbgen's own output, opened and saved again by LibreOffice: no new (false) finding."""
    out = tmp_path / "lo"
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"  # not blocked by another soffice
    subprocess.run([SOFFICE, profile, "--headless", "--convert-to", "docx", "--outdir", str(out),
                    str(clean["state"]), str(clean["party"])], check=True, capture_output=True, timeout=180)
    for rules in ("state", "party"):
        assert [f.line() for f in check_document(out / f"{rules}.docx")] == []


def test_title_block_ends_at_the_body_and_is_bounded(tmp_path):
    """A centred KẾ HOẠCH and trích yếu, then 300 paragraphs with no alignment of their own (Word shows them
    left-aligned): one trích yếu line, 300 body paragraphs. With a centred Normal style, still at most 4."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for centred_normal in (False, True):
        doc = Document()
        if centred_normal:
            doc.styles["Normal"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for line in PLAIN.splitlines()[:6]:
            doc.add_paragraph(line)
        for text in ("KẾ HOẠCH", "Thực hiện công tác dân vận năm 2025"):
            doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
        for n in range(300):
            doc.add_paragraph(f"Nội dung thứ {n} của kế hoạch, các phòng thực hiện theo chức năng")
        path = tmp_path / "long.docx"
        doc.save(str(path))
        parts = document_parts(DocxReader(path), load_profile("state"))
        if centred_normal:
            assert 1 <= len(parts.summary) <= 4
        else:
            assert [p.stripped for p in parts.summary] == ["Thực hiện công tác dân vận năm 2025"]
            assert len(parts.body) == 300


TEXT_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
  xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
  xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing>
 <wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0"
  layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
  <wp:positionH relativeFrom="column"><wp:posOffset>3000000</wp:posOffset></wp:positionH>
  <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
  <wp:extent cx="2500000" cy="1200000"/><wp:wrapNone/><wp:docPr id="7" name="Text Box 7"/>
  <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
   <wps:wsp><wps:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>
    <wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>
  </a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"""


def test_signature_in_a_text_box_is_found(tmp_path):
    from docx.oxml import parse_xml

    doc = Document()
    for line in PLAIN.splitlines() + RECIPIENTS:
        doc.add_paragraph(line)
    inner = "".join(f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
                    for text in SIGNATURE)
    anchor = doc.add_paragraph()
    anchor._p.append(parse_xml(TEXT_BOX.format(paragraphs=inner.replace(
        "<w:p>", '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'))))
    path = tmp_path / "box.docx"
    doc.save(str(path))
    parts = document_parts(DocxReader(path), load_profile("state"))
    assert [p.stripped for p in parts.signature] == SIGNATURE
    assert parts.archive.stripped == "- Lưu: VT, XDCQ."
    assert "signature.missing" not in {f.rule for f in check_document(path)}


@pytest.mark.parametrize("gap", ["\t\t", " " * 30], ids=["tabs", "spaces"])
def test_nơi_nhận_and_signature_side_by_side_with_tabs_or_spaces(tmp_path, gap):
    doc = Document()
    for line in PLAIN.splitlines():
        doc.add_paragraph(line)
    for line in [f"Nơi nhận:{gap}KT. GIÁM ĐỐC", f"- Giám đốc, các PGĐ Sở;{gap}PHÓ GIÁM ĐỐC", "- Các phòng thuộc Sở;",
                 "- Lưu: VT, XDCQ", "", "", f"{gap}{gap}Nguyễn Văn A"]:
        doc.add_paragraph(line)
    path = tmp_path / "tabbed.docx"
    doc.save(str(path))
    parts = document_parts(DocxReader(path), load_profile("state"))
    assert [p.stripped for p in parts.signature] == SIGNATURE
    assert parts.recipients_label.stripped == "Nơi nhận:"
    assert [p.stripped for p in parts.recipients] == ["- Giám đốc, các PGĐ Sở;", "- Các phòng thuộc Sở;",
                                                       "- Lưu: VT, XDCQ"]
    findings = check_document(path)
    by_rule = {f.rule: f for f in findings}
    assert by_rule["recipients.archive"].where == '"- Lưu: VT, XDCQ"'  # the missing "." is found
    assert "recipients-label.text" not in by_rule and "recipients-item.punctuation" not in by_rule
    assert by_rule["layout.manual-alignment"].severity == "warning"
    fix_document(path, tmp_path / "fixed.docx")
    texts = [p.text for p in Document(str(tmp_path / "fixed.docx")).paragraphs]
    assert "- Lưu: VT, XDCQ." in texts and f"Nơi nhận:{gap}KT. GIÁM ĐỐC" in texts


@pytest.mark.parametrize("name,symbol,finds", [
    ("TỜ TRÌNH", "05/TTr-SNV", set()), ("THÔNG BÁO", "05/TB-SNV", set()), ("HƯỚNG DẪN", "05/HD-SNV", set()),
    ("CHƯƠNG TRÌNH", "05/CTr-SNV", set()), ("TỜ TRÌNH", "05/KH-SNV", {"number.symbol"}),
])
def test_document_types_and_their_abbreviations(clean, tmp_path, name, symbol, finds):
    """NĐ 30 Phụ lục III: each tên loại has its ký hiệu abbreviation, mixed case included (TTr, CTr)."""
    doc = Document(str(clean["state"]))
    for p in doc.paragraphs:
        if p.text == "KẾ HOẠCH":
            p.runs[0].text = name
    for cell in doc.tables[0]._cells:
        for p in cell.paragraphs:
            if p.text.startswith("Số:"):
                p.runs[0].text, _ = f"Số: {symbol}", [r._r.getparent().remove(r._r) for r in p.runs[1:]]
    path = tmp_path / "typed.docx"
    doc.save(str(path))
    assert {f.rule for f in check_document(path)} == finds


ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("plan", sorted((ROOT / "examples" / "types").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_document_type_vbgen_writes_checks_clean(tmp_path, plan):
    """Công văn (V/v, no tên loại), Quyết định, Tờ trình, Thông báo … as vbgen renders them: no finding."""
    from vbgen.render import make_plan

    out = make_plan(plan, tmp_path / f"{plan.stem}.docx")
    assert [f.line() for f in check_document(out)] == []


def test_a_top_border_on_the_next_paragraph_is_the_line_under_the_trích_yếu(clean, tmp_path):
    from docx.oxml import parse_xml

    doc = Document(str(clean["state"]))
    paragraphs = doc.paragraphs
    i = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Thực hiện công tác dân vận"))
    for p in paragraphs[i:i + 3]:
        for element in p._p.xpath(".//w:pBdr | .//w:drawing | .//w:pict"):
            element.getparent().remove(element)
    path = tmp_path / "no-line.docx"
    doc.save(str(path))
    assert {f.rule for f in check_document(path)} == {"summary.line"}
    paragraphs[i + 1]._p.get_or_add_pPr().append(parse_xml(
        '<w:pBdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:top w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'))
    doc.save(str(path))
    assert check_document(path) == []


@pytest.mark.parametrize("above_after,before,contextual,finds", [
    (6, 0, False, False),   # the 6 pt after the paragraph above is the gap
    (0, 6, False, False),
    (3, 3, False, True),    # Word keeps the larger, 3 pt: too little (a sum would wrongly say 6)
    (6, 6, True, True),     # same style, "don't add space between paragraphs of the same style": 0 pt
])
def test_body_spacing_is_the_gap_word_leaves(clean, tmp_path, above_after, before, contextual, finds):
    from docx.shared import Pt

    doc = Document(str(clean["state"]))
    paragraphs = doc.paragraphs
    i = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Bám sát chỉ đạo"))
    above, p = paragraphs[i - 1], paragraphs[i]
    above.paragraph_format.space_after, p.paragraph_format.space_before = Pt(above_after), Pt(before)
    above.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    if contextual:
        from docx.oxml import parse_xml

        for q in (above, p):
            q.style = doc.styles["Normal"]
            q._p.get_or_add_pPr().append(parse_xml(
                '<w:contextualSpacing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))
    path = tmp_path / "spacing.docx"
    doc.save(str(path))
    spacing = [f for f in check_document(path) if f.rule == "body.spacing" and f.where.startswith('"Bám sát')]
    assert bool(spacing) == finds, [f.line() for f in spacing]
