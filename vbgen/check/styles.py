"""Effective formatting: a run's font, size, bold … resolved the way Word resolves them.

Word walks a chain: the document defaults (``w:docDefaults``), the paragraph style and everything it
is ``basedOn``, the run's character style chain, then the run's own ``w:rPr``. A run that looks
bold in Word may have no ``w:b`` of its own, so the checker resolves the whole chain.
"""
from __future__ import annotations

import functools
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Optional

from ..wordtext import run_text
from .properties import ALIGNMENT_NAMES, PARAGRAPH_DEFAULTS, apply_ppr, is_on, measure, qn

# Run-level properties the checker reads, keyed by the name used in ``RunFormat``.
RUN_TOGGLES = {"bold": "w:b", "italic": "w:i", "caps": "w:caps"}
_TOGGLE_TAGS = {qn(tag): name for name, tag in RUN_TOGGLES.items()}
_RFONTS, _SZ, _U, _COLOR, _VAL = qn("w:rFonts"), qn("w:sz"), qn("w:u"), qn("w:color"), qn("w:val")
_RPR, _RSTYLE, _PSTYLE, _PPR = qn("w:rPr"), qn("w:rStyle"), qn("w:pStyle"), qn("w:pPr")


def first_child(element, tag: str):
    """``element.find(tag)`` for a properties element (w:pPr, w:rPr), which the schema puts first: looked
    at there before searching the other children (by index: lxml's child iterator costs more)."""
    try:
        child = element[0]
    except IndexError:
        return None
    return child if child.tag == tag else element.find(tag)


def markup_key(element) -> tuple:
    """What an element says (its children's tags, attributes and text, all the way down), as a key for
    caching what it resolves to."""
    return tuple((child.tag, tuple(child.items()), child.text, markup_key(child) if len(child) else ())
                 for child in element)


def stored_markup(element, markup: Optional[dict]):
    """The cache key of a properties element: its stored markup when known, else its walked markup
    (None for no element)."""
    if element is None:
        return None
    found = markup.get(element) if markup else None
    return found if found is not None else markup_key(element)


CACHE_LIMIT = 20_000  # distinct formats one resolver keeps


def remember(cache: dict, key, value) -> None:
    """``cache[key] = value``, emptying the cache first when it is full: a resolver shared for a long
    time (the web page) stays bounded."""
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value


@dataclass
class RunFormat:
    """Effective formatting of one run (đoạn chữ cùng định dạng)."""

    text: str
    font: Optional[str]          # ascii font (the one Latin and Vietnamese letters use)
    font_hansi: Optional[str]
    size: Optional[float]        # points
    bold: bool
    italic: bool
    underline: bool
    caps: bool
    color: Optional[str] = None  # w:color as RRGGBB (upper case); None or "AUTO" is Word's automatic black
    element: object = field(repr=False, default=None)
    highlight: Optional[str] = None


_RUN_VALUES = ("font", "font_hansi", "size", "bold", "italic", "underline", "caps", "color")  # RunFormat's, in order


class StyleResolver:
    """Resolves run and paragraph properties through styles and document defaults."""

    def __init__(self, package):
        """``package``: a :class:`vbgen.wordpackage.WordPackage` (its styles and theme are read)."""
        self._theme = package.theme
        self.styles_element = package.styles
        self.styles: dict[str, object] = {}
        self.default_paragraph_style = None
        self.default_character_style = None
        self.doc_rpr = None
        self.doc_ppr = None
        if self.styles_element is not None:
            style_tag, id_attr, default_attr, type_attr = qn("w:style"), qn("w:styleId"), qn("w:default"), qn("w:type")
            for style in self.styles_element.iterchildren(style_tag):
                style_id = style.get(id_attr)
                self.styles[style_id] = style
                if style.get(default_attr) in ("1", "true"):
                    kind = style.get(type_attr)
                    if kind == "paragraph":
                        self.default_paragraph_style = style_id
                    elif kind == "character":
                        self.default_character_style = style_id
            defaults = self.styles_element.find(qn("w:docDefaults"))
            if defaults is not None:
                self.doc_rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
                self.doc_ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
        self._chain_cache: dict[Optional[str], list] = {}
        self._run_cache: dict[tuple, tuple] = {}     # (paragraph style, w:rPr markup) → RunFormat values
        self._props_cache: dict[tuple, dict] = {}    # (paragraph style, w:pPr markup) → paragraph values
        self._style_props: dict[Optional[str], dict] = {}
        self._values_cache: dict[tuple, dict] = {}         # (paragraph style, character style) → run values
        self._format_cache: dict[object, tuple] = {}       # w:pPr markup → (style id, paragraph values)

    @functools.cached_property
    def theme_fonts(self) -> dict[str, str]:
        """Latin fonts of the theme (minor = body, major = headings), for ``w:asciiTheme``; read the first
        time a run names a theme font."""
        fonts: dict[str, str] = {}
        try:
            root = self._theme()
            a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
            for kind in ("major", "minor"):
                latin = root.find(f".//{a}{kind}Font/{a}latin") if root is not None else None
                if latin is not None:
                    fonts[kind] = latin.get("typeface")
        except Exception:  # a broken theme only loses theme font names
            pass
        return fonts

    def chain(self, style_id: Optional[str]) -> list:
        """Style elements from the root of the ``basedOn`` chain down to ``style_id``."""
        if style_id in self._chain_cache:
            return self._chain_cache[style_id]
        result, seen, current = [], set(), style_id
        while current and current in self.styles and current not in seen:
            seen.add(current)
            style = self.styles[current]
            result.append(style)
            based = style.find(qn("w:basedOn"))
            current = based.get(qn("w:val")) if based is not None else None
        result.reverse()
        self._chain_cache[style_id] = result
        return result

    def paragraph_style_id(self, p) -> Optional[str]:
        ppr = first_child(p, _PPR)
        pstyle = ppr.find(_PSTYLE) if ppr is not None else None
        return pstyle.get(_VAL) if pstyle is not None else self.default_paragraph_style

    def rpr_chain(self, p, r) -> list:
        """``w:rPr`` elements that apply to run ``r`` in paragraph ``p``, weakest first."""
        chain = [self.doc_rpr]
        chain += [s.find(qn("w:rPr")) for s in self.chain(self.paragraph_style_id(p))]
        rpr = r.find(qn("w:rPr"))
        rstyle = rpr.find(qn("w:rStyle")) if rpr is not None else None
        char_style = rstyle.get(qn("w:val")) if rstyle is not None else self.default_character_style
        chain += [s.find(qn("w:rPr")) for s in self.chain(char_style)]
        chain.append(rpr)
        return [e for e in chain if e is not None]

    def ppr_chain(self, p) -> list:
        chain = [self.doc_ppr]
        chain += [s.find(qn("w:pPr")) for s in self.chain(self.paragraph_style_id(p))]
        chain.append(p.find(qn("w:pPr")))
        return [e for e in chain if e is not None]

    def _font(self, fonts, which: str) -> Optional[str]:
        name = fonts.get(qn(f"w:{which}"))
        if name:
            return name
        theme = fonts.get(qn(f"w:{which}Theme"))
        if theme:
            return self.theme_fonts.get("major" if theme.startswith("major") else "minor", theme)
        return None

    def _apply(self, rpr, values: dict) -> None:
        """Lay one ``w:rPr`` over ``values`` (what it sets wins); one pass over its children."""
        for child in rpr:
            tag = child.tag
            if tag == _RFONTS:
                ascii_font = self._font(child, "ascii")
                hansi_font = self._font(child, "hAnsi")
                if ascii_font:
                    values["font"] = ascii_font
                if hansi_font:
                    values["font_hansi"] = hansi_font
            elif tag == _SZ:
                if child.get(_VAL):
                    values["size"] = measure(child.get(_VAL), 0.1) / 2
            elif tag in _TOGGLE_TAGS:
                values[_TOGGLE_TAGS[tag]] = is_on(child)
            elif tag == _U:
                values["underline"] = child.get(_VAL) not in ("none", "0", "false")
            elif tag == _COLOR and child.get(_VAL):
                values["color"] = child.get(_VAL).upper()

    def _style_values(self, paragraph_style: Optional[str], char_style: Optional[str]) -> dict:
        """Run values from the defaults and the two style chains (computed once per pair of styles)."""
        key = (paragraph_style, char_style)
        cache = self._values_cache
        if key not in cache:
            values: dict[str, object] = {"font": None, "font_hansi": None, "size": None, "color": None,
                                         "bold": False, "italic": False, "underline": False, "caps": False}
            layers = [self.doc_rpr] + [s.find(qn("w:rPr")) for s in self.chain(paragraph_style)]
            layers += [s.find(qn("w:rPr")) for s in self.chain(char_style)]
            for rpr in layers:
                if rpr is not None:
                    self._apply(rpr, values)
            cache[key] = values
        return cache[key]

    def run_format(self, p, r, text: str, paragraph_style: Optional[str] = "?",
                   markup: Optional[dict] = None) -> RunFormat:
        """Effective formatting of run ``r`` (``paragraph_style``: the paragraph's style id when known).

        Resolved once per paragraph style and run properties (``w:rPr``, compared as markup): a
        document repeats the same few formats over hundreds of runs. ``markup``: the stored markup of
        the document's property elements (:meth:`WordPackage.properties_markup`), when known."""
        if paragraph_style == "?":
            paragraph_style = self.paragraph_style_id(p)
        found = self.run_formats([r], paragraph_style, markup)[0]
        found.text = text
        return found

    def run_formats(self, runs: list, paragraph_style: Optional[str], markup: Optional[dict] = None) -> list[RunFormat]:
        """:meth:`run_format` of each of ``runs`` (the w:r elements of one paragraph), with its visible text
        (one loop: a paragraph's runs are the checker's commonest object)."""
        cache, found = self._run_cache, []
        for r in runs:
            rpr = first_child(r, _RPR)
            key = (paragraph_style, stored_markup(rpr, markup))
            values = cache.get(key)
            if values is None:
                values = self._run_values(rpr, paragraph_style)
                remember(cache, key, values)
            found.append(RunFormat(run_text(r), *values, r))
        return found

    def _run_values(self, rpr, paragraph_style: Optional[str]) -> tuple:
        """A RunFormat's values between its text and its element, in field order."""
        rstyle = rpr.find(_RSTYLE) if rpr is not None else None
        char_style = rstyle.get(_VAL) if rstyle is not None else self.default_character_style
        values = dict(self._style_values(paragraph_style, char_style))
        if rpr is not None:
            self._apply(rpr, values)
        if values["size"] is None:
            values["size"] = 10.0  # Word's built-in default when nothing sets w:sz
        return tuple(values[name] for name in _RUN_VALUES)

    def paragraph_format(self, p, markup: Optional[dict] = None) -> tuple[Optional[str], tuple]:
        """(style id, effective paragraph values in the order of PARAGRAPH_DEFAULTS) of ``p``. Both follow
        from its ``w:pPr`` alone, so they are resolved once per ``w:pPr`` markup."""
        key = stored_markup(first_child(p, _PPR), markup)
        found = self._format_cache.get(key)
        if found is None:
            style_id = self.paragraph_style_id(p)  # (once per w:pPr markup: this cache is in front)
            props = self.paragraph_props(p, style_id, markup)
            found = (style_id, tuple(props[name] for name in PARAGRAPH_DEFAULTS))
            remember(self._format_cache, key, found)
        return found

    def paragraph_props(self, p, style_id: Optional[str] = "?", markup: Optional[dict] = None) -> dict:
        """Effective paragraph properties: the style chain's (resolved once per style id), then the
        paragraph's own ``w:pPr`` laid over them (``style_id``: the paragraph's style id when known).
        Resolved once per style and ``w:pPr`` markup."""
        if style_id == "?":
            style_id = self.paragraph_style_id(p)
        own = first_child(p, _PPR)
        key = (style_id, stored_markup(own, markup))
        props = self._props_cache.get(key)
        if props is None:
            if style_id not in self._style_props:
                base = dict(PARAGRAPH_DEFAULTS)
                for ppr in [self.doc_ppr] + [s.find(_PPR) for s in self.chain(style_id)]:
                    if ppr is not None:
                        apply_ppr(ppr, base)
                self._style_props[style_id] = base
            props = dict(self._style_props[style_id])
            if own is not None:
                apply_ppr(own, props)
            # Effective alignment: Word's default is left; "start"/"end" are the bidi-neutral names.
            props["alignment"] = ALIGNMENT_NAMES.get(props["alignment"], props["alignment"])
            remember(self._props_cache, key, props)
        return dict(props)


_shared: "OrderedDict[tuple, StyleResolver]" = OrderedDict()
SHARED_RESOLVERS = 8


def shared_resolver(package) -> StyleResolver:
    """A resolver for ``package``, shared with earlier files whose styles and theme are byte for byte the
    same (drafts made from one template): what it resolved for them holds for this one. Only for
    readers that change nothing; a package without stored styles gets its own."""
    if package.styles_bytes is None:
        return StyleResolver(package)
    key = (package.styles_bytes, package.theme_bytes)
    resolver = _shared.get(key)
    if resolver is None:
        resolver = _shared[key] = StyleResolver(package)
        while len(_shared) > SHARED_RESOLVERS:
            _shared.popitem(last=False)
    else:
        _shared.move_to_end(key)
    return resolver
