"""Load a rule profile (state = NĐ 30/2020, party = HD 36) from ``vbgen/profiles/*.yaml``.

A profile is plain data: nested dicts reachable as attributes (``profile.body.size``).
Both the renderer and the checker read layout numbers only from here.
"""
from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from ruamel.yaml import YAML

from .errors import VbgenError

RULE_SETS = ("state", "party")


class Section(dict):
    """A dict whose keys are also attributes; missing keys read as None."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            return None

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
    return YAML(typ="safe").load(text)


def load_profile(rules: str) -> Section:
    """The profile for rule set ``rules`` ('state' or 'party'): a fresh copy each call (the file is
    read once), so a caller that adjusts it cannot change anyone else's."""
    if rules not in RULE_SETS:
        raise VbgenError(f"unknown rule set {rules!r}; use one of: {', '.join(RULE_SETS)}", field="rules")
    return Section.wrap(_profile_data(rules))
