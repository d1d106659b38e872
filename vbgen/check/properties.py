"""OOXML property values as the checker reads them: qualified tag names, on/off properties, measures,
and a paragraph's own ``w:pPr`` laid over the values it inherits (spacing, indents, alignment, borders,
numbering)."""
from __future__ import annotations

import functools
import re
from typing import Optional

from docx.oxml.ns import qn as _qn

qn = functools.lru_cache(maxsize=None)(_qn)  # tag names are looked up thousands of times per document
_VAL = qn("w:val")
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}  # for xpath on plain lxml elements

ON_VALUES = {None, "1", "true", "on"}
ALIGNMENT_NAMES = {None: "left", "start": "left", "end": "right", "justify": "both", "distribute": "both",
                   "lowKashida": "both", "mediumKashida": "both", "highKashida": "both", "thaiDistribute": "both"}

# OOXML measures: a bare number in the attribute's own unit, or a "universal measure" with a unit
# suffix (ST_UniversalMeasure: w:top="2cm", w:before="6pt"); Word and LibreOffice write both.
MEASURE = re.compile(r"^\s*([-+]?\d*\.?\d+)\s*(mm|cm|in|pt|pc|pi)?\s*$")
TWIPS_PER_UNIT = {"pt": 20.0, "pc": 240.0, "pi": 240.0, "in": 1440.0, "mm": 1440 / 25.4, "cm": 14400 / 25.4}


def is_on(element) -> Optional[bool]:
    """The value of an on/off property element (``<w:b/>``, ``<w:b w:val="0"/>``), or None."""
    if element is None:
        return None
    return element.get(qn("w:val")) in ON_VALUES


@functools.lru_cache(maxsize=4096)  # the same few values ("567", "240", "28") recur thousands of times
def measure(value: str, bare_per_twip: float = 1.0) -> float:
    """An OOXML length attribute in the attribute's own unit: bare numbers as they are, suffixed ones
    converted from twips (``bare_per_twip`` units to one twip: 0.1 for half-points).

    >>> measure("567"), round(measure("1cm")), measure("6pt"), measure("12pt", 0.1)
    (567.0, 567, 120.0, 24.0)

    A value that is neither raises ValueError (the reader then calls the file damaged).
    """
    match = MEASURE.match(value or "")
    if not match:
        raise ValueError(f"not an OOXML measure: {value!r}")
    number, unit = float(match.group(1)), match.group(2)
    return number if unit is None else number * TWIPS_PER_UNIT[unit] * bare_per_twip


PARAGRAPH_DEFAULTS = {"alignment": None, "first_line_cm": 0.0, "space_before_pt": 0.0, "space_after_pt": 0.0,
                      "line_rule": "auto", "line_value": 1.0, "has_bottom_border": False, "has_top_border": False,
                      "numbered": False, "contextual_spacing": False, "left_indent_cm": 0.0}
_PPR, _JC, _CONTEXTUAL, _IND, _SPACING = qn("w:pPr"), qn("w:jc"), qn("w:contextualSpacing"), qn("w:ind"), qn("w:spacing")
_PBDR, _NUMPR, _NUMID = qn("w:pBdr"), qn("w:numPr"), qn("w:numId")
_LEFT, _START, _HANGING, _FIRST_LINE = qn("w:left"), qn("w:start"), qn("w:hanging"), qn("w:firstLine")
_BEFORE, _AFTER, _LINE, _LINE_RULE = qn("w:before"), qn("w:after"), qn("w:line"), qn("w:lineRule")
_AUTOSPACING = {"before": qn("w:beforeAutospacing"), "after": qn("w:afterAutospacing")}
_BORDERS = {"bottom": qn("w:bottom"), "top": qn("w:top")}


def _grandchild(element, child_tag: str, tag: str):
    """``element.find("child/tag")`` without lxml's slower path search: the first ``tag`` under any ``child_tag``."""
    for child in element.iterchildren(child_tag):
        found = child.find(tag)
        if found is not None:
            return found
    return None


def apply_ppr(ppr, props: dict) -> None:
    """Lay one ``w:pPr`` over ``props`` (what it sets wins)."""
    jc = ppr.find(_JC)
    if jc is not None:
        props["alignment"] = jc.get(_VAL)
    contextual = is_on(ppr.find(_CONTEXTUAL))
    if contextual is not None:
        props["contextual_spacing"] = contextual
    ind = ppr.find(_IND)
    if ind is not None:
        left = ind.get(_LEFT) or ind.get(_START)
        if left is not None:
            props["left_indent_cm"] = measure(left) / 567
        if ind.get(_HANGING) is not None:
            props["first_line_cm"] = -measure(ind.get(_HANGING)) / 567
        elif ind.get(_FIRST_LINE) is not None:
            props["first_line_cm"] = measure(ind.get(_FIRST_LINE)) / 567
    spacing = ppr.find(_SPACING)
    if spacing is not None:
        if spacing.get(_BEFORE) is not None:
            props["space_before_pt"] = measure(spacing.get(_BEFORE)) / 20
        if spacing.get(_AFTER) is not None:
            props["space_after_pt"] = measure(spacing.get(_AFTER)) / 20
        for side, tag in _AUTOSPACING.items():  # HTML-style automatic spacing: Word uses 14 pt
            if spacing.get(tag) in ("1", "true", "on"):
                props[f"space_{side}_pt"] = 14.0
        if spacing.get(_LINE) is not None:
            rule = spacing.get(_LINE_RULE) or "auto"
            line = measure(spacing.get(_LINE))
            props["line_rule"] = rule
            props["line_value"] = line / 240 if rule == "auto" else line / 20
    for side, tag in _BORDERS.items():
        border = _grandchild(ppr, _PBDR, tag)
        if border is not None:
            props[f"has_{side}_border"] = border.get(_VAL) not in ("nil", "none")
    num_id = _grandchild(ppr, _NUMPR, _NUMID)
    if num_id is not None:
        props["numbered"] = num_id.get(_VAL) not in (None, "0")
