"""Rules for what comes between the title and the body: Kính gửi and the căn cứ lines.

* Kính gửi (ô 9a, NĐ 30/2020 Phụ lục I mục II.9.a): "Kính gửi:" with its colon; one recipient on the
  same line, ending "."; several: one per line "- …;", the last ending ".". The Party's
  "Đồng kính gửi:" likewise. Profile: ``title.addressees`` (and the label texts beside it).
* Căn cứ ban hành (mục II.6, table row 6): each căn cứ a paragraph of its own starting "Căn cứ" and
  ending ";" (the last "."), in italics. Profile: ``body.basis``.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..i18n import _
from .components import normal
from .docx_reader import ParagraphInfo
from .finding import Finding
from .registry import Context, check_style, joined, rule

LABEL = re.compile(r"^(?P<words>(Đồng\s+)?[Kk]ính\s+(gửi|trình))\s*(?P<colon>:?)\s*(?P<inline>.*)$")
BASIS_START = re.compile(r"^Căn\s+cứ\b")


def addressee_blocks(paragraphs: list[ParagraphInfo]) -> list[list[ParagraphInfo]]:
    """The Kính gửi paragraphs cut into blocks, each starting with its label line."""
    blocks: list[list[ParagraphInfo]] = []
    for p in paragraphs:
        if LABEL.match(normal(p.text)) or not blocks:
            blocks.append([p])
        else:
            blocks[-1].append(p)
    return blocks


def wanted_label(ctx: Context, words: str) -> str:
    title = ctx.profile.title
    if words.lower().startswith("đồng") and title.co_addressees_label:
        return title.co_addressees_label
    if words.lower().endswith("gửi") and title.addressees_label:
        return title.addressees_label
    return f"{words}:"


@rule("addressees.label", "addressees.items")
def addressees(ctx: Context) -> Iterable[Finding]:
    """"Kính gửi:" with a colon; one recipient on the label line; several one per line "- …;", the last "."."""
    spec = ctx.profile.title.addressees
    if not spec:
        return
    ends = [spec.item_end] + list(spec.end_tolerated or [])
    for block in addressee_blocks(ctx.parts.addressees):
        label = block[0]
        match = LABEL.match(normal(label.text))
        if match is None:
            continue
        want = wanted_label(ctx, match.group("words"))
        if f'{match.group("words")}{match.group("colon")}' != want:
            yield ctx.finding("addressees.label", label.where(), f'"{match.group("words")}{match.group("colon")}"',
                              _('"{label}" (with its colon)').format(label=want), spec)
        items = ([(label, match.group("inline"))] if match.group("inline") else []) + \
                [(p, normal(p.text)) for p in block[1:] if p.stripped]
        if len(items) == 1:
            p, text = items[0]
            problems = []
            if p is not label:  # (a single recipient needs no final "." – offices write it either way)
                problems.append(str(_("the only recipient on a line of its own")))
            if problems:
                yield ctx.finding("addressees.items", p.where(), joined(problems),
                                  _('one recipient on the same line: "{label} <recipient>{end}"').format(
                                      label=want, end=spec.last_end), spec)
            continue
        for number, (p, text) in enumerate(items):
            last = number == len(items) - 1
            problems = []
            if p is not label and not text.startswith(spec.item_prefix.strip()):
                problems.append(_('does not start with "{prefix}"').format(prefix=spec.item_prefix.strip()))
            if last and not text.endswith(spec.last_end):
                problems.append(_('the last recipient ends "{end}"').format(end=text[-1:]))
            elif not last and not any(text.endswith(end) for end in ends):
                problems.append(_('ends "{end}"').format(end=text[-1:]))
            if problems:
                yield ctx.finding("addressees.items", p.where(), joined(problems),
                                  _('several recipients one per line "{prefix}…{end}", the last ending "{last}"'
                                    ).format(prefix=spec.item_prefix, end=spec.item_end, last=spec.last_end), spec)


def basis_lines(body: list[ParagraphInfo], separator: str, last: str) -> list[ParagraphInfo]:
    """The căn cứ lines at the start of the body: paragraphs starting "Căn cứ" and ending ``separator``,
    the last may end ``last`` (only after one ending ``separator``). A paragraph such as "Căn cứ …, Sở …
    ban hành Kế hoạch như sau:" is the opening sentence, not a căn cứ line, and ends the run."""
    lines: list[ParagraphInfo] = []
    for p in body:
        text = normal(p.text)
        if not BASIS_START.match(text):
            break
        if text.endswith(separator):
            lines.append(p)
            continue
        if text.endswith(last) and lines:
            lines.append(p)
        break
    return lines


@rule("basis.style")
def basis(ctx: Context) -> Iterable[Finding]:
    """Căn cứ lines before the body in italics."""
    spec = ctx.profile.body.basis
    if not spec:
        return
    lines = basis_lines(ctx.parts.body, spec.separator, spec.last)
    yield from check_style(ctx, "basis.style", lines, {"italic": spec.italic}, None, spec)
