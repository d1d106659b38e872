"""Read a .docx as the checker sees it: paragraphs in reading order with *effective* formatting.

Word decides a run's font, size, bold … by walking a chain: the document defaults
(``w:docDefaults``), then the paragraph style and everything it is ``basedOn``, then the run's
character style chain, then the run's own ``w:rPr``. A run that looks bold in Word may have no
``w:b`` of its own, so the checker must resolve the whole chain; this module does that with
python-docx + lxml and hands the rules plain values (points, millimetres, booleans).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator, Optional

import functools

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn as _qn

from ..errors import VbgenError

qn = functools.lru_cache(maxsize=None)(_qn)  # tag names are looked up thousands of times per document

TWIPS_PER_MM = 1440 / 25.4
ON_VALUES = {None, "1", "true", "on"}

# Run-level properties the checker reads, keyed by the name used in ``RunFormat``.
RUN_TOGGLES = {"bold": "w:b", "italic": "w:i", "caps": "w:caps"}


def _on(element) -> Optional[bool]:
    """The value of an on/off property element (``<w:b/>``, ``<w:b w:val="0"/>``), or None."""
    if element is None:
        return None
    return element.get(qn("w:val")) in ON_VALUES


@dataclass
class RunFormat:
    """Effective formatting of one run (đoạn chữ cùng định dạng)."""

    text: str
    font: Optional[str]          # ascii font (the one Latin and Vietnamese letters use)
    font_hansi: Optional[str]
    size: Optional[float]        # points
    bold: bool
    italic: bool
    underline: bool
    caps: bool
    element: object = field(repr=False, default=None)


@dataclass
class ParagraphInfo:
    """One paragraph (đoạn văn) with effective paragraph properties and runs.

    ``cell`` is (table index, row, column) for paragraphs inside a top-level table, else None;
    ``index`` counts paragraphs in reading order over the whole body.
    """

    index: int
    text: str
    runs: list[RunFormat]
    alignment: Optional[str]             # w:jc value: left/center/right/both/…
    first_line_cm: float                 # negative for a hanging indent
    space_before_pt: float
    space_after_pt: float
    line_rule: str                       # auto / exact / atLeast
    line_value: Optional[float]          # multiple of single (auto) or points (exact/atLeast)
    has_bottom_border: bool
    numbered: bool                       # Word's automatic numbering (w:numPr): its label is not in the text
    has_drawing: bool
    cell: Optional[tuple[int, int, int]]
    element: object = field(repr=False, default=None)

    @property
    def stripped(self) -> str:
        return " ".join(self.text.split())

    @property
    def text_runs(self) -> list[RunFormat]:
        """Runs carrying visible characters (spaces and tabs do not count)."""
        return [run for run in self.runs if run.text.strip()]

    def where(self, words: int = 7) -> str:
        """The paragraph's first words, to tell the clerk where a finding is."""
        parts = self.stripped.split(" ")
        head = " ".join(parts[:words])
        return f'"{head}…"' if len(parts) > words else f'"{head}"'


@dataclass
class SectionInfo:
    """Page setup of one section (khổ giấy, lề, đầu trang)."""

    width_mm: float
    height_mm: float
    orientation: str
    margins_mm: dict[str, float]
    header_distance_mm: Optional[float]
    title_page: bool                      # w:titlePg: a different first-page header
    default_header: Optional[object]      # python-docx _Header, or None when not linked to a part
    first_header: Optional[object]
    element: object = field(repr=False, default=None)


class StyleResolver:
    """Resolves run and paragraph properties through styles and document defaults."""

    def __init__(self, document):
        self.document = document
        styles_part = document.part._styles_part if hasattr(document.part, "_styles_part") else None
        self.styles_element = styles_part.element if styles_part is not None else None
        self.styles: dict[str, object] = {}
        self.default_paragraph_style = None
        self.default_character_style = None
        self.doc_rpr = None
        self.doc_ppr = None
        self.theme_fonts = self._theme_fonts(document)
        if self.styles_element is not None:
            for style in self.styles_element.findall(qn("w:style")):
                style_id = style.get(qn("w:styleId"))
                self.styles[style_id] = style
                if style.get(qn("w:default")) in ("1", "true"):
                    kind = style.get(qn("w:type"))
                    if kind == "paragraph":
                        self.default_paragraph_style = style_id
                    elif kind == "character":
                        self.default_character_style = style_id
            defaults = self.styles_element.find(qn("w:docDefaults"))
            if defaults is not None:
                self.doc_rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
                self.doc_ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
        self._chain_cache: dict[Optional[str], list] = {}

    @staticmethod
    def _theme_fonts(document) -> dict[str, str]:
        """Latin fonts of the theme (minor = body, major = headings), for ``w:asciiTheme``."""
        fonts: dict[str, str] = {}
        try:
            for rel in document.part.rels.values():
                if rel.reltype.endswith("/theme"):
                    from lxml import etree

                    root = etree.fromstring(rel.target_part.blob)
                    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
                    for kind in ("major", "minor"):
                        latin = root.find(f".//{a}{kind}Font/{a}latin")
                        if latin is not None:
                            fonts[kind] = latin.get("typeface")
        except Exception:  # a broken theme only loses theme font names
            pass
        return fonts

    def chain(self, style_id: Optional[str]) -> list:
        """Style elements from the root of the ``basedOn`` chain down to ``style_id``."""
        if style_id in self._chain_cache:
            return self._chain_cache[style_id]
        result, seen, current = [], set(), style_id
        while current and current in self.styles and current not in seen:
            seen.add(current)
            style = self.styles[current]
            result.append(style)
            based = style.find(qn("w:basedOn"))
            current = based.get(qn("w:val")) if based is not None else None
        result.reverse()
        self._chain_cache[style_id] = result
        return result

    def paragraph_style_id(self, p) -> Optional[str]:
        ppr = p.find(qn("w:pPr"))
        pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return pstyle.get(qn("w:val")) if pstyle is not None else self.default_paragraph_style

    def rpr_chain(self, p, r) -> list:
        """``w:rPr`` elements that apply to run ``r`` in paragraph ``p``, weakest first."""
        chain = [self.doc_rpr]
        chain += [s.find(qn("w:rPr")) for s in self.chain(self.paragraph_style_id(p))]
        rpr = r.find(qn("w:rPr"))
        rstyle = rpr.find(qn("w:rStyle")) if rpr is not None else None
        char_style = rstyle.get(qn("w:val")) if rstyle is not None else self.default_character_style
        chain += [s.find(qn("w:rPr")) for s in self.chain(char_style)]
        chain.append(rpr)
        return [e for e in chain if e is not None]

    def ppr_chain(self, p) -> list:
        chain = [self.doc_ppr]
        chain += [s.find(qn("w:pPr")) for s in self.chain(self.paragraph_style_id(p))]
        chain.append(p.find(qn("w:pPr")))
        return [e for e in chain if e is not None]

    def _font(self, fonts, which: str) -> Optional[str]:
        name = fonts.get(qn(f"w:{which}"))
        if name:
            return name
        theme = fonts.get(qn(f"w:{which}Theme"))
        if theme:
            return self.theme_fonts.get("major" if theme.startswith("major") else "minor", theme)
        return None

    def run_format(self, p, r, text: str) -> RunFormat:
        values: dict[str, object] = {"font": None, "font_hansi": None, "size": None,
                                     "bold": False, "italic": False, "underline": False, "caps": False}
        for rpr in self.rpr_chain(p, r):
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is not None:
                ascii_font = self._font(fonts, "ascii")
                hansi_font = self._font(fonts, "hAnsi")
                if ascii_font:
                    values["font"] = ascii_font
                if hansi_font:
                    values["font_hansi"] = hansi_font
            size = rpr.find(qn("w:sz"))
            if size is not None and size.get(qn("w:val")):
                values["size"] = float(size.get(qn("w:val"))) / 2
            for name, tag in RUN_TOGGLES.items():
                state = _on(rpr.find(qn(tag)))
                if state is not None:
                    values[name] = state
            underline = rpr.find(qn("w:u"))
            if underline is not None:
                values["underline"] = underline.get(qn("w:val")) not in ("none", "0", "false")
        if values["size"] is None:
            values["size"] = 10.0  # Word's built-in default when nothing sets w:sz
        return RunFormat(text=text, element=r, **values)

    def paragraph_props(self, p) -> dict:
        props = {"alignment": None, "first_line_cm": 0.0, "space_before_pt": 0.0, "space_after_pt": 0.0,
                 "line_rule": "auto", "line_value": 1.0, "has_bottom_border": False, "numbered": False}
        for ppr in self.ppr_chain(p):
            jc = ppr.find(qn("w:jc"))
            if jc is not None:
                props["alignment"] = jc.get(qn("w:val"))
            ind = ppr.find(qn("w:ind"))
            if ind is not None:
                if ind.get(qn("w:hanging")) is not None:
                    props["first_line_cm"] = -int(float(ind.get(qn("w:hanging")))) / 567
                elif ind.get(qn("w:firstLine")) is not None:
                    props["first_line_cm"] = int(float(ind.get(qn("w:firstLine")))) / 567
            spacing = ppr.find(qn("w:spacing"))
            if spacing is not None:
                if spacing.get(qn("w:before")) is not None:
                    props["space_before_pt"] = int(float(spacing.get(qn("w:before")))) / 20
                if spacing.get(qn("w:after")) is not None:
                    props["space_after_pt"] = int(float(spacing.get(qn("w:after")))) / 20
                if spacing.get(qn("w:line")) is not None:
                    rule = spacing.get(qn("w:lineRule")) or "auto"
                    line = int(float(spacing.get(qn("w:line"))))
                    props["line_rule"] = rule
                    props["line_value"] = line / 240 if rule == "auto" else line / 20
            border = ppr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
            if border is not None:
                props["has_bottom_border"] = border.get(qn("w:val")) not in ("nil", "none")
            num_id = ppr.find(f"{qn('w:numPr')}/{qn('w:numId')}")
            if num_id is not None:
                props["numbered"] = num_id.get(qn("w:val")) not in (None, "0")
        return props


def run_text(r) -> str:
    """Visible text of a run: w:t, tabs and breaks (field codes and deleted text excluded)."""
    parts = []
    for child in r:
        tag = child.tag
        if tag == qn("w:t"):
            parts.append(child.text or "")
        elif tag == qn("w:tab"):
            parts.append("\t")
        elif tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def paragraph_runs(p) -> Iterator:
    """Runs of a paragraph in order, including those inside hyperlinks, smart tags and insertions,
    but not those of text boxes anchored in it."""
    for child in p:
        tag = child.tag
        if tag == qn("w:r"):
            yield child
        elif tag in (qn("w:hyperlink"), qn("w:smartTag"), qn("w:ins"), qn("w:sdt"), qn("w:fldSimple")):
            content = child.find(qn("w:sdtContent")) if tag == qn("w:sdt") else child
            if content is not None:
                yield from paragraph_runs(content)


class DocxReader:
    """A .docx opened for checking: paragraphs, sections, headers, all with effective formatting."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise VbgenError("file not found; check the name and the folder", file=str(self.path))
        try:
            self.document = docx.Document(str(self.path))
        except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
            raise VbgenError(f"cannot be read as a Word .docx file ({error.__class__.__name__}); "
                             "save it from Word as .docx and try again", file=str(self.path)) from None
        except Exception as error:  # lxml/zip errors on a damaged file
            raise VbgenError(f"cannot be read as a Word .docx file ({error.__class__.__name__}); "
                             "save it from Word as .docx and try again", file=str(self.path)) from None
        self.resolver = StyleResolver(self.document)
        self.paragraphs: list[ParagraphInfo] = list(self._read_body())
        self.sections: list[SectionInfo] = [self._section(s) for s in self.document.sections]

    def paragraph_info(self, p, index: int, cell=None) -> ParagraphInfo:
        runs = []
        for r in paragraph_runs(p):
            runs.append(self.resolver.run_format(p, r, run_text(r)))
        props = self.resolver.paragraph_props(p)
        has_drawing = bool(p.xpath(".//w:drawing | .//w:pict"))
        return ParagraphInfo(index=index, text="".join(run.text for run in runs), runs=runs,
                             has_drawing=has_drawing, cell=cell, element=p, **props)

    def paragraph_lines(self, p, index: int, cell=None) -> list[ParagraphInfo]:
        """A table-cell paragraph split at its line breaks (Shift+Enter): header and signature cells
        often hold "UBND TỈNH …" and "SỞ …", or a title and a name, as lines of one paragraph."""
        whole = self.paragraph_info(p, index, cell)
        if "\n" not in whole.text:
            return [whole]
        lines: list[list[RunFormat]] = [[]]
        for run in whole.runs:
            pieces = run.text.split("\n")
            for number, piece in enumerate(pieces):
                if number:
                    lines.append([])
                if piece:
                    lines[-1].append(replace(run, text=piece))
        return [replace(whole, index=index + i, text="".join(r.text for r in runs), runs=runs)
                for i, runs in enumerate(lines)]

    def _read_body(self) -> Iterator[ParagraphInfo]:
        body = self.document.element.body
        index = 0
        table_index = 0
        for child in body.iterchildren():
            if child.tag == qn("w:p"):
                yield self.paragraph_info(child, index)
                index += 1
            elif child.tag == qn("w:tbl"):
                for row_number, row in enumerate(child.findall(qn("w:tr"))):
                    for col_number, cell in enumerate(row.findall(qn("w:tc"))):
                        for p in cell.iter(qn("w:p")):
                            for line in self.paragraph_lines(p, index, (table_index, row_number, col_number)):
                                yield line
                                index += 1
                table_index += 1
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                for p in (content.iter(qn("w:p")) if content is not None else ()):
                    yield self.paragraph_info(p, index)
                    index += 1

    def _section(self, section) -> SectionInfo:
        sect = section._sectPr
        pg_size = sect.find(qn("w:pgSz"))
        width = int(pg_size.get(qn("w:w"), 11906)) if pg_size is not None else 11906
        height = int(pg_size.get(qn("w:h"), 16838)) if pg_size is not None else 16838
        orient = (pg_size.get(qn("w:orient")) if pg_size is not None else None) or (
            "landscape" if width > height else "portrait")
        pg_mar = sect.find(qn("w:pgMar"))
        margins, header_mm = {}, None
        for side in ("top", "bottom", "left", "right"):
            value = pg_mar.get(qn(f"w:{side}")) if pg_mar is not None else None
            margins[side] = abs(int(float(value))) / TWIPS_PER_MM if value is not None else 0.0
        if pg_mar is not None and pg_mar.get(qn("w:header")) is not None:
            header_mm = int(float(pg_mar.get(qn("w:header")))) / TWIPS_PER_MM
        title_page = _on(sect.find(qn("w:titlePg"))) or False
        default_header = section.header if not section.header.is_linked_to_previous else None
        first_header = section.first_page_header if not section.first_page_header.is_linked_to_previous else None
        return SectionInfo(width_mm=width / TWIPS_PER_MM, height_mm=height / TWIPS_PER_MM, orientation=orient,
                           margins_mm=margins, header_distance_mm=header_mm, title_page=title_page,
                           default_header=default_header, first_header=first_header, element=sect)

    def header_paragraphs(self, header) -> list[ParagraphInfo]:
        """Paragraphs of a header part (including those in its tables), with effective formatting."""
        if header is None:
            return []
        return [self.paragraph_info(p, i) for i, p in enumerate(header._element.iter(qn("w:p")))]

    def all_text(self) -> Iterator[tuple[ParagraphInfo, str]]:
        for paragraph in self.paragraphs:
            yield paragraph, paragraph.text


def has_page_field(paragraph: ParagraphInfo) -> bool:
    """Does the paragraph contain a PAGE field (complex ``w:instrText`` or ``w:fldSimple``)?"""
    p = paragraph.element
    codes = [t.text or "" for t in p.iter(qn("w:instrText"))]
    codes += [f.get(qn("w:instr")) or "" for f in p.iter(qn("w:fldSimple"))]
    return any(code.split() and code.split()[0].upper() == "PAGE" for code in codes)
