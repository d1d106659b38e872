"""Saving a rendered document: deterministic bytes and provenance (nguồn gốc) in the .docx itself.

The same inputs give a byte-identical .docx: zip entries carry a fixed time, core properties take
their dates from the plan (ngày ban hành, else 1 January of the draft's year), and custom document
properties record the vbgen version and the sha256 of the plan data, the template and the rule profile.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import zipfile
import zlib
from pathlib import Path

from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from .. import __version__
from ..model import Plan, plan_to_data

#: The time every zip entry carries (the zip format's earliest date).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#: Entries already compressed are stored as they are.
_STORED = (".jpeg", ".jpg", ".png", ".gif")


def sha256_of(data) -> str:
    """sha256 (hex) of bytes, or of plain data as canonical JSON."""
    if not isinstance(data, bytes):
        data = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def provenance(plan: Plan, profile, template: Path, template_sha256: str | None = None) -> dict[str, str]:
    """What the document was made from: vbgen version and sha256 of the data, template and profile."""
    return {
        "vbgen.version": __version__,
        "vbgen.data_sha256": sha256_of(plan_to_data(plan)),
        "vbgen.template": Path(template).name,
        "vbgen.template_sha256": template_sha256 or sha256_of(Path(template).read_bytes()),
        "vbgen.rules": plan.rules,
        "vbgen.profile_sha256": sha256_of(_plain(profile)),
    }


def _plain(value):
    """A profile (attribute-dict tree) as plain data for hashing."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def document_date(plan: Plan) -> _dt.datetime:
    """The plan's date (ngày ban hành); a draft without one: 1 January of its year (2000 when none)."""
    if plan.date:
        return _dt.datetime(plan.date.year, plan.date.month, plan.date.day)
    return _dt.datetime(plan.draft_year or 2000, 1, 1)


def _fit(text: str, limit: int = 255) -> str:
    """``text`` within a core property's 255-character limit (cut at a word, with '…')."""
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0] + "…"


def stamp(doc, plan: Plan, record: dict[str, str]) -> None:
    """Set core properties from the plan and write the provenance ``record`` as custom properties."""
    core = doc.core_properties  # (lastModifiedBy and revision keep the template's: empty and 1)
    core.title = _fit(" ".join(plan.title.split()))
    core.author = _fit(plan.issuer.running_name)
    core.comments = f"vbgen {__version__}"
    core.language = "vi-VN"
    core.created = core.modified = document_date(plan)
    add_custom_properties(doc, record)


def add_custom_properties(doc, values: dict[str, str]) -> None:
    """Text properties ``values`` in docProps/custom.xml: added to the template's own custom properties
    (a template saved by Word or LibreOffice may have some), replacing any of the same name."""
    package = doc.part.package
    try:
        part = package.part_related_by(RT.CUSTOM_PROPERTIES)
    except KeyError:
        part = None
    root = etree.fromstring(part.blob) if part is not None else etree.Element(
        f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT_NS})
    for prop in list(root):
        if prop.get("name") in values:
            root.remove(prop)
    pid = max([int(p.get("pid", "1")) for p in root] + [1])
    for name, value in values.items():
        pid += 1
        prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property", fmtid=_FMTID, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if part is not None:
        part._blob = blob
    else:
        part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
        package.relate_to(part, RT.CUSTOM_PROPERTIES)


def _deflated(blob: bytes) -> bytes:
    packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # as zipfile deflates
    return packer.compress(blob) + packer.flush()


_DEFLATED: dict[bytes, tuple[bytes, int]] = {}


def _deflated_entry(blob: bytes) -> tuple[bytes, int]:
    """(deflated blob, crc) of a prepared part's bytes, remembered: most renders repeat them exactly."""
    entry = _DEFLATED.get(blob)
    if entry is None:
        entry = (_deflated(blob), zlib.crc32(blob))
        if len(_DEFLATED) < 256:
            _DEFLATED[blob] = entry
    return entry


def _put_deflated(archive: zipfile.ZipFile, name: str, blob: bytes, deflated: bytes, crc: int) -> None:
    """Add an entry whose deflated bytes are already known (the same bytes writestr would write)."""
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.file_size, info.compress_size, info.CRC = len(blob), len(deflated), crc
    archive._writecheck(info)
    info.header_offset = archive.fp.tell()
    archive.fp.write(info.FileHeader(False))
    archive.fp.write(deflated)
    archive.filelist.append(info)
    archive.NameToInfo[name] = info
    archive.start_dir = archive.fp.tell()
    archive._didModify = True


def docx_bytes(doc) -> bytes:
    """The .docx package of python-docx ``doc`` as bytes, the same for the same content.

    The prepared parts (styles, theme, settings …) are compressed once per process while their bytes
    stay the same.
    """
    package = doc.part.package
    parts = list(package.iter_parts())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        def put(name: str, blob: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name.endswith(_STORED) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, blob)

        put(CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob)
        put(PACKAGE_URI.rels_uri.membername, package.rels.xml)
        for part in parts:
            name = part.partname.membername
            if getattr(part, "_prepared", None) is not None:
                blob = part.blob
                _put_deflated(archive, name, blob, *_deflated_entry(blob))
            else:
                put(name, part.blob)
            if len(part.rels):
                put(part.partname.rels_uri.membername, part.rels.xml)
    return buffer.getvalue()


def save_docx(doc, path: str | Path) -> None:
    """Write ``doc`` to ``path`` deterministically (see :func:`docx_bytes`)."""
    Path(path).write_bytes(docx_bytes(doc))


__all__ = ["ZIP_TIME", "docx_bytes", "document_date", "provenance", "save_docx", "sha256_of", "stamp"]
