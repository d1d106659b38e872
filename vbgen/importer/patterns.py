"""The importer's vocabulary (patterns.yaml), loaded once."""
from __future__ import annotations

from importlib import resources

from ..yamlio import load_package_data


def _load() -> dict:
    text = resources.files(__package__).joinpath("patterns.yaml").read_text(encoding="utf-8")
    return load_package_data(text)


PATTERNS: dict = _load()


def starts_with_any(text: str, prefixes, fold: bool = False) -> str | None:
    """The first of ``prefixes`` that ``text`` starts with (case-insensitively if ``fold``)."""
    probe = text.casefold() if fold else text
    for prefix in prefixes:
        if probe.startswith(prefix.casefold() if fold else prefix):
            return prefix
    return None
