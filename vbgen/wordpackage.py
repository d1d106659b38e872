"""The parts of a Word file a reader looks at, parsed straight from the zip with lxml.

python-docx parses every part of a package (theme, fonts, numbering, pictures' relationships …) into
its own element classes before anything can be read. A reader that only looks (``vbgen check``)
needs the main document, its styles, settings and the page headers and footers its sections show:
:meth:`WordPackage.open` reads those parts and nothing else, through :class:`vbgen.docxsafe.SafePackage`
(zip bombs, DTDs and foreign files refused the same way). :meth:`WordPackage.of_document` gives the
same view over a python-docx Document, for a reader that will also edit (``check --fix``).

    package = WordPackage.open("draft.docx")
    package.body                  # the w:body element
    package.sections              # each section's w:sectPr, in document order
    package.header_part(sect, "default")   # the w:hdr its headerReference points to, or None
"""
from __future__ import annotations

import posixpath
import re
import threading
from pathlib import Path
from typing import Callable, Optional

from lxml import etree

from .docxsafe import _DOCX_MAIN, _OTHER_MAINS, SafePackage, unreadable
from .errors import VbgenError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MAIN_TYPES = (_DOCX_MAIN,) + _OTHER_MAINS
_SECT_PR, _BODY = f"{{{W}}}sectPr", f"{{{W}}}body"
_REFERENCE = {"header": f"{{{W}}}headerReference", "footer": f"{{{W}}}footerReference"}
_TYPE = f"{{{W}}}type"
_PPR, _RPR = f"{{{W}}}pPr", f"{{{W}}}rPr"
# A start, end or empty tag of w:pPr / w:rPr (Word never writes comments or CDATA in a part).
_PROPERTIES_TAG = re.compile(rb"<(/?)w:[pr]Pr(?:\s[^>]*?)?(/?)>")
_PROPERTIES_START = re.compile(rb"<w:([pr])Pr(?:\s[^>]*?)?(/?)>")
_PROPERTIES_END = {b"p": b"</w:pPr>", b"r": b"</w:rPr>"}
_SECTIONS = etree.XPath("./w:p/w:pPr/w:sectPr | ./w:sectPr", namespaces={"w": W})  # (python-docx's elements too)

_local = threading.local()


def parse(data: bytes):
    """An XML part as lxml parses it for python-docx (blank text between tags dropped, no entities),
    with lxml's plain element classes. One parser per thread (the web page serves several)."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _relationships(data: Optional[bytes], source: str) -> dict[str, tuple[str, str]]:
    """rId → (relationship type, target part name) of the internal relationships in a .rels part."""
    if data is None:
        return {}
    found = {}
    base = posixpath.dirname(source)
    for rel in parse(data).iter(_RELS):
        if rel.get("TargetMode") == "External" or not rel.get("Target"):
            continue
        target = rel.get("Target")
        name = posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(base, target))
        found[rel.get("Id")] = (rel.get("Type") or "", name.lstrip("/"))
    return found


def _content_type(types: bytes, name: str) -> Optional[str]:
    root = parse(types)
    for override in root.iter(f"{_TYPES}Override"):
        if (override.get("PartName") or "").lstrip("/") == name:
            return override.get("ContentType")
    extension = name.rsplit(".", 1)[-1].lower()
    for default in root.iter(f"{_TYPES}Default"):
        if (default.get("Extension") or "").lower() == extension:
            return default.get("ContentType")
    return None


class WordPackage:
    """The main document of a .docx and the parts a reader of it needs, as lxml elements.

    ``settings`` is None when the file has none; ``theme()`` parses the theme (None without one);
    ``styles_bytes`` and ``theme_bytes`` are those parts as stored (None over a python-docx Document), so readers of many
    files made from one template can share what they resolved from it; ``app_properties`` holds
    docProps/app.xml's bytes (what Word wrote when it last saved).
    """

    def __init__(self, document, styles: Callable[[], object], settings, theme: Callable[[], Optional[object]],
                 part: Callable[[str], Optional[object]], app_properties: Optional[bytes],
                 styles_bytes: Optional[bytes] = None, theme_bytes: Optional[bytes] = None,
                 stored_parts: Optional[list] = None):
        self.document = document
        self.body = document.find(_BODY)
        if self.body is None:
            raise ValueError("the main document has no w:body")
        self._styles, self._styles_loaded = styles, False
        self.styles_bytes, self.theme_bytes = styles_bytes, theme_bytes
        self._stored_parts = stored_parts  # the stored bytes of the document (first) and its headers/footers
        self.settings = settings
        self.theme = theme
        self._part = part
        self.app_properties = app_properties

    @property
    def styles(self):
        """The styles part's root (w:styles), parsed on first use (python-docx's default styles when the
        file has none)."""
        if not self._styles_loaded:
            self._styles, self._styles_loaded = self._styles(), True
        return self._styles

    def may_contain(self, *markers: bytes) -> bool:
        """Could the document or its page headers/footers hold an element named by one of ``markers``
        (b"drawing" …)? False only when their stored bytes say so; True over python-docx."""
        if self._stored_parts is None:
            return True
        return any(marker in part for part in self._stored_parts for marker in markers)

    def properties_markup(self) -> dict:
        """{w:pPr or w:rPr element of the main document: its markup as stored}, sliced from the part's
        bytes in one scan: a key to cache what a formatting resolves to, far cheaper than walking each
        element. Empty when the document is not stored bytes (over python-docx) or its markup does not
        line up with the parsed tree (another prefix for the WordprocessingML namespace)."""
        if self._stored_parts is None:
            return {}
        data = self._stored_parts[0]
        slices = _nested_slices(data) if b"PrChange" in data else _flat_slices(data)
        if slices is None:
            return {}
        elements = list(self.document.iter(_PPR, _RPR))
        if len(elements) != len(slices):
            return {}
        return dict(zip(elements, slices))

    @property
    def sections(self) -> list:
        """Each section's ``w:sectPr``, in document order (those ending a paragraph, then the body's)."""
        return _SECTIONS(self.body)

    def header_part(self, sect_pr, kind: str = "default", footer: bool = False):
        """The root (w:hdr / w:ftr) of the page header or footer of ``kind`` (default/first/even) a section
        points to, or None when the section has none of its own ("link to previous")."""
        for reference in sect_pr.iterchildren(_REFERENCE["footer" if footer else "header"]):
            if (reference.get(_TYPE) or "default") == kind:
                return self._part(reference.get(R_ID))
        return None

    @classmethod
    def open(cls, path: str | Path) -> "WordPackage":
        """Read ``path`` (refusing what :class:`SafePackage` refuses); raises VbgenError on a damaged file."""
        path = Path(path)
        with SafePackage(path) as package:
            try:
                return cls._read(package)
            except VbgenError:  # a part refused by SafePackage (damaged, too big, a DTD): said already
                raise
            except Exception as exc:  # lxml or a broken relationship: the file cannot be read
                raise unreadable(path, exc) from None

    @classmethod
    def _read(cls, package: SafePackage) -> "WordPackage":
        root = _relationships(package.read("_rels/.rels"), "")
        main = next((name for kind, name in root.values() if kind == _RT + "officeDocument"), None)
        types = package.read("[Content_Types].xml")
        if main is None or types is None:
            raise KeyError("no main document relationship")
        kind = _content_type(types, main)
        if kind not in MAIN_TYPES:
            raise ValueError(f"not a Word file, content type is {kind!r}")
        data = package.read(main)
        if data is None:
            raise KeyError(main)
        document = parse(data)
        rels = _relationships(package.read(_rels_name(main)), main)

        def related(kind: str) -> Optional[bytes]:
            name = next((name for rel_kind, name in rels.values() if rel_kind == _RT + kind), None)
            return package.read(name) if name else None

        styles_bytes, settings, theme = related("styles"), related("settings"), related("theme")
        parts: dict[str, object] = {}
        stored = [data]  # the bytes of every part paragraphs are read from, the document first
        for sect_pr in document.iter(_SECT_PR):  # every header/footer a section shows, parsed now
            for tag in _REFERENCE.values():
                for reference in sect_pr.iterchildren(tag):
                    rid = reference.get(R_ID)
                    if rid not in parts:
                        part = package.read(rels[rid][1]) if rid in rels else None
                        if part is None:
                            raise KeyError(f"no part for relationship {rid}")
                        parts[rid] = parse(part)
                        stored.append(part)
        return cls(document, lambda: _styles(styles_bytes), parse(settings) if settings is not None else None,
                   lambda: _safe_parse(theme), parts.get, package.read("docProps/app.xml"), styles_bytes, theme, stored)

    @classmethod
    def of_document(cls, document) -> "WordPackage":
        """The same view over a python-docx Document (its elements, so edits show in what is read)."""
        part = document.part
        theme = next((rel.target_part for rel in part.rels.values()
                      if not rel.is_external and rel.reltype.endswith("/theme")), None)
        app = next((p.blob for p in part.package.iter_parts() if str(p.partname) == "/docProps/app.xml"), None)

        def header(rid: str):
            return part.related_parts[rid].element

        styles = part._styles_part.element
        return cls(document.element, lambda: styles, part._settings_part.element,
                   lambda: _safe_parse(theme.blob) if theme is not None else None, header, app)


def _flat_slices(data: bytes) -> Optional[list]:
    """The markup of every w:pPr and w:rPr in ``data``, in document order, when neither holds one of its own
    kind (no tracked formatting change, w:pPrChange / w:rPrChange): each ends at the next end tag of its
    kind (a w:pPr holds a w:rPr, never a w:pPr). None when an end is missing."""
    slices, find = [], data.find
    for match in _PROPERTIES_START.finditer(data):
        kind, empty = match.group(1, 2)
        if empty:
            slices.append(match.group())
            continue
        end = find(_PROPERTIES_END[kind], match.end())
        if end < 0:
            return None
        slices.append(data[match.start():end + 8])  # (both end tags are 8 bytes)
    return slices


def _nested_slices(data: bytes) -> Optional[list]:
    """As :func:`_flat_slices` for any nesting (a start tag, then the end tag that closes it)."""
    slices: list = []
    open_at: list[tuple[int, int]] = []
    for match in _PROPERTIES_TAG.finditer(data):
        closing, empty = match.group(1, 2)
        if closing:  # </w:pPr> or </w:rPr>: the element that opened last ends here
            if not open_at:
                return None
            index, start = open_at.pop()
            slices[index] = data[start:match.end()]
        elif empty:
            slices.append(match.group())
        else:
            open_at.append((len(slices), match.start()))
            slices.append(None)
    return None if open_at else slices


def _styles(data: Optional[bytes]):
    if data is not None:
        return parse(data)
    from docx.parts.styles import StylesPart  # python-docx (and so --fix) lays its default styles over a file without any

    return parse(StylesPart._default_styles_xml())


def _safe_parse(data: Optional[bytes]):
    """A part only some readers use (the theme): None when it is missing or broken."""
    if data is None:
        return None
    try:
        return parse(data)
    except etree.XMLSyntaxError:
        return None
