"""Turn profile entries into run formatting."""
from __future__ import annotations

from ..docxml import Font
from ..profile import Section


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
