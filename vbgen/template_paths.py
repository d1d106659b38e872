"""Finding the .docx templates (kept for callers of the old names; the types live in :mod:`vbgen.types`)."""
from __future__ import annotations

from pathlib import Path

from .types.registry import built_in_dir as templates_dir, find_type, partial_path

__all__ = ["partial_path", "template_path", "templates_dir"]


def template_path(doc_type: str, rules: str) -> Path:
    """The Word template of type ``doc_type`` for ``rules`` along the search path."""
    return find_type(doc_type).template(rules)
