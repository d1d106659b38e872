"""Computed numbering of body sections: "I." / "1." / "a)" (state), "I-" / "1." (Party).

Numbers are never typed in the data: inserting a section renumbers everything after it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..model import Node

#: Letters for điểm, in Vietnamese alphabetical order (no f, j, w, z).
VIETNAMESE_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    """1 → 'I', 14 → 'XIV'."""
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def letter(n: int) -> str:
    """1 → 'a', 5 → 'đ', 6 → 'e', 7 → 'g'; past 'y' the letters double ('aa')."""
    count = len(VIETNAMESE_LETTERS)
    if n <= count:
        return VIETNAMESE_LETTERS[n - 1]
    return letter((n - 1) // count) + VIETNAMESE_LETTERS[(n - 1) % count]


def format_number(style: str, n: int) -> str:
    if style == "roman":
        return roman(n)
    if style == "letter":
        return letter(n)
    return str(n)


@dataclass
class NumberedNode:
    """A body node with its computed label ("II.", "2.1.", "a)") and depth (0 = mục)."""

    node: Node
    depth: int
    label: str | None
    style: dict


def number_body(nodes: list[Node], numbering: dict, depth: int = 0, parent_label: str = "",
                decimal: bool = False, parent_style: dict | None = None) -> Iterator[NumberedNode]:
    """Walk ``nodes`` depth first, yielding each with its label under profile ``numbering``.

    Sections and numbered items share one counter per parent. Sections whose parent has
    ``numbering: decimal`` are labelled "{parent}{n}." (e.g. "2.1."); this applies under an
    Arabic-numbered parent only (a Roman mục keeps "1.", "2." below it).
    """
    parent_style = parent_style or {}
    levels, items = numbering["levels"], numbering["items"]
    counter = 0
    for node in nodes:
        label, style = None, {}
        if node.kind in ("section", "item"):
            counter += 1
            table = levels if node.kind == "section" else items
            style = dict(table[min(depth, len(table) - 1)])
            if decimal and parent_label and parent_style.get("style") == "arabic":
                style.update(numbering["decimal"])
                label = style["format"].format(parent=parent_label, n=counter)
            else:
                label = style["format"].format(n=format_number(style["style"], counter))
        yield NumberedNode(node, depth, label, style)
        if node.items:
            child_decimal = node.numbering == "decimal"
            yield from number_body(node.items, numbering, depth + 1 if label else depth,
                                   label or parent_label, child_decimal, style if label else parent_style)
