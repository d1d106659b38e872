"""Imported plan data → tidy, readable plan YAML with a comment wherever the importer guessed."""
from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..yamlio import dump_yaml
from .document import Imported

TOP_ORDER = ("rules", "type", "issuer", "number", "symbol", "place", "date", "year", "title", "basis",
             "opening", "addressees", "co_addressees", "body", "closing", "signature", "recipients",
             "archive", "appendices")
NODE_ORDER = ("section", "item", "dash", "plus", "text", "table", "label", "role", "id", "lead", "support",
              "deadline", "value", "unit", "numbering", "items")
ISSUER_ORDER = ("name", "parent", "full_name", "short_name", "abbreviation", "level", "area")
SIGNATURE_ORDER = ("collective", "mode", "on_behalf_of", "title", "name")
APPENDIX_ORDER = ("title", "reference", "landscape", "columns", "labels", "from_tasks", "rows")
TABLE_ORDER = ("columns", "labels", "rows")
ROW_ORDER = ("group", "content", "lead", "support", "deadline", "result", "note", "rows")


_UNSAFE = re.compile("[\u2028\u2029\x85\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Characters a plain or folded YAML scalar would change (line separators, controls): such strings are
written double-quoted, with escapes, so that they load back exactly."""


def exact(value):
    """``value`` with every string that plain YAML would not load back as written made double-quoted."""
    if isinstance(value, str):
        return DoubleQuotedScalarString(value) if _UNSAFE.search(value) else value
    if isinstance(value, dict):
        return {k: exact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [exact(v) for v in value]
    if isinstance(value, tuple):
        return tuple(exact(v) for v in value)
    return value


def _comment(text: str) -> str:
    """A comment on one line (a line break would end the comment and corrupt the YAML)."""
    return " ".join(_UNSAFE.sub(" ", text).split()) or "(empty)"


def _ordered(data: dict, order) -> CommentedMap:
    out = CommentedMap()
    for key in order:
        if key in data and data[key] is not None:
            out[key] = data[key]
    return out


def _node(node: dict) -> CommentedMap:
    out = _ordered(node, NODE_ORDER)
    if "table" in out:
        out["table"] = _table(_ordered(node["table"], TABLE_ORDER), node["table"]["rows"])
    if "items" in out:
        out["items"] = _seq([_node(child) for child in node["items"]])
    notes = node.get("_notes") or []
    if notes:
        first = next(iter(out))
        out.yaml_add_eol_comment(_comment("; ".join(notes)), first)
    return out


def _seq(items) -> CommentedSeq:
    seq = CommentedSeq()
    seq.extend(items)
    return seq


def _row(row: dict) -> CommentedMap:
    out = _ordered(row, ROW_ORDER)
    if "rows" in out:
        out["rows"] = _seq([_row(r) for r in row["rows"]])
    return out


def _table(out: CommentedMap, rows: list[dict], extra_rows: list = ()) -> CommentedMap:
    """A task table's columns (one line), labels and rows, in place in ``out``."""
    rows = [_row(r) for r in rows] + list(extra_rows)
    out["rows"] = _seq(rows)
    if "labels" in out:
        out["labels"] = CommentedMap(out["labels"])
    if "columns" in out:
        out["columns"] = _flow(out["columns"])
    return out


def _appendix(appendix: dict) -> CommentedMap:
    extras = []
    for text in appendix.get("_extra", []):
        extra = CommentedMap(content=text)
        extra.yaml_add_eol_comment("text found beside the table in the source; move or delete it",
                                   "content")
        extras.append(extra)
    out = _table(_ordered(appendix, APPENDIX_ORDER), appendix["rows"], extras)
    for note in appendix.get("_notes", []):
        out.yaml_add_eol_comment(_comment(note), "title")
    return out


def _flow(items) -> CommentedSeq:
    seq = _seq(items)
    seq.fa.set_flow_style()
    return seq


def to_yaml(imported: Imported) -> str:
    """The imported plan as YAML text."""
    data, notes = exact(imported.data), imported.notes
    top = CommentedMap()
    for key in TOP_ORDER:
        if key not in data:
            continue
        value = data[key]
        if key in ("issuer", "signature"):
            value = _ordered(value, ISSUER_ORDER if key == "issuer" else SIGNATURE_ORDER)
            for field in value:
                if f"{key}.{field}" in notes:
                    value.yaml_add_eol_comment(_comment(notes[f"{key}.{field}"]), field)
        elif key == "body":
            value = _seq([_node(n) for n in value])
        elif key == "appendices":
            value = _seq([_appendix(a) for a in value])
        elif key == "recipients":
            items = [CommentedMap(r) if isinstance(r, dict) else r for r in value]
            for text in data.get("_leftover", []):
                leftover = CommentedMap(note=text)
                leftover.yaml_add_eol_comment("text near the signature the importer could not place",
                                              "note")
                items.append(leftover)
            value = _seq(items)
        elif isinstance(value, list):
            value = _seq(value)
        top[key] = value
        if key in notes:
            top.yaml_add_eol_comment(_comment(notes[key]), key)
    if "_leftover" in data and "recipients" not in top:
        top["recipients"] = _seq([CommentedMap(note=t) for t in data["_leftover"]])
    top.yaml_set_start_comment(
        f"Plan imported by 'vbgen import' from {_comment(imported.source)}.\n"
        "Comments mark what the importer guessed: check those lines, then run 'vbgen make-plan'.")
    text = dump_yaml(top)
    # ruamel leaves a space at the end of a wrapped line; YAML folding drops it anyway
    text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    if imported.unplaced:
        text += UNPLACED_HEADING + "".join(f"# line {number}: {_comment(passage)}\n"
                                            for number, passage in imported.unplaced)
    return text


UNPLACED_HEADING = ("# NOT PLACED: text of the source the importer could not place in the plan. Move each into\n"
                    "# the field it belongs to (or delete it), then remove these comments.\n")
