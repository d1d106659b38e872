"""`vbgen serve`'s pages through Flask's test client: every route, the commune's plan made from the
form, the check page, the parent uploaded as .docx, the `serve` command. Security cases: test_web_security.py."""
from __future__ import annotations

import io
import re

import pytest

from conftest import EXAMPLES
from webutil import app, client  # noqa: F401  (fixtures)
from webutil import (COMMUNE_FORM, DROPPED_TASK, DROPPED_TASK_TEXT, PARENT, broken_docx, docx_text,  # noqa: F401
                     docx_text_from, error_text, links, make, start)


def test_home_lists_the_folder_plans_in_vietnamese(client):
    assert client.get("/").location.endswith("/ke-hoach")
    page = client.get("/ke-hoach").data.decode()
    assert '<html lang="vi">' in page and "Lập kế hoạch thực hiện" in page
    for name in ("bac-kan-2025/ke-hoach-tinh.yaml", PARENT, "thai-nguyen-2026/ke-hoach-tinh.yaml"):
        assert f'value="{name}"' in page
    assert "Ủy ban nhân dân tỉnh Bắc Kạn" in page and "Kiểm tra văn bản" in page and "Báo cáo" in page


def test_form_lists_the_parents_tasks_and_targets(client):
    page = client.get(start(client)).data.decode()
    assert "Ủy ban nhân dân huyện Chợ Đồn" in page
    assert f'value="{DROPPED_TASK}"' in page and 'value="t-mo-hinh-xa"' in page
    assert 'name="nguoi_ky"' in page and 'value="commune" selected' in page


def test_commune_plan_from_the_form(client, tmp_path):
    url, response = make(client)
    assert response.status_code == 200, error_text(response)
    page = response.data.decode()
    token = url.rsplit("/", 1)[1]
    assert set(links(response)) >= {f"/tai/{token}/ke-hoach.docx", f"/tai/{token}/don-vi.yaml"}
    assert "Những thay đổi so với kế hoạch cấp trên" in page and "== Bỏ: 1" in page and "(dropped)" not in page
    assert DROPPED_TASK_TEXT[:40] in page  # the dropped task is named in the change list

    download = client.get(f"/tai/{token}/ke-hoach.docx")
    assert download.status_code == 200
    assert "attachment" in download.headers["Content-Disposition"]
    docx = tmp_path / "ke-hoach.docx"
    docx.write_bytes(download.data)
    text = docx_text(docx)
    assert "ỦY BAN NHÂN DÂN\nXÃ BẰNG LÃNG" in text or "XÃ BẰNG LÃNG" in text
    assert "Số: 08/KH-UBND" in text and "Bằng Lãng, ngày 05 tháng 02 năm 2025" in text
    assert "Trần Thị B" in text and "TM. ỦY BAN NHÂN DÂN" in text
    assert "Mỗi thôn xây dựng ít nhất 01 mô hình “Dân vận khéo”." in text
    assert "loa truyền thanh của các thôn" in text
    assert DROPPED_TASK_TEXT not in text
    assert "- Các thôn;" in text or "Các thôn;" in text

    from vbgen.check import check_document
    assert [f for f in check_document(docx) if f.severity == "violation"] == []


def test_library_messages_are_vietnamese_on_the_page_only(client):
    """The page speaks Vietnamese (VBGEN_LANG=en in the tests notwithstanding) and leaves the choice as it was."""
    from vbgen.i18n import chosen_language, current_language

    _url, response = make(client, dict(COMMUNE_FORM, so_ngay="5", nguoi_ky=""))
    assert "dòng" not in error_text(response)  # the form's label, not a file line
    _url, response = make(client)
    assert "thay đổi." in response.data.decode() and "changes)" not in response.data.decode()
    assert chosen_language() is None and current_language() == "en"


def test_unit_file_download_rebuilds_the_same_plan_with_the_cli(client, tmp_path):
    from click.testing import CliRunner

    from vbgen.cli import cli
    from vbgen.yamlio import read_yaml

    url, response = make(client)
    token = url.rsplit("/", 1)[1]
    (tmp_path / "don-vi.yaml").write_bytes(client.get(f"/tai/{token}/don-vi.yaml").data)
    (tmp_path / "cap-tren.yaml").write_bytes(client.get(f"/tai/{token}/cap-tren.yaml").data)
    unit = read_yaml(tmp_path / "don-vi.yaml")
    assert unit["parent"] == "cap-tren.yaml" and unit["issuer"]["name"] == "ỦY BAN NHÂN DÂN\nXÃ BẰNG LÃNG"
    assert unit["changes"]["tasks"]["drop"] == [DROPPED_TASK] and unit["lead_days"] == 5
    result = CliRunner().invoke(cli, ["make-plan", str(tmp_path / "don-vi.yaml")])
    assert result.exit_code == 0, result.output
    assert docx_text(tmp_path / "don-vi.docx") == docx_text_from(client, token, tmp_path)


@pytest.mark.parametrize("change,words", [
    ({"nguoi_ky": ""}, ["Họ tên người ký", "signature.name"]),
    ({"ngay": "2025-02-30"}, ["Ngày ban hành", "2025-02-30", "không phải ngày có thật"]),
    ({"so_ngay": "năm"}, ["Số ngày báo cáo trước thời hạn của cấp trên", "từ 0 đến 60"]),
    ({"so_ngay": "99"}, ["từ 0 đến 60"]),
    ({"cap": "galaxy"}, ["Cấp", "chọn một cấp"]),
    ({"hinh_thuc": "KT"}, ["Người ký (signature)", "có 'mode' thì phải có 'on_behalf_of'"]),
    ({"co_quan": "x" * 3000}, ["dài quá 2000 ký tự"]),
])
def test_a_mistake_is_one_plain_message_and_the_form_keeps_its_values(client, change, words):
    _url, response = make(client, dict(COMMUNE_FORM, **change))
    assert response.status_code == 400
    message = error_text(response)
    for word in words:
        assert word in message, message
    page = response.data.decode()
    assert "Traceback" not in page and "/tmp/" not in message and "vbgen-web-" not in message
    assert 'value="Bằng Lãng"' in page and f'value="{DROPPED_TASK}" checked' in page


def test_an_unknown_task_to_drop_is_refused(client):
    _url, response = make(client, drop=["nv-khong-co"])
    assert response.status_code == 400 and "Nhiệm vụ bỏ" in error_text(response)


def test_check_page_shows_findings_and_serves_the_repaired_copy(client, app, tmp_path):
    from vbgen.check import check_document

    source = broken_docx(tmp_path)
    response = client.post("/kiem-tra", data={"tep": (io.BytesIO(source.read_bytes()), "../../etc/van-ban.docx")},
                           content_type="multipart/form-data")
    assert response.status_code == 200
    page = response.data.decode()
    table = page[page.index('id="loi-the-thuc"'):page.index("</table>")]
    assert "page.margins" in table and "type-name.size" in table and "Vi phạm" in table
    assert "NĐ 30/2020, Phụ lục I, mục I.3" in table and "thiết lập trang" in table
    assert "<h2>van-ban.docx</h2>" in page  # the name only, never a path
    fixed_url = links(response)[0]
    assert fixed_url.endswith("/ban-da-sua.docx")
    fixed = tmp_path / "sua.docx"
    fixed.write_bytes(client.get(fixed_url).data)
    assert check_document(fixed) == [] and check_document(source) != []
    store = app.extensions["vbgen_jobs"]
    assert [p.name for p in store.root.rglob("*.docx")] == ["ban-da-sua.docx"]  # the upload is gone
    assert not any(p.name.startswith("tai-len-") for p in store.root.iterdir())


def test_check_page_clean_document(client, tmp_path):
    from vbgen.render import make_plan

    clean = make_plan(EXAMPLES / "bac-kan-2025" / "ke-hoach-tinh.yaml", tmp_path / "tinh.docx")
    response = client.post("/kiem-tra", data={"tep": (io.BytesIO(clean.read_bytes()), "tinh.docx")},
                           content_type="multipart/form-data")
    assert "Không phát hiện lỗi thể thức" in response.data.decode()


def test_check_without_a_file(client):
    response = client.post("/kiem-tra", data={}, content_type="multipart/form-data")
    assert response.status_code == 400 and "Hãy chọn một văn bản .docx" in error_text(response)


def test_parent_uploaded_as_docx_is_imported(client, tmp_path):
    from vbgen.render import make_plan

    province = make_plan(EXAMPLES / "bac-kan-2025" / "ke-hoach-tinh.yaml", tmp_path / "tinh.docx")
    response = client.post("/ke-hoach", data={"tep": (io.BytesIO(province.read_bytes()), "KH 21 tinh.docx")},
                           content_type="multipart/form-data")
    assert response.status_code == 302, response.data.decode()
    form = client.get(response.location).data.decode()
    assert "Ủy ban nhân dân tỉnh Bắc Kạn" in form and "KH 21 tinh.docx" in form
    tasks = re.findall(r'name="bo_nhiem_vu" value="([^"]+)"', form)
    assert len(tasks) >= 5
    data = dict(COMMUNE_FORM, bo_nhiem_vu=[tasks[0]])
    result = client.post(response.location, data=data)
    assert result.status_code == 200, error_text(result)
    token = response.location.rsplit("/", 1)[1]
    text = docx_text_from(client, token, tmp_path)
    assert "Thực hiện Kế hoạch số 21/KH-UBND ngày 16/01/2025 của Ủy ban nhân dân tỉnh Bắc Kạn" in text


def test_real_agency_docx_as_parent_never_crashes(client):
    from reference import REFERENCE
    corpus = REFERENCE / "corpus-real"
    if not corpus.is_dir():
        pytest.skip("../shared/reference/corpus-real is absent")
    for path in sorted(corpus.glob("*KH*.docx")):
        response = client.post("/ke-hoach", data={"tep": (io.BytesIO(path.read_bytes()), path.name)},
                               content_type="multipart/form-data")
        assert response.status_code in (302, 400), path.name
        if response.status_code == 302:
            assert client.get(response.location).status_code == 200, path.name
        else:
            assert path.name in error_text(response)


def test_own_targets_need_targets_in_the_parent(client, tmp_path):
    """A parent without targets: the form offers no own-target box, and a posted one gets a plain message."""
    plans = tmp_path / "plans"
    plans.mkdir()
    text = (EXAMPLES / "bac-kan-2025" / "ke-hoach-tinh.yaml").read_text(encoding="utf-8")
    (plans / "tinh.yaml").write_text(text.replace("role: target", "role: task").replace("id: t-", "id: x-"),
                                     encoding="utf-8")
    from vbgen.web import create_app

    client = create_app(plans, preview_pages=False).test_client()
    url = client.post("/ke-hoach", data={"ke_hoach": "tinh.yaml"}).location
    form = client.get(url).data.decode()
    assert 'name="chi_tieu_moi"' not in form and 'name="nhiem_vu_moi"' in form
    response = client.post(url, data=COMMUNE_FORM)
    assert response.status_code == 400
    assert error_text(response).startswith("Chỉ tiêu riêng của đơn vị: kế hoạch cấp trên không có chỉ tiêu nào")
    assert client.post(url, data=dict(COMMUNE_FORM, chi_tieu_moi="")).status_code == 200


def test_report_page_is_no_longer_a_placeholder(client):
    page = client.get("/bao-cao").data.decode()  # the page itself: tests/test_web_report.py
    assert "đang được xây dựng" not in page and 'name="ky_bao_cao"' in page


def test_serve_command(monkeypatch, tmp_path):
    from click.testing import CliRunner

    import waitress

    from vbgen.cli import cli

    calls = []
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: calls.append((app, kw)))
    result = CliRunner().invoke(cli, ["serve", "--folder", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8000/" in result.output
    assert calls[0][1]["host"] == "127.0.0.1" and calls[0][1]["port"] == 8000
    assert calls[0][0].test_client().get("/", headers={"Host": "evil.example"}).status_code == 403
    result = CliRunner().invoke(cli, ["serve", "--folder", str(tmp_path / "khong-co")])
    assert result.exit_code == 2 and "khong-co" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0 and "mọi máy trong mạng" in result.output
    assert calls[1][1]["port"] == 8123
    assert calls[1][0].test_client().get("/ke-hoach", headers={"Host": "192.168.1.5:8123"}).status_code == 200


def test_serve_command_port_taken(monkeypatch):
    from click.testing import CliRunner

    import waitress

    from vbgen.cli import cli

    def taken(app, **kw):
        raise OSError(98, "Address already in use")
    monkeypatch.setattr(waitress, "serve", taken)
    result = CliRunner().invoke(cli, ["serve", "--port", "8000"])
    assert result.exit_code == 2 and "Address already in use" in result.output and "--port" in result.output


def test_without_libreoffice_the_page_says_so(tmp_path, monkeypatch):
    from vbgen.web import create_app, preview

    monkeypatch.setattr(preview, "soffice", lambda: None)
    client = create_app(EXAMPLES).test_client()
    url, response = make(client)
    page = response.data.decode()
    assert response.status_code == 200 and "chưa cài LibreOffice" in page
    assert 'id="tai-pdf"' not in page and "<img" not in page
    assert client.get(url.replace("/ke-hoach/", "/tai/") + "/ke-hoach.pdf").status_code == 404
