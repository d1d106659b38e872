"""Required text (issuer name and abbreviation, place, title, signer's name, Lưu) may not be empty:
an empty value is reported with file:line and field, not rendered as a blank (review item 6)."""
import pytest

from conftest import FIXTURES
from vbgen.errors import VbgenError
from vbgen.sources import open_plan

TEXT = (FIXTURES / "state-plan.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new, field", [
    ("  name: SỞ NỘI VỤ\n", '  name: ""\n', "issuer.name"),
    ("  abbreviation: SNV\n", "  abbreviation: ''\n", "issuer.abbreviation"),
    ("place: Bắc Kạn\n", 'place: ""\n', "place"),
    ("title: Thực hiện công tác dân vận chính quyền năm 2025\n", "title: '   '\n", "title"),
    ("  name: Nguyễn Văn A\n", '  name: ""\n', "signature.name"),
    ("archive: VT, XDCQ\n", 'archive: ""\n', "archive"),
])
def test_empty_required_text_is_an_error_naming_line_and_field(tmp_path, old, new, field):
    assert TEXT.count(old) == 1
    path = tmp_path / "plan.yaml"
    path.write_text(TEXT.replace(old, new), encoding="utf-8")
    line = TEXT[:TEXT.index(old)].count("\n") + 1
    with pytest.raises(VbgenError) as caught:
        open_plan(path)
    assert str(caught.value) == f"{path}:{line}: {field}: is empty; fill it in"


def test_filled_in_plan_still_loads():
    plan = open_plan(FIXTURES / "state-plan.yaml")
    assert plan.place == "Bắc Kạn" and plan.archive == "VT, XDCQ" and plan.signature.name == "Nguyễn Văn A"
