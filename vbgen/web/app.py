"""The Flask application of ``vbgen serve``: thin routes over vbgen.web's library functions.

Safe by default: uploads are limited (``MAX_CONTENT_LENGTH``) and kept in a scratch folder inside the
private job root, removed after the request; a form names a parent plan only by its listed name, a job
only by its token and a file only by one of the server's own names; form text is put into a dict and
written by the safe YAML dumper (never evaluated); every error is one plain message (no stack trace;
debug is off). Texts are Vietnamese.
"""
from __future__ import annotations

import atexit
import contextlib
import threading
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from flask import Flask, abort, g, redirect, render_template, request, send_file, url_for
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from ..errors import VbgenError
from ..i18n import set_language
from ..output import reading_scope
from . import checking, planning, preview, reporting, unitform
from .folder import list_plans, pick
from .jobs import JobStore, scratch_folder

MAX_UPLOAD = 16 * 1024 * 1024
DOWNLOAD_NAMES = {planning.PLAN_DOCX: "ke-hoach.docx", "ke-hoach.pdf": "ke-hoach.pdf",
                  unitform.UNIT_FILE: "don-vi.yaml", unitform.PARENT_FILE: "cap-tren.yaml",
                  planning.CHANGES_FILE: "thay-doi.txt",
                  checking.FIXED_DOCX: "ban-da-sua.docx",
                  reporting.REPORT_YAML: "bao-cao.yaml", reporting.REPORT_SHEET: "bao-cao.xlsx",
                  reporting.REPORT_DOCX: "bao-cao.docx"}
HTTP_MESSAGES = {404: "Không có trang hoặc tệp này (có thể đã quá hạn và bị xóa); hãy làm lại từ đầu.",
                 405: "Trang này không nhận yêu cầu kiểu đó.",
                 403: "Yêu cầu không đến từ trang vbgen này nên bị từ chối.",
                 413: "Tệp tải lên quá lớn (tối đa {limit} MB).",
                 400: "Yêu cầu không hợp lệ; hãy tải lại trang và làm lại."}
_library_lock = threading.Lock()  # warnings capture and LibreOffice are process-wide: one job at a time


@contextlib.contextmanager
def _library_job():
    """One request's library work: alone (the lock), and with the files it reads recorded so that no
    output of it can replace one of them (vbgen.output.reading_scope)."""
    with _library_lock, reading_scope():
        yield


def _upload_name(upload) -> str:
    """The uploaded file's own name (for messages only; never used as a path)."""
    name = (upload.filename or "").replace("\\", "/").rpartition("/")[2]
    return name[:120] or "tệp tải lên"


def _save_upload(upload, scratch: str) -> tuple[Path, str]:
    """Save a .docx upload into the scratch folder under a fixed name; (path, the clerk's file name)."""
    name = _upload_name(upload)
    if not name.lower().endswith(".docx"):
        raise VbgenError("chỉ nhận văn bản Word dạng .docx; với tệp .doc hãy mở bằng Word và lưu lại "
                         "dạng .docx (Word Document)", file=name)
    path = Path(scratch) / "tai-len.docx"
    upload.save(str(path))
    planning.guard_upload(path, name)
    return path, name


def create_app(folder: Optional[Path] = None, store: Optional[JobStore] = None,
               max_upload: int = MAX_UPLOAD, preview_pages: bool = True,
               allowed_hosts: Optional[tuple[str, ...]] = None, language: str = "vi") -> Flask:
    """The web application; ``folder`` holds the plans to pick from, ``store`` the private job root.

    ``allowed_hosts``: the only names the page answers to (``serve`` on 127.0.0.1 gives the loopback
    names, so that a web site whose name is made to point at 127.0.0.1 cannot use the clerk's server).
    ``language``: of the library's messages on the page (vbgen.i18n); the page itself is Vietnamese."""
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=max_upload, DEBUG=False, PROPAGATE_EXCEPTIONS=False,
                      TRAP_HTTP_EXCEPTIONS=False)
    store = store or JobStore()
    atexit.register(store.close)
    app.extensions["vbgen_jobs"] = store
    folder = Path(folder) if folder else None

    def page(template: str, status: int = 200, **context):
        return render_template(template, folder=folder, **context), status

    def job_or_404(token: str):
        job = store.get(token)
        if job is None or job.file(unitform.PARENT_FILE) is None:
            abort(404)
        return job

    @app.before_request
    def speak():
        """The library's messages (errors, warnings, the change list) in the page's language."""
        g.language_before = set_language(language)

    @app.teardown_request
    def speak_as_before(_error=None):
        if "language_before" in g:
            set_language(g.pop("language_before"))

    @app.before_request
    def same_origin_posts():
        """A form post must come from this page (another web site cannot post to the clerk's server)."""
        if allowed_hosts and urlsplit(f"//{request.host}").hostname not in allowed_hosts:
            abort(403)
        origin = request.headers.get("Origin")
        if request.method == "POST" and origin and urlsplit(origin).netloc != request.host:
            abort(403)

    @app.after_request
    def headers(response):
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = "default-src 'self'; form-action 'self'"
        response.headers["Referrer-Policy"] = "same-origin"  # "no-referrer" makes Chromium post Origin: null
        return response

    @app.errorhandler(VbgenError)
    def vbgen_error(error: VbgenError):
        return page("loi.html", 400, message=planning.clerk_message(error))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if isinstance(error, RequestEntityTooLarge):
            message = HTTP_MESSAGES[413].format(limit=max(1, max_upload // (1024 * 1024)))
        else:
            message = HTTP_MESSAGES.get(error.code, "Không thực hiện được yêu cầu.")
        return page("loi.html", error.code or 400, message=message)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.error("vbgen serve: %s: %s", error.__class__.__name__, error)
        return page("loi.html", 500, message="Có lỗi không lường trước khi xử lý yêu cầu "
                    f"({error.__class__.__name__}); hãy thử lại, hoặc báo cho người quản trị.")

    @app.get("/")
    def home():
        return redirect(url_for("plan_choose"))

    @app.get("/ke-hoach")
    def plan_choose():
        return page("chon_ke_hoach.html", plans=list_plans(folder))

    @app.post("/ke-hoach")
    def plan_start():
        upload = request.files.get("tep")
        name = request.form.get("ke_hoach", "")
        job = store.new()
        with _library_job():
            if upload and upload.filename:
                with scratch_folder(store) as scratch:
                    source, filename = _save_upload(upload, scratch)
                    planning.parent_from_docx(job, source, filename)
            else:
                entry = pick(folder, name)
                if entry is None:
                    return page("chon_ke_hoach.html", 400, plans=list_plans(folder),
                                error="Hãy chọn một kế hoạch trong danh sách, hoặc tải lên văn bản .docx.")
                planning.parent_from_folder(job, entry)
        return redirect(url_for("plan_form", token=job.token))

    def form_page(job, parent, values, status=200, **context):
        return page("don_vi.html", status, job=job, parent=parent, source=planning.source_name(job),
                    notes=planning.import_notes(job),
                    values=values, levels=unitform.LEVELS, modes=unitform.MODES,
                    dropped_tasks=request.form.getlist("bo_nhiem_vu"),
                    dropped_targets=request.form.getlist("bo_chi_tieu"), **context)

    @app.get("/ke-hoach/<token>")
    def plan_form(token: str):
        job = job_or_404(token)
        with _library_job():
            parent = planning.parent_outline(job)
            return form_page(job, parent, unitform.defaults(parent))

    @app.post("/ke-hoach/<token>")
    def plan_make(token: str):
        job = job_or_404(token)
        values = {name: request.form.get(name, "") for name in unitform.FIELDS}
        with _library_job():
            parent = planning.parent_outline(job)
            try:
                data = unitform.unit_data(values, request.form.getlist("bo_nhiem_vu"),
                                          request.form.getlist("bo_chi_tieu"), parent)
                result = planning.make_unit_plan(job, data, preview=preview_pages)
            except VbgenError as error:
                return form_page(job, parent, values, 400, error=planning.clerk_message(error, job))
            return form_page(job, parent, values, result=result, has_pdf=job.file("ke-hoach.pdf") is not None)

    @app.get("/tai/<token>/<name>")
    def download(token: str, name: str):
        job = store.get(token)
        path = job.file(name) if job and name in DOWNLOAD_NAMES else None
        if path is None:
            abort(404)
        return send_file(path, as_attachment=True, download_name=DOWNLOAD_NAMES[name], max_age=0)

    @app.get("/anh/<token>/<name>")
    def page_image(token: str, name: str):
        job = store.get(token)
        path = job.file(name) if job and name.startswith("trang-") and name.endswith(".png") else None
        if path is None:
            abort(404)
        return send_file(path, mimetype="image/png", max_age=0)

    @app.get("/kiem-tra")
    def check_form():
        return page("kiem_tra.html")

    @app.post("/kiem-tra")
    def check_run():
        upload = request.files.get("tep")
        if not upload or not upload.filename:
            return page("kiem_tra.html", 400, error="Hãy chọn một văn bản .docx để kiểm tra.")
        rules = request.form.get("the_thuc") or None
        if rules not in (None, "state", "party"):
            abort(400)
        job = store.new()
        with _library_job(), scratch_folder(store) as scratch:
            try:
                source, filename = _save_upload(upload, scratch)
                result = checking.check_upload(job, source, filename, rules)
            except VbgenError as error:
                return page("kiem_tra.html", 400, error=planning.clerk_message(error))
        return page("kiem_tra.html", result=result, job=job, severity=checking.SEVERITY)

    @app.get("/bao-cao")
    def report():
        return page("bao_cao.html", plans=list_plans(folder))

    @app.post("/bao-cao")
    def report_start():
        entry = pick(folder, request.form.get("ke_hoach", ""))
        period = request.form.get("ky_bao_cao", "")
        if entry is None:
            return page("bao_cao.html", 400, plans=list_plans(folder), period=period,
                        error="Hãy chọn một kế hoạch trong danh sách.")
        job = store.new()
        with _library_job():
            try:
                result = reporting.start_report(job, entry, period)
            except VbgenError as error:
                return page("bao_cao.html", 400, plans=list_plans(folder), period=period,
                            error=planning.clerk_message(error, job))
        return page("bao_cao_dien.html", job=job, source=entry.name, period=reporting.period(job), start=result)

    @app.post("/bao-cao/<token>")
    def report_finish(token: str):
        job = job_or_404(token)
        if job.file(reporting.REPORT_YAML) is None:
            abort(404)
        context = dict(job=job, source=planning.source_name(job), period=reporting.period(job))
        upload = request.files.get("tep")
        if not upload or not upload.filename:
            return page("bao_cao_dien.html", 400, error="Hãy chọn bảng Excel (.xlsx) đã điền số liệu.", **context)
        name = _upload_name(upload)
        with _library_job():
            try:
                reporting.guard_sheet(name)
                sheet = job.path(reporting.FILLED_SHEET)
                upload.save(str(sheet))
                result = reporting.finish_report(job, sheet, name)
            except VbgenError as error:
                return page("bao_cao_dien.html", 400, error=planning.clerk_message(error, job), **context)
        return page("bao_cao_dien.html", result=result, **context)

    app.jinja_env.globals.update(has_soffice=preview.soffice() is not None)
    return app
