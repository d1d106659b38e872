"""Document types (loại văn bản) as the checker recognises them: tên loại, abbreviation, own rules.

One lookup for the whole checker, read from the profile: ``document_types`` (the types vbgen writes)
and ``check_document_types`` (every tên loại of NĐ 30/2020 Phụ lục III, or of HD 36 for the Party).
When document types move into their own data (``vbgen/types/``), only :func:`known_types` changes.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Optional

from ..profile import Section


@dataclass(frozen=True)
class DocType:
    """A document type: ``key`` (ke-hoach), ``name`` (KẾ HOẠCH; None for a công văn), the ký hiệu
    ``abbreviation`` (KH), ``running_name`` (Kế hoạch) and, for a công văn, the trích yếu prefix (V/v)."""

    key: str
    name: Optional[str]
    abbreviation: Optional[str]
    running_name: str
    summary_prefix: Optional[str] = None


def _upper(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).upper().replace("HOÀ", "HÒA").replace("THOẢ", "THỎA")
                    .replace("UỶ", "ỦY").split())


_known: dict[int, tuple[Section, list]] = {}


def known_types(profile: Section) -> list[DocType]:
    """Every type the profile knows, ``check_document_types`` entries completing ``document_types``
    (worked out once per profile object: ``check`` shares one profile over many documents)."""
    cached = _known.get(id(profile))
    if cached is not None and cached[0] is profile:
        return cached[1]
    if len(_known) > 16:
        _known.clear()
    found = _known_types(profile)
    _known[id(profile)] = (profile, found)
    return found


def _known_types(profile: Section) -> list[DocType]:
    found: dict[str, DocType] = {}
    for table in (profile.check_document_types or {}, profile.document_types or {}):
        for key, entry in table.items():
            if key in found and table is not profile.document_types:
                continue
            old = found.get(key)
            found[key] = DocType(key=key, name=entry.get("name") or (old.name if old else None),
                                 abbreviation=entry.get("abbreviation") or (old.abbreviation if old else None),
                                 running_name=entry.get("running_name") or key,
                                 summary_prefix=entry.get("summary_prefix") or (old.summary_prefix if old else None))
    return list(found.values())


def type_names(profile: Section) -> tuple[str, ...]:
    """The tên loại of every known type (KẾ HOẠCH, BÁO CÁO, …)."""
    return tuple(t.name for t in known_types(profile) if t.name)


def type_by_name(profile: Section, text: str) -> Optional[DocType]:
    """The type whose tên loại is ``text`` (any case, Hòa/Hoà alike), or None."""
    wanted = _upper(text)
    return next((t for t in known_types(profile) if t.name and _upper(t.name) == wanted), None)


def untitled_type(profile: Section) -> Optional[DocType]:
    """The type that has no tên loại (the công văn)."""
    return next((t for t in known_types(profile) if not t.name), None)


def abbreviations(profile: Section) -> set[str]:
    return {t.abbreviation for t in known_types(profile) if t.abbreviation}
