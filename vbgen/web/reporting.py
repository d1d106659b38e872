"""Báo cáo on the web page: the chosen plan into a job folder, its report skeleton and the sheet to fill
(vbgen.report.commands.make_report, as ``vbgen report --xlsx``), then the filled sheet back into the report
and its .docx (``--results``, then vbgen.render)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import VbgenError
from .folder import PlanEntry
from .jobs import Job
from .planning import collect_warnings, parent_from_folder
from .unitform import PARENT_FILE

REPORT_YAML = "bao-cao.yaml"
REPORT_SHEET = "bao-cao.xlsx"      # the sheet to fill (Biểu số liệu cần điền)
FILLED_SHEET = "ket-qua.xlsx"      # the clerk's filled sheet, saved under this fixed name
REPORT_DOCX = "bao-cao.docx"
PERIOD_NOTE = "ky-bao-cao.txt"     # the period (Kỳ báo cáo) as the clerk typed it


@dataclass
class ReportResult:
    """What a report step made: the lines the library printed (due date, to whom) and its warnings."""

    messages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def clean_period(text: str) -> str:
    """The period as typed, on one line; an empty one is refused."""
    period = " ".join((text or "").split())
    if not period:
        raise VbgenError("hãy ghi kỳ báo cáo, ví dụ “6 tháng đầu năm 2025”")
    if len(period) > 200:
        raise VbgenError("kỳ báo cáo quá dài (tối đa 200 ký tự)")
    return period


def start_report(job: Job, entry: PlanEntry, period: str) -> ReportResult:
    """Copy the chosen plan into the job folder and write its report skeleton and sheet to fill."""
    from ..report.commands import make_report

    period = clean_period(period)
    parent_from_folder(job, entry)
    job.path(PERIOD_NOTE).write_text(period, encoding="utf-8")
    written, issued = collect_warnings(make_report, job.path(PARENT_FILE), period, job.path(REPORT_YAML),
                                       job.path(REPORT_SHEET), None, True)
    return ReportResult([str(m) for m in written.messages], issued)


def period(job: Job) -> str:
    """The period typed in step 1."""
    note = job.file(PERIOD_NOTE)
    return note.read_text(encoding="utf-8") if note else ""


def guard_sheet(upload_name: str) -> None:
    """Only an Excel workbook (.xlsx) is taken as the filled sheet."""
    if not upload_name.lower().endswith(".xlsx"):
        raise VbgenError("chỉ nhận bảng Excel dạng .xlsx (bảng số liệu đã tải về ở bước 1, điền xong và "
                         "lưu lại)", file=upload_name)


def finish_report(job: Job, sheet: Path, upload_name: str) -> ReportResult:
    """Fill the report from the saved ``sheet`` and render bao-cao.docx. Raises VbgenError."""
    from ..render import render_plan
    from ..report.commands import make_report
    from ..sources import open_plan

    for old in (REPORT_DOCX,):
        job.path(old).unlink(missing_ok=True)
    try:
        written, issued = collect_warnings(make_report, job.path(PARENT_FILE), period(job),
                                           job.path(REPORT_YAML), None, sheet, True)
    except VbgenError as error:
        if error.file and Path(error.file).name == FILLED_SHEET:
            raise VbgenError(error.message, file=upload_name, line=error.line, field=error.field) from None
        raise
    except Exception as error:  # a damaged or foreign workbook
        raise VbgenError(f"không đọc được bảng Excel này ({error.__class__.__name__}); hãy mở bằng Excel, "
                         "lưu lại dạng .xlsx rồi tải lên lại", file=upload_name) from None
    plan, opened = collect_warnings(open_plan, job.path(REPORT_YAML))
    _docx, rendered = collect_warnings(render_plan, plan, job.path(REPORT_DOCX), True, [job.path(REPORT_YAML)])
    notes = list(dict.fromkeys(issued + opened + rendered))
    return ReportResult([str(m) for m in written.messages], notes)
