"""Glossaries (bảng thay thế): re-scoping names of bodies and areas from the parent's level to the unit's.

A glossary is data (``vbgen/glossaries/<rules>-<from>-<to>.yaml``), a list of ``find`` → ``with``
entries. Replacement:

- respects word boundaries ("tỉnh" never matches inside "tỉnhX");
- keeps capitalisation: "Các huyện" → "Các xã", "TRÊN ĐỊA BÀN TỈNH" → "TRÊN ĐỊA BÀN HUYỆN";
- makes one pass, longest entry first, so a replaced text is never replaced again;
- leaves citations of other documents as issued ("Quyết định số 1878-QĐ/TU … của Ban Thường vụ Tỉnh
  ủy …" keeps "Tỉnh ủy": that body did issue it).

Entries may hold placeholders filled from the two issuers: ``{area}`` / ``{parent_area}``
("huyện Chợ Đồn" / "tỉnh Bắc Kạn"), ``{area_kind}`` ("huyện"), ``{name}`` / ``{parent_name}``
(names in running text) and ``{short_name}``. An entry whose placeholder has no value is skipped.
"""
from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass
from importlib import resources
from typing import Callable, Optional

from ..yamlio import load_package_data

from ..errors import VbgenError
from ..i18n import _

_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")


@functools.lru_cache(maxsize=None)
def derivation_data() -> dict:
    """The words and sentences derivation writes (``vbgen/glossaries/derivation.yaml``)."""
    text = resources.files("vbgen.glossaries").joinpath("derivation.yaml").read_text(encoding="utf-8")
    return load_package_data(text)


def shipped_glossary_names() -> list[str]:
    """Names of the glossaries shipped with vbgen (file names without .yaml)."""
    names = [p.name[:-5] for p in resources.files("vbgen.glossaries").iterdir()
             if p.name.endswith(".yaml") and p.name != "derivation.yaml"]
    return sorted(names)


@functools.lru_cache(maxsize=None)
def _read_shipped(name: str) -> dict:
    if name not in shipped_glossary_names():
        raise VbgenError(_("no glossary named '{name}'; use one of: {known}").format(
            name=name, known=", ".join(shipped_glossary_names())),
                         field="glossaries")
    text = resources.files("vbgen.glossaries").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return load_package_data(text)


@dataclass(frozen=True)
class Entry:
    """One replacement: ``find`` → ``replacement``; ``source`` says where it came from."""

    find: str
    replacement: str
    source: str
    line: Optional[int] = None
    tier: int = 1  # 0 = applied first (area names, the unit's own entries), 1 = the rest


@dataclass
class Hit:
    """A replacement made: the entry, the text matched, what it became, and the sentence (after)."""

    entry: Entry
    matched: str
    replaced: str
    sentence: str = ""


def fill(template: str, values: dict[str, Optional[str]]) -> Optional[str]:
    """``template`` with placeholders filled; None when one has no value."""
    names = [name for _text, name, _spec, _conv in string.Formatter().parse(template) if name]
    if any(not values.get(name) for name in names):
        return None
    return template.format(**{name: values[name] for name in names})


def shipped_entries(name: str, values: dict[str, Optional[str]]) -> list[Entry]:
    """The entries of shipped glossary ``name`` with placeholders filled (unfillable ones skipped)."""
    out = []
    for raw in _read_shipped(name).get("entries") or []:
        find, replacement = fill(raw["find"], values), fill(raw["with"], values)
        if find and replacement is not None and find != replacement:
            tier = 0 if "{parent_area}" in raw["find"] or "{parent_name}" in raw["find"] else 1
            out.append(Entry(find, replacement, source=f"glossary {name}", tier=tier))
    return out


@functools.lru_cache(maxsize=None)
def _citation_regex() -> re.Pattern:
    words = derivation_data()["citation_words"]
    return re.compile(r"(?<!\w)(?:%s)\s+(?:số\s*)?\d[^;:.!?]*" % "|".join(
        re.escape(w) for w in sorted(words, key=len, reverse=True)))


def citation_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of citations of other documents ("Quyết định số 81/QĐ-UBND ngày … ;")."""
    return [m.span() for m in _citation_regex().finditer(text)]


def sentence_at(text: str, pos: int) -> str:
    """The sentence of ``text`` that holds position ``pos``."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() >= pos:
            return text[start:m.start()].strip()
        start = m.end()
    return text[start:].strip()


def _case_forms(find: str) -> set[str]:
    """The literal texts :func:`_case_pattern` matches (first letter either case, or all capitals)."""
    first = find[0]
    heads = set(first.upper() + first.lower()) if first.upper() != first.lower() else {first}
    return {head + find[1:] for head in heads} | {find.upper()}


def _case_pattern(find: str) -> str:
    first, rest = find[0], re.escape(find[1:])
    head = f"[{re.escape(first.upper())}{re.escape(first.lower())}]" if first.upper() != first.lower() \
        else re.escape(first)
    alternatives = [head + rest]
    if find.upper() != find:
        alternatives.append(re.escape(find.upper()))
    return r"(?<!\w)(?:%s)(?!\w)" % "|".join(alternatives)


def keep_case(matched: str, find: str, replacement: str) -> str:
    """``replacement`` in the case the text used: all capitals, or its first letter's case."""
    if not replacement:
        return replacement
    if matched.isupper() and not find.isupper():
        return replacement.upper()
    if matched[0] != find[0]:
        first = replacement[0].upper() if matched[0].isupper() else replacement[0].lower()
        return first + replacement[1:]
    return replacement


class _Tier:
    """Entries applied in one pass, longest first.

    One regex of every entry tries each entry at each position of a text (slow: most texts hold none).
    So the entries that can match at all are found first (one of their literal forms is in the text)
    and only those are tried, in the same order: an entry that matches nowhere changes nothing, so the
    result is the same. The regex of each such subset is compiled once.
    """

    def __init__(self, entries: list[Entry]):
        self.entries = sorted(entries, key=lambda e: len(e.find), reverse=True)
        # every form but the capitals holds find[1:]: one look for it (and one for the capitals) rules
        # out most entries before their forms are looked for one by one
        self._keys = [(i, e.find[1:], e.find.upper()) for i, e in enumerate(self.entries)]
        self._forms = [tuple(_case_forms(e.find)) for e in self.entries]
        self._regexes: dict[tuple[int, ...], re.Pattern] = {}

    def _regex(self, text: str) -> Optional[re.Pattern]:
        """The regex of the entries that may match ``text`` (None when none can)."""
        maybe = [i for i, rest, upper in self._keys if rest in text or upper in text]
        chosen = tuple(i for i in maybe if any(f in text for f in self._forms[i]))
        if not chosen:
            return None
        regex = self._regexes.get(chosen)
        if regex is None:
            regex = self._regexes[chosen] = re.compile("|".join(
                f"(?P<e{i}>{_case_pattern(self.entries[i].find)})" for i in chosen))
        return regex

    def apply(self, text: str, protected: Callable[[], list]):
        """(new text, [(hit, its start in the new text)], the spans written, the edits made).

        ``protected`` gives the spans not to touch (called only when an entry may match). An edit is
        (old start, old end, new length), for moving positions of the old text.
        """
        pieces, hits, spans, edits, last, size = [], [], [], [], 0, 0
        regex = self._regex(text)
        if regex is None:
            return text, hits, spans, edits
        protected = protected()
        for m in regex.finditer(text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in protected):
                continue
            entry = self.entries[int(m.lastgroup[1:])]
            new = keep_case(m.group(), entry.find, entry.replacement)
            before = text[last:m.start()]
            size += len(before)
            pieces += [before, new]
            hits.append((Hit(entry, m.group(), new), size))
            spans.append((size, size + len(new)))
            edits.append((m.start(), m.end(), len(new)))
            size += len(new)
            last = m.end()
        pieces.append(text[last:])
        return "".join(pieces), hits, spans, edits


def _shift(spans: list[tuple[int, int]], edits: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Move ``spans`` of an old text to the new text, given edits (old start, old end, new length)."""
    out = []
    for a, b in spans:
        delta = sum(n - (e - s) for s, e, n in edits if e <= a)
        out.append((a + delta, b + delta))
    return out


class Glossary:
    """A set of entries: area names and the unit's own entries first, then the rest, longest first.

    A text written by a replacement is never replaced again.
    """

    def __init__(self, entries: list[Entry]):
        seen: dict[str, Entry] = {}
        for entry in entries:  # the first entry for a text wins (unit entries come first)
            seen.setdefault(entry.find, entry)
        self.entries = list(seen.values())
        self._tiers = [_Tier([e for e in self.entries if e.tier == t])
                       for t in sorted({e.tier for e in self.entries})]

    def apply(self, text: str, protect_citations: bool = True) -> tuple[str, list[Hit]]:
        """``text`` re-scoped, and the replacements made (each with its sentence, as rewritten)."""
        if not text or not self._tiers:
            return text, []
        written: list[tuple[int, int]] = []
        all_hits: list[tuple[Hit, int]] = []
        for tier in self._tiers:
            protected = (lambda t=text, w=written: (citation_spans(t) if protect_citations else []) + w)
            new_text, hits, spans, edits = tier.apply(text, protected)
            if hits:  # move what earlier tiers wrote to its place in the new text
                written = _shift(written, edits) + spans
                all_hits = [(h, _shift([(p, p)], edits)[0][0]) for h, p in all_hits] + hits
            text = new_text
        for hit, at in all_hits:
            hit.sentence = sentence_at(text, at)
        return text, [h for h, _ in sorted(all_hits, key=lambda x: x[1])]
