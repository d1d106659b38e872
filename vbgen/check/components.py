"""Find the parts (thành phần thể thức) of an official document made by anyone.

Documents come from many hands: the header may be a two-column table (as in NĐ 30/2020
Phụ lục III) or plain paragraphs, the signature may sit in a table beside "Nơi nhận" or not.
Parts are found by their text (the Quốc hiệu, "Số", "ngày … tháng … năm", "Nơi nhận", signing
prefixes) and their position relative to each other; nothing here depends on vbgen's own output.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from .docx_reader import ParagraphInfo

HEADER_SCAN_LIMIT = 60  # the header and title sit in the first paragraphs of page 1

NATIONAL_TITLES = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
NUMBER_START = re.compile(r"^Số\s*(:|\d|\s|\.|…|$)")
DATE_WORDS = re.compile(r"^[^,\d]{2,60},\s*ngày\b.*\btháng\b.*\bnăm\b")
HEADER_WORDS = 14  # header lines are short; a longer paragraph is running text
RECIPIENTS_LABEL = re.compile(r"^Nơi\s+nhận\b", re.IGNORECASE)
ADDRESSEES_LABEL = re.compile(r"^(Đồng\s+)?[Kk]ính\s+(gửi|trình)\b")
SIGNING_PREFIX = re.compile(r"^(TM|KT|TL|TUQ|T/M|K/T|T/L|T/UQ|Q\.)(?=[.\s]|$)")
HEADING = re.compile(r"^(Phần\s+[IVXLC\d]|Chương\s|Mục\s+\d|Điều\s+\d|[IVXLC]+\s*[.\-–]\s|\d+(\.\d+)*\.\s|[a-zđ]\)\s)")
APPENDIX = re.compile(r"^Phụ\s+lục\b", re.IGNORECASE)
APPENDIX_LABEL = re.compile(r"^Phụ\s+lục(\s+(số\s+)?[IVXLC\d]+)?\s*[.:]?$", re.IGNORECASE)  # "Phụ lục I"
APPENDIX_REFERENCE = re.compile(r"^\(\s*Kèm\s+theo\b", re.IGNORECASE)                      # "(Kèm theo …)"
RULE_LINE = re.compile(r"^[\s_\-–—=*.…]*$")
SUMMARY_MAX_PARAGRAPHS = 4   # a trích yếu longer than this is body text read wrongly
SUMMARY_MAX_WORDS = 100  # one trích yếu paragraph is at most a few lines


def normal(text: str) -> str:
    """NFC, single spaces, trimmed: the form text patterns are matched against."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c == c.upper() for c in letters)


def is_rule_line(paragraph: ParagraphInfo) -> bool:
    """An empty paragraph, or one holding only a drawn line, underscores, dashes or ``*``."""
    return bool(RULE_LINE.match(paragraph.text))


@dataclass
class AppendixHeading:
    """The heading of one phụ lục (after the signature): the "Phụ lục I" line, the title lines
    (tên phụ lục) and the "(Kèm theo …)" line, when there is one."""

    label: ParagraphInfo
    title: list[ParagraphInfo] = field(default_factory=list)
    reference: Optional[ParagraphInfo] = None


@dataclass
class Components:
    """Where each part of the document is (lists keep document order)."""

    national_title: Optional[ParagraphInfo] = None       # Quốc hiệu / ĐẢNG CỘNG SẢN VIỆT NAM
    motto: Optional[ParagraphInfo] = None                # Tiêu ngữ
    issuer_parent: list[ParagraphInfo] = field(default_factory=list)  # cơ quan chủ quản / cấp trên
    issuer: list[ParagraphInfo] = field(default_factory=list)         # cơ quan ban hành
    issuer_mark: Optional[ParagraphInfo] = None          # the "*" under a Party issuer
    number: Optional[ParagraphInfo] = None               # Số, ký hiệu
    date: Optional[ParagraphInfo] = None                 # địa danh, ngày tháng năm
    type_name: Optional[ParagraphInfo] = None            # tên loại
    summary: list[ParagraphInfo] = field(default_factory=list)        # trích yếu
    addressees: list[ParagraphInfo] = field(default_factory=list)     # Kính gửi
    body: list[ParagraphInfo] = field(default_factory=list)           # nội dung (top level, not tables)
    recipients_label: Optional[ParagraphInfo] = None     # "Nơi nhận:"
    recipients: list[ParagraphInfo] = field(default_factory=list)     # its lines, Lưu line included
    signature: list[ParagraphInfo] = field(default_factory=list)      # quyền hạn, chức vụ, họ tên
    cv_summary: list[ParagraphInfo] = field(default_factory=list)     # "V/v …" of a công văn (ô 5b)
    header_end: int = 0                                  # index of the first paragraph after the header
    appendices: list[AppendixHeading] = field(default_factory=list)   # phụ lục after the signature

    @property
    def archive(self) -> Optional[ParagraphInfo]:
        """The "- Lưu …" line of Nơi nhận (the last one if several)."""
        found = [p for p in self.recipients if re.match(r"^-?\s*Lưu\b", p.stripped)]
        return found[-1] if found else None

    @property
    def authority(self) -> list[ParagraphInfo]:
        """Signature lines with a signing prefix (TM., KT., T/M …)."""
        return [p for p in self.signature if SIGNING_PREFIX.match(p.stripped)]

    @property
    def signer_title(self) -> list[ParagraphInfo]:
        """Upper-case signature lines without a prefix (chức vụ)."""
        return [p for p in self.signature if is_upper(p.stripped) and not SIGNING_PREFIX.match(p.stripped)]

    @property
    def signer_name(self) -> Optional[ParagraphInfo]:
        last = [p for p in self.signature if not is_upper(p.stripped)]
        return last[-1] if last else None


def find_components(paragraphs: list[ParagraphInfo], type_names: tuple[str, ...] = (),
                    summary_max: int = SUMMARY_MAX_PARAGRAPHS) -> Components:
    """Locate the parts of the document in ``paragraphs`` (reading order)."""
    found = Components()
    head = paragraphs[:HEADER_SCAN_LIMIT]
    for p in head:
        text = normal(p.text).upper()
        if text in NATIONAL_TITLES or text == PARTY_TITLE:
            found.national_title = p
            break
    if found.national_title is None:
        for p in head:
            text = normal(p.text).upper()
            if len(text.split()) > HEADER_WORDS:
                continue
            if "XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text or PARTY_TITLE in text:
                found.national_title = p
                break
    if found.national_title is not None:
        after = [p for p in head if p.index > found.national_title.index and p.stripped]
        for p in after[:3]:
            if "ĐỘC LẬP" in normal(p.text).upper():
                found.motto = p
                break
    for p in head:
        if NUMBER_START.match(p.stripped) and ("/" in p.text or "-" in p.text) \
                and len(p.stripped.split()) <= HEADER_WORDS // 2:
            found.number = p
            break
    for p in head:
        if DATE_WORDS.search(normal(p.text)) and len(p.stripped.split()) <= HEADER_WORDS \
                and (found.number is None or p is not found.number):
            found.date = p
            break
    _find_issuer(paragraphs, found)
    header_parts = [p for p in (found.national_title, found.motto, found.number, found.date) if p is not None]
    header_parts += found.issuer + found.issuer_parent
    last = max(header_parts, key=lambda p: p.index, default=None)
    header_end = last.index + 1 if last is not None else 0
    # The header table ends where its last cell ends.
    while last is not None and last.cell is not None and header_end < len(paragraphs) \
            and paragraphs[header_end].cell is not None and paragraphs[header_end].cell[0] == last.cell[0]:
        header_end += 1
    found.header_end = header_end
    _find_title(paragraphs, found, type_names, summary_max)
    from .closing import find_closing  # (closing reads the patterns and Components defined here)

    find_closing(paragraphs, found)
    _find_appendices(paragraphs, found)
    return found


def _find_appendices(paragraphs: list[ParagraphInfo], found: Components) -> None:
    """Phụ lục headings after the signature and Nơi nhận: a short "Phụ lục …" line outside tables, the
    centred title lines under it and the "(Kèm theo …)" line (the title is its first line when there
    is no such line)."""
    closing = found.signature + found.recipients + ([found.recipients_label] if found.recipients_label else [])
    if not closing:
        return
    start = max(p.index for p in closing) + 1
    for p in paragraphs[start:]:
        if p.cell is not None or not APPENDIX_LABEL.match(p.stripped):
            continue
        following: list[ParagraphInfo] = []
        for q in paragraphs[p.index + 1:]:
            if q.cell is not None or APPENDIX_LABEL.match(q.stripped):
                break
            if not q.stripped:
                continue
            if is_rule_line(q):
                break
            following.append(q)
            if APPENDIX_REFERENCE.match(q.stripped) or len(following) == 4:
                break
        reference = following[-1] if following and APPENDIX_REFERENCE.match(following[-1].stripped) else None
        title = following[:-1] if reference is not None else following[:1]
        found.appendices.append(AppendixHeading(label=p, reference=reference,
                                                title=[q for q in title if q.alignment == "center"]))


def _find_issuer(paragraphs: list[ParagraphInfo], found: Components) -> None:
    """Cơ quan chủ quản + ban hành: the lines above "Số" (same cell when the header is a table)."""
    number = found.number
    if number is None:
        return
    taken = {id(p) for p in (found.national_title, found.motto, found.date) if p is not None}
    if number.cell is not None:  # same table, same column (the header may use one row or two)
        lines = [p for p in paragraphs if p.cell is not None and p.cell[0] == number.cell[0]
                 and p.cell[2] == number.cell[2] and p.index < number.index]
    else:
        lines = [p for p in paragraphs[:number.index]]
    lines = [p for p in lines if id(p) not in taken]
    marks = [p for p in lines if p.stripped == "*"]
    if marks:
        found.issuer_mark = marks[-1]
    names = [p for p in lines if not is_rule_line(p) and is_upper(p.stripped)]
    if number.cell is None:  # plain paragraphs: keep only the block right above "Số"
        block = []
        for p in reversed(lines):
            if p in names:
                block.insert(0, p)
            elif block and not is_rule_line(p):
                break
        names = block
    if not names:
        return
    split = len(names)
    while split > 0 and all(run.bold for run in names[split - 1].text_runs):
        split -= 1
    if split == len(names):  # nothing bold: the last line is the issuer
        split = len(names) - 1
    found.issuer_parent, found.issuer = names[:split], names[split:]


CV_SUMMARY = re.compile(r"^V\s*/\s*v\b", re.IGNORECASE)  # "V/v …": the trích yếu of a công văn


def looks_centred(p: ParagraphInfo) -> bool:
    """Centred as a person sees it: by its (effective) alignment, or pushed over with spaces or tabs."""
    return p.alignment == "center" or p.manual_alignment


def body_like(p: ParagraphInfo) -> bool:
    """A paragraph a reader takes for running text or a heading of the body, not a title line."""
    text = p.stripped
    return (bool(HEADING.match(text)) or len(text.split()) > SUMMARY_MAX_WORDS or p.alignment == "both"
            or p.first_line_cm > 0.3 or text.endswith((":", "./.")))


def _is_type_name(p: ParagraphInfo, known: set[str]) -> bool:
    text = normal(p.text)
    if text.upper().replace("HOÀ", "HÒA") in known:
        return True
    return (is_upper(text) and len(text.split()) <= 6 and p.alignment == "center"
            and not HEADING.match(text) and not SIGNING_PREFIX.match(text))


def _find_title(paragraphs: list[ParagraphInfo], found: Components, type_names: tuple[str, ...],
                summary_max: int = SUMMARY_MAX_PARAGRAPHS) -> None:
    """Tên loại (upper-case, first after the header) and the trích yếu under it: the lines that follow
    it and look like it (centred when the tên loại is), up to the first empty, ruled or body-like
    paragraph and never more than ``summary_max`` paragraphs. Without a tên loại, a "V/v …" line
    under the Số line is the trích yếu of a công văn."""
    known = {normal(name).upper().replace("HOÀ", "HÒA") for name in type_names if name}
    start = found.header_end
    for p in paragraphs[start:start + 15]:
        if p.cell is not None or not p.stripped:
            continue
        if _is_type_name(p, known):
            found.type_name = p
        break
    if found.type_name is None:
        _find_cv_summary(paragraphs, found)
        return
    centred = looks_centred(found.type_name)
    for p in paragraphs[found.type_name.index + 1:]:
        if len(found.summary) >= summary_max or p.cell is not None or is_rule_line(p) \
                or ADDRESSEES_LABEL.match(p.stripped) or p.stripped.startswith("Căn cứ") \
                or RECIPIENTS_LABEL.match(p.stripped) or SIGNING_PREFIX.match(p.stripped):
            break
        if (centred and not looks_centred(p)) or body_like(p):
            break
        found.summary.append(p)


def _find_cv_summary(paragraphs: list[ParagraphInfo], found: Components) -> None:
    """The "V/v …" lines of a công văn: under the Số line (same cell, or the next paragraphs)."""
    number = found.number
    if number is None:
        return
    for p in paragraphs[number.index + 1:number.index + 4]:
        if CV_SUMMARY.match(p.stripped) and (number.cell is None or (p.cell is not None and p.cell[0] == number.cell[0]
                                                                      and p.cell[2] == number.cell[2])):
            found.cv_summary = [p]
            for q in paragraphs[p.index + 1:p.index + 4]:
                if not q.stripped or q.cell != p.cell or (q.cell is None and not looks_centred(q)) or body_like(q):
                    break
                found.cv_summary.append(q)
            return
