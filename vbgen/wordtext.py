"""The text of a Word paragraph as Word shows it, read from the XML (WordprocessingML).

Word keeps visible text in many wrappers. A paragraph's text here is what a person sees on the page:
- runs inside hyperlinks, smart tags, custom XML, content controls (``w:sdt``) and simple fields;
- tracked insertions and moves kept, deletions and moved-away text dropped;
- complex fields (``w:fldChar``) show their result, never their code (``PAGE``, ``HYPERLINK "…"``);
- tabs as "\\t", line breaks as "\\n", non-breaking hyphens as "-";
- text boxes (``w:txbxContent``) are not part of the paragraph they are anchored in; they are their own
  paragraphs (:func:`text_box_paragraphs`), read once (``mc:Fallback`` copies are skipped).

:func:`block_items` lists a body's paragraphs and tables in reading order, through block-level content
controls and custom XML.
"""
from __future__ import annotations

from typing import Iterator

from docx.oxml.ns import qn

W_P, W_R, W_TBL = qn("w:p"), qn("w:r"), qn("w:tbl")
_TEXT = qn("w:t")
_BREAKS = (qn("w:br"), qn("w:cr"))
_TABS = (qn("w:tab"), qn("w:ptab"))
_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
_BLOCK_WRAPPERS = (qn("w:customXml"), qn("w:ins"), qn("w:moveTo"))
_FLDCHAR, _FLDTYPE = qn("w:fldChar"), qn("w:fldCharType")
_SDT, _SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
#: Inline wrappers whose runs are shown.
_SHOWN = {qn("w:hyperlink"), qn("w:smartTag"), qn("w:customXml"), qn("w:ins"), qn("w:moveTo"),
          qn("w:fldSimple"), qn("w:dir"), qn("w:bdo")}
#: Inline wrappers whose runs are not shown (tracked deletions, moved-away text).
_HIDDEN = {qn("w:del"), qn("w:moveFrom")}
_MC_CHOICE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Choice"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_TXBX = qn("w:txbxContent")


def run_text(run) -> str:
    """Visible text of one ``w:r``: w:t, tabs, breaks, non-breaking hyphens (field codes excluded)."""
    parts = []
    for child in run[:]:  # (a slice: faster than lxml's child iterator)
        tag = child.tag
        if tag == _TEXT:
            parts.append(child.text or "")
        elif tag in _TABS:
            parts.append("\t")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
    return "".join(parts)


def _inline_runs(parent, out: list) -> list:
    """Every w:r under ``parent`` in order, through the wrappers Word shows, skipping deletions (added to
    ``out``, which is returned)."""
    for child in parent[:]:  # (a slice: faster than lxml's child iterator)
        tag = child.tag
        if tag == W_R:
            out.append(child)
        elif tag in _SHOWN:
            _inline_runs(child, out)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                _inline_runs(content, out)
        elif tag == _MC_ALTERNATE:
            choice = child.find(_MC_CHOICE)
            if choice is not None:
                _inline_runs(choice, out)
    return out


def visible_runs(paragraph, fields: bool | None = None) -> list:
    """The runs of ``paragraph`` (a w:p element) whose text is shown: wrappers opened, deletions and
    field codes left out (a complex field shows only its result). ``fields``: whether the paragraph
    holds a complex field (``w:fldChar``), when the caller knows; else it is looked for."""
    runs = _inline_runs(paragraph, [])
    if fields is None:
        fields = next(paragraph.iter(_FLDCHAR), None) is not None
    if not fields:  # no complex field: every run is shown
        return runs
    shown = []
    open_fields: list[str] = []  # one entry per open complex field: "code" until its separator, then "result"
    for run in runs:
        for mark in run.iter(_FLDCHAR):
            kind = mark.get(_FLDTYPE)
            if kind == "begin":
                open_fields.append("code")
            elif kind == "separate" and open_fields:
                open_fields[-1] = "result"
            elif kind == "end" and open_fields:
                open_fields.pop()
        if all(state == "result" for state in open_fields):
            shown.append(run)
    return shown


def paragraph_text(paragraph) -> str:
    """The text of a w:p element as Word shows it (see the module docstring)."""
    return "".join(run_text(run) for run in visible_runs(paragraph))


def text_box_paragraphs(element) -> list:
    """The paragraphs of the text boxes anchored inside ``element`` (a w:p, a table or a body), each box
    once: the copy under ``mc:Fallback`` (the VML twin of a DrawingML box) is skipped."""
    found = []
    for box in element.iter(_TXBX):
        ancestor, fallback = box.getparent(), False
        while ancestor is not None and ancestor is not element:
            if ancestor.tag == _MC_FALLBACK:
                fallback = True
                break
            ancestor = ancestor.getparent()
        if not fallback:
            found.extend(child for child in box.iter(W_P) if _own_box(child, box))
    return found


def _own_box(paragraph, box) -> bool:
    """True when the nearest text box around ``paragraph`` is ``box`` (boxes nested in boxes are read once)."""
    ancestor = paragraph.getparent()
    while ancestor is not None and ancestor.tag != _TXBX:
        ancestor = ancestor.getparent()
    return ancestor is box


def block_items(container) -> Iterator:
    """The w:p and w:tbl elements of a body or table cell in reading order, through block-level content
    controls (w:sdt), custom XML and tracked moves; deleted blocks are not shown."""
    for child in container[:]:  # (a slice: faster than lxml's child iterator)
        tag = child.tag
        if tag in (W_P, W_TBL):
            yield child
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from block_items(content)
        elif tag in _BLOCK_WRAPPERS:
            yield from block_items(child)
        elif tag == _MC_ALTERNATE:
            choice = child.find(_MC_CHOICE)
            if choice is not None:
                yield from block_items(choice)
