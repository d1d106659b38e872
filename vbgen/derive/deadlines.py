"""Report deadlines (thời hạn báo cáo): the unit asks for its own reports earlier than the parent does.

In a sentence about reports ("báo cáo"), a deadline with an exact date ("trước ngày 25/5/2025",
"chậm nhất ngày 25 tháng 5 năm 2025") moves earlier by the lead time. Periods written as words
("hàng năm", "quý II/2025", "tháng 12/2025", "6 tháng đầu năm") are not dates and stay as written.
The words that open a deadline and mark a report are data (``vbgen/glossaries/derivation.yaml``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..vnformat import day_text, month_text, short_date
from .glossary import derivation_data, sentence_at


@dataclass
class MovedDeadline:
    """One deadline moved: the text before and after, the parent's full phrase, and the sentence."""

    before: str
    after: str
    phrase: str
    sentence: str


def _deadline_regex() -> re.Pattern:
    words = sorted(derivation_data()["deadline_words"], key=len, reverse=True)
    return re.compile(
        r"(?<!\w)(?P<lead>%s)\s+(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
        r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))"
        r"(?P<qualifier>\s+đối với\s[^,;.)]+)?" % "|".join(re.escape(w) for w in words),
        re.IGNORECASE)


def _is_report(sentence: str) -> bool:
    lowered = sentence.lower()
    return any(word.lower() in lowered for word in derivation_data()["report_words"])


def is_report(text: str) -> bool:
    """True when ``text`` speaks of a report (báo cáo)."""
    return bool(text) and _is_report(text)


def move_deadlines(text: str, days: int, report: bool = False) -> tuple[str, list[MovedDeadline]]:
    """``text`` with report deadlines ``days`` earlier, and what moved.

    A deadline moves when its sentence speaks of a report, or always when ``report`` is true (a
    deadline field of a task that is a report).
    """
    if not text or days <= 0:
        return text, []
    moved: list[MovedDeadline] = []
    pieces, last = [], 0
    for m in _deadline_regex().finditer(text):
        if not report and not _is_report(sentence_at(text, m.start())):
            continue
        long_form = m.group("d") is None
        day, month, year = (int(m.group(k)) for k in (("d2", "m2", "y2") if long_form else ("d", "m", "y")))
        try:
            new_date = dt.date(year, month, day) - dt.timedelta(days=days)
        except ValueError:  # not a real date (31/2): leave it for the clerk
            continue
        date_text = (f"{day_text(new_date.day)} tháng {month_text(new_date.month)} năm {new_date.year}"
                     if long_form else short_date(new_date))
        start, end = m.start(), (m.start("qualifier") if m.group("qualifier") else m.end())
        new = f"{m.group('lead')} {date_text}"
        pieces += [text[last:start], new]
        last = end
        moved.append(MovedDeadline(before=text[start:end], after=new,
                                   phrase=m.group().strip(), sentence=str(start)))
    if not moved:
        return text, []
    pieces.append(text[last:])
    result = "".join(pieces)
    offset = 0
    for item in moved:  # sentence in the new text
        pos = int(item.sentence) + offset
        item.sentence = sentence_at(result, pos)
        offset += len(item.after) - len(item.before)
    return result, moved
