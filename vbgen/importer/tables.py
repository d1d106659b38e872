"""Task tables (bảng nhiệm vụ): STT / nội dung / chủ trì / phối hợp / thời gian … → table rows.

The same reading serves a table inside the body (a ``table`` node, see :mod:`.body`) and a phụ lục
after the signature (an appendix, :func:`parse_appendix`)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..i18n import _
from .cleanup import MARKERS, is_noise, marker_of
from .header import is_caps
from .patterns import PATTERNS, starts_with_any
from .sources import Line


@dataclass
class TableData:
    """An appendix as plain data (the keys of vbgen.model.Appendix) plus importer notes."""

    title: str = ""
    reference: str | None = None
    columns: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extra_text: list[str] = field(default_factory=list)
    landscape: bool | None = None


def column_key(heading: str, taken: set[str]) -> str | None:
    """The appendix column a heading names ("Cơ quan chủ trì" → "lead")."""
    probe = heading.casefold()
    if probe.strip(" .") in [s.casefold() for s in PATTERNS["columns"]["stt"]]:
        return "stt"
    for key in ("content", "lead", "deadline", "result", "note", "support"):
        if key in taken:
            continue
        if any(word.casefold() in probe for word in PATTERNS["columns"][key]):
            return key
    return None


_ROMAN = re.compile(r"^(X{0,3}(?:IX|IV|V?I{1,3}|V|X))\s*[.\-]?$")


def read_table(rows: list[list[str]]) -> TableData:
    """Rows of cells (the first a heading row) → columns, labels and group/task rows."""
    table = TableData()
    if not rows:
        return table
    head, *body = rows
    keys: list[str | None] = []
    taken: set[str] = set()
    for heading in head:
        key = column_key(heading, taken)
        if key is None:
            for spare in ("note", "result", "support"):
                if spare not in taken:
                    key = spare
                    table.notes.append(_("column '{heading}' read as '{key}'").format(heading=heading, key=spare))
                    break
        if key:
            taken.add(key)
        elif heading.strip():
            table.notes.append(_("column '{heading}' has no column of its own here; its cells are added to "
                                 "'note'").format(heading=heading.strip()))
        keys.append(key)
    if "content" not in taken and len(keys) > 1:
        keys[1] = "content"
        taken.add("content")
    table.columns = [k for k in keys if k]
    for key, heading in zip(keys, head):
        if key and heading and heading.strip():
            table.labels[key] = heading.strip()
    group: dict | None = None
    for cells in body:
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        values = {k: v for k, v in zip(keys, cells) if k and v}
        first = cells[0]
        others = [c for c in cells[1:] if c]
        group_title = None
        if _ROMAN.match(first) and len(others) == 1:
            group_title = others[0]
        elif len(cells) == 1 or (not first and len(others) == 1 and len(cells) > 2 and not values.get("lead")):
            one = first or others[0]
            m = MARKERS["roman"].match(one)
            if m or is_caps(one):
                group_title = one[m.end():] if m else one
        if group_title is not None:
            group = {"group": group_title, "rows": []}
            table.rows.append(group)
            continue
        row = {k: v for k, v in values.items() if k != "stt"}
        if "content" not in row:
            row["content"] = " ".join(others) or first
        spare = [(head[i].strip() if i < len(head) else "", cell) for i, cell in enumerate(cells)
                 if cell and (i >= len(keys) or keys[i] is None)]
        if spare:  # cells of columns with no place of their own: kept in the note, never dropped
            own = [row["note"]] if "note" in row else []
            row["note"] = "; ".join(own + [f"{h}: {c}" if h else c for h, c in spare])
        (group["rows"] if group else table.rows).append(row)
    if "note" not in table.columns and any("note" in r for g in table.rows for r in [g, *g.get("rows", [])]):
        table.columns.append("note")  # cells beyond the heading row
    if table.columns and table.columns[0] != "stt":
        table.columns.insert(0, "stt")
    return table


DEFAULT_COLUMNS = ["stt", "content", "lead", "support", "deadline"]


def table_fields(table: TableData) -> dict:
    """The keys of vbgen.model.TaskTable for ``table``: columns (when not the default), the
    source's headings as labels (those the profiles print anyway left out), and the rows."""
    out: dict = {}
    if table.columns and table.columns != DEFAULT_COLUMNS:
        out["columns"] = table.columns
    labels = {k: v for k, v in table.labels.items() if v != _default_labels().get(k)}
    if labels:
        out["labels"] = labels
    out["rows"] = table.rows
    return out


def _default_labels() -> dict:
    """Column headings every rule set prints anyway (left out of the YAML)."""
    from ..profile import load_profile

    state, party = (dict(load_profile(r).appendix.labels) for r in ("state", "party"))
    return {k: v for k, v in state.items() if party.get(k) == v}


def parse_appendix(lines: list[Line]) -> TableData:
    """An appendix block: "PHỤ LỤC", title lines, "(Kèm theo …)" (maybe over several lines), then the
    table; or, for a phụ lục written as a text outline (an đề cương), its numbered lines."""
    title_lines: list[str] = []
    rows: list[list[str]] = []
    reference: str | None = None
    extra: list[str] = []
    outline: list[str] = []
    open_reference = False
    for line in lines:
        if line.cells is not None:
            rows.append(line.cells)
            continue
        text = line.text.strip()
        if not text or is_noise(text):
            continue
        if open_reference:  # "(Kèm theo Kế hoạch số …" / "của UBND tỉnh …)"
            reference = f"{reference} {text}"
            open_reference = ")" not in text
            continue
        if rows:
            roman = MARKERS["roman"].match(text)
            if roman or is_caps(text):  # a group heading written across the table
                rows.append([text])
            else:
                extra.append(text)
            continue
        if outline:
            outline.append(text)
            continue
        if starts_with_any(text, PATTERNS["appendix_starts"]) and not title_lines:
            title_lines.append(text)
            continue
        if starts_with_any(text, PATTERNS["appendix_reference_starts"]) and reference is None:
            reference, open_reference = text, ")" not in text
            continue
        if title_lines and (reference is not None or marker_of(text)) and (marker_of(text) or not is_caps(text)):
            outline.append(text)  # the text of a phụ lục with no table: an outline
            continue
        title_lines.append(text)
    data = read_table(rows) if rows else outline_table(outline)
    data.reference = reference
    data.title = appendix_title(title_lines)
    data.extra_text = extra
    return data


def outline_table(texts: list[str]) -> TableData:
    """A phụ lục written as a text outline ("I. …", "1. …", "a) …", "- …") → a one-column table that
    keeps every line: "I." lines are groups, "1." lines rows, deeper lines are added to the row above."""
    table = TableData(columns=["stt", "content"], landscape=False)
    if not texts:
        return table
    table.notes.append(str(_("a text outline in the source (no table): kept as a one-column table, sub-points "
                             "joined to their point; check it")))
    group: dict | None = None
    last: dict | None = None
    for text in texts:
        style = marker_of(text)
        if style == "roman":
            group = {"group": strip_marker(text, style), "rows": []}
            table.rows.append(group)
            last = None
        elif style in ("number", None) and (style or last is None):
            last = {"content": strip_marker(text, style) if style else text}
            (group["rows"] if group else table.rows).append(last)
        else:
            last["content"] = f"{last['content']} {text}"
    return table


def strip_marker(text: str, style: str | None) -> str:
    m = MARKERS[style].match(text) if style in MARKERS else None
    return text[m.end():].strip() if m else text


def appendix_title(lines: list[str]) -> str:
    """"PHỤ LỤC" / "DANH MỤC …" → "DANH MỤC …" (the number "Phụ lục I" is computed)."""
    if not lines:
        return "Phụ lục"
    first = lines[0]
    rest = lines[1:]
    label = starts_with_any(first, PATTERNS["appendix_starts"])
    if label:
        tail = first[len(label):].strip(" :.-")
        if re.fullmatch(r"[IVXLC\d]*", tail):
            tail = ""
        if tail:
            rest = [tail] + rest
    return " ".join(rest) or first
