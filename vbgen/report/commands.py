"""The library functions behind ``vbgen report`` and ``vbgen rollup`` (cli.py only calls these)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

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
    heading = (f"Báo cáo {data['period']} on {data['report_on']['citation']}.\n"
               f"Made by: vbgen report {Path(plan_path).name} --period \"{data['period']}\"\n"
               "Fill in the sections, the targets' actual and the tasks' status and result (or the .xlsx sheet\n"
               "and results: <file>.xlsx), then: vbgen make-plan <this file>")
    book = items_workbook(data) if xlsx is not None else None
    write_outputs(out, report_yaml(data, heading), xlsx, book, force, sources)
    due = f"due: {made.due}" if made.due else "due: the plan states no date for this period's report"
    to = f"to: {made.report_to}" if made.report_to else "to: (the plan names no body to report to)"
    return Written(yaml=out, xlsx=xlsx, messages=[due, to])
