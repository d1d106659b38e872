"""The report's words (vbgen/report/words.yaml), read once."""
from __future__ import annotations

import functools
from importlib import resources

from ..yamlio import load_package_data


@functools.lru_cache(maxsize=None)
def words() -> dict:
    """The words data: section headings, statuses, sentences by rule set."""
    text = resources.files("vbgen.report").joinpath("words.yaml").read_text(encoding="utf-8")
    return load_package_data(text)
