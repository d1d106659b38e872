"""Rules for the body (nội dung), the signature block (chữ ký) and Nơi nhận.

Numbers come from the profile's ``body``, ``signature`` and ``recipients`` sections.
Headings ("I.", "1.", "a)", bold lines) are exempt from the indent and alignment rules: the
decree does not fix them (format-rules §1.6).
"""
from __future__ import annotations

import re
from typing import Iterable

from ..i18n import _
from .components import HEADING, normal
from .docx_reader import ParagraphInfo
from .finding import Finding
from .registry import Context, alignment_name, check_size, check_style, joined, rule

LOOSE_PREFIX = re.compile(r"^(T\s*/\s*UQ|T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|TUQ|TM|KT|TL|Q(?=\.))(?=[\s.])\.?")


def is_heading(p: ParagraphInfo) -> bool:
    """A numbered heading, an all-bold line, or a centred all-italic caption: not running text."""
    runs = p.text_runs
    if HEADING.match(p.stripped) or (runs and all(run.bold for run in runs)):
        return True
    return p.alignment == "center" and bool(runs) and all(run.italic for run in runs)


def plain_body(ctx: Context) -> list[ParagraphInfo]:
    """Body paragraphs that are running text (not headings)."""
    return [p for p in ctx.parts.body if not is_heading(p)]


@rule("body.size")
def body_size(ctx: Context) -> Iterable[Finding]:
    """Body text 13–14 pt (state) / 14–15 pt (Party)."""
    yield from check_size(ctx, "body.size", ctx.parts.body, ctx.profile.body)


@rule("body.alignment", "body.indent")
def body_paragraphs(ctx: Context) -> Iterable[Finding]:
    """Body paragraphs justified, first line indented 1–1.27 cm."""
    spec = ctx.profile.body
    low, high = spec.first_line_indent_range_cm
    tolerance = ctx.profile.check_tolerances.indent_cm
    for p in plain_body(ctx):
        if p.alignment not in ("both", "distribute"):
            shown = p.alignment if p.alignment in ("center", "right") else "left"
            yield ctx.finding("body.alignment", p.where(), alignment_name(shown), alignment_name("both"), spec)
        if not p.numbered and not low - tolerance <= p.first_line_cm <= high + tolerance:
            manual = (ctx.profile.check_layout or {}).get("manual_alignment")
            if p.manual_alignment and manual:  # indented with a tab or spaces: the page looks indented
                yield ctx.finding("layout.manual-alignment", p.where(),
                                  str(_("first line indented with a tab or spaces")),
                                  _("a first-line indent of {low}–{high} cm in the paragraph format").format(
                                      low=f"{low:g}", high=f"{high:g}"), manual)
                continue
            yield ctx.finding("body.indent", p.where(),
                              _("first-line indent {indent} cm").format(indent=f"{p.first_line_cm:.2f}"),
                              f"{low:g}–{high:g} cm", spec)


def gap_pt(previous: ParagraphInfo, p: ParagraphInfo) -> float:
    """The space Word leaves between two paragraphs: the LARGER of the first's space after and the
    second's space before (they do not add up: 6 + 6 pt leaves 6 pt, 12 + 0 leaves 12, as measured on
    LibreOffice's Word layout), each side dropped when its paragraph has "don't add space between
    paragraphs of the same style" (w:contextualSpacing) and both have the same style."""
    same = previous.style_id == p.style_id
    after = 0.0 if previous.contextual_spacing and same else previous.space_after_pt
    before = 0.0 if p.contextual_spacing and same else p.space_before_pt
    return max(after, before)


@rule("body.spacing", "body.line-spacing")
def body_spacing(ctx: Context) -> Iterable[Finding]:
    """At least 6 pt between paragraphs (the larger of the space after the one above and the space
    before); line spacing from single to 1.5 lines."""
    spec = ctx.profile.body
    low, high = spec.line_spacing_range
    factor = ctx.profile.check_tolerances.exact_line_factor  # Word's single line ≈ 1.15 × the font size
    paragraphs = ctx.reader.paragraphs
    for p in ctx.parts.body:
        previous = paragraphs[p.index - 1] if p.index > 0 else None
        if previous is not None and previous.stripped and previous.cell is None \
                and gap_pt(previous, p) < spec.space_before_min_pt - 0.01:
            yield ctx.finding("body.spacing", p.where(),
                              _("{gap} pt above it ({after} pt after the paragraph above, {before} pt before)").format(
                                  gap=f"{gap_pt(previous, p):g}", after=f"{previous.space_after_pt:g}",
                                  before=f"{p.space_before_pt:g}"),
                              _("at least {least} pt between paragraphs").format(least=f"{spec.space_before_min_pt:g}"),
                              spec)
        if p.line_rule == "auto":
            ok = low - 0.01 <= p.line_value <= high + 0.01
        else:
            size = max((run.size for run in p.text_runs), default=spec.size)
            ok = p.line_value >= size * low - 0.5 if p.line_rule == "atLeast" else \
                size * low - 0.5 <= p.line_value <= size * high * factor + 0.5
        if not ok:
            found = _("line spacing {lines} lines").format(lines=f"{p.line_value:.2f}") if p.line_rule == "auto" \
                else _("line spacing {rule} {points} pt").format(rule=p.line_rule, points=f"{p.line_value:g}")
            yield ctx.finding("body.line-spacing", p.where(), found,
                              _("{low}–{high} lines").format(low=f"{low:g}", high=f"{high:g}"), spec)


@rule("body.ending")
def body_ending(ctx: Context) -> Iterable[Finding]:
    """The body ends with "./." (state) or a plain "." (Party)."""
    spec = ctx.profile.body
    if not ctx.parts.body:
        return
    last = ctx.parts.body[-1]
    text = last.text.rstrip()
    ending = spec.ending
    ok = text.endswith(ending) and not (ending == "." and text.endswith("./."))
    if not ok:
        tail = text[-12:] if len(text) > 12 else text
        yield ctx.finding("body.ending", last.where(), _('the body ends "…{tail}"').format(tail=tail),
                          _('the last sentence ending "{ending}"').format(ending=ending),
                          tag=spec.ending_tag, source=spec.ending_source)


def prefix_forms(ctx: Context) -> list[str]:
    spec = ctx.profile.signature
    return [f"{prefix}{spec.separator}" for prefix in spec.prefixes.values()]


@rule("signature.missing")
def signature_missing(ctx: Context) -> Iterable[Finding]:
    """A document with a header must be signed: quyền hạn or chức vụ, then the signer's name (họ tên)."""
    parts, spec = ctx.parts, ctx.profile.signature
    if parts.national_title is None:
        return
    where = parts.body[-1].where() if parts.body else str(_("after the body"))
    if not parts.authority and not parts.signer_title:
        yield ctx.finding("signature.missing", where, str(_("no signature block after the body")),
                          str(_("the signing authority or position in capitals, then the signer's name")), spec)
    elif parts.signer_name is None:
        last = (parts.authority + parts.signer_title)[-1]
        yield ctx.finding("signature.missing", last.where(), str(_("no signer's name in the signature block")),
                          str(_("the signer's full name (họ tên) under the position")), spec)


@rule("signature.prefix", "signature.size", "signature.style")
def signature(ctx: Context) -> Iterable[Finding]:
    """Quyền hạn (TM./KT./TL. state; T/M, K/T, T/L Party), chức vụ and họ tên: capitals, bold, centred."""
    spec = ctx.profile.signature
    forms = prefix_forms(ctx)
    for p in ctx.parts.signature:
        text = normal(p.text)
        loose = LOOSE_PREFIX.match(text)
        if loose and not any(text.startswith(form) and text[len(form):len(form) + 1] not in ("", " ")
                             for form in forms):
            yield ctx.finding("signature.prefix", p.where(), f'"{loose.group(0)}"',
                              _("one of {forms} followed by one space").format(
                                  forms=", ".join(f'"{form.strip()}"' for form in forms)), spec)
    parts = ctx.parts
    name = [parts.signer_name] if parts.signer_name is not None else []
    for lines, element in ((parts.authority, spec.authority), (parts.signer_title, spec.title), (name, spec.name)):
        yield from check_size(ctx, "signature.size", lines, element, spec)
        yield from check_style(ctx, "signature.style", lines, element, "center", spec)


@rule("recipients-label.text", "recipients-label.size", "recipients-label.style")
def recipients_label(ctx: Context) -> Iterable[Finding]:
    """"Nơi nhận:" with its colon: 12 pt bold italic (state), 14 pt underlined (Party)."""
    spec = ctx.profile.recipients.label
    p = ctx.parts.recipients_label
    if p is None:
        if ctx.parts.national_title is not None:
            where = _("signature block") if ctx.parts.signature else _("end of the document")
            yield ctx.finding("recipients-label.text", str(where), str(_('no "Nơi nhận" list')),
                              _('"{label}" level with the signature, then one recipient per line').format(
                                  label=spec.text), spec)
        return
    first = normal(p.text)
    if first != spec.text:
        yield ctx.finding("recipients-label.text", p.where(), f'"{first}"', f'"{spec.text}"', spec)
    yield from check_size(ctx, "recipients-label.size", [p], spec)
    yield from check_style(ctx, "recipients-label.style", [p], spec, alignment=None)
    if p.alignment in ("center", "right", "both") and p.cell is None:
        yield ctx.finding("recipients-label.style", p.where(), str(_("not flush left")),
                          str(_("flush with the left margin")), spec)


@rule("recipients-item.size", "recipients-item.punctuation", "recipients.archive")
def recipients(ctx: Context) -> Iterable[Finding]:
    """Recipient lines: "- …;" (state) or "- …," (Party), 11/12 pt; the last is the Lưu line ending "."."""
    spec = ctx.profile.recipients
    if ctx.parts.recipients_label is None:
        return
    items = ctx.parts.recipients
    archive = ctx.parts.archive
    listed = items[:items.index(archive)] if archive is not None else items
    yield from check_size(ctx, "recipients-item.size", listed + ([archive] if archive else []), spec.item)
    ends = [spec.item.end] + list(spec.item.end_tolerated or [])
    prefix = spec.item.prefix
    for p in listed:
        text = normal(p.text)
        if text.endswith(":") and not text.startswith("-"):
            continue  # a group label such as "Gửi bản điện tử:" (seen in genuine documents)
        problems = []
        if not text.startswith(prefix):
            problems.append(_('does not start with "{prefix}"').format(prefix=prefix.strip()))
        if not any(text.endswith(end) for end in ends):
            problems.append(_('ends "{end}"').format(end=text[-1:]))
        if problems:
            yield ctx.finding("recipients-item.punctuation", p.where(), joined(problems),
                              f'"{prefix}…{spec.item.end}"', spec.item)
    example = spec.archive.format.format(archive="VT, …" if ":" in spec.archive.format else "Văn phòng …")
    if archive is None:
        yield ctx.finding("recipients.archive", ctx.parts.recipients_label.where(), str(_("no Lưu line")),
                          _('a last line "{example}"').format(example=example), spec.archive)
    elif not re.match(spec.archive.pattern, normal(archive.text)):
        yield ctx.finding("recipients.archive", archive.where(), f'"{normal(archive.text)}"',
                          _('"{example}" (ending with ".")').format(example=example), spec.archive)

