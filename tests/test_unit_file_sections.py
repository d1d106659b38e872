"""A unit file adds sections of its own (changes.sections): a new top-level section at the end, one
before or after a parent's section (named by id or by heading), one inside a section; and drops a
parent's section. Rendered, the numbers are recomputed (I., II., … / 1., 2., …)."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import EXAMPLES
from docxutil import all_paragraphs
from test_derive_plan import family
from vbgen.cli import cli
from vbgen.derive import load_derived

SECTIONS = """\
  sections:
    drop: ["Mục đích, yêu cầu"]
    add:
      - section: KINH PHÍ THỰC HIỆN
        id: kinh-phi
        before: "III. Tổ chức thực hiện"
        items:
          - text: Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách huyện năm 2025.
      - section: Kiểm tra, giám sát
        under: s-noi-dung
        items:
          - dash: UBND huyện kiểm tra việc thực hiện tại các xã, thị trấn.
      - section: CHẾ ĐỘ THÔNG TIN, BÁO CÁO
        items:
          - item: Các xã, thị trấn báo cáo kết quả về UBND huyện trước ngày 15/12/2025.
            id: bc-xa
            role: task
"""


@pytest.fixture
def plans(tmp_path):
    return family(tmp_path)


def with_sections(plans, block=SECTIONS):
    text = plans["huyen"].read_text(encoding="utf-8")
    plans["huyen"].write_text(text + block, encoding="utf-8")
    return plans["huyen"]


def body_texts(path):
    """The rendered body paragraphs, from the first heading to the closing."""
    texts = [p.text for p in all_paragraphs(Document(str(path))) if p.text.strip()]
    start = next(i for i, t in enumerate(texts) if t.startswith("I. "))
    end = next(i for i, t in enumerate(texts) if t.startswith("Trên đây là"))
    return texts[start:end]


def render(unit, tmp_path, *extra):
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(cli, ["make-plan", str(unit), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def test_own_sections_are_placed_and_numbered(plans, tmp_path):
    body = body_texts(render(with_sections(plans), tmp_path))
    headings = [t for t in body if t[:2] in ("I.", "II", "IV", "V.") or t.startswith("III")]
    assert headings == ["I. NỘI DUNG THỰC HIỆN", "II. KINH PHÍ THỰC HIỆN", "III. TỔ CHỨC THỰC HIỆN",
                        "IV. CHẾ ĐỘ THÔNG TIN, BÁO CÁO"]
    money = body.index("II. KINH PHÍ THỰC HIỆN")
    assert body[money + 1] == "Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách huyện năm 2025."
    # inside a section: the last sub-section, numbered after the parent's two
    inside = body.index("3. Kiểm tra, giám sát")
    assert body.index("2. Nhiệm vụ") < inside < money
    assert body[inside + 1] == "- UBND huyện kiểm tra việc thực hiện tại các xã, thị trấn."
    assert "1. Các xã, thị trấn báo cáo kết quả về UBND huyện trước ngày 15/12/2025." in body
    assert not any("MỤC ĐÍCH" in t for t in body)


def test_own_section_heading_is_formatted_like_the_parents(plans, tmp_path):
    doc = Document(str(render(with_sections(plans), tmp_path)))
    paragraphs = {p.text: p for p in all_paragraphs(doc)}
    own, parents = paragraphs["II. KINH PHÍ THỰC HIỆN"], paragraphs["III. TỔ CHỨC THỰC HIỆN"]
    assert [r.bold for r in own.runs if r.text.strip()] == [r.bold for r in parents.runs if r.text.strip()]
    assert own.paragraph_format.first_line_indent == parents.paragraph_format.first_line_indent


def test_own_sections_are_listed_and_not_rescoped(plans, tmp_path):
    result = load_derived(with_sections(plans))
    added = [c.detail for c in result.changes if c.kind == "add" and "section" in c.detail]
    assert added == ["added section: KINH PHÍ THỰC HIỆN", "added section: Kiểm tra, giám sát",
                     "added section: CHẾ ĐỘ THÔNG TIN, BÁO CÁO"]
    dropped = [c.detail for c in result.changes if c.kind == "drop" and "section" in c.detail]
    assert dropped == ["dropped section 'Mục đích, yêu cầu': MỤC ĐÍCH, YÊU CẦU"]
    # the unit's own text is its own: "huyện" stays, and its report deadline does not move
    texts = [n.content for n in result.plan.nodes()]
    assert "Các xã, thị trấn báo cáo kết quả về UBND huyện trước ngày 15/12/2025." in texts
    assert [n.id for n in result.plan.nodes() if n.role == "task"][-1] == "bc-xa"


def test_a_section_after_a_parents_section_by_id(plans, tmp_path):
    block = ("  sections:\n    add:\n      - section: Phân công\n        after: s-chi-tieu\n"
             "        items: [{dash: Phòng Nội vụ theo dõi.}]\n")
    body = body_texts(render(with_sections(plans, block), tmp_path))
    assert body.index("1. Chỉ tiêu") < body.index("2. Phân công") < body.index("3. Nhiệm vụ")


def test_party_unit_adds_a_section_numbered_the_party_way(tmp_path):
    folder = tmp_path / "nghe-an"
    shutil.copytree(EXAMPLES / "nghe-an-de-an-04", folder)
    unit = folder / "dang-bo-so-noi-vu.yaml"
    unit.write_text(unit.read_text(encoding="utf-8") + (
        "  sections:\n    add:\n      - section: KINH PHÍ\n        before: TỔ CHỨC THỰC HIỆN\n"
        "        items: [{text: Kinh phí do Văn phòng Sở bảo đảm.}]\n"), encoding="utf-8")
    out = render(unit, tmp_path)
    texts = [p.text for p in all_paragraphs(Document(str(out)))]
    money = texts.index(next(t for t in texts if t.endswith("KINH PHÍ")))
    assert texts[money] == "V- KINH PHÍ"  # HD 36: "I-", "II-" …
    assert texts[money + 1] == "Kinh phí do Văn phòng Sở bảo đảm."
    assert "VI- TỔ CHỨC THỰC HIỆN" in texts[money:]


@pytest.mark.parametrize("block, field, words", [
    ("  sections:\n    add:\n      - section: X\n        after: Không có mục này\n        items: [{text: a}]\n",
     "changes.sections.add[0].after:", "no section headed so"),
    ("  sections:\n    drop: [Không có mục này]\n",
     "changes.sections.drop[0]:", "no section with id 'Không có mục này', nor one headed so"),
    ("  sections:\n    add:\n      - section: X\n        after: s-chi-tieu\n        before: s-nhiem-vu\n"
     "        items: [{text: a}]\n", "changes.sections.add[0]", "only one of 'after', 'before' or 'under'"),
    ("  sections:\n    add:\n      - dash: X\n", "changes.sections.add[0]", "needs 'section:'"),
    ("  sections:\n    add:\n      - section: X\n        id: s-nhiem-vu\n        items: [{text: a}]\n",
     "changes.sections.add[0].id:", "'s-nhiem-vu' is already used"),
])
def test_bad_section_changes_are_one_line_with_the_line(plans, tmp_path, block, field, words):
    unit = with_sections(plans, block)
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(cli, ["make-plan", str(unit), "-o", str(out)])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert f"{unit}:" in result.output and field in result.output and words in result.output
    assert not out.exists()


def test_a_heading_used_twice_asks_for_the_id(plans, tmp_path):
    text = plans["tinh"].read_text(encoding="utf-8")
    plans["tinh"].write_text(text.replace("      - section: Nhiệm vụ\n", "      - section: Chỉ tiêu\n"),
                             encoding="utf-8")
    block = "  sections:\n    add:\n      - section: X\n        after: Chỉ tiêu\n        items: [{text: a}]\n"
    result = CliRunner().invoke(cli, ["make-plan", str(with_sections(plans, block)), "-o",
                                      str(tmp_path / "o.docx")])
    assert result.exit_code == 2
    assert "2 sections of the parent plan are headed 'Chỉ tiêu'; give the id" in result.output
