"""The header (cơ quan ban hành, số và ký hiệu, địa danh và ngày), tên loại, trích yếu and opening."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..i18n import _
from .cleanup import MARKERS, is_noise, tidy_reference
from .patterns import PATTERNS, starts_with_any
from .sources import Line


@dataclass
class Header:
    """What the header says; ``guesses`` maps a field to the reason it was guessed."""

    issuer_name: str | None = None
    issuer_parent: str | None = None
    number: int | None = None
    number_text: str | None = None
    symbol: str | None = None
    party_number: bool = False
    party_national: bool = False
    place: str | None = None
    date: dt.date | None = None
    year: int | None = None
    guesses: dict[str, str] = field(default_factory=dict)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def _is_national(text: str) -> bool:
    probe = _squash(text)
    return any(probe == _squash(n) for n in PATTERNS["national"] + PATTERNS["party_national"])


def is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


_NUMBER = re.compile(r"^Số\s*:?\s*(.*)$", re.IGNORECASE)
_GAP = r"[\s._…\-]*"  # blanks left for the day and month of a draft: spaces, dots, "…", "___"
_DATE = re.compile(rf"^(?P<place>[^,]*?)\s*,\s*ngày{_GAP}(?P<day>\d{{1,2}})?{_GAP}tháng{_GAP}(?P<month>\d{{1,2}})?"
                   rf"{_GAP}năm{_GAP}(?P<year>\d{{4}})", re.IGNORECASE)


def parse_number(text: str) -> tuple[int | None, str | None, str | None, bool]:
    """'Số: 21/KH-UBND' → (21, '21', 'KH-UBND', False); 'Số 04- ĐA/TU' → (4, '04', 'ĐA/TU', True)."""
    m = _NUMBER.match(text.strip())
    if not m:
        return None, None, None, False
    rest = tidy_reference(m.group(1))
    num = re.match(r"^(\d+)\s*([/\-])\s*(.*)$", rest)
    if num:
        digits, sep, symbol = num.groups()
        return int(digits), digits, symbol or None, sep == "-"
    blank = re.match(r"^[\s._…]*([/\-])\s*(.+)$", rest)
    if blank:
        return None, None, blank.group(2), blank.group(1) == "-"
    return None, None, rest or None, False


def parse_date(text: str) -> tuple[str | None, dt.date | None, int | None]:
    """'Bắc Kạn, ngày 16 tháng 01 năm 2025' → ('Bắc Kạn', date(2025, 1, 16), 2025)."""
    m = _DATE.search(" ".join(text.split()))
    if not m:
        return None, None, None
    place = m.group("place").strip(" .-*") or None
    year = int(m.group("year"))
    date = None
    if m.group("day") and m.group("month"):
        try:
            date = dt.date(year, int(m.group("month")), int(m.group("day")))
        except ValueError:
            date = None
    return place, date, year


def split_issuer(lines: list[Line]) -> tuple[str | None, str | None, bool]:
    """(name, parent, guessed): the bold lines are the issuer (docx); else the last line that
    starts like a body's name ("ỦY BAN NHÂN DÂN", "SỞ …", "BAN …") starts it."""
    if not lines:
        return None, None, False
    texts = [line.text for line in lines]
    bolds = [line.bold for line in lines]
    if any(bolds) and not all(bolds):
        first_bold = bolds.index(True)
        name = "\n".join(t for t, b in zip(texts, bolds) if b)
        parent = " ".join(texts[:first_bold]) or None
        return name, parent, False
    heads = PATTERNS["issuer_heads"]
    starts = [i for i, t in enumerate(texts) if starts_with_any(t.upper() + " ", heads)]
    cut = starts[-1] if starts else 0
    if cut and texts[cut - 1].upper().endswith(("CỦA", "VÀ", ",")):
        cut = 0
    name = "\n".join(texts[cut:])
    parent = " ".join(texts[:cut]) or None
    return name, parent, bool(parent) or len(texts) > 2


def parse_header(lines: list[Line]) -> Header:
    """Read the lines above the tên loại."""
    header = Header()
    kept = [line for line in lines if not is_noise(line.text) and line.cells is None]
    for i in range(len(kept) - 1):  # "Số" alone, its number and ký hiệu on the next line
        if re.fullmatch(r"Số\s*:?", kept[i].text.strip()):
            kept[i] = Line(f"{kept[i].text.strip()} {kept[i + 1].text.strip()}", kept[i].number)
            kept[i + 1] = Line("", kept[i + 1].number)
    kept = [line for line in kept if line.text.strip()]
    issuer_lines: list[Line] = []
    date_text = ""
    for i, line in enumerate(kept):
        text = line.text
        if _squash(text) in {_squash(n) for n in PATTERNS["party_national"]}:
            header.party_national = True
            continue
        if _is_national(text):
            continue
        if _NUMBER.match(text) and (re.search(r"[/\-]", text) or re.search(r"\d", text)):
            header.number, header.number_text, symbol, header.party_number = parse_number(text)
            header.symbol = symbol
            continue
        if re.search(r"\bngày\b|\btháng\b|\bnăm\b", text, re.IGNORECASE) and not is_caps(text):
            date_text += " " + text
            continue
        if date_text and not is_caps(text):
            date_text += " " + text
            continue
        if is_caps(text) and not date_text:
            issuer_lines.append(line)
    header.place, header.date, header.year = parse_date(date_text)
    name, parent, guessed = split_issuer(issuer_lines)
    header.issuer_name, header.issuer_parent = name, parent
    if guessed and parent:
        header.guesses["issuer"] = str(_("guessed which header lines are the cơ quan chủ quản (parent) and which "
                                         "the issuing body (name); check both"))
    return header


# ---------------------------------------------------------------- tên loại, trích yếu, opening

def find_type_name(text: str) -> str | None:
    """The tên loại (a key of ``type_names``, e.g. "QUYẾT ĐỊNH") that ``text`` is, written in capitals."""
    bare = " ".join(text.split()).strip(" *:")
    if is_caps(bare) and bare.upper() in PATTERNS["type_names"]:
        return bare.upper()
    return None


def find_type_line(lines: list[Line]) -> tuple[int, str] | None:
    """Index and plan type of the tên loại line ("KẾ HOẠCH").

    Raises :class:`NotAPlan` when the source is another kind of document (its tên loại, a "V/v" line
    of a công văn, or the ký hiệu says so)."""
    types = PATTERNS["types"]
    subject = None
    for i, line in enumerate(lines):
        if line.cells is not None:
            continue
        if subject is None and line.text.strip().startswith(PATTERNS["subject_label"]):
            subject = i
        name = find_type_name(line.text)
        if name:
            if subject is not None and subject < i and name not in types:
                raise NotAPlan("Công văn", _describe(lines, subject))
            if name not in types:
                raise NotAPlan(PATTERNS["type_names"][name], _describe(lines, i + 1))
            return i, types[name]
    for i, line in enumerate(lines):  # "KẾ HOẠCH THỰC HIỆN …" on one line: split it
        bare = " ".join(line.text.split()).strip(" *:")
        head = next((t for t in types if bare.startswith(t + " ")), None)
        if head and is_caps(bare) and line.cells is None:
            lines[i:i + 1] = [Line(head, line.number, bold=line.bold),
                              Line(bare[len(head):].strip(), line.number, bold=line.bold)]
            return i, types[head]
    if subject is not None:
        raise NotAPlan("Công văn", _describe(lines, subject))
    for line in lines[:40]:
        number = _NUMBER.match(line.text.strip())
        kind = re.search(r"/([^\W\d_]+)[-/]", number.group(1)) if number else None
        if kind and kind.group(1) in PATTERNS["type_abbreviations"] and kind.group(1) != "KH":
            raise NotAPlan(PATTERNS["type_abbreviations"][kind.group(1)], _describe(lines, None))
    return None


class NotAPlan(Exception):
    """The source is a document of another kind (``kind``, e.g. "Quyết định"); ``detail`` identifies it."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(kind)
        self.kind, self.detail = kind, detail


def _describe(lines: list[Line], title_at: int | None) -> str:
    """"Số: 1424/QĐ-UBND, “Phê duyệt Điều lệ …”": what identifies the source in a message."""
    parts = []
    number = next((" ".join(l.text.split()) for l in lines[:40] if _NUMBER.match(l.text.strip())
                   and re.search(r"[/\-]", l.text)), None)
    if number:
        parts.append(number)
    if title_at is not None:
        title = next((" ".join(l.text.split()) for l in lines[title_at:title_at + 3]
                      if l.cells is None and l.text.strip()), "")
        if title:
            parts.append("“" + (title if len(title) <= 70 else title[:67].rstrip() + "…") + "”")
    return ", ".join(parts)


def take_title(lines: list[Line], hard_wrapped: bool) -> tuple[str, int]:
    """The trích yếu lines after the tên loại; returns (title, lines used)."""
    title: list[str] = []
    mode = None
    used = 0
    for i, line in enumerate(lines):
        text = line.text
        if line.cells is not None:
            break
        if not text:
            used = i + 1
            if title and not hard_wrapped and mode != "bold":
                break
            continue
        if is_noise(text):
            used = i + 1
            if title:
                break
            continue
        if _marker(text):  # "I. MỤC ĐÍCH", "1. …": the body has begun, whatever the title's look
            break
        if mode is None:
            mode = "caps" if is_caps(text) else "bold" if line.bold else "plain"
        elif mode == "caps" and not is_caps(text):
            break
        elif mode == "bold" and not line.bold:
            break
        elif mode == "plain" and starts_with_any(text, PATTERNS["opening_starts"]):
            break
        title.append(text)
        used = i + 1
    return " ".join(" ".join(title).split()), used


def _marker(text: str) -> bool:
    return bool(MARKERS["roman"].match(text) or MARKERS["number"].match(text))


def split_opening(paragraphs: list[str]) -> tuple[list[str], list[str], list[str], list[str]]:
    """Opening paragraphs → (basis, opening, addressees, co_addressees).

    Every căn cứ line ("Căn cứ …" ending ";" or ".") is basis, wherever it stands in the opening; a
    "Kính gửi:" line gives the addressees; everything else stays opening text, in order. A sentence that
    starts "Căn cứ …" but goes on to say what the plan does ("…, UBND tỉnh ban hành Kế hoạch … như sau:")
    is opening text.
    """
    basis, opening, addressees, co_addressees = [], [], [], []
    for text in paragraphs:
        lowered = text.casefold()
        if lowered.startswith(PATTERNS["co_addressee_label"].casefold()):
            co_addressees.extend(_addressee_list(text))
        elif lowered.startswith(PATTERNS["addressee_label"].casefold()):
            addressees.extend(_addressee_list(text))
        elif starts_with_any(text, PATTERNS["basis_starts"]) and not text.rstrip().endswith(":"):
            basis.append(text)
        else:
            opening.append(text)
    return basis, opening, addressees, co_addressees


def _addressee_list(text: str) -> list[str]:
    rest = text.split(":", 1)[1] if ":" in text else ""
    parts = [p.strip(" ;.-") for p in re.split(r"\s+-\s+|;", rest)]
    return [p for p in parts if p]


def sentence_case(caps: str, corpus: str) -> str:
    """Write an upper-case phrase in ordinary case, spelled as the document's own text spells
    it: "THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG …" → "Thực hiện Quyết định số 1899/QĐ-TTg …".

    The longest run of words found (ignoring case) in ``corpus`` gives its spelling, preferring
    an occurrence inside a sentence; words found nowhere are written in lower case."""
    words = caps.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            spelled = _spelling(words[i:j], corpus)
            if spelled:
                out.append(spelled)
                i = j
                break
        else:
            out.append(words[i].lower())
            i += 1
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def _spelling(words: list[str], corpus: str) -> str | None:
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    inside, first = [], []
    for m in re.finditer(pattern, corpus, re.IGNORECASE):
        found = " ".join(m.group(0).split())
        if is_caps(found) and any(ch.isalpha() for ch in found):
            continue
        before = corpus[:m.start()].rstrip()
        (first if not before or before[-1] in ".:;!?)\n-" else inside).append(found)
    if inside:
        return max(set(inside), key=inside.count)
    if first and len(words) > 1:
        found = first[0]
        proper = all(w[:1].isupper() for w in found.split())  # "Nghệ An": a name keeps its capitals
        return found if proper else found[:1].lower() + found[1:]
    return None
