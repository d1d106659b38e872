"""Shared by the web tests: the app and client fixtures, the commune's form, page helpers, and a .docx
with layout mistakes."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm, Pt

from conftest import EXAMPLES

#: UBND xã Bằng Lãng's details, as a clerk types them (lower case; the page makes header lines upper case).
COMMUNE_FORM = {
    "co_quan": "Ủy ban nhân dân\nxã Bằng Lãng", "ten_day_du": "Ủy ban nhân dân xã Bằng Lãng",
    "ten_ngan": "UBND xã", "viet_tat": "UBND", "cap": "commune", "dia_ban": "xã Bằng Lãng", "so": "8",
    "dia_danh": "Bằng Lãng", "ngay": "2025-02-05", "tap_the": "Ủy ban nhân dân", "hinh_thuc": "",
    "chuc_vu": "Chủ tịch", "nguoi_ky": "Trần Thị B",
    "noi_nhan": "Thường trực Đảng ủy xã (b/c)\nCT, các PCT UBND xã\nCác thôn", "luu": "VT", "so_ngay": "5",
    "nhiem_vu_moi": "Công chức Văn hóa - Xã hội tuyên truyền trên loa truyền thanh của các thôn.",
    "chi_tieu_moi": "Mỗi thôn xây dựng ít nhất 01 mô hình “Dân vận khéo”.",
}
PARENT = "bac-kan-2025/huyen-cho-don.yaml"
DROPPED_TASK = "nv-truyen-thanh"     # the district's radio task
DROPPED_TASK_TEXT = "Trung tâm Văn hóa - Thể thao và Truyền thông huyện tăng cường"


def broken_docx(folder: Path) -> Path:
    """The commune's example plan with a 15 mm left margin and 10 pt header lines (both fixable)."""
    from vbgen.render import make_plan

    clean = make_plan(EXAMPLES / "bac-kan-2025" / "xa-bang-lang.yaml", folder / "sach.docx")
    doc = Document(str(clean))
    doc.sections[0].left_margin = Mm(15)
    for paragraph in doc.paragraphs:
        if paragraph.text in ("KẾ HOẠCH",):
            for run in paragraph.runs:
                run.font.size = Pt(10)
    path = folder / "van-ban-loi.docx"
    doc.save(str(path))
    return path


def docx_text(path) -> str:
    """All text of a .docx, tables included, one paragraph a line."""
    from docxutil import all_paragraphs

    return "\n".join(p.text for p in all_paragraphs(Document(str(path))))


@pytest.fixture
def app(tmp_path):
    from vbgen.web import create_app
    from vbgen.web.jobs import JobStore

    store = JobStore()
    application = create_app(EXAMPLES, store=store, preview_pages=False)
    yield application
    store.close()


@pytest.fixture
def client(app):
    return app.test_client()


def start(client, name=PARENT) -> str:
    """Pick ``name`` as the parent plan; the form's address."""
    response = client.post("/ke-hoach", data={"ke_hoach": name})
    assert response.status_code == 302, response.data.decode()
    return response.location


def make(client, form=None, drop=(DROPPED_TASK,)):
    url = start(client)
    data = dict(COMMUNE_FORM if form is None else form)
    data["bo_nhiem_vu"] = list(drop)
    return url, client.post(url, data=data)


def error_text(response) -> str:
    match = re.search(r'id="loi">(.*?)</p>', response.data.decode(), re.S)
    assert match, response.data.decode()[:2000]
    return html.unescape(match.group(1))


def links(response, prefix="/tai/") -> list[str]:
    return re.findall(rf'href="({prefix}[^"]+)"', response.data.decode())


def docx_text_from(client, token, tmp_path):
    path = tmp_path / "web.docx"
    path.write_bytes(client.get(f"/tai/{token}/ke-hoach.docx").data)
    return docx_text(path)
