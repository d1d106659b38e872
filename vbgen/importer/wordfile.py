"""Reading a Word file (.docx, .docm) as :class:`~vbgen.importer.sources.Line` lists, in reading order.

The file is opened by :func:`vbgen.docxsafe.open_docx` (hostile or foreign files refused with one line)
and every paragraph's text is read as Word shows it by :mod:`vbgen.wordtext` (hyperlinks, fields' results,
content controls, smart tags, tracked changes, text boxes, soft breaks and tabs).

- Layout tables (the header's two columns, Nơi nhận beside the signature, in one row or several) are read
  column by column, left column first, so they become ordinary lines.
- Data tables become one Line per row with ``cells``; a vertically merged cell repeats its text in the rows
  it spans (as the page shows it). Rows are read straight from the XML: linear in the table's size.
- Paragraphs laid out with tabs into two columns (Nơi nhận ⇥ KT. CHỦ TỊCH) are read as two columns.
- Automatic numbering ("I.", "1.", "a)", "-") is put back before the text, since the importer needs it.
"""
from __future__ import annotations

import re
from pathlib import Path

from docx.oxml.ns import qn

from ..wordtext import W_P, W_TBL, block_items, paragraph_text, run_text, text_box_paragraphs, visible_runs
from .header import find_type_name
from .sources import Line, split_columns

_TR, _TC, _PPR, _RPR = qn("w:tr"), qn("w:tc"), qn("w:pPr"), qn("w:rPr")
_VAL = qn("w:val")


def _on(element) -> bool:
    """A w:b / w:bCs style toggle: present and not switched off."""
    return element is not None and element.get(_VAL) not in ("0", "false", "off")


def _font_encoding(name: str) -> str | None:
    if name.startswith((".Vn", "VN3")) or name.upper().startswith("TCVN"):
        return "tcvn3"
    if name.upper().startswith("VNI"):
        return "vni"
    return None


class _Styles:
    """What the importer needs from styles.xml: each paragraph style's bold, font and numbering."""

    def __init__(self, doc) -> None:
        self.bold: dict[str, bool] = {}
        self.font: dict[str, str] = {}
        self.numbering: dict[str, tuple[str | None, str]] = {}
        try:
            root = doc.styles.element
        except Exception:  # a package without styles.xml: no style information
            return
        based: dict[str, str] = {}
        for style in root.findall(qn("w:style")):
            sid = style.get(qn("w:styleId")) or ""
            parent = style.find(qn("w:basedOn"))
            if parent is not None:
                based[sid] = parent.get(_VAL) or ""
            rpr = style.find(_RPR)
            if rpr is not None:
                if rpr.find(qn("w:b")) is not None:
                    self.bold[sid] = _on(rpr.find(qn("w:b")))
                fonts = rpr.find(qn("w:rFonts"))
                if fonts is not None and (fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))):
                    self.font[sid] = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))
            ppr = style.find(_PPR)
            num = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num is not None:
                self.numbering[sid] = _num_key(num)
        for table in (self.bold, self.font, self.numbering):  # inherited along basedOn (bounded)
            for sid in based:
                seen, at = 0, sid
                while at not in table and at in based and seen < 20:
                    at, seen = based[at], seen + 1
                if at in table and sid not in table:
                    table[sid] = table[at]


def _num_key(num_pr) -> tuple[str | None, str]:
    num_id, ilvl = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
    return (num_id.get(_VAL) if num_id is not None else None, ilvl.get(_VAL) if ilvl is not None else "0")


def numbering_formats(doc) -> dict[tuple[str, str], tuple[str, str]]:
    """Word's automatic numbering: (numId, level) → (numFmt, lvlText), e.g. ("decimal", "%1.")."""
    try:
        root = doc.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[str, tuple[str, str]]] = {}
    for definition in root.findall(qn("w:abstractNum")):
        levels = abstract.setdefault(definition.get(qn("w:abstractNumId")), {})
        for level in definition.findall(qn("w:lvl")):
            fmt, text = level.find(qn("w:numFmt")), level.find(qn("w:lvlText"))
            levels[level.get(qn("w:ilvl"))] = (fmt.get(_VAL) if fmt is not None else "decimal",
                                              text.get(_VAL) if text is not None else "")
    out = {}
    for num in root.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is not None:
            for ilvl, value in abstract.get(ref.get(_VAL), {}).items():
                out[(num.get(qn("w:numId")), ilvl)] = value
    return out


_SAMPLE = {"decimal": "1", "upperRoman": "I", "lowerRoman": "i", "lowerLetter": "a", "upperLetter": "A",
           "decimalZero": "01"}


def marker_label(fmt: str | None, text: str) -> str:
    """The label Word prints for a numbering level ("I. ", "1. ", "a) ", "- "), or ""."""
    if fmt is None or fmt == "none":
        return ""
    if fmt == "bullet":
        return "+ " if text.strip() == "+" else "- "
    sample = _SAMPLE.get(fmt, "1")
    label = re.sub(r"%\d", "1", re.sub(r"%\d(?!.*%\d)", sample, text)) if text else sample + "."
    return label.strip() + " "


class WordReader:
    """Reads one opened document into Lines (see the module docstring)."""

    def __init__(self, doc) -> None:
        self.styles = _Styles(doc)
        self.formats = numbering_formats(doc)
        self.counter = 0
        self.lines: list[Line] = []
        self.depth = 0  # inside how many layout tables (their cells are columns already)

    # ------------------------------------------------------------ paragraphs
    def paragraph(self, p, with_marker: bool = True) -> tuple[str, bool, str | None]:
        """(text with tabs and line breaks, wholly bold, bold run-in label) of a w:p element."""
        from .cleanup import convert_legacy, fix_text

        ppr = p.find(_PPR)
        style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style = style_el.get(_VAL) if style_el is not None else ""
        style_bold = self.styles.bold.get(style, False)
        style_font = self.styles.font.get(style, "")
        parts: list[tuple[str, bool]] = []
        for run in visible_runs(p):
            text = run_text(run)
            if not text:
                continue
            rpr = run.find(_RPR)
            bold, font = style_bold, style_font
            if rpr is not None:
                b = rpr.find(qn("w:b"))
                if b is not None:
                    bold = _on(b)
                fonts = rpr.find(qn("w:rFonts"))
                if fonts is not None:
                    font = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi")) or font
            encoding = _font_encoding(font) if font else None
            if encoding:
                text = convert_legacy(text, encoding)
                if encoding == "tcvn3" and font.rstrip().endswith("H"):  # .VnTimeH: the capitals font
                    text = text.upper()
            parts.append((text, bold))
        text = fix_text("".join(t for t, _ in parts))
        if with_marker and text.strip() and self.formats:
            num = ppr.find(qn("w:numPr")) if ppr is not None else None
            key = _num_key(num) if num is not None else self.styles.numbering.get(style)
            if key is not None:
                text = marker_label(*self.formats.get(key, (None, ""))) + text
        visible = [(t, b) for t, b in parts if t.strip()]
        bold = bool(visible) and all(b for _, b in visible)
        label = None
        if visible and not bold and visible[0][1]:
            head = ""
            for t, b in parts:
                if not b and t.strip():
                    break
                head += t
            head = " ".join(fix_text(head).split())
            if head.endswith(":") and len(head) <= 60:
                label = head
        return text, bold, label

    def add_paragraph(self, p) -> None:
        self.counter += 1
        text, bold, label = self.paragraph(p)
        for piece in text.split("\n"):
            self.lines.append(Line(" ".join(piece.split()), self.counter, bold=bold, label=label,
                                   raw=None if self.depth else piece.replace("\t", " " * 8)))
            label = None
        for box in text_box_paragraphs(p):  # a text box's paragraphs: read after their anchor
            self.add_paragraph(box)

    # ------------------------------------------------------------ containers and tables
    def container(self, element) -> None:
        for child in block_items(element):
            if child.tag == W_P:
                self.add_paragraph(child)
            elif child.tag == W_TBL:
                self.table(child)

    def table(self, tbl) -> None:
        rows = [[tc for tc in tr.iter(_TC) if _own_row(tc, tr)] for tr in tbl.findall(_TR)]
        columns = max((len(r) for r in rows), default=0)
        if columns <= 3 and (len(rows) <= 2 and columns <= 2 or _is_layout(rows)):
            self.depth += 1
            for column in range(columns):  # left column first: header, or Nơi nhận then signature
                for row in rows:
                    if column < len(row):
                        self.container(row[column])
            self.depth -= 1
            return
        above: dict[int, str] = {}  # grid column → text of a vertically merged cell, repeated below
        for row in rows:
            self.counter += 1
            cells, grid = [], 0
            for tc in row:
                tcpr = tc.find(qn("w:tcPr"))
                span, merge = 1, None
                if tcpr is not None:
                    span_el, merge = tcpr.find(qn("w:gridSpan")), tcpr.find(qn("w:vMerge"))
                    if span_el is not None and (span_el.get(_VAL) or "").isdigit():
                        span = max(1, int(span_el.get(_VAL)))
                if merge is not None and merge.get(_VAL) in (None, "continue"):
                    text = above.get(grid, "")
                else:
                    text = self.cell_text(tc)
                    if merge is not None:
                        above[grid] = text
                    else:
                        above.pop(grid, None)
                cells.append(text)
                grid += span
            if any(cells):
                self.lines.append(Line(" | ".join(cells), self.counter, cells=cells))

    def cell_text(self, tc) -> str:
        texts = []
        for child in block_items(tc):
            if child.tag == W_P:
                texts.append(self.paragraph(child)[0])
                texts.extend(self.paragraph(box)[0] for box in text_box_paragraphs(child))
            elif child.tag == W_TBL:  # a table in a cell: its cells in order
                texts.extend(self.cell_text(tc) for tc in child.iter(_TC))
        return " ".join(" ".join(texts).split())


def _own_row(tc, tr) -> bool:
    """Is ``tc`` a cell of ``tr`` itself (not of a table nested in one of its cells)?"""
    parent = tc.getparent()
    while parent is not None and parent.tag != _TR:
        parent = parent.getparent()
    return parent is tr


_LAYOUT_ALTERNATIVES = (r"Nơi nhận|Số\s*:|V/v|CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN|Độc lập|"
                        r"(?:TM|KT|TL|TUQ|T/M|K/T|T/L)\s*[./ ]\s*\S")
"""How header and end-matter lines start (Nơi nhận, Số, V/v, quốc hiệu, tiêu ngữ, a signing prefix)."""
_LAYOUT_WORDS = re.compile(rf"^\s*(?:{_LAYOUT_ALTERNATIVES})", re.IGNORECASE)


def _is_layout(rows) -> bool:
    """A table of at most three columns laid out as the header or the Nơi nhận / signature block: a cell of
    its first two rows starts like one (it may run on for many rows, a recipient or a signer's line each)."""
    if len(rows) > 60:
        return False
    for row in rows[:2]:
        for tc in row:
            for p in tc.iter(W_P):
                if _LAYOUT_WORDS.match(paragraph_text(p)):
                    return True
    return False


_COLUMN_WORDS = re.compile(rf"(?:^|\s{{6,}})(?:{_LAYOUT_ALTERNATIVES}|\S[^,]*,\s*ngày\b)", re.IGNORECASE)


def _is_column_break(line: Line) -> bool:
    """A paragraph set in two columns with tabs or spaces, one of them a header or end-matter line."""
    raw = (line.raw or "").strip()
    return bool(re.search(r"\S\s{6,}\S", raw)) and bool(_COLUMN_WORDS.search(raw))


def split_tabbed(lines: list[Line]) -> list[Line]:
    """Header or Nơi nhận / signature paragraphs laid out in two columns with tabs (or spaces) → the left
    column's lines, then the right column's (as :func:`~vbgen.importer.sources.split_columns` does for
    text). Only runs of paragraphs in which a header or end-matter line is split this way are touched."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if lines[i].cells is not None or not _is_column_break(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while (j < len(lines) and j - i < 30 and lines[j].cells is None
               and (_is_column_break(lines[j]) or len(lines[j].text) <= 70)
               and not re.match(r"^(?:PHỤ LỤC|Phụ lục)", lines[j].text)
               and not (j > i and find_type_name(lines[j].text))):
            j += 1
        block = lines[i:j]
        raw = [(line.raw or line.text) for line in block]
        for index, text in split_columns(raw):
            source = block[index - 1]
            out.append(Line(" ".join(text.split()), source.number, bold=source.bold))
        i = j
    return out


_NOTES = (("footnotes", qn("w:footnote"), qn("w:footnoteReference")),
          ("endnotes", qn("w:endnote"), qn("w:endnoteReference")))


def notes(doc) -> list[str]:
    """The footnotes and endnotes of ``doc`` as "[n] text", numbered in the order the body refers to them
    (as Word prints them). Their part was checked by vbgen.docxsafe (no DTD)."""
    from lxml import etree

    out: list[str] = []
    for kind, tag, reference in _NOTES:
        part = next((rel.target_part for rel in doc.part.rels.values()
                     if not rel.is_external and rel.reltype.endswith("/" + kind)), None)
        if part is None:
            continue
        root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
        texts = {}
        for note in root.iter(tag):
            if note.get(qn("w:type")) in (None, "normal"):
                text = " ".join(" ".join(paragraph_text(p).split()) for p in note.iter(W_P)).strip()
                texts[note.get(qn("w:id"))] = text
        order = [ref.get(qn("w:id")) for ref in doc.element.body.iter(reference)]
        for number, note_id in enumerate(dict.fromkeys(order), start=1):
            if texts.get(note_id):
                out.append(f"[{number}] {texts[note_id]}")
    return out


def _with_notes(lines: list[Line], texts: list[str]) -> list[Line]:
    """Footnote lines placed after the Nơi nhận / signature block, before any phụ lục (where the importer
    reads footnotes), or at the end."""
    if not texts:
        return lines
    from .cleanup import fix_text

    at = len(lines)
    seen_end = False
    for i, line in enumerate(lines):
        if line.cells is None and line.text.startswith("Nơi nhận"):
            seen_end = True
        elif seen_end and line.cells is None and re.match(r"^(?:PHỤ LỤC|Phụ lục)\b", line.text) \
                and len(line.text) <= 40:
            at = i
            break
    number = lines[-1].number + 1 if lines else 1
    notes_lines = [Line(fix_text(t), number + k) for k, t in enumerate(texts)]
    return lines[:at] + notes_lines + lines[at:]


def read_docx(path: str | Path) -> list[Line]:
    """The lines of a Word file, text as Word shows it (legacy fonts converted; footnotes after the end)."""
    from ..docxsafe import open_docx
    from .cleanup import convert_legacy, detect_legacy

    doc = open_docx(path)
    reader = WordReader(doc)
    reader.container(doc.element.body)
    lines = _with_notes(split_tabbed(reader.lines), notes(doc))
    if not any(line.text or line.cells for line in lines):
        return lines
    legacy = detect_legacy("\n".join(line.text for line in lines))
    if legacy:
        for line in lines:
            line.text = convert_legacy(line.text, legacy)
            if line.cells:
                line.cells = [convert_legacy(c, legacy) for c in line.cells]
    return lines


__all__ = ["read_docx", "split_tabbed", "numbering_formats", "marker_label", "WordReader"]
