"""Imported plan data → tidy, readable plan YAML with a comment wherever the importer guessed.

The text is written by :mod:`.emit` (fast, linear, every string loads back exactly)."""
from __future__ import annotations

import re

from ..i18n import _
from .document import Imported
from .emit import Flow, Map, dump

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

_BREAKS = re.compile("[\\u2028\\u2029\\x85\\ufeff\\x00-\\x1f\\x7f-\\x9f]")

UNPLACED_HEADING = _("# NOT PLACED: text of the source the importer could not place in the plan. Move each into\n"
                     "# the field it belongs to (or delete it), then remove these comments.\n")


def _comment(text: str) -> str:
    """A comment on one line (a line break would end the comment and corrupt the YAML)."""
    return " ".join(_BREAKS.sub(" ", text).split()) or str(_("(empty)"))


def _ordered(data: dict, order) -> Map:
    out = Map()
    for key in order:
        if key in data and data[key] is not None:
            out[key] = data[key]
    return out


def _node(node: dict) -> Map:
    out = _ordered(node, NODE_ORDER)
    if "table" in out:
        out["table"] = _table(_ordered(node["table"], TABLE_ORDER), node["table"]["rows"])
    if "items" in out:
        out["items"] = [_node(child) for child in node["items"]]
    notes = node.get("_notes") or []
    if notes and out:
        out.comments[next(iter(out))] = _comment("; ".join(notes))
    return out


def _row(row: dict) -> Map:
    out = _ordered(row, ROW_ORDER)
    if "rows" in out:
        out["rows"] = [_row(r) for r in row["rows"]]
    return out


def _table(out: Map, rows: list[dict], extra_rows: list = ()) -> Map:
    """A task table's columns (one line), labels and rows, in place in ``out``."""
    out["rows"] = [_row(r) for r in rows] + list(extra_rows)
    if "labels" in out:
        out["labels"] = Map(out["labels"])
    if "columns" in out:
        out["columns"] = Flow(out["columns"])
    return out


def _appendix(appendix: dict) -> Map:
    extras = []
    for text in appendix.get("_extra", []):
        extra = Map(content=text)
        extra.comments["content"] = str(_("text found beside the table in the source; move or delete it"))
        extras.append(extra)
    out = _table(_ordered(appendix, APPENDIX_ORDER), appendix["rows"], extras)
    if appendix.get("_notes"):
        out.comments["title"] = _comment("; ".join(appendix["_notes"]))
    return out


def _leftover(text: str) -> Map:
    out = Map(note=text)
    out.comments["note"] = str(_("text near the signature the importer could not place"))
    return out


def to_yaml(imported: Imported) -> str:
    """The imported plan as YAML text."""
    return render(imported, plan_tree(imported))


def plan_tree(imported: Imported) -> Map:
    """The imported plan as the data its YAML holds (keys in order, comments attached)."""
    data, notes = imported.data, imported.notes
    top = Map()
    for key in TOP_ORDER:
        if key not in data:
            continue
        value = data[key]
        if key in ("issuer", "signature"):
            value = _ordered(value, ISSUER_ORDER if key == "issuer" else SIGNATURE_ORDER)
            for field in value:
                if f"{key}.{field}" in notes:
                    value.comments[field] = _comment(notes[f"{key}.{field}"])
        elif key == "body":
            value = [_node(n) for n in value]
        elif key == "appendices":
            value = [_appendix(a) for a in value]
        elif key == "recipients":
            value = [Map(r) if isinstance(r, dict) else r for r in value]
            value += [_leftover(text) for text in data.get("_leftover", [])]
        top[key] = value
        if key in notes:
            top.comments[key] = _comment(notes[key])
    if "_leftover" in data and "recipients" not in top:
        top["recipients"] = [_leftover(text) for text in data["_leftover"]]
    return top


def render(imported: Imported, top: Map) -> str:
    """The YAML text of ``top`` (from :func:`plan_tree`), with the header and the NOT PLACED comments."""
    header = _("Plan imported by 'vbgen import' from {source}.\nComments mark what the importer guessed: check those "
               "lines, then run 'vbgen make-plan'.").format(source=_comment(imported.source))
    text = dump(top, header)
    if imported.unplaced:
        text += str(UNPLACED_HEADING) + "".join(_("# line {number}: {text}").format(number=number,
                                                                                   text=_comment(passage)) + "\n"
                                                for number, passage in imported.unplaced)
    return text
