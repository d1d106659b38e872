"""The body: numbered paragraphs nested by their numbering style, run-in labels, targets and tasks.

Numbering styles are recognised in both families ("I." / "I-", "1." / "1-", "1.1.", "a)", "-",
"+"). Nesting follows the order styles first appear in: a style already open closes everything
below it (a sibling); a new style opens a level below the current one. The typed labels are
dropped, since vbgen computes them. A table standing among the paragraphs becomes a ``table``
node at its place (under the section it stands in). Nodes are plain dicts with the keys of
:class:`vbgen.model.Node`, plus ``_notes`` (the importer's guesses, written as YAML comments).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..i18n import _
from .cleanup import MARKERS, marker_of
from .patterns import PATTERNS, starts_with_any
from .sources import Line
from .tables import read_table, table_fields

NUMBERED = ("roman", "decimal", "number", "letter")


@dataclass
class RawNode:
    style: str  # roman, decimal, number, letter, dash, plus, text
    text: str
    line: int
    label: str | None = None
    depth_key: tuple = ()
    children: list["RawNode"] = field(default_factory=list)
    table_rows: list[list[str]] | None = None  # a table that stood here


def strip_marker(text: str, style: str) -> str:
    pattern = MARKERS.get(style)
    if pattern is None:
        return text
    m = pattern.match(text)
    return text[m.end():].strip() if m else text


def _key(style: str, text: str) -> tuple:
    if style == "decimal":
        m = MARKERS["decimal"].match(text)
        return ("decimal", m.group(1).count(".") if m else 1)
    return (style,)


def build_tree(paras: list[Line]) -> list[RawNode]:
    """Nest paragraphs by numbering style; table rows become a node holding the table."""
    root = RawNode("root", "", 0)
    stack: list[RawNode] = [root]
    for para in paras:
        if para.cells is not None:
            holder = _numbered_top(stack)
            last = holder.children[-1] if holder.children else None
            if last is not None and last.table_rows is not None:
                last.table_rows.append(para.cells)
            else:
                holder.children.append(RawNode("table", "", para.number, table_rows=[para.cells]))
            continue
        style = marker_of(para.text) or "text"
        node = RawNode(style, strip_marker(para.text, style), para.number, label=para.label)
        if style == "text":
            _numbered_top(stack).children.append(node)
            continue
        key = _key(style, para.text)
        node.depth_key = key
        if style in NUMBERED:
            while stack[-1].style in ("dash", "plus"):
                stack.pop()
        open_keys = [n.depth_key for n in stack]
        if key in open_keys:
            while stack[-1].depth_key != key:
                stack.pop()
            stack.pop()
        elif style == "dash" and ("plus",) in open_keys:
            while stack[-1].style != "root" and stack[-1].style in ("plus", "dash"):
                stack.pop()
        stack[-1].children.append(node)
        stack.append(node)
    return root.children


def _numbered_top(stack: list[RawNode]) -> RawNode:
    for node in reversed(stack):
        if node.style not in ("dash", "plus"):
            return node
    return stack[0]


# ---------------------------------------------------------------- to model nodes

_LABEL = re.compile(r"^([^:;,.()]{2,45}?):\s+(\S.*)$")


def split_label(raw: RawNode) -> tuple[str | None, str]:
    """A run-in label ("Thời gian thực hiện: …") and the rest of the text."""
    text = raw.text
    if raw.label and text.startswith(raw.label) and len(text) > len(raw.label):
        return raw.label, text[len(raw.label):].strip()
    m = _LABEL.match(text)
    if m and len(m.group(1).split()) <= 6 and m.group(1)[:1].isupper():
        return m.group(1).strip() + ":", m.group(2).strip()
    return None, text


def is_heading(raw: RawNode) -> bool:
    """A numbered paragraph that heads a group (a section) rather than a paragraph (an item)."""
    if raw.style == "roman":
        return True
    text = raw.text.rstrip()
    if re.search(r"(\./\.|[.;!?…])[\"”)]*$", text):
        return False
    if raw.children:
        return len(text) <= 400
    return len(text) <= 120 and not re.search(r"[.;] ", text)


def to_nodes(raws: list[RawNode], tables: list) -> list[dict]:
    """RawNodes → model node dicts. A table in the body becomes a ``table`` node at its place;
    one right under a "Phụ lục …" paragraph is collected in ``tables`` as (line, rows, title)
    and becomes an appendix (the paragraph is its title)."""
    out: list[dict] = []
    for raw in raws:
        if raw.table_rows is not None:
            title = _appendix_heading(out)
            if title is not None:
                out.pop()
                tables.append((raw.line, raw.table_rows, title))
            else:
                out.append(table_node(raw))
            continue
        children = to_nodes(raw.children, tables)
        node: dict = {"_line": raw.line, "_notes": []}
        if raw.style in NUMBERED:
            kind = "section" if is_heading(raw) else "item"
        elif raw.style in ("dash", "plus"):
            kind = raw.style
        else:
            kind = "text"
        if kind == "text" and children:
            kind = "item"
        label, text = (None, raw.text) if kind == "section" else split_label(raw)
        node[kind] = text
        if label:
            node["label"] = label
        if children:
            node["items"] = children
            if any(c.style == "decimal" for c in raw.children):
                node["numbering"] = "decimal"
        node["_style"] = raw.style
        out.append(node)
    return out


def _appendix_heading(done: list[dict]) -> str | None:
    """The text of a "Phụ lục …" paragraph just before a table, if there is one."""
    if not done or "text" not in done[-1] or "label" in done[-1]:
        return None
    text = done[-1]["text"]
    if starts_with_any(text, PATTERNS["appendix_starts"]) and len(text.split()) <= 40:
        return text
    return None


def table_node(raw: RawNode) -> dict:
    """A table that stood in the body → a ``table`` node (columns mapped by their headings,
    the source's headings kept in ``labels``). A table with a heading row only is kept as a
    paragraph of its cells, never dropped."""
    data = read_table(raw.table_rows)
    if not data.rows:
        cells = [" | ".join(c for c in row if c) for row in raw.table_rows]
        return {"text": " | ".join(c for c in cells if c), "_line": raw.line, "_style": "text",
                "_notes": [str(_("a table with headings only in the source; kept as a paragraph"))]}
    return {"table": table_fields(data), "_line": raw.line, "_style": "table",
            "_notes": list(data.notes)}


# ---------------------------------------------------------------- targets and tasks

def _content(node: dict) -> str:
    for kind in ("section", "item", "dash", "plus", "text"):
        if kind in node:
            return node[kind]
    return ""


def _folded_in(text: str, words) -> bool:
    probe = text.casefold()
    return any(w.casefold() in probe for w in words)


_DEADLINES = [re.compile(p, re.IGNORECASE) for p in PATTERNS["deadlines"]]
_GIAO = re.compile(PATTERNS["task_assigned"])
_LEAD_IN_TEXT = re.compile(PATTERNS["task_lead_in_text"])
_SUPPORT = re.compile(PATTERNS["task_support"])
_HEADING_LEAD_PREFIX = re.compile(PATTERNS["heading_lead_prefix"])


_VERB = re.compile(r"\s(?:%s)\b" % "|".join(re.escape(v) for v in PATTERNS["task_verbs"]))


def _lead_before_verb(text: str) -> str | None:
    """"Bộ CHQS tỉnh có trách nhiệm tham mưu …" → "Bộ CHQS tỉnh" (a body named first)."""
    if not starts_with_any(text, PATTERNS["agency_starts"]) or starts_with_any(text, PATTERNS["not_agencies"]):
        return None
    m = _VERB.search(text)
    if not m:
        return None
    lead = text[:m.start()].strip(" ,")
    return lead if 1 <= len(lead.split()) <= 16 else None


def find_deadline(text: str) -> str | None:
    for pattern in _DEADLINES:
        m = pattern.search(text)
        if m:
            found = m.group(0).strip(" ()")
            return found[:1].upper() + found[1:]
    return None


def mark_roles(nodes: list[dict]) -> None:
    """Mark targets (numbers under a "chỉ tiêu"/"mục tiêu" heading) and tasks (assigned work)."""
    counters = {"target": 0, "task": 0}
    _walk(nodes, [], counters)


def _assign(node: dict, role: str, counters: dict, note: str) -> None:
    counters[role] += 1
    node["role"] = role
    node["id"] = f"{role}-{counters[role]}"
    node["_notes"].append(note)


def _walk(nodes: list[dict], headings: list[str], counters: dict) -> None:
    for node in nodes:
        if "table" in node:  # a task table: its rows are not body paragraphs
            continue
        text = _content(node)
        kind = next(k for k in ("section", "item", "dash", "plus", "text") if k in node)
        under_targets = any(_folded_in(h, PATTERNS["target_headings"]) for h in headings)
        under_tasks = any(_folded_in(h, PATTERNS["task_headings"]) for h in headings)
        if kind != "section" and under_targets and re.search(r"\d", text) and "role" not in node:
            _assign(node, "target", counters, str(_("guessed: a target (chỉ tiêu) under a targets heading")))
        elif "role" not in node:
            _maybe_task(node, kind, text, under_tasks, counters)
        if "items" in node:
            _walk(node["items"], headings + ([text] if kind == "section" else []), counters)


def _labelled(node: dict, labels, depth: int = 2) -> str | None:
    """The text after one of ``labels`` among the node's children and grandchildren
    ("Đơn vị chủ trì: X", maybe under "Cơ quan thực hiện:")."""
    for child in node.get("items", []):
        label = (child.get("label") or "").rstrip(": ")
        if label and any(label.casefold() == l.casefold() for l in labels):
            return _content(child).rstrip(" .;")
        found = _labelled(child, labels, depth - 1) if depth > 1 else None
        if found:
            return found
    return None


def _is_label_heading(node: dict) -> bool:
    """"Cơ quan thực hiện:" — a heading that only introduces labelled lines."""
    items = node.get("items", [])
    return _content(node).rstrip().endswith(":") and bool(items) and all("label" in c for c in items)


def _maybe_task(node: dict, kind: str, text: str, under_tasks: bool, counters: dict) -> None:
    if _is_label_heading(node):
        return
    lead = support = deadline = None
    note = None
    giao = _GIAO.match(text)
    in_text = _LEAD_IN_TEXT.match(text)
    label = (node.get("label") or "").rstrip(": ")
    if giao:
        lead, note = giao.group(1), str(_("guessed: a task ('Giao … chủ trì …'); check lead, support, deadline"))
    elif "items" in node and _labelled(node, PATTERNS["lead_labels"]):
        lead = _labelled(node, PATTERNS["lead_labels"])
        support = _labelled(node, PATTERNS["support_labels"])
        deadline = _labelled(node, PATTERNS["deadline_labels"])
        note = str(_("guessed: a task (its 'chủ trì' / 'phối hợp' / 'thời gian' lines); check them"))
    elif (kind == "section" and under_tasks and starts_with_any(text, PATTERNS["agency_starts"])
          and not starts_with_any(text, PATTERNS["not_agencies"])
          and len(text.split()) <= 25 and not text.rstrip().endswith((".", ";"))):
        lead = _HEADING_LEAD_PREFIX.sub("", text).rstrip(" :")
        note = str(_("guessed: a task for the body named in this heading; check lead"))
    elif in_text and starts_with_any(in_text.group(1), PATTERNS["agency_starts"]) and not label:
        lead, note = in_text.group(1), str(_("guessed: a task ('… chủ trì, phối hợp …'); check lead, support"))
    elif under_tasks and kind != "section" and not label and _lead_before_verb(text):
        lead = _lead_before_verb(text)
        note = str(_("guessed: a task for the body this sentence starts with; check lead"))
    elif under_tasks and kind != "section" and find_deadline(text) and not label:
        note = str(_("guessed: a task with a deadline; check it"))
    if note is None:
        return
    if support is None and kind != "section":
        m = _SUPPORT.search(text)
        if m and len(m.group(1).split()) <= 30:
            support = m.group(1).strip(" ,")
    deadline = deadline or (find_deadline(text) if kind != "section" else None)
    _assign(node, "task", counters, note)
    if lead:
        node["lead"] = lead.strip(" ,:")
    if support:
        node["support"] = [support]
    if deadline:
        node["deadline"] = deadline
