"""The rule registry and what a rule sees (the document, its parts, the profile).

Each rule is a function ``rule(ctx) -> Iterable[Finding]`` registered with the stable ids it may
report; severity and source come from the profile entry the rule reads (its ``tag`` and
``source``), never from the code.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from ..profile import Section
from .components import Components, is_upper
from .docx_reader import DocxReader, ParagraphInfo
from .finding import Finding, severity_for

RuleFunction = Callable[["Context"], Iterable[Finding]]

RULES: list[tuple[tuple[str, ...], RuleFunction]] = []


def rule(*rule_ids: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under the ids it reports."""

    def register(function: RuleFunction) -> RuleFunction:
        RULES.append((rule_ids, function))
        return function

    return register


def all_rule_ids() -> list[str]:
    return [rule_id for ids, _ in RULES for rule_id in ids]


@dataclass
class Context:
    """Everything a rule needs: the file, the parsed document, its parts and the rule profile."""

    file: str
    reader: DocxReader
    parts: Components
    profile: Section
    rule_set: str

    def finding(self, rule_id: str, where: str, found: str, wanted: str, spec: Optional[dict] = None, *,
                tag: Optional[str] = None, source: Optional[str] = None) -> Finding:
        spec = spec or {}
        tag = tag or spec.get("tag") or "P"
        source = source or spec.get("source") or self.profile.source
        severity = spec.get("severity") or severity_for(tag)  # a profile may make a [P] check advisory
        return Finding(file=self.file, rule=rule_id, severity=severity, where=where,
                       found=found, wanted=wanted, source=source)


def size_bounds(spec: dict) -> tuple[float, float]:
    """(lowest, highest) size in points a profile entry allows."""
    if spec.get("size_range"):
        low, high = spec["size_range"]
        return float(low), float(high)
    return float(spec["size"]), float(spec["size"])


def points(low: float, high: float) -> str:
    return f"{low:g} pt" if low == high else f"{low:g}–{high:g} pt"


def check_size(ctx: Context, rule_id: str, paragraphs: Iterable[ParagraphInfo], spec: dict,
               rule_spec: Optional[dict] = None) -> Iterable[Finding]:
    """Every visible run of each paragraph has a size the profile entry allows."""
    low, high = size_bounds(spec)
    for p in paragraphs:
        wrong = sorted({run.size for run in p.text_runs if not low - 0.01 <= run.size <= high + 0.01})
        if wrong:
            yield ctx.finding(rule_id, p.where(), ", ".join(f"{size:g} pt" for size in wrong),
                              points(low, high), rule_spec or spec)


def style_problems(p: ParagraphInfo, spec: dict, alignment: Optional[str]) -> tuple[list[str], list[str]]:
    """What is wrong with bold/italic/underline/case/alignment: (found, wanted) phrases."""
    runs = p.text_runs
    found: list[str] = []
    wanted: list[str] = []
    for key, yes, no in (("bold", "bold", "not bold"), ("italic", "italic", "upright"),
                         ("underline", "underlined", "not underlined")):
        want = spec.get(key)
        if want is None or not runs:
            continue
        if want and not all(getattr(run, key) for run in runs):
            found.append(no if not any(getattr(run, key) for run in runs) else f"partly {no}")
            wanted.append(yes)
        elif not want and any(getattr(run, key) for run in runs):
            found.append(yes if all(getattr(run, key) for run in runs) else f"partly {yes}")
            wanted.append(no)
    if spec.get("case") == "upper" and runs and not (is_upper(p.stripped) or all(run.caps for run in runs)):
        found.append("not in capitals")
        wanted.append("IN CAPITALS")
    if alignment is not None and p.alignment != alignment and not (alignment == "center" and p.manual_alignment):
        # (centred with spaces or tabs: the page looks right; layout.manual-alignment advises)
        names = {"center": "centred", "both": "justified", "left": "left-aligned", "right": "right-aligned",
                 None: "left-aligned", "start": "left-aligned", "end": "right-aligned"}
        found.append(names.get(p.alignment, p.alignment))
        wanted.append(names[alignment])
    return found, wanted


def check_style(ctx: Context, rule_id: str, paragraphs: Iterable[ParagraphInfo], spec: dict,
                alignment: Optional[str] = "center", rule_spec: Optional[dict] = None) -> Iterable[Finding]:
    for p in paragraphs:
        found, wanted = style_problems(p, spec, alignment)
        if found:
            yield ctx.finding(rule_id, p.where(), ", ".join(found), ", ".join(wanted), rule_spec or spec)
