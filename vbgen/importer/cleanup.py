"""Text as it really arrives: legacy encodings, broken glyphs, markdown, noise, hard-wrapped lines.

Everything here works on plain strings or on :class:`~vbgen.importer.sources.Line` lists and
never drops words: only layout debris (separator rules, lone "|", page numbers, "*Handwritten
signature*" notes) is removed.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from ..yamlio import load_package_data

from ..glyphs import fix_glyphs
from .patterns import PATTERNS
from .sources import Line

_VIETNAMESE = re.compile(r"[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")  # letters no legacy table produces


@lru_cache(maxsize=1)
def _legacy_tables() -> dict:
    text = resources.files(__package__).joinpath("legacy_encodings.yaml").read_text(encoding="utf-8")
    data = load_package_data(text)
    tcvn = dict(zip(data["tcvn3"]["legacy"], data["tcvn3"]["unicode"]))
    vni: dict[str, str] = {}
    for key in ("lower", "upper"):
        for pair in data["vni"][key].split():
            legacy, uni = pair.split("=")
            vni[legacy] = uni
    return {"tcvn3": tcvn, "vni": vni}


@lru_cache(maxsize=1)
def _tcvn_translation() -> dict:
    return str.maketrans(_legacy_tables()["tcvn3"])


@lru_cache(maxsize=1)
def _vni_pattern() -> re.Pattern:
    keys = sorted(_legacy_tables()["vni"], key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


_LETTER = re.compile(r"[^\W\d_]")


def detect_legacy(text: str) -> str | None:
    """'tcvn3', 'vni' or None: which legacy encoding ``text`` looks written in.

    Text with real Vietnamese Unicode letters is Unicode. Otherwise the encoding whose
    characteristic characters are most frequent wins, if they make up a real share of the text.
    """
    letters = len(_LETTER.findall(text))
    if not letters or len(_VIETNAMESE.findall(text)) > letters * 0.01:
        return None
    tables = _legacy_tables()
    vni_marks = len(re.findall(r"[aeiouyAEIOUYôöÔÖ][øùûõïâàáåãäêèéúüë]|ñ|Ñ", text))
    tcvn_only = "".join(sorted(set(tables["tcvn3"]) - set("âáàãäèéêëìíîïòóôõöùúûüý")))
    tcvn_marks = len(re.findall("[" + re.escape(tcvn_only) + "]", text))
    best = max((vni_marks, "vni"), (tcvn_marks, "tcvn3"))
    return best[1] if best[0] >= max(3, letters * 0.02) else None


def convert_legacy(text: str, encoding: str) -> str:
    """Convert TCVN3 or VNI text to Unicode."""
    if encoding == "tcvn3":
        return text.translate(_tcvn_translation())
    table = _legacy_tables()["vni"]
    return _vni_pattern().sub(lambda m: table[m.group(0)], text)


def fix_text(text: str) -> str:
    """NFC and repaired glyphs (no whitespace change)."""
    return fix_glyphs(unicodedata.normalize("NFC", text))  # the table vbgen check uses too


def tidy_reference(text: str) -> str:
    """Stray spaces inside a number or ký hiệu: "04- ĐA/TU" → "04-ĐA/TU", "696 /KH- UBND" → "696/KH-UBND"."""
    text = " ".join(text.split())
    text = re.sub(r"\s*([/\-])\s*(?=[\w])", r"\1", text)
    text = re.sub(r"(?<=\w)\s+(?=[/])", "", text)
    return text


_MARKDOWN_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?!\w)"
                                r"|(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])")


def strip_markdown(text: str) -> tuple[str, bool]:
    """Drop markdown emphasis; return the text and whether it was wholly bold (``**…**``)."""
    stripped = text.strip()
    bold = stripped.startswith("**") or stripped.endswith("**")
    text = _MARKDOWN_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    text = re.sub(r"^\s*\*\*(?=\S)|(?<=\S)\*\*\s*$", "", text)  # a bold span over several lines
    text = re.sub(r"^#{1,6}\s+", "", text.strip())
    return text, bold


def is_noise(text: str) -> bool:
    """Layout debris: separator rules, a lone "|", a bare page number, editor notes."""
    bare = text.strip()
    if not bare:
        return True
    if re.fullmatch(r"[|\-–—_=*.…·\s]+", bare) and not re.fullmatch(r"[-+]", bare):
        return True
    if re.fullmatch(r"\d{1,3}|[-–]\s*\d{1,3}\s*[-–]|(?:Trang|Page)\s+\d{1,3}(?:\s*/\s*\d{1,3})?", bare):
        return True
    lowered = bare.strip("*_ ").casefold()
    return any(lowered == note.casefold() for note in PATTERNS["noise"])


def clean_line_text(text: str) -> tuple[str, bool]:
    """One raw line: glyphs, NFC, markdown; returns (text, wholly bold)."""
    text = fix_text(text)
    text, bold = strip_markdown(text)
    text = re.sub(r"\s*\*+\s*$", "", text) if not text.startswith("*") else text
    text = re.sub(r"^[-_=]{3,}(?=\w)", "", text.strip())  # a rule line glued to the next line
    return " ".join(text.split()), bold


# ---------------------------------------------------------------- hard-wrapped text

_TERMINAL = re.compile(r"(\./\.|[.:;!?…])[\"”’)]*$")


def marker_of(text: str) -> str | None:
    """The list/numbering marker a paragraph starts with, or None."""
    for name, pattern in _MARKERS:
        m = pattern.match(text)
        if m:
            if name == "number" and int(m.group(1)) > 40:
                return None
            if name in ("dash", "plus") and not _starts_like_item(text[m.end():]):
                return None
            return name
    return None


def _starts_like_item(rest: str) -> bool:
    rest = rest.lstrip()
    return bool(rest) and not rest[0].islower()


_MARKERS = [
    ("roman", re.compile(r"^((?:X{0,3})(?:IX|IV|V?I{1,3}|V|X))\s*[.\-–]\s+(?=\S)")),
    ("decimal", re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\S)")),
    ("number", re.compile(r"^(\d{1,2})\s*[.\-–)]\s+(?=\S)")),
    ("letter", re.compile(r"^([a-zđ])(?:\)\s*|\.\s+)(?=\S)")),
    ("dash", re.compile(r"^[-–—−•]\s*")),
    ("plus", re.compile(r"^\+\s*")),
]
MARKERS = dict(_MARKERS)


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def wrap_width(lines: list[Line]) -> int | None:
    """The line width of hard-wrapped text (PDF extraction), or None if lines are paragraphs."""
    lengths = sorted(len(line.text) for line in lines if line.text and not line.cells)
    if len(lengths) < 10:
        return None
    median = lengths[len(lengths) // 2]
    unfinished = sum(1 for line in lines if line.text and not line.cells
                     and not _TERMINAL.search(line.text))
    if median <= 110 and unfinished > 0.4 * len(lengths):
        return lengths[int(len(lengths) * 0.9)]
    return None


def join_wrapped(lines: list[Line]) -> list[Line]:
    """Re-join lines that PDF extraction or a web copy wrapped inside a paragraph.

    A line starts a new paragraph when it starts with a numbering or list marker, when the
    paragraph so far ends a sentence and the line starts with a capital, or (hard-wrapped
    text) when the previous line stopped well short of the line width. A line starting in
    lower case always continues the paragraph.
    """
    width = wrap_width(lines)
    blank_separated = width is None and any(not line.text for line in lines)
    short_first = width is not None and _short_first_lines(lines, width)
    out: list[Line] = []
    last_physical = ""
    pending_blank = False
    for line in lines:
        if line.cells is not None:
            out.append(line)
            last_physical, pending_blank = "", False
            continue
        if not line.text:
            pending_blank = True
            continue
        first_only = bool(out) and out[-1].text == last_physical
        if out and out[-1].cells is None and (
                _continues(out[-1], line, last_physical, width, pending_blank and blank_separated)
                or (short_first and first_only and marker_of(last_physical) and not marker_of(line.text)
                    and not _TERMINAL.search(last_physical))):
            prev = out[-1]
            glue = "" if re.search(r"\w-$", prev.text) and not line.text.startswith(("-", " ")) else " "
            prev.text = prev.text + glue + line.text
            prev.bold = prev.bold and line.bold
        else:
            out.append(Line(line.text, line.number, bold=line.bold))
        last_physical = line.text
        pending_blank = False
    return out


def _short_first_lines(lines: list[Line], width: int) -> bool:
    """Does this text put a paragraph's first line short (its marker and a few words) and the
    rest at full width? Then a short first line does not end its paragraph."""
    texts = [line.text for line in lines if line.text and line.cells is None]
    marked = short = 0
    for text, following in zip(texts, texts[1:]):
        if marker_of(text) and not _TERMINAL.search(text):
            marked += 1
            if len(text) < 0.6 * width and not marker_of(following):
                short += 1
    return marked >= 5 and short >= 0.5 * marked


def _continues(prev: Line, line: Line, last_physical: str, width: int | None, blank: bool) -> bool:
    text = line.text
    if marker_of(text):
        return False
    first = text.lstrip("\"“'(")[:1]
    if first.islower():
        return True
    if blank:
        return False
    if _is_caps(prev.text) and _is_caps(text) and not _TERMINAL.search(prev.text):
        return True
    if _TERMINAL.search(prev.text):
        return False
    if prev.text.endswith((",", "-", "–")):
        return True
    if width is not None:
        return len(last_physical) >= 0.7 * width or not first.isalpha()
    if not first.isalpha():
        return True
    # Web copies: a short heading ("3. Sở Giáo dục và Đào tạo") is followed by its paragraph,
    # but a lettered or plain paragraph cut mid-sentence ("Tham mưu UBND / Thành phố …") goes on.
    return marker_of(prev.text) not in ("roman", "number", "decimal")
