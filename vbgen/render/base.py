"""The fixed parts of a document, prepared once per template and rule profile (phần cố định).

Styles with the profile's font, settings, theme, numbering, the first section's page setup and its
page-number headers are the same for every plan rendered from one template with one profile. They
are prepared once per process; each render gets a new package with copies of these parts, its own
document part, and any headers its phụ lục sections add. This saves opening the template package and redoing the page setup per
document: each render gets its own copy of the prepared parts.
"""
from __future__ import annotations

import copy
import io
import re
from functools import lru_cache

from docx import Document
from docx.opc.oxml import serialize_part_xml
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.package import Package
from docx.shared import Pt
from lxml import etree

from ..docxml import set_rfonts
from ..profile import Section
from .page import page_numbers, setup_section
from .template import CompiledTemplate

_XMLNS = re.compile(r' xmlns:\w+="[^"]*"')
_LAST_SECT_PR = re.compile(r"<w:sectPr[ >](?:(?!<w:sectPr[ >]).)*?</w:sectPr>(?=</w:body>)", re.DOTALL)


def set_default_font(doc, profile: Section) -> None:
    """Times New Roman (all four slots) and the body size on docDefaults and the Normal style."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr_default is not None:
        set_rfonts(rpr_default, profile.font.name)
    normal = doc.styles["Normal"]
    normal.font.name = profile.font.name
    set_rfonts(normal.element.get_or_add_rPr(), profile.font.name)
    normal.font.size = Pt(profile.body.size)


class _Package(Package):
    """A package whose parts are partly shared with the prepared base (read-only there)."""


class BasePackage:
    """One template prepared with one profile: shared parts, and the first section's properties."""

    def __init__(self, template: CompiledTemplate, profile: Section):
        doc = Document(io.BytesIO(template.package))
        set_default_font(doc, profile)
        section = doc.sections[0]
        setup_section(section, profile)
        page_numbers(section, profile)
        self.package = doc.part.package
        self.document_part = doc.part
        self.sect_pr = _XMLNS.sub("", etree.tostring(doc.element.body.sectPr, encoding="unicode"))

    def document_xml(self, rendered: str) -> str:
        """The rendered document.xml text with the prepared section properties in place of the template's."""
        return _LAST_SECT_PR.sub(lambda _: self.sect_pr, rendered, count=1)

    def new_document(self, document_xml: str):
        """A python-docx Document of a new package: ``document_xml`` parsed once, and each prepared XML
        part copied the first time something reads or changes it (e.g. a bundle merging styles); a part
        never touched is saved from the prepared bytes."""
        package = _Package()
        copies = {}
        for part in self.package.iter_parts():
            if part is self.document_part:
                copies[part] = type(part)(part.partname, part.content_type,
                                          parse_xml(document_xml.encode("utf-8")), package)
            elif isinstance(part, XmlPart):
                copies[part] = _prepared_class(type(part))(part.partname, part.content_type, None, package)
                copies[part]._prepared = part
            else:  # binary parts (the thumbnail) and plain XML blobs are never changed: shared
                copies[part] = part
        for part, new in copies.items():
            if new is part:
                continue
            for rel in part.rels.values():
                target = rel.target_ref if rel.is_external else copies[rel.target_part]
                new.rels.add_relationship(rel.reltype, target, rel.rId, rel.is_external)
        for rel in self.package.rels.values():
            package.load_rel(rel.reltype, rel.target_ref if rel.is_external else copies[rel.target_part],
                             rel.rId, rel.is_external)
        return copies[self.document_part].document


class _Prepared:
    """Mixin for a part of a new package standing for a prepared part: its element is a copy made on
    first use; until then its bytes are the prepared part's (serialised once)."""

    _prepared = None

    @property
    def _element(self):
        own = self.__dict__.get("_own")
        if own is None and self._prepared is not None:
            own = self.__dict__["_own"] = copy.deepcopy(self._prepared.element)
        return own

    @_element.setter
    def _element(self, value) -> None:
        self.__dict__["_own"] = value

    @property
    def blob(self) -> bytes:
        if self.__dict__.get("_own") is not None:
            return serialize_part_xml(self.__dict__["_own"])
        prepared = self._prepared
        if getattr(prepared, "_vbgen_blob", None) is None:
            prepared._vbgen_blob = prepared.blob
        return prepared._vbgen_blob


@lru_cache(maxsize=None)
def _prepared_class(cls: type) -> type:
    return type(f"Prepared{cls.__name__}", (_Prepared, cls), {})


_BASES: dict[tuple[int, str], BasePackage] = {}


def base_package(template: CompiledTemplate, profile: Section, profile_key: str) -> BasePackage:
    """The prepared base of ``template`` with ``profile`` (``profile_key``: the profile's sha256), made
    once per process."""
    slot = (id(template), profile_key)
    found = _BASES.get(slot)
    if found is None or found.template is not template:
        if len(_BASES) >= 32:
            _BASES.clear()
        found = BasePackage(template, profile)
        found.template = template
        _BASES[slot] = found
    return found
