"""The library functions behind ``vbgen report`` and ``vbgen rollup`` (cli.py only calls these)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..i18n import _
from .writer import Written, report_yaml, write_outputs


def default_report_output(plan_path: str | Path) -> Path:
    """bao-cao beside the plan: ``xa-bang-lang.yaml`` → ``xa-bang-lang.bao-cao.yaml``."""
    plan_path = Path(plan_path)
    return plan_path.with_name(plan_path.stem + ".bao-cao.yaml")


def make_report(plan_path: str | Path, period: str, out: str | Path | None = None,
                xlsx: str | Path | None = None, results: str | Path | None = None,
                force: bool = False) -> Written:
    """Write the report skeleton of ``plan_path`` for ``period`` (and the sheet to fill, ``xlsx``);
    with ``results`` (a filled sheet) the figures are filled in from it. Nothing is written on error."""
    from ..output import refuse_overwrite
    from .excel import fill_from_sheet, items_workbook
    from .load import validate_report
    from .skeleton import skeleton

    out = Path(out) if out else default_report_output(plan_path)
    xlsx = Path(xlsx) if xlsx else None
    sources = [plan_path] + ([results] if results else [])
    refuse_overwrite(out, force=force, sources=sources)
    if xlsx is not None:
        refuse_overwrite(xlsx, force=force, sources=sources)
    made = skeleton(plan_path, period, out.parent)
    data = made.data
    if results:
        report = validate_report(data, out)
        fill_from_sheet(report, results)
        figures = {t.id: t for t in report.targets}
        for target in data["targets"]:
            target["actual"], target["note"] = figures[target["id"]].actual, figures[target["id"]].note
        done = {t.id: t for t in report.tasks}
        for task in data["tasks"]:
            task["status"], task["result"] = done[task["id"]].status, done[task["id"]].result
    heading = "\n".join([
        _("Báo cáo {period} on {citation}.").format(period=data["period"], citation=data["report_on"]["citation"]),
        _("Made by: vbgen report {plan} --period \"{period}\"").format(plan=Path(plan_path).name,
                                                                      period=data["period"]),
        str(_("Fill in the sections, the targets' actual and the tasks' status and result (or the .xlsx sheet\n"
              "and results: <file>.xlsx), then: vbgen make-plan <this file>"))])
    book = items_workbook(data) if xlsx is not None else None
    write_outputs(out, report_yaml(data, heading), xlsx, book, force, sources)
    to = (_("to: {body}").format(body=made.report_to) if made.report_to
          else str(_("to: (the plan names no body to report to)")))
    return Written(yaml=out, xlsx=xlsx, messages=[_due(made.due), to])


def _due(due: Optional[str]) -> str:
    """The due-date line a command prints."""
    return _("due: {date}").format(date=due) if due else str(_("due: the plan states no date for this period's report"))


SHEET_HEADERS = ["STT", "id", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)", "Đánh giá",
                 "Đơn vị báo cáo", "Đạt", "Chưa đạt", "Chưa báo cáo"]


def make_rollup(plan_path: str | Path, reports: list[str | Path], out: str | Path | None = None,
                xlsx: str | Path | None = None, force: bool = False) -> Written:
    """Roll the units' ``reports`` (files or folders) up into the report of PLAN's issuer; nothing is
    written when any report is bad."""
    from ..output import refuse_overwrite
    from .excel import table_workbook
    from .rollup import gather, report_files, rollup_data
    from .skeleton import skeleton

    plan_path = Path(plan_path)
    out = Path(out) if out else plan_path.with_name(plan_path.stem + ".tong-hop.yaml")
    xlsx = Path(xlsx) if xlsx else None
    files = report_files([Path(r) for r in reports], plan_path)
    sources = [plan_path, *(path for path, _ in files)]
    refuse_overwrite(out, force=force, sources=sources)
    if xlsx is not None:
        refuse_overwrite(xlsx, force=force, sources=sources)
    first = files[0][1].get("period") if isinstance(files[0][1], dict) else None
    first = str(first or "")  # the skeleton's wording needs it; gather checks that all agree
    made = skeleton(plan_path, first, out.parent)
    units = gather(plan_path, {t["id"] for t in made.data["targets"]}, files)
    data, rows = rollup_data(made.data, units)
    missing = [u.name for u in units if not u.report]
    heading = "\n".join([
        _("Báo cáo tổng hợp {period} on {citation}.").format(period=data["period"],
                                                             citation=data["report_on"]["citation"]),
        _("Made by: vbgen rollup {plan} from {count} report(s); edit the sections, then:\n"
          "vbgen make-plan <this file>").format(plan=plan_path.name, count=len(files))])
    book = table_workbook("Tổng hợp", SHEET_HEADERS, rows) if xlsx is not None else None
    write_outputs(out, report_yaml(data, heading), xlsx, book, force, sources)
    messages = [_("reports: {count}; units without a report: {units}").format(
        count=len(files), units=", ".join(missing) or str(_("none"))), _due(made.due)]
    return Written(yaml=out, xlsx=xlsx, messages=messages)

