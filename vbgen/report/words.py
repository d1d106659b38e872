"""The report's words (vbgen/report/words.yaml), read once."""
from __future__ import annotations

import functools
from importlib import resources

from ruamel.yaml import YAML


@functools.lru_cache(maxsize=None)
def words() -> dict:
    """The words data: section headings, statuses, sentences by rule set."""
    text = resources.files("vbgen.report").joinpath("words.yaml").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)
