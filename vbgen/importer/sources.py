"""Reading a source plan (.docx or text) as a list of :class:`Line` in reading order.

A ``Line`` is a paragraph (docx) or a physical line (text), or a table row (``cells``).
Layout tables (the header's two columns, Nơi nhận beside the signature) are read cell by
cell, left column first, so they become ordinary lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import VbgenError
from ..i18n import _

TEXT_SUFFIXES = (".txt", ".text", ".md")


@dataclass
class Line:
    """One paragraph or physical line of the source (or a table row, with ``cells``)."""

    text: str
    number: int
    bold: bool = False
    cells: list[str] | None = None
    label: str | None = None  # a bold run-in label at the start (docx)
    raw: str | None = None  # a Word paragraph's text with its tabs as spaces (two-column layouts)


def read_source(path: str | Path) -> list[Line]:
    """The lines of a .docx or text file, text repaired (encoding, glyphs, markdown, NFC)."""
    path = Path(path)
    if not path.exists():
        raise VbgenError(_("file not found; check the path"), file=str(path))
    if path.is_dir():
        raise VbgenError(_("this is a folder; give a .docx or .txt file"), file=str(path))
    if path.suffix.lower() == ".pdf" or _head(path).startswith(b"%PDF"):
        raise VbgenError(_("PDF files are not read directly; open the PDF, copy all its text into a .txt file (or "
                           "run pdftotext), and import that"), file=str(path))
    if _is_word_like(path):
        lines = read_docx(path)  # vbgen.docxsafe refuses .doc, PDF, encrypted and hostile files in one line
    else:
        lines = read_text(path)
    if not any(line.text.strip() or line.cells for line in lines):
        raise VbgenError(_("the file has no text; is it empty or a scanned image?"), file=str(path))
    return lines


WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm", ".doc", ".pdf", ".rtf", ".odt")
_BINARY_MAGIC = (b"PK", b"\xd0\xcf\x11\xe0", b"%PDF")


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(8)
    except OSError as exc:
        raise VbgenError(_("cannot read the file ({reason}); check that you may read it").format(reason=exc.strerror),
                         file=str(path)) from None


def _is_word_like(path: Path) -> bool:
    """Is ``path`` for the Word reader (a Word suffix, or a zip or OLE file whatever its name)?"""
    suffix = path.suffix.lower()
    if suffix in WORD_SUFFIXES:
        return True
    return suffix not in TEXT_SUFFIXES and _head(path).startswith(_BINARY_MAGIC)


# ---------------------------------------------------------------- text files

def read_text(path: Path) -> list[Line]:
    from .cleanup import clean_line_text
    from .encodings import decode_bytes, repair_legacy

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise VbgenError(_("cannot read the file ({reason})").format(reason=exc.strerror), file=str(path)) from None
    text = repair_legacy(decode_bytes(data, str(path)))
    raw = split_columns(text.splitlines())
    lines: list[Line] = []
    started = False
    in_bold = False  # inside a markdown **…** span that runs over several lines
    for number, line in raw:
        if not started and (line.startswith("SOURCE:") or re.match(r"^#\s", line)):
            continue  # provenance notes of a copied page, before the document starts
        if line.strip():
            started = True
        cleaned, bold = clean_line_text(line)
        lines.append(Line(cleaned, number, bold=bold or in_bold))
        if line.count("**") % 2:
            in_bold = not in_bold
    return split_pipes(lines)


_GAP = re.compile(r"\S(\s{6,})\S")
_SIGNATURE_START = re.compile(r"^(?:TM\.|T/M|KT\.?|K/T|TL\.|T/L|TUQ\.|Q\.)\s")


def _two_columns(stripped: str) -> tuple[str, str] | None:
    """Split a line at its widest gap (six spaces or more) if both sides are short."""
    gaps = list(re.finditer(r"\s{6,}", stripped))
    if not gaps or "|" in stripped:
        return None
    widest = max(gaps, key=lambda m: len(m.group(0)))
    left, right = stripped[:widest.start()].strip(), stripped[widest.end():].strip()
    if left and right and len(left) <= 70 and len(right) <= 70:
        return left, right
    return None


def split_columns(raw: list[str]) -> list[tuple[int, str]]:
    """Text laid out in two columns by PDF extraction (header: issuer | quốc hiệu; end: Nơi nhận |
    signature) → the left column's lines, then the right column's, block by block.

    A line is two-column when its widest gap (six spaces or more) splits it into two short
    chunks; a deeply indented line right after such lines continues the right column. From
    "Nơi nhận" / a signature prefix on, every line belongs to the block (recipients on the
    left, the signer's name far below on the right) until an appendix or a footnote."""
    out: list[tuple[int, str]] = []
    block: list[tuple[int, str, str]] = []
    blanks: list[int] = []

    def flush() -> None:
        lefts = [(n, l) for n, l, _ in block if l]
        rights = [(n, r) for n, _, r in block if r]
        out.extend(lefts + rights)
        out.extend((n, "") for n in blanks)
        block.clear()
        blanks.clear()

    for number, line in enumerate(raw, start=1):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        in_end = bool(block) and (block[0][1].startswith("Nơi nhận")
                                  or any(_SIGNATURE_START.match(r) for _, _, r in block))
        pair = _two_columns(stripped)
        if pair:
            if blanks and block and not in_end:
                flush()
            block.append((number, pair[0], pair[1]))
            continue
        if block and not stripped:
            blanks.append(number)
            continue
        if in_end and not re.match(r"^(?:PHỤ LỤC|Phụ lục|\[\d+\])", stripped):
            if indent >= 25:
                block.append((number, "", stripped))
            else:
                block.append((number, stripped, ""))
            continue
        if block and stripped and indent >= 25 and not blanks:
            block.append((number, "", stripped))
            continue
        if block:
            flush()
        out.append((number, line))
    if block:
        flush()
    return out


def _cells(text: str) -> list[str]:
    """The cells of a line flattened with "|" (a markdown row "| a | b |", or "a | b"); [] for a line
    that merely contains a "|" ("| pipe", "a|b" inside a word)."""
    if "|" not in text:
        return []
    stripped = text.strip()
    cells = [cell.strip() for cell in stripped.strip("|").split("|")]
    row = stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1
    filled = sum(1 for c in cells if c)
    pair = filled == 2 and " | " in f" {stripped} " and not any(c[:1].islower() for c in cells)
    if row or filled >= 3 or pair:
        return cells
    return []


def split_pipes(lines: list[Line]) -> list[Line]:
    """Lines flattened with "|": table rows (three cells or more, or one beside other rows)
    get ``cells``; a two-cell layout line (header, signature) is split into its cells, and a
    cell's " / " line breaks into lines."""
    from .cleanup import is_noise

    kinds = []
    for line in lines:
        cells = _cells(line.text)
        if cells and all(re.fullmatch(r"[:\-–\s]*", c) for c in cells):
            kinds.append("rule")  # a markdown table's |---|---| line
        elif not cells:
            kinds.append("text")
        elif len(cells) >= 3:
            kinds.append("row")
        else:
            kinds.append("pair")

    def neighbour_is_row(i: int, step: int) -> bool:
        j = i + step
        while 0 <= j < len(lines) and (is_noise(lines[j].text) and kinds[j] != "row"):
            j += step
        return 0 <= j < len(lines) and kinds[j] == "row"

    out: list[Line] = []
    for i, line in enumerate(lines):
        kind = kinds[i]
        if kind == "rule":
            continue
        if kind == "pair" and (neighbour_is_row(i, -1) or neighbour_is_row(i, 1)):
            kind = "row"
        if kind == "row":
            cells = _cells(line.text)
            if any(cells):
                out.append(Line(" | ".join(cells), line.number, cells=cells))
            continue
        if kind == "pair":
            for cell in _cells(line.text):
                for part in re.split(r"(?<!\S)/(?!\S)", cell):
                    out.append(Line(" ".join(part.split()), line.number, bold=line.bold))
            continue
        out.append(line)
    return out


# ---------------------------------------------------------------- Word files

def read_docx(path: Path) -> list[Line]:
    """The lines of a Word file (see :mod:`.wordfile`)."""
    from .wordfile import read_docx as read

    return read(path)
