"""``vbgen rollup``: the units' reports on plans derived from PLAN → the parent body's own report.

Per target of PLAN: the units that reported a figure, those that met it and those that did not (each
by its own plan's figure and direction), the units that gave none (``missing``), the sum (counts) or
mean (percentages). Units are the unit files beside PLAN that derive from it, and every unit that sent
a report; those with no report are listed as "chưa báo cáo".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Optional

from ruamel.yaml import YAML

from ..errors import VbgenError
from ..i18n import _
from ..output import discovering, forget_read
from ..yamlio import clean_text, read_yaml
from . import is_report_data
from .assess import is_met, rate
from .load import figure_error, load_report
from .model import Report
from .words import words


#: At most this many bars in one chart (more units: one chart per group, each readable).
CHART_BARS = 30


@dataclass
class Unit:
    """A unit expected to report: its name, unit file, and the targets its plan drops or adds."""

    name: str
    file: Optional[Path] = None
    dropped: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)
    report: Optional[Report] = None
    report_file: Optional[Path] = None


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _unit_of(path: Path, data: dict) -> Unit:
    issuer = data.get("issuer") or {}
    name = clean_text(str(issuer.get("full_name") or " ".join(str(issuer.get("name", path.stem)).split())))
    changes = ((data.get("changes") or {}).get("targets") or {})
    return Unit(name=name, file=path, dropped=set(changes.get("drop") or []),
                added={a.get("id") for a in changes.get("add") or [] if isinstance(a, dict)})


def expected_units(plan_path: Path) -> dict[Path, Unit]:
    """The unit files in PLAN's folder whose ``parent:`` is PLAN, by resolved path."""
    units = {}
    for path in sorted(plan_path.parent.glob("*.yaml")):
        data = _quiet_read(path)
        if isinstance(data, dict) and data.get("parent") and _same(path.parent / str(data["parent"]), plan_path):
            units[path.resolve()] = _unit_of(path, data)
    return units


def _on_plan(path: Path, data, plan_path: Path) -> bool:
    """True for the parent's own report on PLAN (an earlier roll-up kept in the same folder)."""
    file = (data.get("report_on") or {}).get("file") if isinstance(data.get("report_on"), dict) else None
    return bool(file) and _same(path.parent / str(file), plan_path)


def report_files(paths: list[Path], plan_path: Path) -> list[tuple[Path, object]]:
    """REPORT arguments as (path, YAML data): files as given, folders as the units' report YAMLs inside
    them (the parent's own report on PLAN, an earlier roll-up, is left out). Each file is read once."""
    out = []
    for path in paths:
        if path.is_dir():
            for p in sorted(path.glob("*.yaml")):
                data = read_yaml(p)
                if is_report_data(data) and not _on_plan(p, data, plan_path):
                    out.append((p, data))
                else:
                    forget_read(p)  # left out: not an input, so it may be written over
        else:
            out.append((path, read_yaml(path)))
    if not out:
        raise VbgenError(_("no report YAML (with report_on:) found; give report files or a folder of them"),
                         field="REPORTS")
    return out


def _quiet_read(path: Path):
    """A YAML file's data for discovery only (the fast C loader, no line numbers); None if unreadable."""
    try:
        with discovering():  # looked at, not used: not an input this command may not write over
            return _SAFE.load(path.read_text(encoding="utf-8-sig"))
    except Exception:  # an unreadable or broken file is not a unit or a report: it is skipped
        return None


_SAFE = YAML(typ="safe")


def gather(plan_path: Path, plan_targets: set[str], files: list[tuple[Path, object]]) -> list[Unit]:
    """Every expected unit, with its report when one was given (``files``: from :func:`report_files`);
    bad input raises VbgenError."""
    units = expected_units(plan_path)
    by_name: dict[str, Unit] = {}
    period = None
    for path, data in files:
        if not is_report_data(data):
            raise VbgenError(_("is not a report (it has no report_on:); make one with vbgen report"), file=str(path),
                             line=1, field="report_on")
        report = load_report(path, data=data)
        parent = report.report_on.parent
        if not parent or not _same(path.parent / parent, plan_path):
            raise figure_error(_("this report is on {citation}, which does not derive from {plan}; give reports "
                                 "on plans derived from it").format(citation=report.report_on.citation,
                                                                   plan=plan_path.name), path, data,
                               ("report_on", "parent" if parent else "file"))
        if period is None:
            period = (report.period, path)
        elif report.period != period[0]:
            raise figure_error(_("the period {period!r} differs from {first!r} in {file}; roll up reports of "
                                 "one period").format(period=report.period, first=period[0],
                                                      file=period[1].name), path, data, ("period",))
        unit_path = (path.parent / report.report_on.file).resolve()
        unit = units.get(unit_path) or Unit(name=report.issuer.running_name, file=unit_path)
        unit.name = report.issuer.running_name
        if unit.name in by_name:
            raise figure_error(_("a second report of {unit} (the first is {first}); keep one of them").format(
                unit=unit.name, first=by_name[unit.name].report_file), path, data, ("issuer",))
        for i, target in enumerate(report.targets):
            if target.id not in plan_targets and target.id not in unit.added:
                raise figure_error(_("{id!r} is not a target of {plan} nor one the unit's plan adds; check the id "
                                     "against the plan").format(id=target.id, plan=plan_path.name),
                                   path, data, ("targets", i, "id"))
        unit.report, unit.report_file = report, path
        units[unit_path] = unit
        by_name[unit.name] = unit
    return list(units.values())


def _figure(target) -> Optional[float]:
    return target.actual if isinstance(target.actual, (int, float)) else None


def target_summary(target_id: str, units: list[Unit]) -> tuple[dict, list[float]]:
    """The summary of one target (reported, met, not_met, missing, sum, mean) and the figures."""
    out = {"reported": [], "met": [], "not_met": [], "missing": []}
    figures = []
    for unit in units:
        if target_id in unit.dropped:
            continue
        own = next((t for t in unit.report.targets if t.id == target_id), None) if unit.report else None
        value = _figure(own) if own else None
        if own is None or (value is None and own.met is None):
            out["missing"].append(unit.name)
            continue
        out["reported"].append(unit.name)
        met = own.met if own.met is not None else is_met(own.planned, value, own.direction)
        out["met" if met else "not_met"].append(unit.name)
        if value is not None:
            figures.append(value)
    if figures:
        out["sum"] = round(sum(figures), 2)
        out["mean"] = round(mean(figures), 2)
    return out, figures


def unit_rates(units: list[Unit]) -> list[tuple[str, float]]:
    """Each reporting unit's share of its targets met (%)."""
    out = []
    for unit in units:
        if not unit.report:
            continue
        verdicts = [t.met if t.met is not None else is_met(t.planned, _figure(t), t.direction)
                    for t in unit.report.targets]
        judged = [v for v in verdicts if v is not None]
        if judged:
            out.append((unit.name, round(100 * sum(judged) / len(judged), 1)))
    return out


def rollup_data(skeleton_data: dict, units: list[Unit]) -> tuple[dict, list[list]]:
    """The parent's report data filled from the units, and the rows of the roll-up sheet."""
    w = words()["rollup"]
    data = dict(skeleton_data)
    reporting = [u for u in units if u.report]
    missing_units = [u.name for u in units if not u.report]
    data["period"] = reporting[0].report.period
    summary, lines, sheet, bars = {}, [], [], []
    for i, target in enumerate(data["targets"], start=1):
        entry, figures = target_summary(target["id"], units)
        summary[target["id"]] = entry
        reported = len(entry["reported"])
        expected = reported + len(entry["missing"])
        if reported:
            percent = target.get("unit") == "%"
            target["actual"] = entry["mean"] if percent else entry.get("sum")
            if not percent and target.get("planned") is not None and figures:
                target["planned"] = target["planned"] * len(figures)
            target["met"] = not entry["not_met"]
            note = w["note"].format(met=len(entry["met"]), reported=reported)
            if entry["not_met"]:
                note += w["note_not_met"].format(units=", ".join(entry["not_met"]))
            target["note"] = note
            bars.append({"label": f"{i}. {target['text']}", "value": round(100 * len(entry["met"]) / reported, 1)})
        not_met = w["not_met"].format(units=", ".join(entry["not_met"])) if entry["not_met"] else ""
        lines.append({"dash": w["target"].format(text=target["text"].rstrip(" .;"), reported=reported,
                                                  expected=expected, met=len(entry["met"]), not_met=not_met)})
        actual = target.get("actual")
        sheet.append([i, target["id"], target["text"], target.get("unit"), target.get("planned"), actual,
                      rate(target.get("planned"), actual if isinstance(actual, (int, float)) else None),
                      None if not reported else ("Đạt" if target["met"] else "Không đạt"),
                      ", ".join(entry["reported"]), ", ".join(entry["met"]), ", ".join(entry["not_met"]),
                      ", ".join(entry["missing"])])
    for task in data["tasks"]:
        done = [(u.name, t) for u in reporting for t in u.report.tasks if t.id == task["id"]]
        statuses = {t.status for _, t in done if t.status}
        if statuses:
            task["status"] = ("done" if statuses == {"done"} else
                              "not_started" if statuses == {"not_started"} else "in_progress")
        results = [f"{name}: {t.result.rstrip(' .;')}" for name, t in done if t.result]
        if results:
            task["result"] = "; ".join(results) + "."
    names = [u.name for u in reporting]
    issuer = data["issuer"].get("full_name") or data["issuer"]["name"]
    leadership = [{"text": w["leadership"].format(issuer=issuer, count=len(names), units=", ".join(names))},
                  {"text": w["missing"].format(units=", ".join(missing_units)) if missing_units
                   else w["all_reported"].format(count=len(names))}]
    data["sections"] = [dict(s) for s in data["sections"]]
    data["sections"][0]["items"] = leadership
    results_section = next(s for s in data["sections"] if s.get("results"))
    results_section["items"] = lines
    data["units"] = [u.name for u in units]
    data["summary"] = summary
    rates = [{"label": n, "value": v} for n, v in unit_rates(units)]
    data["charts"] = ([{"title": w["chart_targets"], "bars": bars}] if bars else []) + [
        {"title": w["chart_units"] + (f" ({k + 1}/{-(-len(rates) // CHART_BARS)})" if len(rates) > CHART_BARS else ""),
         "bars": rates[i:i + CHART_BARS]} for k, i in enumerate(range(0, len(rates), CHART_BARS))]
    return data, sheet
