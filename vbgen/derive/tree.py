"""Walking the body tree (nội dung): find a node by id or by identity, and say where a node is."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from ..i18n import _
from ..model import Node


def where_of(path: list[Node]) -> str:
    heads = [n.content for n in path if n.kind in ("section",)]
    if not heads:
        return str(_("body"))
    return " › ".join(h if len(h) <= 50 else h[:47] + "…" for h in heads)


def walk_with_path(nodes: list[Node], path: Optional[list[Node]] = None):
    for node in nodes:
        trail = (path or []) + [node]
        yield node, trail
        yield from walk_with_path(node.items, trail)


def find_node(nodes: list[Node], node_id: str):
    """(list holding the node, index, node) for ``node_id``, or None."""
    for i, node in enumerate(nodes):
        if node.id == node_id:
            return nodes, i, node
        found = find_node(node.items, node_id)
        if found:
            return found
    return None


def locate(nodes: list[Node], target: Node):
    """(list holding ``target``, index, target): found by identity, for nodes without an id."""
    for i, node in enumerate(nodes):
        if node is target:
            return nodes, i, node
        found = locate(node.items, target)
        if found:
            return found
    return None


_NUMBER = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-–]\s+", re.IGNORECASE)


def heading_key(text: str) -> str:
    """A heading as compared when a clerk names it: without its number ("II.", "1.", "a)"), case,
    spacing and a final colon ("II. Nội dung thực hiện:" ~ "NỘI DUNG THỰC HIỆN")."""
    text = unicodedata.normalize("NFC", _NUMBER.sub("", text or ""))
    return " ".join(text.split()).rstrip(":. ").casefold()


def find_sections(nodes: list[Node], heading: str):
    """Every (list holding it, index, section) whose heading is ``heading`` (see :func:`heading_key`)."""
    key, found = heading_key(heading), []

    def visit(holder: list[Node]) -> None:
        for i, node in enumerate(holder):
            if node.kind == "section" and heading_key(node.section) == key:
                found.append((holder, i, node))
            visit(node.items)

    if key:
        visit(nodes)
    return found
