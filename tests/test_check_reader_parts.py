"""check reads only the parts it needs, straight from the zip (vbgen.wordpackage), and shares what it
resolved from one template's styles between files: the findings are exactly those of a reader over
python-docx's whole Document (what --fix edits), on vbgen's drafts, files saved by LibreOffice and
the real agency files."""
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

from packages import repack
from reference import REFERENCE
from vbgen.check import check_reader
from vbgen.check.docx_reader import DocxReader
from vbgen.check.styles import StyleResolver, shared_resolver
from vbgen.errors import VbgenError
from vbgen.wordpackage import WordPackage

ROOT = Path(__file__).resolve().parent.parent
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
REAL = sorted((REFERENCE / "corpus-real").rglob("*.docx")) + sorted((REFERENCE / "corpus").rglob("*.docx"))


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    from vbgen.render import render_plan
    from vbgen.sources import open_plan

    folder = tmp_path_factory.mktemp("drafts")
    return {rules: render_plan(open_plan(ROOT / "tests" / "fixtures" / f"{rules}-plan.yaml"), folder / f"{rules}.docx")
            for rules in ("state", "party")}


@pytest.fixture
def state_doc(drafts):
    return drafts["state"]


def repacked(source: Path, target: Path, changes: dict) -> Path:
    """:func:`packages.repack` with ``changes[name](bytes)`` applied to those parts (None drops one)."""
    def change(parts: dict) -> None:
        for name, function in changes.items():
            data = function(parts[name])
            if data is None:
                del parts[name]
            else:
                parts[name] = data
    return repack(source, target, change)


def findings(reader: DocxReader) -> list[dict]:
    return [f.as_dict() for f in check_reader(reader, file="x.docx")]


def same_findings(path: Path) -> list[dict]:
    light, full = findings(DocxReader(path)), findings(DocxReader(path, editable=True))
    assert light == full, path.name
    return light


def test_vbgen_drafts_read_alike(drafts):
    for path in drafts.values():
        assert same_findings(path) == []  # and vbgen's own drafts are clean


@pytest.mark.skipif(not REAL, reason=f"reference documents not available at {REFERENCE}")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name[:40])
def test_real_agency_files_read_alike(path):
    same_findings(path)


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) not installed")
def test_files_saved_by_libreoffice_read_alike(state_doc, tmp_path):
    out = tmp_path / "lo"
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    subprocess.run([SOFFICE, profile, "--headless", "--convert-to", "docx", "--outdir", str(out), str(state_doc)],
                   check=True, capture_output=True, timeout=180)
    saved = out / state_doc.name
    assert same_findings(saved) == []


def test_a_file_without_styles_reads_as_python_docx_reads_it(state_doc, tmp_path):
    """No styles part: python-docx (and so --fix) lays its default styles over it; check does the same."""
    bare = repacked(state_doc, tmp_path / "bare.docx", {
        "word/styles.xml": lambda data: None,
        "word/_rels/document.xml.rels": lambda data: re.sub(rb'<Relationship [^>]*Target="styles.xml"/>', b"", data)})
    assert WordPackage.open(bare).styles_bytes is None
    same_findings(bare)


def test_headers_footers_and_sections_are_those_python_docx_sees(state_doc):
    package = WordPackage.open(state_doc)
    document = Document(str(state_doc))
    assert len(package.sections) == len(document.sections) >= 1
    for sect_pr, section in zip(package.sections, document.sections):
        for kind, header in (("default", section.header), ("first", section.first_page_header)):
            ours = package.header_part(sect_pr, kind)
            if header.is_linked_to_previous:
                assert ours is None
            else:
                assert [t.text for t in ours.iter("{*}t")] == [t.text for t in header._element.iter("{*}t")]


def test_files_from_one_template_share_one_resolver_and_others_do_not(state_doc, tmp_path):
    copy = tmp_path / "copy.docx"
    shutil.copyfile(state_doc, copy)
    first, second = DocxReader(state_doc), DocxReader(copy)
    assert first.resolver is second.resolver  # same styles and theme, byte for byte
    assert DocxReader(copy, editable=True).resolver is not first.resolver  # --fix edits: its own
    # Another template: the Normal style at 11 pt. Its body is found too small; the shared one is untouched.
    document = Document(str(state_doc))
    document.styles["Normal"].font.size = Pt(11)
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.font.size = None
    other = tmp_path / "other.docx"
    document.save(str(other))
    reader = DocxReader(other)
    assert reader.resolver is not first.resolver
    assert "body.size" in {f["rule"] for f in findings(reader)}
    assert "body.size" not in {f["rule"] for f in findings(DocxReader(copy))}


def test_runs_that_differ_anywhere_in_their_properties_resolve_apart(tmp_path):
    """Formats are cached by what a run's properties say, all the way down: w:b against w:b w:val=0,
    a paragraph border of "single" against "nil"."""
    document = Document()
    first = document.add_paragraph()
    first.add_run("đậm").bold = True
    first.add_run("thường").bold = False
    path = tmp_path / "runs.docx"
    document.save(str(path))
    reader = DocxReader(path)
    runs = reader.paragraphs[0].runs
    assert [(r.text, r.bold) for r in runs] == [("đậm", True), ("thường", False)]
    resolver = StyleResolver(WordPackage.open(path))
    from lxml import etree

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ruled = etree.fromstring(f'<w:p {w}><w:pPr><w:pBdr><w:bottom w:val="single"/></w:pBdr></w:pPr></w:p>')
    plain = etree.fromstring(f'<w:p {w}><w:pPr><w:pBdr><w:bottom w:val="nil"/></w:pPr></w:p>'
                             .replace("</w:pPr>", "</w:pBdr></w:pPr>"))
    assert resolver.paragraph_props(ruled)["has_bottom_border"] is True
    assert resolver.paragraph_props(plain)["has_bottom_border"] is False
    assert resolver.paragraph_props(ruled)["has_bottom_border"] is True


def test_a_broken_header_reference_is_one_line(state_doc, tmp_path):
    broken = repacked(state_doc, tmp_path / "broken.docx", {
        name: (lambda data: None) for name in zipfile.ZipFile(state_doc).namelist() if name.startswith("word/header")})
    with pytest.raises(VbgenError) as error:
        DocxReader(broken)
    assert str(error.value).startswith(str(broken)) and "\n" not in str(error.value)


def test_shared_resolvers_are_bounded(state_doc, tmp_path):
    from vbgen.check import styles

    for size in range(styles.SHARED_RESOLVERS + 3):
        document = Document(str(state_doc))
        document.styles["Normal"].font.size = Pt(10 + size)
        path = tmp_path / f"t{size}.docx"
        document.save(str(path))
        shared_resolver(WordPackage.open(path))
    assert len(styles._shared) <= styles.SHARED_RESOLVERS


def test_built_in_templates_carry_nothing_a_draft_does_not_use(state_doc):
    """python-docx's stock template gave every draft 100 table styles and a Word 2010 copy of them
    (about 800 KB of XML); the templates keep the styles a clerk uses."""
    for template in sorted((ROOT / "templates").rglob("*.docx")):
        with zipfile.ZipFile(template) as package:
            names = package.namelist()
            styles = package.read("word/styles.xml")
        assert "word/stylesWithEffects.xml" not in names and "docProps/thumbnail.jpeg" not in names, template
        assert len(styles) < 100_000 and b'w:styleId="TableGrid"' in styles and b"<w:latentStyles" in styles
    with zipfile.ZipFile(state_doc) as draft:
        assert sum(info.file_size for info in draft.infolist()) < 200_000
        assert not [n for n in draft.namelist() if "stylesWithEffects" in n or "thumbnail" in n]


def _with_tracked_formatting(data: bytes) -> bytes:
    """Every third run's w:rPr records a tracked formatting change (a w:rPr inside its w:rPr), and every
    paragraph mark's too (a w:pPr inside a w:pPr)."""
    parts = data.split(b"</w:rPr>")
    for i in range(0, len(parts) - 1, 3):
        parts[i] += b'<w:rPrChange w:id="9" w:author="A"><w:rPr><w:b/><w:sz w:val="20"/></w:rPr></w:rPrChange>'
    data = b"</w:rPr>".join(parts)
    return data.replace(b"</w:pPr>", b'<w:pPrChange w:id="8" w:author="A"><w:pPr><w:jc w:val="left"/></w:pPr>'
                                     b"</w:pPrChange></w:pPr>")


@pytest.mark.parametrize("tracked", [False, True], ids=["plain", "tracked-formatting"])
def test_formats_are_keyed_by_the_stored_markup_of_each_properties_element(state_doc, tmp_path, tracked):
    from lxml import etree

    if tracked:
        state_doc = repacked(state_doc, tmp_path / "tracked.docx", {"word/document.xml": _with_tracked_formatting})
    package = WordPackage.open(state_doc)
    markup = package.properties_markup()
    elements = list(package.document.iter("{*}pPr", "{*}rPr"))
    assert len(markup) == len(elements) > 50
    for element in elements:  # each slice is that element's own markup, as lxml reads it back
        stored = etree.fromstring(b'<root xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                                  b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                                  + markup[element] + b"</root>")[0]
        assert [(e.tag, dict(e.attrib)) for e in stored.iter()] == [(e.tag, dict(e.attrib)) for e in element.iter()]


def test_another_prefix_for_wordprocessingml_reads_the_same(state_doc, tmp_path):
    """A producer may bind WordprocessingML to another prefix; the markup scan then steps aside."""
    other = repacked(state_doc, tmp_path / "prefix.docx", {"word/document.xml": lambda data: data.replace(
        b"<w:", b"<x:").replace(b"</w:", b"</x:").replace(b" w:", b" x:").replace(b"xmlns:w=", b"xmlns:x=")})
    assert WordPackage.open(other).properties_markup() == {}
    assert findings(DocxReader(other)) == findings(DocxReader(state_doc)) == []


def test_tables_nested_two_deep_are_read_once_and_rows_in_content_controls_are_read(tmp_path):
    from docx.oxml.ns import qn

    document = Document()
    outer = document.add_table(rows=1, cols=1)
    middle = outer.cell(0, 0).add_table(rows=1, cols=1)
    inner = middle.cell(0, 0).add_table(rows=1, cols=1)
    inner.cell(0, 0).paragraphs[0].add_run("ô trong cùng")
    wrapped = document.add_table(rows=2, cols=1)
    wrapped.cell(1, 0).paragraphs[0].add_run("hàng trong điều khiển nội dung")
    row = wrapped._tbl.findall(qn("w:tr"))[1]
    sdt, content = document.element.makeelement(qn("w:sdt"), {}), document.element.makeelement(qn("w:sdtContent"), {})
    row.addprevious(sdt)
    sdt.append(content)
    content.append(row)
    path = tmp_path / "nested.docx"
    document.save(str(path))
    texts = [p.text for p in DocxReader(path).paragraphs if p.text]
    assert texts == ["ô trong cùng", "hàng trong điều khiển nội dung"]


@pytest.mark.parametrize("damage", ["flip", "cut"])
def test_a_part_damaged_inside_the_zip_is_one_line(state_doc, tmp_path, damage):
    """A part only check reads (parsed by WordPackage, not python-docx): a corrupted or cut-short part is
    caught (inflate error, CRC-32) and named as a damaged file."""
    data = bytearray(state_doc.read_bytes())
    info = zipfile.ZipFile(state_doc).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    if damage == "flip":
        for offset in range(start + 100, start + 110):
            data[offset] ^= 0xFF
    else:
        data[start + 50:start + info.compress_size] = b"\0" * (info.compress_size - 50)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(bytes(data))
    with pytest.raises(VbgenError) as error:
        DocxReader(broken)
    message = str(error.value)
    assert message.startswith(f"{broken}: is a damaged or truncated .docx") and "\n" not in message


def test_a_long_shared_resolver_keeps_its_caches_bounded(state_doc, monkeypatch):
    from vbgen.check import styles

    expected = findings(DocxReader(state_doc))
    monkeypatch.setattr(styles, "CACHE_LIMIT", 5)
    styles._shared.clear()
    reader = DocxReader(state_doc)
    assert findings(reader) == expected
    resolver = reader.resolver
    assert 0 < len(resolver._run_cache) <= 5 and 0 < len(resolver._props_cache) <= 5
    styles._shared.clear()


def _garbage_left_by_check(path: Path) -> list:
    """Objects a check of ``path`` leaves in reference cycles (freed only by a full garbage collection)."""
    import gc

    from vbgen.check import check_document

    check_document(path)  # warm: imports, profile, shared resolver
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        check_document(path)
        gc.collect()
        return [type(o).__name__ for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()


def test_a_checked_file_is_freed_as_soon_as_the_check_ends(drafts):
    """No reference cycles: a checked file's paragraphs and parsed parts go when its check returns, not at
    Python's next full collection (which, over a folder of files, held hundreds of parsed documents)."""
    for path in drafts.values():
        assert _garbage_left_by_check(path) == []


@pytest.mark.skipif(not REAL, reason=f"reference documents not available at {REFERENCE}")
def test_real_files_are_freed_as_soon_as_their_check_ends():
    for path in REAL:
        assert _garbage_left_by_check(path) == [], path.name


def test_paragraph_values_are_passed_in_the_order_paragraphinfo_declares_them(state_doc):
    """The reader builds each ParagraphInfo by position: its fields after ``runs`` are the paragraph values
    in the order of PARAGRAPH_DEFAULTS, and what a paragraph gets is what the resolver says of it."""
    from dataclasses import fields

    from vbgen.check.docx_reader import ParagraphInfo
    from vbgen.check.properties import PARAGRAPH_DEFAULTS

    names = [f.name for f in fields(ParagraphInfo)]
    assert names[3:3 + len(PARAGRAPH_DEFAULTS)] == list(PARAGRAPH_DEFAULTS)
    reader = DocxReader(state_doc)
    for p in reader.paragraphs[:40]:
        props = reader.resolver.paragraph_props(p.element)
        assert {name: getattr(p, name) for name in PARAGRAPH_DEFAULTS} == props
        assert p.element is not None and p.style_id == reader.resolver.paragraph_style_id(p.element)
