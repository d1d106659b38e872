"""docs/unit-file.md stays complete and right: every key the plan and unit-file models accept (and every
fixed value they allow) is in one of its tables, and its complete unit-file example renders."""
from __future__ import annotations

import re
import shutil
import typing

import pydantic
from click.testing import CliRunner
from docx import Document

from conftest import EXAMPLES, ROOT
from docxutil import all_paragraphs
from vbgen.cli import cli
from vbgen.derive.unit import Unit
from vbgen.model import Plan

DOC = ROOT / "docs" / "unit-file.md"


def _annotations(annotation):
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _annotations(arg)


def models(root) -> list[type[pydantic.BaseModel]]:
    """``root`` and every model reachable from its fields."""
    found: list = []

    def visit(model):
        if model in found:
            return
        found.append(model)
        for field in model.model_fields.values():
            for item in _annotations(field.annotation):
                if isinstance(item, type) and issubclass(item, pydantic.BaseModel):
                    visit(item)

    visit(root)
    return found


def accepted_keys() -> dict[str, set[str]]:
    """key (as written in YAML) → the models accepting it."""
    keys: dict[str, set[str]] = {}
    for root in (Plan, Unit):
        for model in models(root):
            for name, field in model.model_fields.items():
                keys.setdefault(field.alias or name, set()).add(model.__name__)
    return keys


def fixed_values() -> set[str]:
    """Every value a Literal field allows (rules: state/party, level, mode, columns …)."""
    values = set()
    for root in (Plan, Unit):
        for model in models(root):
            for field in model.model_fields.values():
                for item in _annotations(field.annotation):
                    if typing.get_origin(item) is typing.Literal:
                        values.update(str(v) for v in typing.get_args(item))
    return values


def documented_keys() -> set[str]:
    """The keys named in the first cell of the doc's table rows ("| `parent` | …")."""
    keys = set()
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            first = line.split("|")[1]
            keys.update(re.findall(r"`([a-z_]+)`", first))
    return keys


def test_every_key_the_models_accept_is_in_a_table_of_the_doc():
    keys = accepted_keys()
    assert {"parent", "changes", "lead_days", "collective", "area", "short_name", "glossary", "replace",
            "drop", "override", "add", "sections", "before", "with"} <= set(keys)  # the walk reaches them
    missing = sorted(f"{key} ({', '.join(sorted(where))})" for key, where in keys.items()
                     if key not in documented_keys())
    assert not missing, f"keys missing from docs/unit-file.md (add a table row with an example): {missing}"


def test_every_fixed_value_is_named_in_the_doc():
    text = DOC.read_text(encoding="utf-8")
    missing = sorted(v for v in fixed_values() if f"`{v}`" not in text)
    assert not missing, f"values missing from docs/unit-file.md: {missing}"


def test_every_table_row_has_an_example():
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            assert len(cells) == 3 and cells[2].startswith("`"), line


def complete_example() -> str:
    text = DOC.read_text(encoding="utf-8")
    after = text[text.index("This complete example derives"):]
    return re.search(r"```yaml\n(.*?)```", after, re.S).group(1)


def test_the_complete_unit_file_example_renders(tmp_path):
    folder = tmp_path / "bac-kan"
    shutil.copytree(EXAMPLES / "bac-kan-2025", folder)
    unit = folder / "xa-bang-van.yaml"
    unit.write_text(complete_example(), encoding="utf-8")
    used = set(re.findall(r"^(\w+):", complete_example(), re.M))
    assert used | {"year"} == set(Unit.model_fields)  # every top-level key (year: only in a draft)
    out = tmp_path / "xa.docx"
    result = CliRunner().invoke(cli, ["make-plan", str(unit), "-o", str(out), "--explain"])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in all_paragraphs(Document(str(out)))]
    assert texts.index("III. KINH PHÍ THỰC HIỆN") < texts.index("IV. TỔ CHỨC THỰC HIỆN")
    assert "Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách xã năm 2025." in texts
    assert any("loa truyền thanh của xã" in t for t in texts)
    assert not any("Cơ quan, đơn vị, địa phương" in t for t in texts)
    changes = (tmp_path / "xa.changes.txt").read_text(encoding="utf-8")
    assert "added section: KINH PHÍ THỰC HIỆN" in changes and "dropped task 'nv-truyen-thong'" in changes


def test_readme_links_the_doc():
    assert "docs/unit-file.md" in (ROOT / "README.md").read_text(encoding="utf-8")
