"""Read a .docx as the checker sees it: paragraphs in reading order with *effective* formatting
(resolved by ``styles.StyleResolver``), page setup per section, and header/footer paragraphs.
Rules get plain values: points, millimetres, centimetres, booleans.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from ..docxsafe import open_docx
from ..wordpackage import WordPackage
from ..errors import VbgenError
from ..i18n import _
from ..wordtext import block_items, text_box_paragraphs, visible_runs
from .shapes import cell_bottom_border, line_marks, tc_bottom_border
from .properties import is_on, measure, qn
from .styles import RunFormat, shared_resolver

TWIPS_PER_MM = 1440 / 25.4
_DRAWING, _PICT, _TXBX, _FLDCHAR = qn("w:drawing"), qn("w:pict"), qn("w:txbxContent"), qn("w:fldChar")
_TR, _TBL, _TC, _P = qn("w:tr"), qn("w:tbl"), qn("w:tc"), qn("w:p")
_PPR, _SECT_PR, _T, _BREAKS = qn("w:pPr"), qn("w:sectPr"), qn("w:t"), (qn("w:br"), qn("w:cr"))


@dataclass(slots=True)
class ParagraphInfo:
    """One paragraph (đoạn văn) with effective paragraph properties and runs.

    ``cell`` is (table index, row, column) for paragraphs inside a top-level table, else None;
    ``index`` counts paragraphs in reading order over the whole body; ``section`` is the number of
    the document section (phần, from 0) the paragraph is in.
    """

    index: int
    text: str
    runs: list[RunFormat]
    # The effective paragraph values, in the order of properties.PARAGRAPH_DEFAULTS (the reader passes them so):
    alignment: Optional[str]             # w:jc value: left/center/right/both/…
    first_line_cm: float                 # negative for a hanging indent
    space_before_pt: float
    space_after_pt: float
    line_rule: str                       # auto / exact / atLeast
    line_value: Optional[float]          # multiple of single (auto) or points (exact/atLeast)
    has_bottom_border: bool
    has_top_border: bool                 # a border above it: a line under the paragraph before
    numbered: bool                       # Word's automatic numbering (w:numPr): its label is not in the text
    contextual_spacing: bool             # "don't add space between paragraphs of the same style"
    left_indent_cm: float
    has_drawing: bool = False
    cell: Optional[tuple[int, int, int]] = None
    element: object = field(repr=False, default=None)
    line_texts: Optional[list] = field(repr=False, default=None)  # this line's w:t elements, for a split line
    section: int = 0
    style_id: Optional[str] = None
    lines: list = field(repr=False, default_factory=list)  # shapes.LineMark: line shapes anchored here
    cell_bottom_border: bool = False     # the table cell holding it draws a bottom border
    placed_by_tabs: bool = False         # one part of a line split at its tabs (header_lines)
    text_runs: list = field(init=False, repr=False, compare=False)  # runs carrying visible characters

    def __post_init__(self):
        self.text_runs = [run for run in self.runs if run.text.strip()]  # (spaces and tabs do not count)

    @property
    def manual_alignment(self) -> bool:
        """Pushed across by hand: visible text after leading spaces (two or more) or tabs, in a paragraph
        that is not centred or right-aligned. A person sees it where the spaces put it."""
        if self.placed_by_tabs:
            return bool(self.text.strip())
        text = self.text.lstrip("\n")
        head = text[:len(text) - len(text.lstrip(" \t\u00a0"))]
        return bool(text.strip()) and self.alignment in ("left", "both") and ("\t" in head or len(head) >= 2)

    @property
    def texts(self) -> list:
        """The w:t elements holding this paragraph's (or line's) visible text, in order."""
        if self.line_texts is not None:
            return self.line_texts
        return [t for r in visible_runs(self.element) for t in r.iter(qn("w:t"))]

    @property
    def stripped(self) -> str:
        return _squeezed(self.text)

    def where(self, words: int = 7) -> str:
        """The paragraph's first words, to tell the clerk where a finding is."""
        parts = self.stripped.split(" ")
        head = " ".join(parts[:words])
        return f'"{head}…"' if len(parts) > words else f'"{head}"'


class _BodyState:
    """Where the reading of a body is: the paragraphs read, the next one's index, table and text-box
    numbers, section; ``drawn`` and ``fielded``: the paragraphs that hold a drawing, a complex field."""

    __slots__ = ("paragraphs", "index", "table", "box", "section", "drawn", "fielded")

    def __init__(self, drawn: set, fielded: set):
        self.paragraphs: list[ParagraphInfo] = []
        self.index = self.table = self.box = self.section = 0
        self.drawn, self.fielded = drawn, fielded

    def add(self, info: ParagraphInfo) -> None:
        info.section = self.section
        self.index += 1
        self.paragraphs.append(info)


@dataclass
class SectionInfo:
    """Page setup of one section (khổ giấy, lề, đầu trang)."""

    width_mm: float
    height_mm: float
    orientation: str
    margins_mm: dict[str, float]
    header_distance_mm: Optional[float]
    title_page: bool                      # w:titlePg: a different first-page header
    default_header: Optional[object]      # the w:hdr element, or None when linked to the previous section's
    first_header: Optional[object]
    element: object = field(repr=False, default=None)
    default_footer: Optional[object] = None  # the w:ftr element, or None when linked


class DocxReader:
    """A .docx opened for checking: paragraphs, sections, headers, all with effective formatting.

    Only the parts check reads are parsed (:class:`vbgen.wordpackage.WordPackage`); ``editable=True``
    opens the whole python-docx ``document`` too, for ``--fix`` to change and save.
    """

    def __init__(self, path: str | Path, editable: bool = False):
        self.path = Path(path)
        # Both refuse .doc, PDF, zip bombs, DTD/XXE … with one line.
        if editable:
            self.document = open_docx(self.path)
            self.package = WordPackage.of_document(self.document)
        else:
            self.package = WordPackage.open(self.path)
        from .header_lines import split_tabbed_closing, split_tabbed_header  # (they import ParagraphInfo)

        try:
            # Over python-docx (--fix, which changes the elements) the package has no stored bytes: the
            # resolver is its own and formats are keyed by walking each element.
            self.resolver = shared_resolver(self.package)
            self._markup = self.package.properties_markup()
            self._drawings = self.package.may_contain(b"drawing", b"pict")  # (any prefix; a false yes only costs time)
            self._text_boxes = self.package.may_contain(b"txbxContent")
            self.paragraphs: list[ParagraphInfo] = split_tabbed_closing(split_tabbed_header(self._read_body()))
            self.sections: list[SectionInfo] = [self._section(s) for s in self.package.sections]
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as error:
            # A value Word itself would refuse (w:sz="abc", a page size "NaN", a part missing …).
            raise VbgenError(_("is damaged: it holds values Word cannot read ({error}); open it in Word, let Word "
                               "repair it and save it again").format(
                                   error=f"{error.__class__.__name__}: {str(error)[:80]}"), file=str(self.path)) from None

    def paragraph_info(self, p, index: int, cell=None, section: int = 0, cell_border: Optional[bool] = None,
                       has_drawing: Optional[bool] = None, has_fields: Optional[bool] = None) -> ParagraphInfo:
        """``cell_border``: whether the table cell holding ``p`` draws a bottom border, ``has_drawing``:
        whether ``p`` holds a drawing, ``has_fields``: a complex field, when the caller knows (else they
        are looked for)."""
        style_id, values = self.resolver.paragraph_format(p, self._markup)
        runs = self.resolver.run_formats(visible_runs(p, has_fields), style_id, self._markup)
        if has_drawing is None:
            has_drawing = self._drawings and next(p.iter(_DRAWING, _PICT), None) is not None
        if cell is None:
            cell_border = False
        elif cell_border is None:
            cell_border = cell_bottom_border(p)
        # (by position: a paragraph is the checker's commonest object, and keywords cost twice the time)
        return ParagraphInfo(index, "".join([run.text for run in runs]), runs, *values, has_drawing, cell, p, None,
                             section, style_id, line_marks(p) if has_drawing else [], cell_border)

    def paragraph_lines(self, p, index: int, cell=None, cell_border: Optional[bool] = None,
                        has_drawing: Optional[bool] = None, has_fields: Optional[bool] = None) -> list[ParagraphInfo]:
        """A table-cell paragraph split at its line breaks (Shift+Enter): header and signature cells
        often hold "UBND TỈNH …" and "SỞ …", or a title and a name, as lines of one paragraph."""
        whole = self.paragraph_info(p, index, cell, cell_border=cell_border, has_drawing=has_drawing,
                                    has_fields=has_fields)
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
        texts: list[list] = [[]]
        for run in whole.runs:  # (each RunFormat keeps its w:r)
            for child in run.element:
                if child.tag == _T:
                    texts[-1].append(child)
                elif child.tag in _BREAKS:
                    texts.append([])
        return [replace(whole, index=index + i, text="".join(r.text for r in runs), runs=runs, line_texts=line)
                for i, (runs, line) in enumerate(zip(lines, texts))]

    def _read_body(self) -> list[ParagraphInfo]:
        """Body paragraphs in reading order: top-level paragraphs, the paragraphs of each table (nested
        tables inside the cell they sit in), and text boxes (each box a pseudo-table of its own, with a
        negative table number, right after the paragraph it is anchored in).

        (Methods, not nested functions: a recursive closure is a reference cycle that would keep every
        paragraph and the parsed parts alive until Python's next full garbage collection.)"""
        state = _BodyState(self._paragraphs_holding(_DRAWING, _PICT) if self._drawings else set(),
                           self._paragraphs_holding(_FLDCHAR))
        # the paragraphs that end a section (their w:pPr holds its w:sectPr)
        ends = {sect.getparent().getparent() for sect in self.package.body.iter(_SECT_PR)
                if sect.getparent().tag == _PPR}
        for child in block_items(self.package.body):
            if child.tag == _P:
                state.add(self.paragraph_info(child, state.index, has_drawing=child in state.drawn,
                                              has_fields=child in state.fielded))
                if self._text_boxes:
                    self._boxes(child, None, state)
                if child in ends:
                    state.section += 1  # this paragraph ends its section
            else:
                for row_number, row in enumerate(table_rows(child)):
                    for col_number, tc in enumerate(_cells(row)):
                        self._cell_paragraphs(tc, (state.table, row_number, col_number), state)
                state.table += 1
        return state.paragraphs

    def _paragraphs_holding(self, *tags: str) -> set:
        """The body's w:p elements holding an element of ``tags`` (looked for once, not per paragraph)."""
        found: set = set()
        for element in self.package.body.iter(*tags):
            ancestor = element.getparent()
            while ancestor is not None:
                if ancestor.tag == _P:
                    found.add(ancestor)
                ancestor = ancestor.getparent()
        return found

    def _boxes(self, p, cell, state: "_BodyState") -> None:
        inside = text_box_paragraphs(p) if next(p.iter(_TXBX), None) is not None else []
        for q in inside:
            state.add(self.paragraph_info(q, state.index, cell or (-1 - state.box, 0, 0), has_drawing=q in state.drawn,
                                          has_fields=q in state.fielded))
        if inside and cell is None:
            state.box += 1

    def _cell_paragraphs(self, container, cell, state: "_BodyState") -> None:
        border = None
        for item in block_items(container):
            if item.tag == _TBL:
                for row in table_rows(item):
                    for tc in _cells(row):
                        self._cell_paragraphs(tc, cell, state)
                continue
            if border is None:
                border = tc_bottom_border(container)
            lines = self.paragraph_lines(item, state.index, cell, border, item in state.drawn, item in state.fielded)
            for line in lines:
                state.add(line)
            if self._text_boxes:
                self._boxes(item, cell, state)

    def _section(self, sect) -> SectionInfo:
        pg_size = sect.find(qn("w:pgSz"))
        width = measure(pg_size.get(qn("w:w"), "11906")) if pg_size is not None else 11906
        height = measure(pg_size.get(qn("w:h"), "16838")) if pg_size is not None else 16838
        orient = (pg_size.get(qn("w:orient")) if pg_size is not None else None) or (
            "landscape" if width > height else "portrait")
        pg_mar = sect.find(qn("w:pgMar"))
        margins, header_mm = {}, None
        for side in ("top", "bottom", "left", "right"):
            value = pg_mar.get(qn(f"w:{side}")) if pg_mar is not None else None
            margins[side] = abs(measure(value)) / TWIPS_PER_MM if value is not None else 0.0
        if pg_mar is not None and pg_mar.get(qn("w:header")) is not None:
            header_mm = measure(pg_mar.get(qn("w:header"))) / TWIPS_PER_MM
        title_page = is_on(sect.find(qn("w:titlePg"))) or False
        return SectionInfo(width_mm=width / TWIPS_PER_MM, height_mm=height / TWIPS_PER_MM, orientation=orient,
                           margins_mm=margins, header_distance_mm=header_mm, title_page=title_page,
                           default_header=self.package.header_part(sect, "default"),
                           first_header=self.package.header_part(sect, "first"), element=sect,
                           default_footer=self.package.header_part(sect, "default", footer=True))

    @property
    def saved_pages(self) -> Optional[int]:
        """The page count Word wrote into docProps/app.xml when it last saved the file, or None. A file
        that was not laid out by a word processor (python-docx's template says 1 page, 0 words) has none."""
        import re

        blob = self.package.app_properties
        if blob is None:
            return None
        pages = re.search(rb"<(?:\w+:)?Pages>(\d+)</", blob)
        words = re.search(rb"<(?:\w+:)?Words>(\d+)</", blob)
        if pages and words and int(words.group(1)) > 0:
            return int(pages.group(1))
        return None

    def shown_header(self, section_index: int, first_page: bool = False):
        """The page header Word shows in section ``section_index``: its own, or (when "link to previous")
        the nearest earlier section's; None when no section up to it has one (a blank header)."""
        for j in range(section_index, -1, -1):  # SectionInfo holds each section's own headers (None: linked)
            header = self.sections[j].first_header if first_page else self.sections[j].default_header
            if header is not None:
                return header
        return None

    def header_paragraphs(self, header) -> list[ParagraphInfo]:
        """Paragraphs of a header or footer part (its w:hdr/w:ftr element; including those in its tables),
        with effective formatting (read once per part: several rules and sections share a header)."""
        if header is None:
            return []
        cache = self.__dict__.setdefault("_header_cache", {})
        if id(header) not in cache:
            cache[id(header)] = (header, [self.paragraph_info(p, i) for i, p in enumerate(header.iter(_P))])
        return cache[id(header)][1]


@functools.lru_cache(maxsize=8192)  # rules ask for the same paragraph's squeezed text many times
def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _cells(row) -> list:
    """The w:tc elements of a w:tr (by a slice: faster than lxml's findall)."""
    return [child for child in row[:] if child.tag == _TC]


def table_rows(table) -> list:
    """The rows (w:tr) of a w:tbl, through row-level content controls, not those of tables nested in its
    cells (each nested table is read inside its own cell, once)."""
    rows = []
    for row in table.iter(_TR):
        parent = row.getparent()
        while parent is not None and parent.tag != _TBL:
            parent = parent.getparent()
        if parent is table:
            rows.append(row)
    return rows


def has_page_field(paragraph: ParagraphInfo) -> bool:
    """Does the paragraph contain a PAGE field (complex ``w:instrText`` or ``w:fldSimple``)?"""
    p = paragraph.element
    codes = [t.text or "" for t in p.iter(qn("w:instrText"))]
    codes += [f.get(qn("w:instr")) or "" for f in p.iter(qn("w:fldSimple"))]
    return any(code.split() and code.split()[0].upper() == "PAGE" for code in codes)
