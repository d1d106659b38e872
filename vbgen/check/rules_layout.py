"""Rules about the page as a person sees it, beyond the words of one part: alignment made with spaces
or tabs, frames around the header or signature table, coloured text, the date level with the Số line.

Profile: ``check_layout`` (each entry with its tag and source).
"""
from __future__ import annotations

from typing import Iterable

from ..i18n import N_, _, gettext
from .finding import Finding
from .registry import Context, rule
from .shapes import table_borders
from .properties import qn

BLACK = {None, "AUTO", "000000"}


@rule("layout.manual-alignment")
def manual_alignment(ctx: Context) -> Iterable[Finding]:
    """Header, title and signature lines centred with spaces or tabs: a warning ([U]), the page looks right."""
    spec = (ctx.profile.check_layout or {}).get("manual_alignment")
    if not spec:
        return
    parts = ctx.parts
    lines = [parts.national_title, parts.motto, parts.number, parts.date, parts.type_name]
    lines += parts.issuer_parent + parts.issuer + parts.summary + parts.cv_summary + parts.signature
    for p in sorted((p for p in lines if p is not None and p.manual_alignment), key=lambda p: p.index):
        yield ctx.finding("layout.manual-alignment", p.where(), str(_("centred with spaces or tabs")),
                          str(_("centred by paragraph alignment (spaces shift when a word changes)")), spec)


def _table_of(p):
    element = p.element
    while element is not None and element.tag != qn("w:tbl"):
        element = element.getparent()
    return element


@rule("layout.table-borders")
def framed_tables(ctx: Context) -> Iterable[Finding]:
    """The tables holding the header (ô 1–4) or the signature and Nơi nhận print no borders."""
    spec = (ctx.profile.check_layout or {}).get("table_borders")
    if not spec:
        return
    parts = ctx.parts
    for (found, wanted), anchor in (
            ((N_("the header table prints borders ({sides})"), N_("the header laid out without visible borders")),
             parts.number or parts.national_title),
            ((N_("the signature table prints borders ({sides})"), N_("the signature laid out without visible borders")),
             (parts.signature or [None])[0] or parts.recipients_label)):
        if anchor is None or anchor.cell is None or anchor.cell[0] < 0:
            continue
        table = _table_of(anchor)
        sides = table_borders(table, ctx.reader.resolver) if table is not None else []
        if sides:
            yield ctx.finding("layout.table-borders", anchor.where(), gettext(found).format(sides=", ".join(sides)),
                              gettext(wanted), spec)


@rule("text.color")
def text_color(ctx: Context) -> Iterable[Finding]:
    """Text in black: a run with a colour other than automatic or 000000. Hyperlinks are left out: Word
    colours them itself (the Hyperlink style), the clerk chose no colour."""
    spec = (ctx.profile.check_layout or {}).get("text_color")
    if not spec:
        return
    colours: dict[str, dict[str, None]] = {}  # colour → its places, in order, each once (no list scans)
    for p in ctx.reader.paragraphs:
        for run in p.text_runs:
            if run.color not in BLACK and not _hyperlink(run.element):
                colours.setdefault(run.color, {})[p.where()] = None
    for colour, found in colours.items():
        places = list(found)
        where = _("{where} (and {count} more paragraphs)").format(where=places[0], count=len(places) - 1) \
            if len(places) > 1 else places[0]
        yield ctx.finding("text.color", where, _("text in colour #{colour}").format(colour=colour),
                          str(_("black text")), spec)


@rule("date.level")
def date_level(ctx: Context) -> Iterable[Finding]:
    """The place-and-date line sits level with the Số line (ô 3 and ô 4): the same table row, or the
    same tabbed line; not a row or a paragraph above or below it."""
    spec = (ctx.profile.check_layout or {}).get("date_level")
    number, date = ctx.parts.number, ctx.parts.date
    if not spec or number is None or date is None:
        return
    if number.cell is not None and date.cell is not None and number.cell[0] == date.cell[0]:
        if number.cell[1] == date.cell[1]:
            gap = _top_pt(ctx, date) - _top_pt(ctx, number)
            if abs(gap) <= 0.8 * _height_pt(number):
                return
            found = (_("{gap} pt below the Số line") if gap > 0 else _("{gap} pt above the Số line")).format(
                gap=f"{abs(gap):.0f}")
        else:
            found = str(_("in another table row than the Số line"))
    elif number.cell is None and date.cell is None:
        if number.element is date.element:
            return  # one tabbed line: "Số: …<tab>Địa danh, ngày …"
        found = str(_("on a line of its own, not level with the Số line"))
    else:
        return  # one in a table, one outside: too unusual to judge
    yield ctx.finding("date.level", date.where(), found, str(_("on the same level as the Số line, right column")),
                      spec)


def _height_pt(p) -> float:
    """The height of one line of ``p`` plus its spacing (Word's single line ≈ 1.15 × the size)."""
    size = max((run.size for run in p.runs), default=12.0) or 12.0
    if p.line_rule == "auto":
        line = size * 1.15 * (p.line_value or 1.0)
    else:
        line = p.line_value if p.line_rule == "exact" else max(p.line_value, size * 1.15)
    return line + p.space_before_pt + p.space_after_pt


def _top_pt(ctx: Context, p) -> float:
    """How far down its table cell ``p`` starts (points; each earlier paragraph one line high)."""
    return sum(_height_pt(q) for q in ctx.reader.paragraphs if q.cell == p.cell and q.index < p.index)


def _hyperlink(r) -> bool:
    """Is the run a link: inside w:hyperlink, or in the Hyperlink character style (field hyperlinks)?"""
    if r.getparent() is not None and r.getparent().tag == qn("w:hyperlink"):
        return True
    style = r.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
    return style is not None and "hyperlink" in (style.get(qn("w:val")) or "").lower()
