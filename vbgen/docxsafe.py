"""Opening a .docx safely: hostile or foreign files are refused with one plain line before parsing.

Every reader of .docx files (check, import) opens them through :func:`open_docx`, which refuses
- what is not a Word file at all (old .doc, a password-protected file, PDF, another zip, a folder);
- zip bombs: a part or the whole package expanding beyond :data:`MAX_PART_BYTES` / :data:`MAX_TOTAL_BYTES`;
- XML parts that declare a DTD or entities (XXE, "billion laughs");
and accepts .docm/.dotx/.dotm by reading them as the .docx they contain.
"""
from __future__ import annotations

import contextlib
import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import Optional

from .errors import VbgenError
from .i18n import N_, _, gettext

#: Bounds on what a package may expand to before anything is parsed.
MAX_PART_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 400 * 1024 * 1024
MAX_ENTRIES = 20_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_MAINS = (  # content types Word can open that python-docx refuses: read them as a .docx
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_FOREIGN = {"xl/workbook.xml": N_("an Excel workbook"), "ppt/presentation.xml": N_("a PowerPoint file"),
            "content.xml": N_("an OpenDocument (.odt) file; save it from LibreOffice as Word .docx")}


def _refuse(path: Path, message: str) -> VbgenError:
    return VbgenError(message, file=str(path))


def _open(path: Path):
    """The file opened for reading (once: the zip is read through the same handle) and its first bytes."""
    handle = None
    try:
        handle = open(path, "rb")
        head = handle.read(1 << 16)
        handle.seek(0)
        return handle, head
    except FileNotFoundError:
        raise _refuse(path, _("file not found; check the name and the folder")) from None
    except OSError as exc:
        if handle is not None:
            handle.close()
        if path.is_dir():
            raise _refuse(path, _("is a folder; give a .docx file")) from None
        raise _refuse(path, _("cannot be read ({reason}); check that the file is not open elsewhere and that "
                              "you may read it").format(reason=exc.strerror)) from None


def _check_magic(path: Path, head: bytes) -> None:
    if head.startswith(OLE_MAGIC):
        if _ENCRYPTED_MARK in head or _ENCRYPTED_MARK in path.read_bytes()[: 4 << 20]:
            raise _refuse(path, _("is protected by a password; open it in Word, remove the password "
                                  "(File > Info > Protect Document) and save it as .docx"))
        raise _refuse(path, _("is an old-format Word .doc file; open it in Word or LibreOffice and save it "
                              "as .docx (Word Document), then try again"))
    if head.startswith(b"%PDF"):
        raise _refuse(path, _("is a PDF, not a Word file; open the original .docx, or copy the PDF's text into "
                              "a .txt file for vbgen import"))
    if not head:
        raise _refuse(path, _("is empty (0 bytes); give the Word .docx file itself"))
    if head.lstrip().startswith((b"{\\rtf", b"<")):
        raise _refuse(path, _("is a text, RTF or web page file saved under a Word name; open it in Word and "
                              "save it as .docx"))
    if not head.startswith(b"PK"):
        raise _refuse(path, _("is not a Word .docx file (not a zip package); save it from Word as .docx"))


def _check_entries(path: Path, archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _refuse(path, _("holds {count} parts, more than a Word file has; refused").format(count=len(infos)))
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _refuse(path, _("is encrypted; save it from Word without a password"))
        if info.file_size > MAX_PART_BYTES:
            raise _refuse(path, _("part {part} would expand to {size} MB, more than {limit} MB; refused as a "
                                  "possible zip bomb").format(part=info.filename, size=info.file_size // 2**20,
                                                              limit=MAX_PART_BYTES // 2**20))
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise _refuse(path, _("would expand to {size} MB, more than {limit} MB; refused as a possible zip "
                              "bomb").format(size=total // 2**20, limit=MAX_TOTAL_BYTES // 2**20))
    return infos


def check_zip_bounds(path: str | Path) -> None:
    """Refuse a zip package (a .xlsx sheet, say) whose parts would expand beyond the bounds, before a
    library such as openpyxl unpacks it; a file that is not a zip is left for that library to name."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_entries(path, archive)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bytes:
    """A part's bytes, stopped at the bound whatever its header claims (zipfile inflates at most what is
    asked for)."""
    with archive.open(info) as handle:
        data = handle.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise _refuse(path, _("part {part} expands beyond {limit} MB; refused as a possible zip "
                              "bomb").format(part=info.filename, limit=MAX_PART_BYTES // 2**20))
    return data


_DOCTYPE, _ENTITY = re.compile(rb"<!doctype", re.IGNORECASE), re.compile(rb"<!entity", re.IGNORECASE)
_ELEMENT_START = re.compile(rb"<[^?!]")  # the first start tag (not <?xml …?>, a comment or a DOCTYPE)


def _has_dtd(data: bytes) -> bool:
    """A DOCTYPE in the first 4 KiB or an ENTITY declaration in the first MiB (searched without copying).
    Both can only stand before the root element (XML's prolog): a part whose prolog holds no "<!" has
    none, and a declaration anywhere else is no longer well-formed XML, which the parser refuses."""
    root = _ELEMENT_START.search(data)
    if data.find(b"<!", 0, root.start() if root else len(data)) < 0:
        return False
    return bool(_DOCTYPE.search(data, 0, 4096) or _ENTITY.search(data, 0, 1 << 20))


class SafePackage:
    """A Word package opened for reading part by part, after every check that needs no parsing (what the
    file is, zip bombs by their declared sizes, foreign packages). :meth:`read` bounds each part as it
    expands and refuses an XML part that declares a DTD. Use as a context manager.

    Raises VbgenError naming ``path`` for anything that is not a safe Word package.
    """

    def __init__(self, path: str | Path):
        self.path = path = Path(path)
        self._handle, head = _open(path)
        self._archive = None
        try:
            _check_magic(path, head)
            with self._plain_errors():
                self._archive = zipfile.ZipFile(self._handle)
                self._infos = {info.filename: info for info in _check_entries(path, self._archive)
                               if not info.is_dir()}
            names = self._infos
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                for marker, what in _FOREIGN.items():
                    if marker in names:
                        raise _refuse(path, _("is {what}, not a Word document").format(what=gettext(what)))
            if "[Content_Types].xml" not in names:
                raise _refuse(path, _("is a zip file but not a Word document; give a .docx"))
        except BaseException:
            self.close()
            raise

    @property
    def names(self) -> list[str]:
        """The names of the package's parts, in zip order."""
        return list(self._infos)

    def read(self, name: str) -> Optional[bytes]:
        """The bytes of part ``name`` (a zip member name), or None when the package has no such part."""
        info = self._infos.get(name)
        if info is None:
            return None
        with self._plain_errors():
            data = _read_bounded(self._archive, info, self.path)
        if name.lower().endswith((".xml", ".rels")) and _has_dtd(data):
            raise _refuse(self.path, _("part {part} declares a DTD or entities, which Word never writes; "
                                       "refused (open it in Word and save it again)").format(part=name))
        return data

    @contextlib.contextmanager
    def _plain_errors(self):
        """zipfile's and the system's errors as one line naming the file."""
        try:
            yield
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError,
                zlib.error) as exc:
            raise _refuse(self.path, _("is a damaged or truncated .docx ({error}); open it in Word, let Word "
                                       "repair it and save it again").format(error=exc.__class__.__name__)) from None
        except OSError as exc:
            raise _refuse(self.path, _("cannot be read ({reason}); check the file").format(
                reason=exc.strerror or exc)) from None

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
        self._handle.close()

    def __enter__(self) -> "SafePackage":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def package_parts(path: str | Path) -> dict[str, bytes]:
    """Every part of the package at ``path`` (name → bytes), after every safety check.

    Raises VbgenError naming ``path`` for anything that is not a safe Word package.
    """
    with SafePackage(path) as package:
        return {name: package.read(name) for name in package.names}


def _as_docx_parts(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The parts with a .docm/.dotx main part typed as a plain document."""
    types = parts["[Content_Types].xml"]
    for other in _OTHER_MAINS:
        types = types.replace(other.encode(), _DOCX_MAIN.encode())
    return {**parts, "[Content_Types].xml": types}


def _as_docx(parts: dict[str, bytes]) -> bytes:
    """The package re-zipped in memory, with a .docm/.dotx main part typed as a plain document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for name, data in _as_docx_parts(parts).items():
            out.writestr(name, data)
    return buffer.getvalue()


class _PartsReader:
    """python-docx's physical package reader over parts already read and checked: the package is
    unzipped once, here, and never zipped again to be read a second time."""

    def __init__(self, parts: dict[str, bytes]):
        self._parts = parts

    def blob_for(self, pack_uri) -> bytes:
        return self._parts[pack_uri.membername]  # KeyError like python-docx's zip reader

    @property
    def content_types_xml(self) -> bytes:
        return self._parts["[Content_Types].xml"]

    def rels_xml_for(self, source_uri):
        return self._parts.get(source_uri.rels_uri.membername)

    def close(self) -> None:
        pass


def _document_from_parts(parts: dict[str, bytes]):
    """python-docx's ``Document()`` over checked parts (the steps of ``Package.open`` with an in-memory
    reader); falls back to a re-zipped copy when this python-docx lacks those steps."""
    import docx

    try:
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.package import Unmarshaller
        from docx.opc.packuri import PACKAGE_URI
        from docx.opc.part import PartFactory
        from docx.opc.pkgreader import PackageReader, _ContentTypeMap
        from docx.package import Package
        load_srels, load_parts = PackageReader._srels_for, PackageReader._load_serialized_parts
    except (ImportError, AttributeError):  # another python-docx: the public, slower way
        return docx.Document(io.BytesIO(_as_docx(parts)))
    reader = _PartsReader(_as_docx_parts(parts))
    content_types = _ContentTypeMap.from_xml(reader.content_types_xml)
    srels = load_srels(reader, PACKAGE_URI)
    package = Package()
    Unmarshaller.unmarshal(PackageReader(content_types, srels, load_parts(reader, srels, content_types)),
                           package, PartFactory)
    part = package.main_document_part
    if part.content_type != CT.WML_DOCUMENT_MAIN:  # what docx.Document() checks
        raise ValueError(f"not a Word file, content type is {part.content_type!r}")
    return part.document


def open_docx(path: str | Path):
    """The python-docx Document at ``path``, or one VbgenError line saying what the file is and what to do."""
    path = Path(path)
    parts = package_parts(path)
    try:
        return _document_from_parts(parts)
    except Exception as exc:  # python-docx/lxml on a damaged package: any error means "unreadable"
        raise unreadable(path, exc) from None


def unreadable(path: Path, error: Exception) -> VbgenError:
    """The one line for a package whose parts a reader (python-docx, lxml) could not make sense of."""
    return _refuse(path, _("cannot be read as a Word document ({error}); open it in Word, save it as .docx "
                           "and try again").format(error=error.__class__.__name__))
