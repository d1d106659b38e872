"""`vbgen serve` is safe by default (Flask's test client): only listed names and the server's own files
reach the file system, uploads are bounded and checked, form text stays text, errors are one plain message."""
from __future__ import annotations

import io
import re

import pytest

from conftest import EXAMPLES
from webutil import app, client  # noqa: F401  (fixtures)
from webutil import (COMMUNE_FORM, DROPPED_TASK, DROPPED_TASK_TEXT, PARENT, broken_docx, docx_text,  # noqa: F401
                     docx_text_from, error_text, links, make, start)


@pytest.mark.parametrize("name", ["../setup.cfg", "/etc/passwd", "bac-kan-2025/../../setup.cfg",
                                  "..%2fsetup.cfg", "bac-kan-2025\\..\\..\\setup.cfg", "", "khong-co.yaml",
                                  "bac-kan-2025/ke-hoach-tinh.yaml\x00.txt"])
def test_a_parent_name_not_listed_is_refused(client, app, name):
    response = client.post("/ke-hoach", data={"ke_hoach": name})
    assert response.status_code == 400
    assert "Hãy chọn một kế hoạch trong danh sách" in error_text(response)
    store = app.extensions["vbgen_jobs"]
    assert not any(path.name == "cap-tren.yaml" for path in store.root.rglob("*"))


@pytest.mark.parametrize("url", ["/tai/../../etc/passwd", "/tai/%2e%2e/passwd", "/tai/" + "A" * 22 + "/ke-hoach.docx",
                                 "/ke-hoach/" + "A" * 22, "/ke-hoach/..%2f..%2fetc", "/anh/x/trang-1.png",
                                 "/khong-co-trang"])
def test_unknown_jobs_and_pages_are_404_in_vietnamese(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Không có trang hoặc tệp này" in response.data.decode()


def test_only_the_servers_own_files_are_served(client):
    url, _response = make(client)
    token = url.rsplit("/", 1)[1]
    for name in ("nguon.txt", "..%2fnguon.txt", "ke-hoach.docx.bak", "cap-tren.docx", "trang-1.png"):
        assert client.get(f"/tai/{token}/{name}").status_code == 404, name
    for name in ("ke-hoach.docx", "don-vi.yaml", "..%2f..%2fetc%2fpasswd"):
        assert client.get(f"/anh/{token}/{name}").status_code == 404, name


TEMPLATE_TEXT = ["{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "!!python/object/apply:os.system ['echo hi']",
                 "key: value", "<b>đậm</b> & <script>alert(1)</script>", "*in nghiêng* và “ngoặc”"]


def test_template_and_yaml_text_in_fields_stays_literal(client, tmp_path):
    from vbgen.yamlio import read_yaml

    form = dict(COMMUNE_FORM, noi_nhan="\n".join(TEMPLATE_TEXT[:-1]), nguoi_ky="{{ config }}",
                luu="VT, {{ 1+1 }}")
    url, response = make(client, form)
    assert response.status_code == 200, error_text(response)
    page = response.data.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ config }}" in page and "&lt;Config" not in page and "49" not in re.findall(r"\d+", "".join(
        re.findall(r'id="noi_nhan"[^>]*>(.*?)</textarea>', page, re.S)))
    token = url.rsplit("/", 1)[1]
    (tmp_path / "don-vi.yaml").write_bytes(client.get(f"/tai/{token}/don-vi.yaml").data)
    unit = read_yaml(tmp_path / "don-vi.yaml")
    assert unit["recipients"] == TEMPLATE_TEXT[:-1] and unit["signature"]["name"] == "{{ config }}"
    text = docx_text_from(client, token, tmp_path)
    for line in TEMPLATE_TEXT[:-1]:
        assert f"{line};" in text, line
    assert "{{ config }}" in text and "- Lưu: VT, {{ 1+1 }}." in text


def test_oversize_upload_is_refused_in_vietnamese(tmp_path):
    from vbgen.web import create_app

    client = create_app(EXAMPLES, max_upload=2 * 1024 * 1024).test_client()
    for url in ("/kiem-tra", "/ke-hoach"):
        big = io.BytesIO(b"0" * (3 * 1024 * 1024))
        response = client.post(url, data={"tep": (big, "lon.docx")}, content_type="multipart/form-data")
        assert response.status_code == 413
        assert "Tệp tải lên quá lớn (tối đa 2 MB)" in error_text(response)


@pytest.mark.parametrize("name,body,words", [
    ("hong.docx", b"PK\x03\x04 not really a zip", ["hong.docx: ", ".docx"]),  # the library's message
    ("van-ban.doc", b"\xd0\xcf\x11\xe0", ["chỉ nhận văn bản Word dạng .docx"]),
    ("anh.png", b"\x89PNG", ["chỉ nhận văn bản Word dạng .docx"]),
])
def test_unreadable_uploads_give_one_message(client, app, name, body, words):
    for url in ("/kiem-tra", "/ke-hoach"):
        response = client.post(url, data={"tep": (io.BytesIO(body), name)}, content_type="multipart/form-data")
        assert response.status_code == 400
        message = error_text(response)
        assert all(word in message for word in words), message
        assert "Traceback" not in response.data.decode()
    assert not list(app.extensions["vbgen_jobs"].root.rglob("*.doc*"))


def test_hostile_docx_is_refused_before_parsing(client, app, tmp_path):
    """A .docx whose XML declares entities (XXE, "billion laughs") never reaches a parser."""
    import zipfile

    from vbgen.render import make_plan

    clean = make_plan(EXAMPLES / "bac-kan-2025" / "ke-hoach-tinh.yaml", tmp_path / "tinh.docx")
    hostile = io.BytesIO()
    with zipfile.ZipFile(clean) as source, zipfile.ZipFile(hostile, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                        + data.split(b"?>", 1)[1])
            out.writestr(info, data)
    for url in ("/kiem-tra", "/ke-hoach"):
        response = client.post(url, data={"tep": (io.BytesIO(hostile.getvalue()), "xxe.docx")},
                               content_type="multipart/form-data")
        assert response.status_code == 400
        message = error_text(response)
        assert message.startswith("xxe.docx: ") and "DTD" in message and "root:" not in response.data.decode()


def test_unexpected_errors_show_no_stack_trace(client, monkeypatch):
    from vbgen.web import planning

    def boom(*_args, **_kwargs):
        raise RuntimeError("secret internal detail /tmp/x")
    monkeypatch.setattr(planning, "make_unit_plan", boom)
    _url, response = make(client)
    page = response.data.decode()
    assert response.status_code == 500 and "Có lỗi không lường trước" in error_text(response)
    assert "Traceback" not in page and "secret internal detail" not in page


def test_posts_from_another_site_are_refused(client):
    response = client.post("/ke-hoach", data={"ke_hoach": PARENT}, headers={"Origin": "http://evil.example"})
    assert response.status_code == 403 and "bị từ chối" in error_text(response)
    assert client.post("/ke-hoach", data={"ke_hoach": PARENT}, headers={"Origin": "null"}).status_code == 403
    assert client.post("/ke-hoach", data={"ke_hoach": PARENT},
                       headers={"Origin": "http://localhost"}).status_code == 302


def test_served_on_loopback_the_page_answers_only_to_loopback_names():
    """DNS rebinding: a site whose name points at 127.0.0.1 sends its own name as Host and is refused."""
    from vbgen.web import LOOPBACK, create_app

    client = create_app(EXAMPLES, allowed_hosts=LOOPBACK).test_client()
    assert client.get("/ke-hoach", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/ke-hoach", headers={"Host": "[::1]:8000"}).status_code == 200
    response = client.get("/ke-hoach", headers={"Host": "evil.example:8000"})
    assert response.status_code == 403 and "bị từ chối" in error_text(response)


def test_security_headers_and_no_debug(app, client):
    response = client.get("/kiem-tra")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"  # else browsers post "Origin: null"
    assert app.debug is False


def test_jobs_expire_and_are_removed(tmp_path):
    from vbgen.web.jobs import JobStore

    store = JobStore(ttl=0)
    job = store.new()
    assert store.get(job.token) is None and store.get("../" + job.token[3:]) is None
    store.new()
    assert not job.folder.exists()
    root = store.root
    assert oct(root.stat().st_mode & 0o777) == "0o700"
    store.close()
    assert not root.exists()


def test_plan_listing_stays_inside_the_folder(tmp_path):
    from vbgen.web.folder import list_plans, pick

    (tmp_path / "plans" / "sub").mkdir(parents=True)
    (tmp_path / "plans" / "a.yaml").write_text("title: A\n", encoding="utf-8")
    (tmp_path / "plans" / "sub" / "b.yml").write_text("title: [broken\n", encoding="utf-8")
    (tmp_path / "plans" / ".hidden.yaml").write_text("title: H\n", encoding="utf-8")
    (tmp_path / "outside.yaml").write_text("title: O\n", encoding="utf-8")
    (tmp_path / "plans" / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    assert [e.name for e in list_plans(tmp_path / "plans")] == ["a.yaml", "sub/b.yml"]
    assert pick(tmp_path / "plans", "link.yaml") is None and pick(tmp_path / "plans", "../outside.yaml") is None
    assert list_plans(None) == [] and list_plans(tmp_path / "none") == []
