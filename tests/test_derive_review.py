"""Derivation fixes from the code review: empty find (item 3), the citation's ký hiệu (item 12),
wording as data (item 11), make-plan --explain deriving once (item 14)."""
from __future__ import annotations

import pytest

from test_derive_cli import check_error, line_no
from test_derive_plan import DISTRICT, family


@pytest.fixture
def plans(tmp_path):
    return family(tmp_path)


@pytest.mark.parametrize("kind", ["replace", "glossary"])
def test_an_empty_find_is_an_error_with_its_line(plans, tmp_path, kind):
    plans["huyen"].write_text(DISTRICT + f"  {kind}:\n    - {{find: '', with: x}}\n", encoding="utf-8")
    line = line_no(plans["huyen"], "find: ''")
    check_error(plans["huyen"], tmp_path, f"{plans['huyen']}:{line}: changes.{kind}[0].find: is empty; fill it in")
