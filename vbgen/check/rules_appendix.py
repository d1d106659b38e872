"""Rules for the phụ lục (appendices) after the signature: their heading and their own page numbers.

NĐ 30/2020 Phụ lục I mục III.1: "Phụ lục I" on its own line, bold, 14 pt; the title in capitals,
bold; the "(Kèm theo …)" line italic; all centred. Mục III.1.đ: each phụ lục is numbered on its own
(a new section with ``w:pgNumType w:start="1"``). Sizes and tags come from the profile's ``appendix``.
"""
from __future__ import annotations

from typing import Iterable

from ..i18n import _
from ..profile import Section
from .finding import Finding
from .registry import Context, check_size, check_style, rule
from .properties import qn


def appendix_spec(ctx: Context, source_key: str = "source") -> Section:
    """Tag and source of the appendix rules (the profile's ``appendix`` section)."""
    a = ctx.profile.appendix
    return Section(tag=a.tag or "P", source=a[source_key] or a.source or ctx.profile.source)


@rule("appendix-label.size", "appendix-label.style", "appendix-title.size", "appendix-title.style",
      "appendix-reference.size", "appendix-reference.style")
def appendix_heading(ctx: Context) -> Iterable[Finding]:
    """"Phụ lục I" bold 14 pt, the title bold in capitals, "(Kèm theo …)" italic: centred lines."""
    a = ctx.profile.appendix
    if not a:
        return
    spec = appendix_spec(ctx)
    for heading in ctx.parts.appendices:
        for name, lines, element in (("appendix-label", [heading.label], a.label),
                                     ("appendix-title", heading.title, a.title),
                                     ("appendix-reference", [heading.reference] if heading.reference else [],
                                      a.reference)):
            yield from check_size(ctx, f"{name}.size", lines, element, spec)
            yield from check_style(ctx, f"{name}.style", lines, element, "center", spec)


@rule("page-number.restart")
def appendix_numbering(ctx: Context) -> Iterable[Finding]:
    """Each phụ lục starts a section of its own whose page numbers start again at 1."""
    a = ctx.profile.appendix
    if not a or not a.page_numbers_restart or not ctx.parts.appendices:
        return
    spec = appendix_spec(ctx, "page_numbers_source")
    sections = ctx.reader.sections
    closing = ctx.parts.signature + ctx.parts.recipients
    previous = max((p.section for p in closing), default=0)
    wanted = str(_('its own section with page numbers starting at 1 (w:pgNumType w:start="1")'))
    for heading in ctx.parts.appendices:
        label, section = heading.label, heading.label.section
        if section == previous:
            yield ctx.finding("page-number.restart", label.where(),
                              str(_("the phụ lục goes on with the page numbers of the pages before it")), wanted, spec)
        elif section < len(sections):
            numbering = sections[section].element.find(qn("w:pgNumType"))
            start = numbering.get(qn("w:start")) if numbering is not None else None
            if start != "1":
                found = _("page numbers starting at {start}").format(start=start) if start else \
                    str(_("page numbers going on from the section before"))
                yield ctx.finding("page-number.restart", _("{where} (page setup, section {section})").format(
                    where=label.where(), section=section + 1), found, wanted, spec)
        previous = section
