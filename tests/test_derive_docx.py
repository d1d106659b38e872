"""Derived plans rendered to .docx: what a clerk sees in Word (header, title, opening, body, Nơi nhận)."""
from __future__ import annotations

import pytest
from docx import Document

from conftest import EXAMPLES
from docxutil import all_bold, all_paragraphs, find, signature_table
from test_derive_plan import family
from vbgen.sources import open_plan
from vbgen.render import render_plan


@pytest.fixture
def plans(tmp_path):
    return family(tmp_path)


def rendered(path, tmp_path, name="out.docx"):
    out = render_plan(open_plan(path), tmp_path / name, force=True)
    return Document(str(out))


def paragraph_texts(doc):
    return [p.text for p in all_paragraphs(doc)]


def recipients(doc):
    cell = signature_table(doc).rows[0].cells[0]
    return [p.text for p in cell.paragraphs if p.text.strip()]


def test_district_docx_header_title_and_opening(plans, tmp_path):
    doc = rendered(plans["huyen"], tmp_path)
    texts = paragraph_texts(doc)
    assert "ỦY BAN NHÂN DÂN\nHUYỆN CHỢ ĐỒN" in texts
    assert "Số: 05/KH-UBND" in texts
    assert "Chợ Đồn, ngày 24 tháng 01 năm 2025" in texts
    title = find(doc, "Thực hiện công tác dân vận chính quyền năm 2025 trên địa bàn huyện Chợ Đồn", exact=True)
    assert all_bold(title)
    find(doc, "Thực hiện Kế hoạch số 21/KH-UBND ngày 16/01/2025 của Ủy ban nhân dân tỉnh Bắc Kạn về thực hiện "
              "công tác dân vận chính quyền năm 2025, Ủy ban nhân dân huyện Chợ Đồn ban hành Kế hoạch thực hiện "
              "công tác dân vận chính quyền năm 2025 trên địa bàn huyện Chợ Đồn như sau:", exact=True)


def test_district_docx_body_changes(plans, tmp_path):
    doc = rendered(plans["huyen"], tmp_path)
    texts = paragraph_texts(doc)
    joined = "\n".join(texts)
    assert "Cơ quan truyền thông" not in joined  # dropped task
    assert "- Đài truyền thanh huyện tuyên truyền về “Dân vận khéo”." in texts  # added task
    assert "- Mỗi xã, thị trấn có ít nhất 01 mô hình “Dân vận khéo” trên địa bàn tỉnh." in texts
    assert "- Mức độ hài lòng của Nhân dân trên địa bàn huyện đạt từ 92% trở lên." in texts  # override
    assert "- Thực hiện có hiệu quả quy chế công tác dân vận của hệ thống chính trị huyện Chợ Đồn." in texts
    find(doc, "1. Các cơ quan, đơn vị báo cáo kết quả về UBND huyện (qua Phòng Nội vụ tổng hợp, trước ngày "
              "20/5/2025 đối với báo cáo 6 tháng, trước ngày 20/11/2025 đối với báo cáo năm)")
    find(doc, "2. Ủy ban nhân dân huyện Chợ Đồn tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh Bắc Kạn trước "
              "ngày 25/5/2025 đối với báo cáo 6 tháng, trước ngày 25/11/2025 đối với báo cáo năm.", exact=True)


def test_district_docx_recipients_and_signature(plans, tmp_path):
    doc = rendered(plans["huyen"], tmp_path)
    assert recipients(doc) == ["Nơi nhận:", "- UBND tỉnh (b/c);", "- Thường trực Huyện ủy (b/c);",
                               "- UBND các xã, thị trấn;", "- Lưu: VT, NV."]
    signer = [p.text for p in signature_table(doc).rows[0].cells[1].paragraphs if p.text.strip()]
    assert signer == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"]


def test_three_level_cascade_docx(plans, tmp_path):
    doc = rendered(plans["xa"], tmp_path)
    texts = paragraph_texts(doc)
    assert "ỦY BAN NHÂN DÂN\nXÃ BẰNG LÃNG" in texts
    find(doc, "Thực hiện công tác dân vận chính quyền năm 2025 trên địa bàn xã Bằng Lãng", exact=True)
    find(doc, "Thực hiện Kế hoạch số 05/KH-UBND ngày 24/01/2025 của Ủy ban nhân dân huyện Chợ Đồn")
    find(doc, "1. Các cơ quan, đơn vị báo cáo kết quả về UBND xã (qua công chức Văn phòng - Thống kê tổng hợp, "
              "trước ngày 15/5/2025")
    find(doc, "2. Ủy ban nhân dân xã Bằng Lãng tổng hợp kết quả, báo cáo Ủy ban nhân dân huyện Chợ Đồn trước "
              "ngày 20/5/2025")
    assert not any("tỉnh Bắc Kạn trước ngày" in t for t in texts)
    assert recipients(doc)[1] == "- UBND huyện (b/c);"


def test_two_level_docx(plans, tmp_path):
    doc = rendered(plans["phuong"], tmp_path)
    texts = paragraph_texts(doc)
    assert "ỦY BAN NHÂN DÂN\nPHƯỜNG BẮC KẠN" in texts
    number = next(t for t in texts if t.startswith("Số:"))
    assert number.endswith("/KH-UBND") and not any(c.isdigit() for c in number)  # a draft
    find(doc, "Thực hiện Kế hoạch số 21/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân tỉnh Thái Nguyên")
    find(doc, "1. Các cơ quan, đơn vị báo cáo kết quả về UBND phường (qua Phòng Văn hóa - Xã hội tổng hợp, "
              "trước ngày 15/5/2025")
    assert recipients(doc)[1] == "- UBND tỉnh (b/c);"


PARTY_UNIT = EXAMPLES / "nghe-an-de-an-04" / "dang-bo-so-noi-vu.yaml"


@pytest.mark.skipif(not (EXAMPLES / "nghe-an-de-an-04" / "ke-hoach-dang-uy-khoi.yaml").exists(),
                    reason="the Đảng ủy Khối example is not written yet")
def test_party_unit_docx(tmp_path):
    doc = rendered(PARTY_UNIT, tmp_path)
    texts = paragraph_texts(doc)
    assert "ĐẢNG ỦY SỞ NỘI VỤ" in texts
    assert "Số 12-KH/ĐU" in texts
    # the parent is still a draft (no number): it is cited by issuer and trích yếu
    opening = find(doc, "Thực hiện Kế hoạch của Đảng ủy Khối các cơ quan tỉnh Nghệ An về triển khai thực hiện "
                        "Đề án số 04-ĐA/TU ngày 01/10/2021").text
    assert opening.endswith("Đảng ủy Sở Nội vụ xây dựng kế hoạch triển khai thực hiện Đề án số 04-ĐA/TU ngày "
                            "01/10/2021 của Ban Thường vụ Tỉnh uỷ về một số giải pháp đổi mới, nâng cao hiệu quả "
                            "công tác dân vận của cơ quan nhà nước và chính quyền các cấp trên địa bàn tỉnh Nghệ "
                            "An giai đoạn 2021-2025 và những năm tiếp theo trong Đảng bộ Sở Nội vụ như sau:")
    joined = "\n".join(texts)
    assert "cấp ủy cơ sở" not in joined  # re-scoped to the chi bộ of the đảng bộ cơ sở
    assert "100% chi bộ trực thuộc" in joined
    assert "kiểm tra công tác dân vận từ 2- 3 sở" not in joined  # dropped tasks
    assert "Các chi bộ trực thuộc báo cáo kết quả thực hiện hằng năm về Đảng ủy Sở" in joined
    assert recipients(doc)[1].startswith("- Đảng ủy Khối các cơ quan tỉnh Nghệ An (b/c)")
