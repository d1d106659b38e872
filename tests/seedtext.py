"""Read the reference seeds (plain text taken from real plans) and produced .docx files as
comparable text, so a test can ask: does every sentence of a seed's body appear in our output,
in the same order?

Seed text is messy: PDF extraction wraps lines mid-sentence, seed 001 prints "ư" as the broken
glyph "ƣ", seed 003 wraps its title and signature in markdown ``**``, and the header and
signature columns leave debris ("|", "-----", a page number). Both sides are normalised the
same way (:func:`normalise`):

- Unicode NFC, "ƣ"/"Ƣ" → "ư"/"Ư", markdown ``**`` removed, whitespace collapsed;
- a numbering label at the start of a line or paragraph ("I.", "IV-", "2.1.", "a)") removed,
  because vbgen computes numbers (seed 001 even numbers two sections "IV-");
- a lone "-" or "+" removed wherever it stands: it is a list marker at a line start and a
  spaced hyphen ("kinh tế - xã hội") inside a line, and PDF wrapping can put the latter at a
  line start ("…kinh tế\\n- xã hội"), so only dropping both keeps the two sides comparable;
- the state ending "./." read as ".".

A seed's body is then cut into sentences at ". ", "; ", ": ", "! ", "? " (fine-grained units
make a dropped or moved clause visible), and :func:`missing_in_order` looks each one up in the
output text after the previous one.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


#: A numbering label at the start of a line: "I." "IV-" "1." "2.1." "a)" "đ)".
_LABEL = re.compile(
    r"^(?:(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})[.\-]|\d{1,2}(?:\.\d{1,2})*[.\-)]|[a-zđ]\))(?=\s|$)")
#: Lines that are layout debris, not text: "|", "-----", a bare page number, empty.
_DEBRIS = re.compile(r"^(?:\|?|-{3,}|\d{1,3})$")
_LONE_MARK = re.compile(r"(?:(?<=\s)|^)[-+](?=\s|$)")
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+")


def clean_line(line: str) -> str:
    """One line, NFC, glyphs repaired, ``**`` dropped, whitespace collapsed (label kept)."""
    line = unicodedata.normalize("NFC", line).replace("ƣ", "ư").replace("Ƣ", "Ư")
    line = line.replace("**", "")
    return " ".join(line.split())


def normalise(text: str) -> str:
    """A line or paragraph as comparable text (see the module docstring)."""
    text = clean_line(text)
    text = _LABEL.sub("", text, count=1)
    text = _LONE_MARK.sub(" ", text)
    text = text.replace("./.", ".")
    return " ".join(text.split())


def split_sentences(text: str) -> list[str]:
    """Cut normalised text after . ; : ! ? followed by a space."""
    return [s for s in _SENTENCE_END.split(text) if s]


@dataclass
class Seed:
    """The parts of a seed a test compares: body sentences, recipients, Lưu line, signer."""

    path: Path
    sentences: list[str]
    recipients: list[str] = field(default_factory=list)
    archive: str = ""
    signer_title: str = ""
    signer_name: str = ""


def seed_lines(path: Path) -> list[str]:
    """The seed's lines, cleaned, with debris lines dropped."""
    lines = [clean_line(raw) for raw in Path(path).read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if not _DEBRIS.match(line)]


def body_sentences(lines: list[str]) -> list[str]:
    """Sentences of body lines: wrapped lines are joined; a line that starts with a numbering
    label or a "-"/"+" marker starts a new piece (so a heading is its own unit)."""
    pieces: list[list[str]] = [[]]
    for line in lines:
        if _LABEL.match(line) or _LONE_MARK.match(line):
            pieces.append([])
        pieces[-1].append(normalise(line))
    out: list[str] = []
    for piece in pieces:
        out.extend(split_sentences(join_wrapped(piece)))
    return out


def join_wrapped(lines: list[str]) -> str:
    """Join PDF-wrapped lines with a space, but a line that ends in a word-hyphen ("số 02-")
    continues the same word on the next line ("02-NQ/ĐUK")."""
    text = ""
    for line in lines:
        if not line:
            continue
        glue = "" if re.search(r"\w-$", text) else " "
        text = (text + glue + line) if text else line
    return " ".join(text.split())


def _strip_item(line: str) -> str:
    """'- Sở Nội vụ (phối hợp),' → 'Sở Nội vụ (phối hợp)'."""
    line = line[2:] if line.startswith("- ") else line
    return line.rstrip(";,.").strip()


def read_seed(path: Path, body_starts: str) -> Seed:
    """Parse a seed: the body runs from the line starting with ``body_starts`` to "Nơi nhận:".

    After "Nơi nhận:" every line up to the Lưu line is a recipient line (including notes such
    as "Gửi bản điện tử:"); the last line is the signer's name and the one before it the title.
    """
    lines = seed_lines(path)
    start = next(i for i, line in enumerate(lines) if line.startswith(body_starts))
    end = next(i for i, line in enumerate(lines) if line.startswith("Nơi nhận"))
    seed = Seed(path=Path(path), sentences=body_sentences(lines[start:end]))
    lu = next(i for i in range(end, len(lines)) if lines[i].startswith(("- Lưu", "Lưu")))
    seed.recipients = [_strip_item(line) for line in lines[end + 1:lu]]
    seed.archive = re.sub(r"^-?\s*Lưu:?\s*", "", lines[lu]).rstrip(".").strip()
    seed.signer_name = lines[-1]
    seed.signer_title = lines[-2]
    return seed


def docx_lines(path: Path, data_rows: bool = False) -> list[str]:
    """Every line of text in a .docx, in reading order: body paragraphs and table cells
    (header tables, signature and Nơi nhận tables), a paragraph's line breaks splitting lines.
    With ``data_rows``, a data table (3+ columns) gives one 'cell | cell' line per row, like the
    reference .txt copies (a line break inside a cell written ' / ').
    """
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(str(path))
    out: list[str] = []

    def visit(container) -> None:
        for child in container.iter_inner_content():
            if isinstance(child, Paragraph):
                out.extend(child.text.split("\n"))
            elif isinstance(child, Table):
                if data_rows and max(len(r.cells) for r in child.rows) > 2:
                    out.extend(" | ".join(" / ".join(c.text.split("\n")) for c in row.cells)
                               for row in child.rows)
                    continue
                for row in child.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # merged cells repeat
                            continue
                        seen.add(id(cell._tc))
                        visit(cell)

    visit(doc)
    return [line for line in out if line.strip()]


def missing_in_order(sentences: list[str], text: str) -> list[str]:
    """The sentences not found in ``text`` in order: each is looked for after the end of the
    previous one found, so a dropped or moved sentence is reported."""
    missing, cursor = [], 0
    for sentence in sentences:
        at = text.find(sentence, cursor)
        if at < 0:
            missing.append(sentence)
        else:
            cursor = at + len(sentence)
    return missing
