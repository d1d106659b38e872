"""The Báo cáo page of `vbgen serve` through Flask's test client: pick a plan and a period, download the
report skeleton and the sheet, upload the filled sheet, get the report .docx."""
from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from ruamel.yaml import YAML

from webutil import app, client  # noqa: F401  (fixtures)
from webutil import docx_text, error_text, links

PLAN = "bac-kan-2025/xa-bang-lang.yaml"
PERIOD = "6 tháng đầu năm 2025"


def step1(client):
    response = client.post("/bao-cao", data={"ke_hoach": PLAN, "ky_bao_cao": PERIOD})
    assert response.status_code == 200, response.data.decode()[:3000]
    token = re.search(r'action="/bao-cao/([^"]+)"', response.data.decode()).group(1)
    return response, token


def fill(data: bytes, actual) -> bytes:
    book = load_workbook(io.BytesIO(data))
    targets, tasks = book["Chỉ tiêu"], book["Nhiệm vụ"]
    for row in range(2, targets.max_row + 1):
        if targets.cell(row, 5).value is not None:
            targets.cell(row, 7).value = actual
    for row in range(2, tasks.max_row + 1):
        tasks.cell(row, 6).value = "Đã hoàn thành"
        tasks.cell(row, 7).value = f"Kết quả số {row - 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_report_page_lists_the_plans(client):
    page = client.get("/bao-cao").data.decode()
    assert "Báo cáo kết quả thực hiện kế hoạch" in page and f'value="{PLAN}"' in page
    assert 'name="ky_bao_cao"' in page


def test_step1_gives_the_sheet_and_the_skeleton(client):
    response, token = step1(client)
    assert set(links(response)) >= {f"/tai/{token}/bao-cao.xlsx", f"/tai/{token}/bao-cao.yaml"}
    sheet = client.get(f"/tai/{token}/bao-cao.xlsx")
    assert sheet.status_code == 200 and "attachment" in sheet.headers["Content-Disposition"]
    assert load_workbook(io.BytesIO(sheet.data)).sheetnames == ["Chỉ tiêu", "Nhiệm vụ"]
    data = YAML(typ="safe").load(client.get(f"/tai/{token}/bao-cao.yaml").data.decode())
    assert data["period"] == PERIOD and data["targets"] and data["tasks"]


def test_filled_sheet_gives_the_report_docx(client, tmp_path):
    _, token = step1(client)
    filled = fill(client.get(f"/tai/{token}/bao-cao.xlsx").data, 77)
    response = client.post(f"/bao-cao/{token}", data={"tep": (io.BytesIO(filled), "so-lieu.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 200, error_text(response)
    assert set(links(response)) >= {f"/tai/{token}/bao-cao.docx", f"/tai/{token}/bao-cao.yaml"}
    docx = tmp_path / "bao-cao.docx"
    docx.write_bytes(client.get(f"/tai/{token}/bao-cao.docx").data)
    text = docx_text(docx)
    assert "BÁO CÁO" in text and "77" in text and "Kết quả số 1" in text
    data = YAML(typ="safe").load(client.get(f"/tai/{token}/bao-cao.yaml").data.decode())
    assert {t["status"] for t in data["tasks"]} == {"done"}
    assert all(t["actual"] == 77 for t in data["targets"] if t.get("actual") is not None)


def test_unknown_plan_is_one_plain_message(client):
    response = client.post("/bao-cao", data={"ke_hoach": "../khong-co.yaml", "ky_bao_cao": PERIOD})
    assert response.status_code == 400 and "Hãy chọn một kế hoạch" in error_text(response)
    assert client.post("/bao-cao/khong-co-viec-nay", data={}).status_code == 404


def test_empty_period_is_one_plain_message(client):
    response = client.post("/bao-cao", data={"ke_hoach": PLAN, "ky_bao_cao": "  "})
    assert response.status_code == 400 and "kỳ báo cáo" in error_text(response)


def test_non_xlsx_upload_is_one_plain_message(client):
    _, token = step1(client)
    response = client.post(f"/bao-cao/{token}", data={"tep": (io.BytesIO(b"not a sheet"), "so-lieu.docx")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    message = error_text(response)
    assert "chỉ nhận bảng Excel dạng .xlsx" in message and "so-lieu.docx" in message and "Traceback" not in message
    bad = client.post(f"/bao-cao/{token}", data={"tep": (io.BytesIO(b"not a sheet"), "hong.xlsx")},
                      content_type="multipart/form-data")
    assert bad.status_code == 400 and "hong.xlsx" in error_text(bad)
