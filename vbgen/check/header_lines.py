"""Header rows typed as plain paragraphs with tabs, split into their left and right parts.

Many offices do not use the two-column header table of NĐ 30/2020 Phụ lục III: they type each row
of the header (ô 1–4 of Phụ lục I) as one paragraph and push the right column over with tabs:

    UBND TỈNH BẮC KẠN<tab>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    SỞ NỘI VỤ<tab>Độc lập - Tự do - Hạnh phúc
    Số: 05/KH-SNV<tab>Bắc Kạn, ngày 05 tháng 3 năm 2025

Each such row becomes two lines (left part, right part) so that the header rules see every component
(thành phần thể thức) on its own. A row is split only when a part after a tab is a right-column
component: the national title, the Tiêu ngữ or the place-and-date line. The place of each part is set
by tab stops, which the checker does not measure: the parts are taken as centred in their column.
"""
from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from .components import DATE_WORDS, HEADER_SCAN_LIMIT, NATIONAL_TITLES, PARTY_TITLE, normal
from ..wordtext import visible_runs
from .docx_reader import ParagraphInfo
from .properties import NS, qn

_TAB_STOPS = etree.XPath("./w:pPr/w:tabs/w:tab", namespaces=NS)

MOTTO_START = "ĐỘC LẬP"


def is_right_column(text: str) -> bool:
    """The national title (Quốc hiệu / ĐẢNG CỘNG SẢN VIỆT NAM), the Tiêu ngữ or the place-and-date line."""
    upper = normal(text).upper()
    return (upper in NATIONAL_TITLES or upper == PARTY_TITLE or "XÃ HỘI CHỦ NGHĨA VIỆT NAM" in upper
            or upper.startswith(MOTTO_START) or bool(DATE_WORDS.search(normal(text))))


def tab_segments(p: ParagraphInfo) -> list[tuple[list, list]]:
    """The paragraph's text cut at each run of tabs: [(runs, w:t elements)] with visible text only."""
    segments: list[tuple[list, list]] = [([], [])]
    for run, r in zip(p.runs, visible_runs(p.element)):
        for child in r:
            if child.tag == qn("w:t"):
                segments[-1][0].append(replace(run, text=child.text or ""))
                segments[-1][1].append(child)
            elif child.tag == qn("w:noBreakHyphen"):
                segments[-1][0].append(replace(run, text="-"))
            elif child.tag == qn("w:tab") and "".join(x.text for x in segments[-1][0]).strip():
                segments.append(([], []))
    return [s for s in segments if "".join(x.text for x in s[0]).strip()]


GAP = re.compile(r"[ \u00a0]{4,}")  # four spaces or more: a column gap typed with the space bar


def gap_segments(p: ParagraphInfo) -> list[tuple[list, list]]:
    """Like :func:`tab_segments`, also cutting at runs of four or more spaces. A w:t cut in two stays
    with the part where it starts (the part --fix may edit)."""
    segments: list[tuple[list, list]] = [([], [])]

    def has_text() -> bool:
        return bool("".join(x.text for x in segments[-1][0]).strip())

    for run, r in zip(p.runs, visible_runs(p.element)):
        for child in r:
            if child.tag == qn("w:t"):
                for number, piece in enumerate(GAP.split(child.text or "")):
                    if number and has_text():
                        segments.append(([], []))
                    segments[-1][0].append(replace(run, text=piece))
                    if number == 0:
                        segments[-1][1].append(child)
            elif child.tag == qn("w:noBreakHyphen"):
                segments[-1][0].append(replace(run, text="-"))
            elif child.tag == qn("w:tab") and has_text():
                segments.append(([], []))
    return [s for s in segments if "".join(x.text for x in s[0]).strip()]


def joined(p: ParagraphInfo, segments: list[tuple[list, list]]) -> ParagraphInfo:
    runs, texts = [], []
    for number, (seg_runs, seg_texts) in enumerate(segments):
        if number:
            runs.append(replace(seg_runs[0], text="\t"))
        runs += seg_runs
        texts += seg_texts
    return replace(p, text="".join(run.text for run in runs), runs=runs, line_texts=texts, alignment="center")


def split_row(p: ParagraphInfo) -> list[ParagraphInfo]:
    """[left part, right part] of a tabbed header row, or [p] when it is not one."""
    segments = tab_segments(p)
    if len(segments) < 2:
        return [p]
    texts = ["".join(run.text for run in runs) for runs, _ in segments]
    right = next((i for i in range(1, len(texts)) if is_right_column(texts[i])), None)
    if right is None:
        return [p]
    return [joined(p, segments[:right]), joined(p, segments[right:])]


def _part(p: ParagraphInfo, segments: list[tuple[list, list]], cell: tuple, alignment: str) -> ParagraphInfo:
    # Pushed over with spaces or the default tab stops (no tab stop of its own): by hand, a [U] warning.
    by_hand = alignment == "center" and p.element is not None and not _TAB_STOPS(p.element)
    return replace(joined(p, segments), cell=cell, alignment=alignment, placed_by_tabs=by_hand)


def split_tabbed_closing(paragraphs: list[ParagraphInfo]) -> list[ParagraphInfo]:
    """The Nơi nhận and signature typed side by side with tabs (or runs of spaces), read as the two-column
    table they imitate:

        Nơi nhận:<tab><tab>KT. GIÁM ĐỐC
        - Như trên;<tab><tab>PHÓ GIÁM ĐỐC
        - Lưu: VT, TH.
        <tab><tab>Nguyễn Văn A

    From a "Nơi nhận" line that holds a tab and more text, each line becomes a row of a pseudo-table
    (a negative table number): the part before the tabs in column 0, the part after in column 1 (a line
    starting with tabs or spaces has only the right part). The block ends at the first line that is
    none of these, or after 8 empty lines in a row."""
    from .components import APPENDIX, RECIPIENTS_LABEL, is_upper

    def beside_signature(p: ParagraphInfo) -> bool:  # "Nơi nhận:<gap>KT. GIÁM ĐỐC", not "Nơi nhận:<tab>- …"
        segments = gap_segments(p)
        return len(segments) > 1 and is_upper("".join(run.text for run in segments[1][0]))

    start = next((i for i, p in enumerate(paragraphs) if p.cell is None and RECIPIENTS_LABEL.match(p.stripped)
                  and beside_signature(p)), None)
    if start is None:
        return paragraphs
    table = -1000
    out = paragraphs[:start]
    empty = 0
    position = start
    for position in range(start, len(paragraphs)):
        p = paragraphs[position]
        row = position - start
        if p.cell is not None or (APPENDIX.match(p.stripped) and position > start):
            break
        if not p.stripped:
            empty += 1
            if empty > 8:
                break
            out.append(replace(p, cell=(table, row, 1)))
            continue
        empty = 0
        segments = gap_segments(p)
        leading = p.text[:len(p.text) - len(p.text.lstrip(" \t\u00a0"))]
        if len(segments) > 1:
            out.append(_part(p, segments[:1], (table, row, 0), "left"))
            out.append(_part(p, segments[1:], (table, row, 1), "center"))
        elif "\t" in leading or len(leading) >= 4:
            out.append(_part(p, segments, (table, row, 1), "center"))
        elif p.stripped.startswith("-") or position == start:
            out.append(replace(p, cell=(table, row, 0)))
        else:
            break
    else:
        position = len(paragraphs)
    out += paragraphs[position:]
    return [replace(p, index=i) for i, p in enumerate(out)]


def split_tabbed_header(paragraphs: list[ParagraphInfo]) -> list[ParagraphInfo]:
    """``paragraphs`` with the tabbed header rows (outside tables, in the header area) split in two;
    ``index`` stays the position in the list."""
    out: list[ParagraphInfo] = []
    changed = False
    for position, p in enumerate(paragraphs):
        if p.cell is None and position < HEADER_SCAN_LIMIT and "\t" in p.text:
            pieces = split_row(p)
            changed = changed or len(pieces) > 1
            out += pieces
        else:
            out.append(p)
    return [replace(p, index=i) for i, p in enumerate(out)] if changed else out
