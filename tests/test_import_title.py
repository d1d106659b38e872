"""The trích yếu ends before the first section even when it is bold and nothing stands between
them (review item 5): a vbgen-rendered plan without căn cứ or opening imports with its own title."""
import pytest

from conftest import FIXTURES
from vbgen.importer import import_source
from vbgen.loader import validate_plan
from vbgen.render import render_plan
from vbgen.yamlio import read_yaml


@pytest.mark.parametrize("rules", ["state", "party"])
def test_rendered_plan_without_opening_keeps_the_first_heading_out_of_the_title(tmp_path, rules):
    source = tmp_path / "plan.yaml"
    source.write_text((FIXTURES / f"{rules}-plan.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    data = read_yaml(source)
    for key in ("basis", "opening", "addressees", "co_addressees"):
        data.pop(key, None)
    plan = validate_plan(data, source)
    render_plan(plan, tmp_path / "plan.docx")
    imported = import_source(tmp_path / "plan.docx").data
    assert imported["title"] == plan.title
    first = imported["body"][0]
    assert first["section"].casefold() == plan.body[0].section.casefold()
