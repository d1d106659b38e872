"""Load a rule profile (state = NĐ 30/2020, party = HD 36) from ``vbgen/profiles/*.yaml``.

A profile is plain data: nested dicts reachable as attributes (``profile.body.size``).
Both the renderer and the checker read layout numbers only from here.
"""
from __future__ import annotations

import datetime as dt
import functools
from importlib import resources
from typing import TYPE_CHECKING, Any

from .yamlio import load_package_data

from .errors import VbgenError
from .i18n import N_, _, gettext

if TYPE_CHECKING:
    from .model import Plan

RULE_SETS = ("state", "party")


class Section(dict):
    """A dict whose keys are also attributes; missing keys read as None."""

    __getattr__ = dict.get  # (a missing key reads as None; in C: rules read the profile hundreds of times a file)

    @classmethod
    def wrap(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return cls({k: cls.wrap(v) for k, v in value.items()})
        if isinstance(value, list):
            return [cls.wrap(v) for v in value]
        return value


@functools.lru_cache(maxsize=None)
def _profile_data(rules: str) -> dict:
    text = resources.files("vbgen.profiles").joinpath(f"{rules}.yaml").read_text(encoding="utf-8")
    return load_package_data(text)


def _merged(base: dict, overlay: dict) -> dict:
    """``base`` with ``overlay``'s values put in, nested dicts merged key by key."""
    out = dict(base)
    for key, value in overlay.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


@functools.lru_cache(maxsize=None)
def _editions(rules: str) -> tuple[tuple[dt.date, str], ...]:
    """Later editions of a rule set: (valid_from, file stem) of every ``<rules>-*.yaml`` overlay, by date."""
    folder = resources.files("vbgen.profiles")
    found = []
    for entry in folder.iterdir():
        if entry.name.startswith(rules + "-") and entry.name.endswith(".yaml"):
            stem = entry.name[:-5]
            found.append((_profile_data(stem)["valid_from"], stem))
    return tuple(sorted(found))


def load_profile(rules: str, on: dt.date | None = None) -> Section:
    """The profile for rule set ``rules`` ('state' or 'party') in force ``on`` a date (None: the base
    edition, e.g. HD 36; a later edition is an overlay file such as party-hd05.yaml, valid from its
    ``valid_from``). A fresh copy each call (files are read once), so a caller that adjusts it cannot
    change anyone else's."""
    if rules not in RULE_SETS:
        raise VbgenError(_("unknown rule set {rules}; use one of: {known}").format(
            rules=repr(rules), known=", ".join(RULE_SETS)), field="rules")
    data = _profile_data(rules)
    for valid_from, stem in _editions(rules) if on else ():
        if on >= valid_from:
            data = _merged(data, _profile_data(stem))
    profile = Section.wrap(data)
    from .types import profile_entries  # the document types are data of their own (templates/<type>/)

    profile["document_types"] = profile_entries(rules)
    return profile


_shared: dict[str, tuple[tuple, Section]] = {}


def shared_profile(rules: str) -> Section:
    """:func:`load_profile` (base edition) for readers that never change it (``check``, document after
    document): built once, and again when the document types found change (a type folder added or
    edited). Callers must not modify it; take :func:`load_profile` to adjust a copy."""
    from .types import all_types

    types = tuple(all_types())
    cached = _shared.get(rules)
    if cached is None or len(cached[0]) != len(types) or any(a is not b for a, b in zip(cached[0], types)):
        cached = _shared[rules] = (types, load_profile(rules))
    return cached[1]


def document_day(plan: "Plan", today: dt.date | None = None) -> dt.date:
    """The date that picks a plan's rule edition: its date; a draft of this year (or without a year):
    today; a draft of another year: the last (past) or first (future) day of that year."""
    today = today or dt.date.today()
    if plan.date:
        return plan.date
    if not plan.year or plan.year == today.year:
        return today
    return dt.date(plan.year, 12, 31) if plan.year < today.year else dt.date(plan.year, 1, 1)


def _within(value: float, bounds, what: str, field: str, source: str) -> None:
    low, high = bounds
    if not low <= value <= high:
        raise VbgenError(_("{value} is outside what the rules allow for {what} ({low} to {high}, {source}); "
                           "choose a value in that range or remove it").format(
            value=f"{value:g}", what=gettext(what), low=f"{low:g}", high=f"{high:g}", source=source), field=field)


#: What each margin is called in a message.
_MARGINS = {"top": N_("the top margin (mm)"), "bottom": N_("the bottom margin (mm)"),
            "left": N_("the left margin (mm)"), "right": N_("the right margin (mm)")}

#: Body settings a plan may choose: layout field → (profile key, its allowed range, what it is).
_BODY_CHOICES = {
    "body_size": ("size", "size_range", N_("the body text size (pt)")),
    "line_spacing": ("line_spacing", "line_spacing_range", N_("line spacing")),
    "first_line_indent_cm": ("first_line_indent_cm", "first_line_indent_range_cm", N_("the first-line indent (cm)")),
}


def effective_profile(plan: "Plan") -> Section:
    """The plan's rule profile with its ``layout:`` choices applied (each checked against the rule)."""
    profile = load_profile(plan.rules, on=document_day(plan))  # a fresh copy: changing it touches no one else
    layout = plan.layout
    for side, value in (layout.margins_mm or {}).items():
        _within(value, profile.page.margin_ranges_mm[side], _MARGINS[side],
                f"layout.margins_mm.{side}", profile.page.margins_source)
        profile.page.margins_mm[side] = value
        profile.page.landscape_margins_mm[side] = value  # phụ lục pages keep the plan's choice
    for field, (key, bounds, what) in _BODY_CHOICES.items():
        value = getattr(layout, field)
        if value is not None:
            _within(value, profile.body[bounds], what, f"layout.{field}", profile.body.source)
            profile.body[key] = value
    return profile
