"""The Quyết định ban hành Kế hoạch (one .docx) and the công văn triển khai, for the Bắc Kạn plan."""
import shutil

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from conftest import EXAMPLES
from docxutil import all_paragraphs, find
from vbgen.check import VIOLATION, check_document
from vbgen.cli import cli

BAC_KAN = EXAMPLES / "bac-kan-2025" / "ke-hoach-tinh.yaml"


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundle") / "qd.docx"
    result = run("make-decision", BAC_KAN, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def test_decision_then_the_plan_on_a_new_page(bundle):
    doc = Document(str(bundle))
    texts = [p.text for p in all_paragraphs(doc)]
    assert doc.tables[0].cell(1, 0).paragraphs[0].text == "Số: 15/QĐ-UBND"
    assert texts.index("QUYẾT ĐỊNH") < texts.index("QUYẾT ĐỊNH:") < texts.index("KẾ HOẠCH")
    assert "Ban hành Kế hoạch thực hiện công tác dân vận chính quyền năm 2025" in texts
    assert find(doc, "Điều 1.").text == ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện công "
                                         "tác dân vận chính quyền năm 2025.")
    assert find(doc, "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh").text.endswith("Quyết định này./.")
    assert texts[texts.index("Nơi nhận:") + 1] == "- Như Điều 3;"
    reference = "(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 16/01/2025 của Ủy ban nhân dân tỉnh Bắc Kạn)"
    line = find(doc, reference, exact=True)
    assert all(r.italic for r in line.runs if r.text.strip())
    assert texts.index("KẾ HOẠCH") + 2 == texts.index(reference)  # under the title
    assert len(doc.sections) == 2
    plan_header = [t for t in doc.tables if "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in t.cell(0, 1).text][1]
    assert plan_header.cell(1, 0).text.strip() == "" and plan_header.cell(1, 1).text.strip() == ""
    assert texts.count("Nơi nhận:") == 1  # the attached plan has none of its own


def test_page_numbers_restart_for_the_attached_plan(bundle):
    doc = Document(str(bundle))
    decision, attached = doc.sections
    assert decision.different_first_page_header_footer and attached.different_first_page_header_footer
    assert attached._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert "PAGE" in attached.header._element.xml
    body = doc.element.body
    breaks = [p for p in body.iter(qn("w:sectPr"))]
    assert len(breaks) == 2  # one section break: the plan starts on a new page


def test_bundle_passes_check(bundle):
    findings = check_document(bundle)
    assert [f.line() for f in findings if f.severity == VIOLATION] == []


def test_cover_letter_to_the_bodies_with_tasks(tmp_path):
    out = tmp_path / "cv.docx"
    result = run("make-cover-letter", BAC_KAN, "-o", out)
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    cell = doc.tables[0].cell(1, 0)
    assert cell.paragraphs[0].text == "Số: 180/UBND-NC"
    assert [p.text for p in cell.paragraphs][1] == "V/v triển khai Kế hoạch số 21/KH-UBND"
    texts = [p.text for p in all_paragraphs(doc)]
    start = texts.index("Kính gửi:")
    assert texts[start + 1:start + 4] == ["- Cơ quan truyền thông;", "- Các cơ quan, đơn vị, địa phương;",
                                         "- Sở Nội vụ."]
    assert find(doc, "Ngày 16/01/2025, Ủy ban nhân dân tỉnh Bắc Kạn ban hành Kế hoạch số 21/KH-UBND về thực hiện")
    assert texts[texts.index("Nơi nhận:") + 1] == "- Như trên;"
    findings = [f for f in check_document(out) if f.severity == VIOLATION]
    assert [f.line() for f in findings if f.rule != "type-name.text"] == []
    if findings:
        pytest.skip("check does not yet know a công văn has no tên loại (the check part of issue 10)")


def test_without_issued_by_one_clear_line(tmp_path):
    plan = tmp_path / "kh.yaml"
    text = BAC_KAN.read_text(encoding="utf-8")
    plan.write_text(text[:text.index("issued_by:")], encoding="utf-8")
    result = run("make-decision", plan)
    assert result.exit_code == 2
    assert result.output.startswith(f"vbgen: {plan}: issued_by: the plan has no 'issued_by:'")
    assert not list(tmp_path.glob("*.docx"))
    assert run("make-cover-letter", plan).exit_code == 0  # a cover letter needs nothing extra


def test_refuses_to_overwrite(tmp_path):
    plan = tmp_path / "kh.yaml"
    shutil.copy(BAC_KAN, plan)
    out = plan.with_suffix(".quyet-dinh.docx")
    out.write_bytes(b"mine")
    result = run("make-decision", plan)
    assert result.exit_code == 2 and "already exists" in result.output and out.read_bytes() == b"mine"


def test_a_draft_decision_leaves_room_for_number_and_date(tmp_path):
    plan = tmp_path / "kh.yaml"
    text = BAC_KAN.read_text(encoding="utf-8")
    plan.write_text(text.replace("  number: 15\n  date: 2025-01-16\n", ""), encoding="utf-8")
    result = run("make-decision", plan)
    assert result.exit_code == 0, result.output
    doc = Document(str(plan.with_suffix(".quyet-dinh.docx")))
    assert doc.tables[0].cell(1, 0).paragraphs[0].text == "Số:       /QĐ-UBND"
    assert doc.tables[0].cell(1, 1).paragraphs[0].text.endswith("năm 2025")
    assert find(doc, "(Ban hành kèm theo Quyết định số       /QĐ-UBND ngày      /     /2025 của Ủy ban nhân dân "
                     "tỉnh Bắc Kạn)", exact=True)
