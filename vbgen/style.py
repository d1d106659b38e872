"""Turn profile entries into run formatting, and apply a plan's own layout choices to its profile."""
from __future__ import annotations

from .docxml import Font
from .errors import VbgenError
from .model import Plan
from .profile import Section, load_profile


def font(profile: Section, spec: dict | None = None, **changes) -> Font:
    """The Font for profile component ``spec`` (size/bold/italic/underline), with ``changes``."""
    spec = spec or {}
    base = Font(
        name=profile.font.name,
        size=float(spec.get("size") or profile.body.size),
        bold=bool(spec.get("bold")),
        italic=bool(spec.get("italic")),
        underline=bool(spec.get("underline")),
    )
    return base.but(**changes) if changes else base


def cased(text: str, spec: dict | None) -> str:
    """Apply a component's ``case: upper`` rule."""
    return text.upper() if spec and spec.get("case") == "upper" else text


def _within(value: float, bounds, what: str, field: str, source: str) -> None:
    low, high = bounds
    if not low <= value <= high:
        raise VbgenError(f"{value:g} is outside what the rules allow for {what} ({low:g} to {high:g}, "
                         f"{source}); choose a value in that range or remove it", field=field)


#: Body settings a plan may choose: layout field → (profile key, its allowed range, what it is).
_BODY_CHOICES = {
    "body_size": ("size", "size_range", "the body text size (pt)"),
    "line_spacing": ("line_spacing", "line_spacing_range", "line spacing"),
    "first_line_indent_cm": ("first_line_indent_cm", "first_line_indent_range_cm", "the first-line indent (cm)"),
}


def effective_profile(plan: Plan) -> Section:
    """The plan's rule profile with its ``layout:`` choices applied (each checked against the rule)."""
    profile = load_profile(plan.rules)  # a fresh copy: changing it touches no one else
    layout = plan.layout
    for side, value in (layout.margins_mm or {}).items():
        _within(value, profile.page.margin_ranges_mm[side], f"the {side} margin (mm)",
                f"layout.margins_mm.{side}", profile.page.margins_source)
        profile.page.margins_mm[side] = value
        profile.page.landscape_margins_mm[side] = value  # phụ lục pages keep the plan's choice
    for field, (key, bounds, what) in _BODY_CHOICES.items():
        value = getattr(layout, field)
        if value is not None:
            _within(value, profile.body[bounds], what, f"layout.{field}", profile.body.source)
            profile.body[key] = value
    return profile
