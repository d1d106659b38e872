"""A report → an ordinary Plan (type bao-cao), so that it renders through the one pipeline.

Sections I–V become the body; II. Kết quả thực hiện gets one entry per task and a sentence on the
targets; the targets become the phụ lục table (with the Cùng kỳ column when ``previous:`` is given)
and the roll-up's charts follow it. A state report with a Kính gửi starts Nơi nhận with "Như trên".
"""
from __future__ import annotations

from pathlib import Path

from ..loader import validate_plan
from ..model import Plan
from .assess import is_met
from .load import load_report, previous_figures
from .model import Report
from .words import words


def _met(target) -> bool | None:
    if target.met is not None:
        return target.met
    actual = target.actual if isinstance(target.actual, (int, float)) else None
    return is_met(target.planned, actual, target.direction)


def task_entries(report: Report) -> list[dict]:
    """II. Kết quả thực hiện: one numbered entry per task with its status and result."""
    w = words()
    out = []
    for task in report.tasks:
        status = w["status"].get(task.status or "", "")
        result = (task.result or "").strip()
        outcome = f"{status}. {result}" if status and result else status or result
        if outcome and not outcome.endswith((".", "…", "!", "?")):
            outcome += "."
        entry = {"item": task.text}
        if outcome:
            entry["items"] = [{"dash": outcome, "label": w["result_label"]}]
        out.append(entry)
    if report.targets:
        verdicts = [_met(t) for t in report.targets]
        out.append({"text": w["targets_sentence"].format(met=sum(1 for v in verdicts if v),
                                                        total=len(report.targets))})
    return out


def target_appendix(report: Report, path) -> dict:
    """The phụ lục: the target table (and the roll-up's charts)."""
    previous = previous_figures(report, path)
    rows = []
    for t in report.targets:
        row = {"text": t.text, "unit": t.unit, "planned": t.planned, "actual": t.actual,
               "direction": t.direction, "met": t.met, "note": t.note}
        if previous:
            row["previous"] = previous.get(t.id)
        rows.append({k: v for k, v in row.items() if v is not None})
    appendix = {"title": words()["appendix_title"].format(period=report.period),
                "targets": {"rows": rows, "previous": bool(previous)}}
    if report.charts:
        appendix["charts"] = [c.model_dump() for c in report.charts]
    return appendix


def plan_data(report: Report, path) -> dict:
    """The report as plain Plan data (the keys of vbgen.model.Plan)."""
    body = []
    for section in report.sections:
        items = [n.model_dump(exclude_defaults=True) for n in section.items]
        if section.results:
            items += task_entries(report)
        body.append({"section": section.section, "items": items})
    recipients = [r if isinstance(r, str) else r.model_dump() for r in report.recipients]
    data = {
        "rules": report.rules, "type": report.type, "issuer": report.issuer.model_dump(exclude_none=True),
        "number": report.number, "symbol": report.symbol, "place": report.place, "date": report.date,
        "year": report.year, "title": report.title, "opening": report.opening,
        "addressees": report.addressees, "body": body, "closing": report.closing,
        "signature": report.signature.model_dump(exclude_none=True), "recipients": recipients,
        "archive": report.archive, "layout": report.layout.model_dump(exclude_none=True),
    }
    if report.targets or report.charts:
        data["appendices"] = [target_appendix(report, path)]
    return {k: v for k, v in data.items() if v is not None}


def report_plan(report: Report, path: str | Path) -> Plan:
    """The Plan that renders ``report`` (read from ``path``)."""
    return validate_plan(plan_data(report, path), path)


def open_report(path: str | Path, data=None) -> Plan:
    """make-plan's opener for a report YAML: read, fill from its sheet, and return the Plan to render."""
    return report_plan(load_report(path, data=data), path)
