"""vbgen's own data files read with libyaml (fast) give exactly what ruamel's YAML 1.2 reader gives."""
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import ROOT
from vbgen.yamlio import load_package_data

DATA = sorted((ROOT / "vbgen").rglob("*.yaml"))


def test_there_are_data_files():
    assert {p.parent.name for p in DATA} >= {"profiles", "glossaries", "importer", "report"}


@pytest.mark.parametrize("path", DATA, ids=[str(p.relative_to(ROOT)) for p in DATA])
def test_reads_as_yaml_1_2_reads_it(path: Path):
    text = path.read_text(encoding="utf-8")
    assert load_package_data(text) == YAML(typ="safe").load(text)


def test_a_yaml_1_1_only_value_would_be_caught():
    """'yes' is text in YAML 1.2 but true in 1.1: the comparison above would fail on such a file."""
    assert load_package_data("a: yes") != YAML(typ="safe").load("a: yes")
