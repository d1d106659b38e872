"""``vbgen report``: a plan → the skeleton of the report its issuer owes (Báo cáo kết quả thực hiện).

The skeleton is the report of the body that issued the plan: issuer, signer, recipients and Lưu
from the plan; the trích yếu and opening cite the plan; Kính gửi is the body the plan reports to;
``targets:`` and ``tasks:`` list the plan's targets and tasks with the figures left to fill in.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..derive.engine import REPORT_UPWARD_ID
from ..derive.glossary import derivation_data
from ..derive.scope import citation
from ..model import Plan
from ..profile import load_profile
from ..render.body import node_text
from ..sources import open_plan
from ..symbol import symbol
from ..vnformat import number_text
from ..yamlio import read_yaml
from .words import words


@dataclass
class Skeleton:
    """The skeleton's data, the due date of the period (or None) and the body it goes to."""

    data: dict
    due: Optional[str]
    report_to: Optional[str]


def _number(text: str) -> tuple[Optional[float], Optional[str]]:
    """The first figure of a target's text and its unit: "100% cán bộ" → (100, '%'); "01 cuộc" → (1, 'cuộc')."""
    pattern = r"(?<![\w/.,-])(\d+(?:[.,]\d+)?)(?![\d/-])\s*(%|[^\W\d_]+(?:\s[^\W\d_]+)?)?"
    m = next((m for m in re.finditer(pattern, text)
              if not (len(m.group(1)) == 4 and 1900 <= int(m.group(1)) <= 2100)), None)  # not a year
    if not m:
        return None, None
    value = float(m.group(1).replace(",", "."))
    unit = m.group(2)
    if unit and unit != "%":
        two = next((u for u in words()["units_multiword"] if unit.startswith(u)), None)
        unit = two or unit.split()[0]
    return (int(value) if value.is_integer() else value), unit


def target_entry(node) -> dict:
    """A target of the plan as a skeleton entry (``actual`` left empty)."""
    text = node_text(node)
    planned, unit = (node.value, node.unit) if node.value is not None else _number(text)
    lowered = text.lower()
    direction = "at_most" if any(w in lowered for w in words()["at_most_words"]) else "at_least"
    return {"id": node.id, "text": " ".join(text.split()), "unit": unit, "planned": planned,
            "direction": direction, "actual": None}


def task_entry(node) -> dict:
    """A task of the plan as a skeleton entry (``status`` and ``result`` left empty)."""
    return {"id": node.id, "text": " ".join(node_text(node).split()), "lead": node.lead,
            "deadline": node.deadline, "status": None, "result": None}


def _deadline_re() -> re.Pattern:
    lead = "|".join(re.escape(w) for w in sorted(derivation_data()["deadline_words"], key=len, reverse=True))
    return re.compile(rf"(?:{lead})\s+(?P<date>\d{{1,2}}/\d{{1,2}}(?:/\d{{4}})?)"
                      r"\s*(?:đối với báo cáo\s+(?P<q1>[^,;.)]+)|\(báo cáo\s+(?P<q2>[^)]+)\))", re.IGNORECASE)


def due_date(plan: Plan, period: str) -> Optional[str]:
    """The date the plan's issuer must send the report of ``period`` by (from the sentence derivation
    adds for the unit's duty to report upward), e.g. 'trước ngày 20/5/2025'; None if the plan says none."""
    node = next((n for n in plan.nodes() if n.id == REPORT_UPWARD_ID), None)
    if node is None:
        return None
    lowered = period.lower()
    best = None
    for m in _deadline_re().finditer(node.content):
        qualifier = (m.group("q1") or m.group("q2") or "").strip().lower()
        if qualifier and qualifier in lowered and (best is None or len(qualifier) > len(best[0])):
            best = (qualifier, m.group(0).split("đối với")[0].split("(")[0].strip())
    return best[1] if best else None


def report_to(parent: Optional[Plan]) -> Optional[str]:
    """Kính gửi: the parent plan's issuer, with the office the parent names ("(qua Phòng Nội vụ)")."""
    if parent is None:
        return None
    via = None
    for node in parent.nodes():
        m = re.search(r"báo cáo[^.]*?\(qua\s+([^,;)]+?)(?:\s+tổng hợp)?\s*[,;)]", node.content or "")
        if m:
            via = m.group(1).strip()
            break
    name = parent.issuer.running_name
    return f"{name} (qua {via})" if via else name


def _recipients(plan: Plan, addressee: Optional[Plan]) -> list:
    """The plan's Nơi nhận, less the body the report is addressed to (it is "Như trên")."""
    suffix = derivation_data()["report_to_parent_suffix"]
    same = {(n + suffix).casefold() for n in (addressee.issuer.short_name, addressee.issuer.running_name)
            if n} if addressee else set()
    return [r if isinstance(r, str) else r.model_dump() for r in plan.recipients
            if not (isinstance(r, str) and r.casefold() in same)]


def _period_year(period: str, plan: Plan) -> Optional[int]:
    m = re.search(r"\b(\d{4})\b", period)
    return int(m.group(1)) if m else plan.draft_year


def skeleton(plan_path: str | Path, period: str, out_dir: str | Path = ".") -> Skeleton:
    """The report skeleton of the plan (or unit file) at ``plan_path`` for ``period``; paths in it are
    written relative to ``out_dir`` (where the report YAML goes)."""
    plan_path = Path(plan_path)
    plan = open_plan(plan_path)
    raw = read_yaml(plan_path)
    parent_path = (plan_path.parent / raw["parent"]) if isinstance(raw, dict) and raw.get("parent") else None
    parent = open_plan(parent_path) if parent_path else None
    profile = load_profile(plan.rules)
    w = words()[plan.rules]
    number_format = profile.header.number.format
    number_symbol = number_format[number_format.index("{number}"):].format(
        number=number_text(plan.number, draft="").strip(), symbol=symbol(plan, profile))
    plan_short = w["plan_short"].format(number_symbol=number_symbol) if plan.number else w["plan_short_draft"]
    period = " ".join(period.split())
    issuer = plan.issuer.running_name
    to = report_to(parent)
    rel = lambda p: os.path.relpath(Path(p).resolve(), Path(out_dir).resolve())  # noqa: E731
    data = {
        "rules": plan.rules, "type": "bao-cao",
        "report_on": {"file": rel(plan_path), **({"parent": rel(parent_path)} if parent_path else {}),
                      "citation": citation(plan), **({"number_symbol": number_symbol} if plan.number else {})},
        "period": period,
        "issuer": plan.issuer.model_dump(exclude_none=True),
        "place": plan.place, "year": _period_year(period, plan),
        "title": w["title"].format(plan_short=plan_short, period=period),
        "addressees": [to] if to and plan.rules == "state" else [],
        "opening": [w["opening"].format(plan=citation(plan), issuer=issuer, period=period)],
        "sections": [{**s, "items": []} for s in words()["sections"]],
        "closing": w["closing"].format(plan_short=plan_short, period=period, issuer=issuer),
        "signature": plan.signature.model_dump(exclude_none=True),
        "recipients": _recipients(plan, parent if to and plan.rules == "state" else None),
        "archive": plan.archive,
        "targets": [target_entry(n) for n in plan.nodes() if n.role == "target"],
        "tasks": [task_entry(n) for n in plan.nodes() if n.role == "task"],
    }
    if not data["addressees"]:
        del data["addressees"]
    return Skeleton(data=data, due=due_date(plan, period), report_to=to)
