"""vbgen.docxsafe: hostile and foreign files are refused with one line before parsing."""
import io
import zipfile

import pytest

from vbgen import docxsafe
from vbgen.errors import VbgenError

EXAMPLE = "examples/nghe-an-de-an-04/ke-hoach-ubnd-tinh.yaml"


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory):
    from vbgen.render import make_plan
    from conftest import ROOT
    return make_plan(ROOT / EXAMPLE, tmp_path_factory.mktemp("g") / "good.docx")


def _rezip(src, dest, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            name, data = change(info.filename, zin.read(info))
            zout.writestr(name, data)
    return dest


def refused(path) -> str:
    with pytest.raises(VbgenError) as caught:
        docxsafe.open_docx(path)
    assert str(path) in str(caught.value)
    return caught.value.message.lower()


def test_good_file_opens(good_docx):
    assert "KẾ HOẠCH" in "\n".join(p.text for p in docxsafe.open_docx(good_docx).paragraphs)


@pytest.mark.parametrize("content, words", [
    (b"", "empty"), (b"%PDF-1.7 rest", "pdf"), (docxsafe.OLE_MAGIC + b"\0" * 100, ".doc"),
    (docxsafe.OLE_MAGIC + "EncryptionInfo".encode("utf-16-le"), "password"),
    (b"{\\rtf1 hello}", "rtf"), (b"just text", "not a word"),
])
def test_foreign_files(tmp_path, content, words):
    path = tmp_path / "x.docx"
    path.write_bytes(content)
    assert words in refused(path)


def test_truncated_and_missing(tmp_path, good_docx):
    path = tmp_path / "cut.docx"
    path.write_bytes(good_docx.read_bytes()[:3000])
    assert "damaged" in refused(path)
    assert "not found" in refused(tmp_path / "none.docx")
    assert "folder" in refused(tmp_path)


def test_zip_bomb_refused_before_parsing(tmp_path, good_docx, monkeypatch):
    monkeypatch.setattr(docxsafe, "MAX_PART_BYTES", 1 << 20)
    bomb = _rezip(good_docx, tmp_path / "bomb.docx",
                  lambda n, d: (n, d + b"<!-- " + b"0" * (2 << 20) + b" -->" if n == "word/document.xml" else d))
    assert "zip bomb" in refused(bomb)


def test_dtd_and_entities_refused(tmp_path, good_docx):
    def add_dtd(name, data):
        if name == "word/document.xml":
            data = data.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
        return name, data
    assert "dtd" in refused(_rezip(good_docx, tmp_path / "xxe.docx", add_dtd))


def test_docm_reads_as_docx(tmp_path, good_docx):
    macro = "application/vnd.ms-word.document.macroEnabled.main+xml"
    docm = _rezip(good_docx, tmp_path / "x.docm", lambda n, d: (n, d.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", macro.encode())
        if n == "[Content_Types].xml" else d))
    assert any("KẾ HOẠCH" in p.text for p in docxsafe.open_docx(docm).paragraphs)


def test_excel_named_docx(tmp_path):
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert "excel" in refused(path)


def test_parts_read_in_memory_give_what_python_docx_reads_from_the_file(tmp_path, good_docx):
    """open_docx hands the checked parts to python-docx without re-zipping: same parts, same XML, and the
    document saves and re-opens like one python-docx read from the file."""
    import docx

    ours, theirs = docxsafe.open_docx(good_docx), docx.Document(str(good_docx))
    assert sorted(str(p.partname) for p in ours.part.package.iter_parts()) == \
        sorted(str(p.partname) for p in theirs.part.package.iter_parts())
    assert ours.element.xml == theirs.element.xml
    assert [s.header.is_linked_to_previous for s in ours.sections] == \
        [s.header.is_linked_to_previous for s in theirs.sections]
    ours.save(str(tmp_path / "again.docx"))
    assert [p.text for p in docx.Document(str(tmp_path / "again.docx")).paragraphs] == [p.text for p in theirs.paragraphs]


@pytest.mark.parametrize("prolog", [
    b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    b'<!-- a comment first -->\n<!doctype w [<!entity x "y">]>',
    b"<!--" + b" long comment " * 400 + b'-->\n<!DOCTYPE w [' + b'<!ENTITY a "b">' * 50 + b"]>",
], ids=["doctype", "after-a-comment", "after-4k-of-comment"])
def test_a_dtd_anywhere_in_the_prolog_is_refused(tmp_path, good_docx, prolog):
    def add_dtd(name, data):
        if name == "word/document.xml":
            data = data.replace(b"?>", b"?>" + prolog, 1)
        return name, data
    assert "dtd" in refused(_rezip(good_docx, tmp_path / "xxe.docx", add_dtd))
