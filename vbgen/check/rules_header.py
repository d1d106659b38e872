"""Rules for the header and title: Quốc hiệu, Tiêu ngữ, cơ quan, Số, địa danh và ngày, tên loại, trích yếu.

NĐ 30/2020 Phụ lục I mục II.1–II.5 (state) and HD 36-HD/VPTW Phụ lục 3 (Party); all sizes,
styles and exact texts come from the profile's ``header`` and ``title`` sections.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from ..i18n import _
from ..vnformat import day_text, month_text
from . import doctypes
from .components import normal
from .registry import Context, check_size, check_style, rule, size_bounds
from .finding import Finding

SYMBOL_GROUP = "[A-ZĐ][A-Za-zĐđ0-9]*"
BLANK = re.compile(r"^[\s.…_]*$")
DATE_SHAPE = re.compile(r"^(?P<place>[^,]+),\s*ngày\s*(?P<d>\S*?)\s*tháng\s*(?P<m>\S*?)\s*năm\s*(?P<y>\S*)$")


@rule("national-title.text", "national-title.size", "national-title.style")
def national_title(ctx: Context) -> Iterable[Finding]:
    """Quốc hiệu (state) or "ĐẢNG CỘNG SẢN VIỆT NAM" (Party): exact text, size, bold, capitals."""
    spec = ctx.profile.header.national_title
    p = ctx.parts.national_title
    allowed = [spec.text] + list(spec.alt_text or [])
    if p is None:
        yield ctx.finding("national-title.text", str(_("header")), str(_("no national title line")), f'"{spec.text}"',
                          spec)
        return
    if normal(p.text) not in allowed:
        yield ctx.finding("national-title.text", p.where(), f'"{normal(p.text)}"', f'"{spec.text}"', spec)
    yield from check_size(ctx, "national-title.size", [p], spec)
    yield from check_style(ctx, "national-title.style", [p], spec)


@rule("motto.text", "motto.size", "motto.style")
def motto(ctx: Context) -> Iterable[Finding]:
    """Tiêu ngữ "Độc lập - Tự do - Hạnh phúc" (state only): exact text with spaced hyphens, bold."""
    spec = ctx.profile.header.motto
    if not spec:
        return
    p = ctx.parts.motto
    if p is None:
        if ctx.parts.national_title is not None:
            yield ctx.finding("motto.text", ctx.parts.national_title.where(),
                              str(_("no Tiêu ngữ under the Quốc hiệu")), f'"{spec.text}"', spec)
        return
    if normal(p.text) != spec.text:
        yield ctx.finding("motto.text", p.where(), f'"{normal(p.text)}"', f'"{spec.text}"', spec)
    yield from check_size(ctx, "motto.size", [p], spec)
    yield from check_style(ctx, "motto.style", [p], spec)


def single_size(p) -> float | None:
    sizes = {run.size for run in p.text_runs}
    return sizes.pop() if len(sizes) == 1 else None


@rule("header.scaling")
def scaling(ctx: Context) -> Iterable[Finding]:
    """Sizes scaled together within one document: Quốc hiệu + 1 pt = Tiêu ngữ = date (e.g. 13/14/14)."""
    spec = ctx.profile.header.scaling
    parts = ctx.parts
    if not spec or None in (parts.national_title, parts.motto, parts.date):
        return
    title, motto_size, date_size = (single_size(p) for p in (parts.national_title, parts.motto, parts.date))
    if None in (title, motto_size, date_size):
        return
    header = ctx.profile.header
    for value, part in ((title, header.national_title), (motto_size, header.motto), (date_size, header.date)):
        low, high = size_bounds(part)
        if not low <= value <= high:
            return  # the size rule of that part already speaks
    if not title + spec.motto_over_title == motto_size == date_size:
        larger = f"{title + spec.motto_over_title:g}"
        yield ctx.finding("header.scaling", parts.date.where(),
                          _("Quốc hiệu {title} pt, Tiêu ngữ {motto} pt, date {date} pt").format(
                              title=f"{title:g}", motto=f"{motto_size:g}", date=f"{date_size:g}"),
                          _("Tiêu ngữ and date {step} pt larger than the Quốc hiệu (e.g. {title}/{larger}/{larger})"
                            ).format(step=spec.motto_over_title, title=f"{title:g}", larger=larger), spec)


@rule("issuer-parent.size", "issuer-parent.style", "issuer.size", "issuer.style", "issuer.mark")
def issuer(ctx: Context) -> Iterable[Finding]:
    """Tên cơ quan chủ quản (not bold) and cơ quan ban hành (bold), capitals, centred; Party: "*" under it."""
    header = ctx.profile.header
    yield from check_size(ctx, "issuer-parent.size", ctx.parts.issuer_parent, header.issuer_parent)
    yield from check_style(ctx, "issuer-parent.style", ctx.parts.issuer_parent, header.issuer_parent)
    yield from check_size(ctx, "issuer.size", ctx.parts.issuer, header.issuer)
    yield from check_style(ctx, "issuer.style", ctx.parts.issuer, header.issuer)
    mark = header.issuer_line.mark if header.issuer_line else None
    if mark and ctx.parts.issuer and ctx.parts.issuer_mark is None:
        yield ctx.finding("issuer.mark", ctx.parts.issuer[-1].where(), _('no "{mark}" under the issuer').format(mark=mark),
                          _('a centred "{mark}" between the issuer and "Số"').format(mark=mark), header.issuer_line)


def number_pattern(ctx: Context) -> re.Pattern:
    """The Số line as a regex, built from the profile's format ("Số: {number}/{symbol}" …)."""
    header = ctx.profile.header
    head, rest = header.number.format.split("{number}")
    middle = rest.split("{symbol}")[0]
    between = header.symbol_format.split("{type}")[1].split("{issuer}")[0]
    symbol = f"{SYMBOL_GROUP}(?:{re.escape(between)}{SYMBOL_GROUP})+"
    return re.compile(rf"^(?:{re.escape(head)}(?:0[1-9]|[1-9][0-9]+)|{re.escape(head.rstrip())}[\s.…_]*)"
                      rf"{re.escape(middle)}(?P<symbol>{symbol})$")


def document_type(ctx: Context) -> "doctypes.DocType | None":
    """The document's type: the one whose tên loại it shows (KẾ HOẠCH → ke-hoach), the công văn when it
    has a "V/v" line instead, or None."""
    if ctx.parts.type_name is None:
        return doctypes.untitled_type(ctx.profile) if ctx.parts.cv_summary else None
    return doctypes.type_by_name(ctx.profile, ctx.parts.type_name.text)


@rule("number.format", "number.symbol", "number.size", "number.style")
def number(ctx: Context) -> Iterable[Finding]:
    """Số, ký hiệu: "Số: 05/KH-UBND" (state) or "Số 05-KH/BDVTU" (Party); numbers under 10 with a 0."""
    header = ctx.profile.header
    spec = header.number
    example = spec.format.format(number="05", symbol=header.symbol_format.format(type="KH", issuer="UBND"))
    p = ctx.parts.number
    if p is None:
        if ctx.parts.national_title is not None:
            yield ctx.finding("number.format", str(_("header")), str(_('no "Số" line')),
                              _('a line like "{example}"').format(example=example), spec)
        return
    text = p.text.strip()
    match = number_pattern(ctx).match(text)
    if not match:
        yield ctx.finding("number.format", p.where(), f'"{normal(text)}"',
                          _('the form "{example}"').format(example=example), spec)
    kind = document_type(ctx)
    if match and kind is not None and kind.abbreviation and ctx.parts.type_name is not None:
        between = header.symbol_format.split("{type}")[1].split("{issuer}")[0]
        start = f"{kind.abbreviation}{between}"
        if not match.group("symbol").startswith(start):
            yield ctx.finding("number.symbol", p.where(), _('ký hiệu "{symbol}"').format(symbol=match.group("symbol")),
                              _('a ký hiệu starting "{start}" for a {type}').format(start=start, type=kind.running_name),
                              spec)
    yield from check_size(ctx, "number.size", [p], spec)
    yield from check_style(ctx, "number.style", [p], spec)


def real_date(shape: re.Match) -> dt.date | None:
    """The date of a DATE_SHAPE match, or None when it does not exist (ngày 31 tháng 2, tháng 13).
    Blank parts of a draft ("ngày    tháng    năm 2025") stand in as 1, and a blank year as a leap
    year, so only what is written is judged."""
    values = [int(shape.group(key)) if shape.group(key).isdigit() else default
              for key, default in (("y", 2000), ("m", 1), ("d", 1))]
    try:
        return dt.date(*values)
    except ValueError:
        return None


@rule("date.format", "date.padding", "date.size", "date.style")
def date(ctx: Context) -> Iterable[Finding]:
    """Địa danh, ngày … tháng … năm …: italic; day in 2 digits; months 1–2 as 01, 02; 3–12 without a 0."""
    spec = ctx.profile.header.date
    p = ctx.parts.date
    if p is None:
        if ctx.parts.national_title is not None:
            yield ctx.finding("date.format", str(_("header")), str(_("no place-and-date line")),
                              str(_('"<Địa danh>, ngày DD tháng M năm YYYY"')), spec)
        return
    text = p.text.strip()
    shape = DATE_SHAPE.match(" ".join(text.split(" ")))
    parts_ok = shape is not None and all(
        BLANK.match(shape.group(key)) or shape.group(key).isdigit() for key in ("d", "m", "y"))
    if shape is None or not parts_ok or not (BLANK.match(shape.group("y")) or len(shape.group("y")) == 4):
        yield ctx.finding("date.format", p.where(), f'"{normal(text)}"',
                          str(_('"<Địa danh>, ngày DD tháng M năm YYYY" (comma after the place name)')), spec)
    elif real_date(shape) is None:
        yield ctx.finding("date.format", p.where(), _('"{text}": not a real date').format(text=normal(text)),
                          str(_("a date that exists (day 1–31 within the month, month 1–12)")), spec)
    else:
        day, month = shape.group("d"), shape.group("m")
        if day.isdigit() and day != day_text(int(day)):
            yield ctx.finding("date.padding", p.where(), _('day written "{day}"').format(day=day),
                              _('"{day}" (the day always in two digits)').format(day=day_text(int(day))), spec)
        if month.isdigit() and month != month_text(int(month)):
            yield ctx.finding("date.padding", p.where(), _('month written "{month}"').format(month=month),
                              _('"{month}" (a leading 0 only for months 1 and 2)').format(month=month_text(int(month))),
                              spec)
    yield from check_size(ctx, "date.size", [p], spec)
    yield from check_style(ctx, "date.style", [p], spec)


@rule("type-name.text", "type-name.size", "type-name.style", "summary.size", "summary.style")
def title(ctx: Context) -> Iterable[Finding]:
    """Tên loại (KẾ HOẠCH, BÁO CÁO …: capitals, bold, centred) and the trích yếu under it (bold, centred)."""
    spec = ctx.profile.title
    p = ctx.parts.type_name
    if p is None:
        if ctx.parts.cv_summary:
            return  # a công văn: no tên loại by design, its "V/v" line stands in (cv-summary.* rules)
        if ctx.parts.national_title is not None:
            names = ", ".join(doctypes.type_names(ctx.profile)[:8]) + ", …"
            cv = doctypes.untitled_type(ctx.profile)
            wanted = _("a centred tên loại ({names})").format(names=names) if cv is None else _(
                'a centred tên loại ({names}); or, for a {type}, a "{prefix} …" line under the Số line').format(
                names=names, type=cv.running_name.lower(), prefix=cv.summary_prefix or "V/v")
            yield ctx.finding("type-name.text", str(_("after the header")), str(_("no tên loại line")), wanted,
                              spec.type_name)
        return
    yield from check_size(ctx, "type-name.size", [p], spec.type_name)
    yield from check_style(ctx, "type-name.style", [p], spec.type_name)
    yield from check_size(ctx, "summary.size", ctx.parts.summary, spec.summary)
    yield from check_style(ctx, "summary.style", ctx.parts.summary, spec.summary)


LINE_TEXT = re.compile(r"^\s*([_\-–—=.]\s*){3,}$")


def shows_line(p) -> bool:
    """A line a person sees under ``p``'s text: a drawn line shape, a bottom border of the paragraph or
    of its table cell, a run of underscores/dashes, or fully underlined text. (A top border of the
    paragraph after it counts too: see :func:`line_near`.)"""
    runs = p.text_runs
    return bool(p.lines) or p.has_bottom_border or p.cell_bottom_border or bool(LINE_TEXT.match(p.text)) or (
        bool(runs) and all(run.underline for run in runs))


def line_near(ctx: Context, anchor, after: int = 2) -> bool:
    """Is there a line under ``anchor``? In a table: anywhere in its cell (shapes float), or a shape in
    the same column of the next row (a line anchored in the date paragraph often sits under the Tiêu
    ngữ above it). Outside tables: in ``anchor`` or the ``after`` paragraphs that follow it, or a shape
    anchored in the paragraphs just above it."""
    paragraphs = ctx.reader.paragraphs
    if anchor.cell is not None:
        table, row, column = anchor.cell
        for p in paragraphs:
            if p.cell is None or p.cell[0] != table or p.cell[2] != column:
                continue
            if p.cell[1] == row and (shows_line(p) or (p.index > anchor.index and p.has_top_border)):
                return True
            if p.cell[1] == row + 1 and p.lines:
                return True
        return False
    if any(shows_line(p) for p in paragraphs[anchor.index:anchor.index + after + 1]):
        return True
    if any(p.has_top_border for p in paragraphs[anchor.index + 1:anchor.index + after + 1]):
        return True  # a border above the next paragraph is a line under this one
    return any(p.lines for p in paragraphs[max(0, anchor.index - 3):anchor.index] if p.cell is None)


@rule("national-title.line", "issuer.line", "summary.line")
def lines(ctx: Context) -> Iterable[Finding]:
    """Lines under the Tiêu ngữ (Party: under ĐẢNG CỘNG SẢN VIỆT NAM), the issuer and the trích yếu."""
    header, parts = ctx.profile.header, ctx.parts
    right = parts.motto or parts.national_title
    if right is not None and header.motto_line and not line_near(ctx, right):
        yield ctx.finding("national-title.line", right.where(), str(_("no line under it")),
                          str(_("a solid line under it, as long as the text")), header.motto_line)
    if parts.issuer and header.issuer_line and header.issuer_line.length_cm and not line_near(ctx, parts.issuer[-1]):
        yield ctx.finding("issuer.line", parts.issuer[-1].where(), str(_("no line under the issuer")),
                          str(_("a short solid line under it (1/3–1/2 of the name)")), header.issuer_line)
    spec = ctx.profile.title.line
    if parts.summary and spec and not line_near(ctx, parts.summary[-1]):
        wanted = _('"{line}" under it').format(line=spec.text) if spec.text else str(_("a short solid line under it"))
        yield ctx.finding("summary.line", parts.summary[-1].where(), str(_("no line under the trích yếu")), wanted,
                          spec)


@rule("cv-summary.size", "cv-summary.style")
def cv_summary(ctx: Context) -> Iterable[Finding]:
    """Trích yếu of a công văn (ô 5b): "V/v …" under the Số line, 12–13 pt, upright, centred."""
    spec = (ctx.profile.check_layout or {}).get("cv_summary")
    lines = ctx.parts.cv_summary
    if not spec or not lines:
        return
    yield from check_size(ctx, "cv-summary.size", lines, spec)
    yield from check_style(ctx, "cv-summary.style", lines, spec)
