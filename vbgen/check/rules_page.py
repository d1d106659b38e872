"""Rules for the page (khổ giấy, lề, số trang), the font of every run, and text hygiene.

Profile sections: ``page``, ``page_number``, ``font`` and ``hygiene``.
"""
from __future__ import annotations

from typing import Iterable

from ..i18n import N_, _, gettext
from .docx_reader import ParagraphInfo, has_page_field
from .finding import Finding
from ..glyphs import WRONG_LETTERS, wrong_letters
from .hygiene import is_nfc, legacy_encoding, looks_clean
from .pages import fits_one_page
from .registry import Context, points, rule
from .properties import is_on, qn



def is_profile_font(font: str | None, name: str) -> bool:
    """Is ``font`` the profile's font? None (not set) counts as yes. A face name such as "Times New Roman
    Bold" does not: it is no installed family, and LibreOffice shows it in a substitute sans font."""
    return not font or font.lower() == name.lower()


def where_section(index: int, count: int) -> str:
    return str(_("page setup")) if count == 1 else _("page setup (section {section})").format(section=index + 1)


def where_header(sections: list[int]) -> str:
    """The page header of the first section, or of the sections named (0-based)."""
    if sections == [0]:
        return str(_("page header"))
    if len(sections) == 1:
        return _("page header (section {section})").format(section=sections[0] + 1)
    return _("page header (sections {sections})").format(sections=", ".join(str(n + 1) for n in sections))


#: What each margin is called in a finding.
MARGINS = {"top": (N_("top margin {value}"), N_("top margin {wanted}")),
           "bottom": (N_("bottom margin {value}"), N_("bottom margin {wanted}")),
           "left": (N_("left margin {value}"), N_("left margin {wanted}")),
           "right": (N_("right margin {value}"), N_("right margin {wanted}"))}


@rule("page.size")
def page_size(ctx: Context) -> Iterable[Finding]:
    """A4, 210 × 297 mm (portrait, or landscape for wide tables)."""
    spec = ctx.profile.page
    sections = ctx.reader.sections
    for i, section in enumerate(sections):
        dims = sorted((section.width_mm, section.height_mm))
        want = sorted((spec.width_mm, spec.height_mm))
        if any(abs(a - b) > ctx.profile.check_tolerances.page_size_mm for a, b in zip(dims, want)):
            yield ctx.finding("page.size", where_section(i, len(sections)),
                              f"{section.width_mm:.0f} × {section.height_mm:.0f} mm",
                              _("A4, {width} × {height} mm").format(width=spec.width_mm, height=spec.height_mm), spec)


@rule("page.margins")
def page_margins(ctx: Context) -> Iterable[Finding]:
    """Margins within the profile's ranges (state: top/bottom 20–25, left 30–35, right 15–20 mm)."""
    spec = ctx.profile.page
    sections = ctx.reader.sections
    tolerance = ctx.profile.check_tolerances.margin_mm
    ranges = spec.margin_ranges_mm
    for i, section in enumerate(sections):
        if section.width_mm > section.height_mm and margins_fit(section.margins_mm, rotated_ranges(ranges), tolerance):
            continue  # a landscape page with the portrait margins turned with it (binding edge at the top)
        for side, (low, high) in ranges.items():
            value = section.margins_mm[side]
            if not low - tolerance <= value <= high + tolerance:
                wanted = f"{low} mm" if low == high else f"{low}–{high} mm"
                found_text, wanted_text = MARGINS[side]
                yield ctx.finding("page.margins", where_section(i, len(sections)),
                                  gettext(found_text).format(value=millimetres(value)),
                                  gettext(wanted_text).format(wanted=wanted),
                                  tag=spec.margins_tag or spec.tag, source=spec.margins_source or spec.source)


def millimetres(value: float) -> str:
    """A measured length as found, never rounded into a range: 25.4 → "25.4 mm", 30.0 → "30 mm"."""
    return f"{value:.1f}".rstrip("0").rstrip(".") + " mm"


def rotated_ranges(ranges: dict) -> dict:
    """The portrait margin ranges as they land on a page turned to landscape with the binding edge
    (the wide left margin) at the top."""
    return {"top": ranges["left"], "bottom": ranges["right"], "left": ranges["bottom"], "right": ranges["top"]}


def margins_fit(margins: dict, ranges: dict, tolerance: float) -> bool:
    return all(low - tolerance <= margins[side] <= high + tolerance for side, (low, high) in ranges.items())


def header_footer_paragraphs(ctx: Context) -> list[ParagraphInfo]:
    """Paragraphs of the page headers and footers Word shows (the even-page ones only when the document
    turns on different odd and even pages). Read once per document (several rules ask)."""
    cached = ctx.reader.__dict__.get("_header_footer_paragraphs")
    if cached is not None:
        return cached
    settings = ctx.reader.package.settings
    even = bool(is_on(settings.find(qn("w:evenAndOddHeaders")))) if settings is not None else False
    kinds = [("default", False), ("first", False), ("default", True), ("first", True)]
    if even:
        kinds += [("even", False), ("even", True)]
    seen, result = set(), []
    for section in ctx.reader.sections:  # (each section's w:sectPr, read once by the reader)
        for kind, footer in kinds:
            part = ctx.reader.package.header_part(section.element, kind, footer)
            if part is None or id(part) in seen:
                continue
            seen.add(id(part))
            result += ctx.reader.header_paragraphs(part)
    ctx.reader.__dict__["_header_footer_paragraphs"] = result
    return result


@rule("font.name")
def font_name(ctx: Context) -> Iterable[Finding]:
    """Every run, through its styles, in the profile's font (Times New Roman)."""
    spec = ctx.profile.font
    body, headers = ctx.reader.paragraphs, header_footer_paragraphs(ctx)
    fonts = {run.font for p in body + headers for run in p.text_runs}
    fonts |= {run.font_hansi for p in body + headers for run in p.text_runs}
    wrong_fonts = {font for font in fonts if not is_profile_font(font, spec.name)}
    if not wrong_fonts:
        return  # (the usual case: the places of a wrong font are looked for only when there is one)
    wrong: dict[str, dict[str, None]] = {}  # font → its places, in order, each once (a dict: no list scans)
    for p, place in [(p, None) for p in body] + [(p, str(_("page header/footer"))) for p in headers]:
        for run in p.text_runs:
            for font in (run.font, run.font_hansi):
                if font in wrong_fonts:
                    label = f"{place} {p.where()}" if place else p.where()
                    wrong.setdefault(font, {})[label] = None
    for font, labels in wrong.items():
        places = list(labels)
        where = _("{where} (and {count} more paragraphs)").format(where=places[0], count=len(places) - 1) \
            if len(places) > 1 else places[0]
        yield ctx.finding("font.name", where, _('font "{font}"').format(font=font), f'"{spec.name}"', spec)


@rule("page-number.field", "page-number.first-page", "page-number.size", "page-number.position")
def page_number(ctx: Context) -> Iterable[Finding]:
    """A PAGE field centred in the top margin (the header) of every section, 13–14 pt, not shown on page 1.

    Each section shows its own default header or, linked to previous, the nearest earlier one's; a
    section without any (a landscape table, a phụ lục) would print pages without numbers.
    """
    spec = ctx.profile.page_number
    sections = ctx.reader.sections
    if not sections:
        return
    low, high = spec.size_range or (spec.size, spec.size)
    seen: set[int] = set()
    wrong_sizes: dict[str, list[int]] = {}  # one finding per wrong size, naming every section that has it
    for i in range(len(sections)):
        header = ctx.reader.shown_header(i)
        key = id(header) if header is not None else None
        if key in seen:
            continue  # the same header as an earlier section: already judged there
        seen.add(key)
        default = [p for p in ctx.reader.header_paragraphs(header) if has_page_field(p)]
        where = where_section(i, len(sections))
        if not default:
            if ctx.reader.saved_pages == 1 or fits_one_page(ctx.reader, i):
                continue  # one page (as Word saved it, or by its length): there is no page 2 to number
            footer = sections[i].default_footer
            in_footer = any(has_page_field(p) for p in ctx.reader.header_paragraphs(footer))
            yield ctx.finding("page-number.field", where,
                              str(_("the page number in the footer") if in_footer else
                                  _("no page number in the page header")),
                              str(_("a PAGE field centred in the top margin (page header) of pages 2 onwards")), spec)
        for p in default:
            sizes = sorted({run.size for run in p.runs if not low <= run.size <= high})
            if sizes:
                wrong_sizes.setdefault(", ".join(f"{s:g} pt" for s in sizes), []).append(i)
            if p.alignment != "center" and p.manual_alignment:
                manual = (ctx.profile.check_layout or {}).get("manual_alignment")
                if manual:
                    yield ctx.finding("layout.manual-alignment", where_header([i]),
                                      str(_("the page number centred with tabs or spaces")),
                                      str(_("a centred page-header paragraph")), manual)
            elif p.alignment != "center":
                yield ctx.finding("page-number.position", where_header([i]),
                                  _("aligned {alignment}").format(alignment=p.alignment or "left"),
                                  str(_("centred")), spec)
    for found, numbers in wrong_sizes.items():
        yield ctx.finding("page-number.size", where_header(numbers), found, points(low, high), spec)
    section = sections[0]
    default = [p for p in ctx.reader.header_paragraphs(section.default_header) if has_page_field(p)]
    first = [p for p in ctx.reader.header_paragraphs(section.first_header) if has_page_field(p)]
    shown_on_first = bool(first) if section.title_page else bool(default)
    if shown_on_first and not spec.first_page and ctx.reader.saved_pages != 1:
        yield ctx.finding("page-number.first-page", str(_("page setup")), str(_("a page number on page 1")),
                          str(_('no number on page 1 ("different first page" with an empty first-page header)')), spec)


def all_paragraphs(ctx: Context) -> list[tuple[ParagraphInfo, bool]]:
    """Every paragraph with text, body then page headers/footers: (paragraph, in a page header?)."""
    return [(p, False) for p in ctx.reader.paragraphs if p.text.strip()] + \
           [(p, True) for p in header_footer_paragraphs(ctx) if p.text.strip()]


def where_paragraph(p: ParagraphInfo, in_header: bool) -> str:
    return _("page header {where}").format(where=p.where()) if in_header else p.where()


@rule("text.legacy-encoding", "text.glyph", "text.nfc")
def text_hygiene(ctx: Context) -> Iterable[Finding]:
    """Unicode Vietnamese only: no TCVN3/VNI text, no "ƣ" for "ư"; text in NFC."""
    spec = ctx.profile.hygiene or {}
    paragraphs = all_paragraphs(ctx)
    whole = "\n".join(p.text for p, _header in paragraphs)  # (a line break joins no letters: clean whole, clean parts)
    if looks_clean(whole):
        return
    for p, in_header in paragraphs:
        encoding = legacy_encoding(p.text)
        glyphs = wrong_letters(p.text)
        nfc = is_nfc(p.text)
        if not encoding and not glyphs and nfc:
            continue  # (named only when there is something to say)
        where = where_paragraph(p, in_header)
        if encoding:
            yield ctx.finding("text.legacy-encoding", where, _("{encoding} text").format(encoding=encoding),
                              str(_("Unicode text (TCVN 6909:2001): convert it with a tool such as Unikey's "
                                    "converter")), spec)
        if glyphs:
            yield ctx.finding("text.glyph", where, " ".join(f'"{g}"' for g in glyphs),
                              _("{letters} (the Vietnamese letter)").format(
                                  letters=" ".join(f'"{WRONG_LETTERS[g]}"' for g in glyphs)), spec)
        if not nfc:
            yield ctx.finding("text.nfc", where, str(_("decomposed Unicode (not NFC)")), str(_("NFC text")), spec,
                              tag=spec.get("nfc_tag"))


