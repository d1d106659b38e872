"""The body (nội dung): căn cứ, opening, numbered sections and items, closing, and the ending mark.

The body is laid out first as a list of :class:`Para` (text spans and paragraph settings, all from
the profile), then written into a document; laying out first lets the ending ("./." for state
documents, "." for Party ones) land on whatever paragraph comes last.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..docxml import Font, ppr_xml, runs_xml
from ..model import Node, Plan
from .numbering import number_body
from .page import mm_up
from ..profile import Section
from .style import cased, font
from .tables import task_table_xml
from ..vnformat import quantity


@dataclass
class Span:
    """A piece of text with its font; ``markup`` enables inline **bold**/*italic*."""

    text: str
    font: Font
    markup: bool = True


@dataclass
class Para:
    """One paragraph to write: spans plus alignment, indents and spacing."""

    spans: list[Span]
    align: str = "justify"
    first_line_cm: float | None = None
    left_cm: float | None = None
    before_pt: float | None = None
    after_pt: float = 0
    line_spacing: float | None = None
    keep_with_next: bool = False
    role: str = "body"


@dataclass
class TableBlock:
    """A task table inside the body, written at its place among the paragraphs."""

    node: Node
    width_cm: float


_TRAILING = re.compile(r"\s*(\./\.|[.;,:])\s*$")


def with_ending(text: str, ending: str) -> str:
    """End ``text`` with exactly ``ending`` ('./.' or '.'), replacing a final . ; , : or ./."""
    text = text.rstrip()
    if text.endswith(("...", "…")):
        return text + (ending if ending != "." else "")
    return _TRAILING.sub("", text) + ending


def _punctuate(lines: list[str], separator: str, last: str) -> list[str]:
    out = []
    for i, line in enumerate(lines):
        end = last if i == len(lines) - 1 else separator
        out.append(with_ending(line, end))
    return out


def node_text(node: Node) -> str:
    """The node's text with a target's ``{value}`` filled in, Vietnamese style."""
    text = node.content
    if node.value is not None and "{value}" in text:
        text = text.replace("{value}", quantity(node.value, node.unit))
    return text


class BodyLayout:
    """Lays out a plan's body as paragraphs, using one profile's numbers."""

    def __init__(self, profile: Section):
        self.profile = profile
        self.body_font = font(profile, {"size": profile.body.size})

    def para(self, spans: list[Span], **kw) -> Para:
        b = self.profile.body
        kw.setdefault("first_line_cm", b.first_line_indent_cm)
        kw.setdefault("before_pt", b.space_before_pt)
        kw.setdefault("line_spacing", b.line_spacing)
        kw.setdefault("align", b.alignment)
        return Para(spans, **kw)

    def text_width_cm(self) -> float:
        """The portrait text width, with margins rounded as the section stores them (whole twips)."""
        page = self.profile.page
        margins = mm_up(page.margins_mm["left"]) + mm_up(page.margins_mm["right"])
        return (page.width_mm * 36000 - margins) / 360000 - 0.01  # less a hair for rounding per column

    def node_para(self, numbered) -> Para | TableBlock:
        node, label, style = numbered.node, numbered.label, numbered.style
        if node.kind == "table":
            return TableBlock(node, self.text_width_cm())
        base = self.body_font
        spans: list[Span] = []
        text = node_text(node)
        if node.kind == "section":
            head = base.but(bold=bool(style.get("bold")), italic=bool(style.get("italic")))
            spans.append(Span(f"{label} {cased(text, style)}", head))
            return self.para(spans, keep_with_next=True, role="heading")
        if label:
            spans.append(Span(label + " ", base, markup=False))
        elif node.kind in ("dash", "plus"):
            spans.append(Span("- " if node.kind == "dash" else "+ ", base, markup=False))
        if node.label:
            spans.append(Span(node.label.rstrip() + " ", base.but(bold=True), markup=False))
        spans.append(Span(text, base))
        return self.para(spans)

    def layout(self, plan: Plan) -> list[Para | TableBlock]:
        """Every body paragraph (and table) of ``plan`` in order, the last paragraph carrying the ending."""
        b = self.profile.body
        paras: list[Para | TableBlock] = []
        basis_font = self.body_font.but(italic=bool(b.basis.italic))
        for line in _punctuate(plan.basis, b.basis.separator, b.basis.last):
            paras.append(self.para([Span(line, basis_font)], role="basis"))
        for text in plan.opening:
            paras.append(self.para([Span(text, self.body_font)], role="opening"))
        for numbered in number_body(plan.body, self.profile.numbering):
            paras.append(self.node_para(numbered))
        if plan.closing:
            paras.append(self.para([Span(plan.closing, self.body_font)], role="closing"))
        if paras and isinstance(paras[-1], TableBlock) and b.ending != ".":
            # A body that ends with a table takes the ending mark on a line of its own after it.
            paras.append(self.para([Span(b.ending, self.body_font, markup=False)], role="ending"))
        texts = [p for p in paras if isinstance(p, Para)]
        if texts:
            texts[0].before_pt = max(texts[0].before_pt or 0, b.first_space_before_pt)
            last = texts[-1]
            if last.role != "ending":
                last.spans[-1].text = with_ending(last.spans[-1].text, b.ending)
            last.keep_with_next = True  # the last lines stay on the signature's page
        return paras

    def addressees(self, plan: Plan) -> list[Para]:
        """Kính gửi (and the Party's Đồng kính gửi) under the title, one recipient per line."""
        t = self.profile.title
        spec = t.addressees
        paras: list[Para] = []
        groups = [(t.addressees_label, plan.addressees), (t.co_addressees_label, plan.co_addressees)]
        for label, names in groups:
            if not names or not label:
                continue
            if len(names) == 1:
                text = f"{label} {with_ending(names[0], spec.last_end)}"
                paras.append(Para([Span(text, self.body_font, markup=False)], align="center",
                                  before_pt=spec.space_before_pt, line_spacing=1.0))
                continue
            paras.append(Para([Span(label, self.body_font, markup=False)], align="left",
                              left_cm=spec.label_indent_cm, before_pt=spec.space_before_pt, line_spacing=1.0))
            for line in _punctuate(names, spec.item_end, spec.last_end):
                paras.append(Para([Span(spec.item_prefix + line, self.body_font, markup=False)], align="left",
                                  left_cm=spec.item_indent_cm, before_pt=0, line_spacing=1.0))
        return paras


def paragraph_xml(spec: Para) -> str:
    """One laid-out paragraph as WordprocessingML text."""
    ppr = ppr_xml(align=spec.align, first_line_cm=spec.first_line_cm, before_pt=spec.before_pt,
                  after_pt=spec.after_pt, line_spacing=spec.line_spacing,
                  keep_with_next=spec.keep_with_next or None, left_cm=spec.left_cm)
    return f"<w:p>{ppr}{''.join(runs_xml(s.text, s.font, markup=s.markup) for s in spec.spans)}</w:p>"


def paragraphs_xml(paras: list[Para | TableBlock], profile: Section | None = None) -> str:
    """Laid-out paragraphs (and body tables) as WordprocessingML text, in one pass."""
    return "".join(task_table_xml(profile, p.node.table, p.node.table.rows, p.width_cm)
                   if isinstance(p, TableBlock) else paragraph_xml(p) for p in paras)
