"""The report's items as an Excel workbook to fill in (openpyxl), and reading the figures back.

Sheet "Chỉ tiêu": id, STT, Chỉ tiêu, ĐVT, Kế hoạch, Hướng, Thực hiện, Ghi chú; sheet "Nhiệm vụ": id, STT,
Nhiệm vụ, Chủ trì, Thời hạn, Tình trạng, Kết quả. The sheets are protected: only Thực hiện, Ghi chú,
Tình trạng and Kết quả can be typed in (no password: it guards against slips, not people).
"""
from __future__ import annotations

from pathlib import Path

from ..errors import VbgenError
from ..i18n import _
from .words import words

TARGETS, TASKS = "Chỉ tiêu", "Nhiệm vụ"
TARGET_COLUMNS = [("id", "id", 14), ("stt", "STT", 6), ("text", "Chỉ tiêu", 60), ("unit", "ĐVT", 10),
                  ("planned", "Kế hoạch", 11), ("direction", "Hướng", 10), ("actual", "Thực hiện", 12),
                  ("note", "Ghi chú", 30)]
TASK_COLUMNS = [("id", "id", 14), ("stt", "STT", 6), ("text", "Nhiệm vụ", 60), ("lead", "Chủ trì", 22),
                ("deadline", "Thời hạn", 18), ("status", "Tình trạng", 18), ("result", "Kết quả", 50)]
FILL = {"actual", "note", "status", "result"}


def _sheet(book, title, columns, rows, first=False):
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    ws = book.active if first else book.create_sheet()
    ws.title = title
    ws.append([label for _, label, _ in columns])
    for col, (key, _, width) in enumerate(columns, start=1):
        letter = ws.cell(1, col).column_letter
        ws.column_dimensions[letter].width = width
        ws.cell(1, col).font = Font(bold=True)
    for i, row in enumerate(rows, start=1):
        ws.append([i if key == "stt" else row.get(key) for key, _, _ in columns])
    editable = PatternFill("solid", fgColor="FFF2CC")
    for r in range(2, len(rows) + 2):
        for col, (key, _, _) in enumerate(columns, start=1):
            cell = ws.cell(r, col)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if key in FILL:
                cell.protection = Protection(locked=False)
                cell.fill = editable
    ws.freeze_panes = "C2"
    ws.protection.sheet = True
    return ws


def items_workbook(data: dict):
    """A workbook of the report's targets and tasks, locked except the columns to fill."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    _sheet(book, TARGETS, TARGET_COLUMNS, data.get("targets") or [], first=True)
    status = words()["status"]
    tasks = [{**t, "status": status.get(t.get("status") or "", None)} for t in data.get("tasks") or []]
    ws = _sheet(book, TASKS, TASK_COLUMNS, tasks)
    choice = DataValidation(type="list", formula1='"' + ",".join(status.values()) + '"', allow_blank=True)
    ws.add_data_validation(choice)
    choice.add(f"F2:F{max(2, len(tasks) + 1)}")
    return book


def table_workbook(title: str, headers: list[str], rows: list[list]):
    """A one-sheet workbook of a plain table (the roll-up's figures)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    ws = book.active
    ws.title = title
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
    for col in ws.columns:
        ws.column_dimensions[col[0].column_letter].width = 50 if col[0].value == "Chỉ tiêu" else 16
        for cell in col:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return book


def _rows(book, title, columns, path):
    if title not in book.sheetnames:
        raise VbgenError(_("has no sheet {title!r}; use the workbook that vbgen report --xlsx wrote").format(
            title=title), file=str(path))
    ws = book[title]
    header = [c.value for c in ws[1]]
    index = {}
    for key, label, _ in columns:
        if label not in header:
            raise VbgenError(_("sheet {title!r} has no column {label!r}; do not rename the headings").format(
                title=title, label=label), file=str(path))
        index[key] = header.index(label)
    for r, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if any(v not in (None, "") for v in values):
            yield r, {key: values[i] if i < len(values) else None for key, i in index.items()}


def fill_from_sheet(report, path: str | Path) -> None:
    """Fill ``report``'s actual/note and status/result from the workbook at ``path`` (ids must match)."""
    from openpyxl import load_workbook
    from ..docxsafe import check_zip_bounds
    from .load import check_figure

    path = Path(path)
    check_zip_bounds(path)  # a zip bomb is refused before openpyxl unpacks it
    try:
        book = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise VbgenError(_("file not found; check the results: path"), file=str(path)) from None
    except Exception as exc:  # openpyxl raises several kinds for a damaged or foreign file
        raise VbgenError(_("cannot read it as an .xlsx workbook ({kind}); save it from Excel as .xlsx").format(
            kind=type(exc).__name__), file=str(path)) from None
    targets = {t.id: t for t in report.targets}
    for r, row in _rows(book, TARGETS, TARGET_COLUMNS, path):
        target = targets.get(str(row["id"] or ""))
        if target is None:
            raise VbgenError(_("{id!r} is not a target of the report; do not edit the id column").format(
                id=row["id"]), file=f"{path}[{TARGETS}]", line=r, field="id")
        if row["actual"] not in (None, ""):
            target.actual = check_figure(row["actual"], target.planned, target.unit, lambda message, r=r: VbgenError(
                message, file=f"{path}[{TARGETS}]", line=r, field="Thực hiện"))
        if row["note"]:
            target.note = str(row["note"])
    by_word = {v.casefold(): k for k, v in words()["status"].items()}
    tasks = {t.id: t for t in report.tasks}
    for r, row in _rows(book, TASKS, TASK_COLUMNS, path):
        task = tasks.get(str(row["id"] or ""))
        if task is None:
            raise VbgenError(_("{id!r} is not a task of the report; do not edit the id column").format(
                id=row["id"]), file=f"{path}[{TASKS}]", line=r, field="id")
        if row["status"]:
            word = str(row["status"]).strip()
            status = word if word in words()["status"] else by_word.get(word.casefold())
            if status is None:
                raise VbgenError(_("{word!r} is not a status; choose one of: {choices}").format(
                    word=word, choices=", ".join(words()["status"].values())),
                    file=f"{path}[{TASKS}]", line=r, field="Tình trạng")
            task.status = status
        if row["result"]:
            task.result = str(row["result"])
