"""Nothing dropped silently: the source's passages the importer did not place anywhere in the plan.

A passage (a line, or a table cell) counts as placed when its words, three by three, all appear in the
plan's text (case and punctuation aside; numbering labels, which vbgen computes, left out). Lines vbgen
writes itself (quốc hiệu, "Số:", the date line, the tên loại, "Nơi nhận:", "Phụ lục I") are not looked
for. Linear in the size of the source and the plan (word trigrams in a set).
"""
from __future__ import annotations

import re

from .header import _DATE, _NUMBER, _is_national, find_type_name
from .patterns import PATTERNS, starts_with_any
from .sources import Line

_WORD = re.compile(r"\w+")
_MARKER = re.compile(r"^\s*(?:[-+•–—]|(?:[IVXLC]+|\d{1,3}(?:\.\d{1,3})*|[a-zđ])\s*[.)\-–:])\s*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _strings(value, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        if value.get("label"):  # a run-in label and its text stood in one paragraph
            kind = next((k for k in ("item", "dash", "plus", "text") if isinstance(value.get(k), str)), None)
            if kind:
                out.append(f"{value['label']} {value[kind]}")
        for key, item in value.items():
            if not str(key).startswith("_") or key in ("_leftover", "_extra"):
                _strings(item, out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _strings(item, out)


_COUNTER = re.compile(r"^(?:[IVXLC]+|\d{1,3}(?:\.\d{1,3})*|STT|TT|[a-zđ])[.)]?$", re.IGNORECASE)


def _computed(text: str) -> bool:
    """A line vbgen writes itself, so the plan does not hold it as text."""
    bare = text.strip(" *")
    return bool(_COUNTER.match(bare) or _is_national(bare) or _NUMBER.match(bare) or _DATE.search(bare) or find_type_name(bare)
                or bare.startswith(PATTERNS["recipients_label"])
                or (starts_with_any(bare, PATTERNS["appendix_starts"]) and len(bare) <= 20))


def unplaced(lines: list[Line], data: dict, header_end: int = 0) -> list[tuple[int, str]]:
    """(line number, text) of every passage of ``lines`` not found in ``data``, in source order.
    Lines numbered up to ``header_end`` (the header) may be pieces of the date line."""
    from .tables import _default_labels

    strings: list[str] = list(_default_labels().values())
    _strings(data, strings)
    sig = data.get("signature") or {}
    for entry in PATTERNS["signature_prefixes"]:  # "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ": one field each
        value = sig.get("collective") if entry.get("collective") else (
            sig.get("on_behalf_of") if sig.get("mode") == entry.get("mode") else None)
        if value:
            strings.append(f"{entry['prefix']} {value}")
    if data.get("archive"):
        strings.append(f"{PATTERNS['archive_label']}: {data['archive']}")
    singles: set[str] = set()
    triples: set[tuple[str, str, str]] = set()
    for text in strings:
        words = _words(text)
        singles.update(words)
        triples.update(zip(words, words[1:], words[2:]))
    def placed(text: str) -> bool:
        words = _words(_MARKER.sub("", text, count=1))
        if len(words) < 3:
            return all(w in singles for w in words)
        return all(t in triples for t in zip(words, words[1:], words[2:]))

    missing: list[tuple[int, str]] = []
    seen: set[str] = set()
    for line in lines:
        texts = line.cells if line.cells is not None else [line.text]
        texts = [" ".join(t.split()) for t in texts]
        lost = [t for t in texts if t and t not in seen and not _computed(t) and not placed(t)
                and not (line.number <= header_end and re.search(r"\b(?:ngày|tháng|năm)\b", t))]
        seen.update(texts)
        if lost:  # a table row is reported whole, so that its cells stay together
            missing.append((line.number, " | ".join(texts) if line.cells is not None else lost[0]))
    return missing
