"""The rule registry and what a rule sees (the document, its parts, the profile).

Each rule is a function ``rule(ctx) -> Iterable[Finding]`` registered with the stable ids it may
report; severity and source come from the profile entry the rule reads (its ``tag`` and
``source``), never from the code.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from ..i18n import N_, _, gettext
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


#: What an alignment is called in a finding (marked for translation: shown with :func:`alignment_name`).
ALIGNMENT_NAMES = {"center": N_("centred"), "both": N_("justified"), "left": N_("left-aligned"),
                   "right": N_("right-aligned"), None: N_("left-aligned"), "start": N_("left-aligned"),
                   "end": N_("right-aligned")}
#: Style words of a finding: key → (what it is, what it is not).
STYLE_WORDS = {"bold": (N_("bold"), N_("not bold")), "italic": (N_("italic"), N_("upright")),
               "underline": (N_("underlined"), N_("not underlined"))}


def alignment_name(alignment: Optional[str]) -> str:
    """'centred', 'justified' … for a Word alignment value, in the current language."""
    name = ALIGNMENT_NAMES.get(alignment)
    return gettext(name) if name else str(alignment)


def joined(phrases: list[str]) -> str:
    """Two problems of one line as one phrase: "does not start with "-" and ends ".""."""
    text = phrases[0]
    for phrase in phrases[1:]:
        text = _("{first} and {second}").format(first=text, second=phrase)
    return text


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
    for key, (yes, no) in STYLE_WORDS.items():
        want = spec.get(key)
        if want is None or not runs:
            continue
        if want and not all(getattr(run, key) for run in runs):
            no = gettext(no)
            found.append(no if not any(getattr(run, key) for run in runs) else _("partly {style}").format(style=no))
            wanted.append(gettext(yes))
        elif not want and any(getattr(run, key) for run in runs):
            yes = gettext(yes)
            found.append(yes if all(getattr(run, key) for run in runs) else _("partly {style}").format(style=yes))
            wanted.append(gettext(no))
    if spec.get("case") == "upper" and runs and not (is_upper(p.stripped) or all(run.caps for run in runs)):
        found.append(str(_("not in capitals")))
        wanted.append(str(_("IN CAPITALS")))
    if alignment is not None and p.alignment != alignment and not (alignment == "center" and p.manual_alignment):
        # (centred with spaces or tabs: the page looks right; layout.manual-alignment advises)
        found.append(alignment_name(p.alignment))
        wanted.append(alignment_name(alignment))
    return found, wanted


def check_style(ctx: Context, rule_id: str, paragraphs: Iterable[ParagraphInfo], spec: dict,
                alignment: Optional[str] = "center", rule_spec: Optional[dict] = None) -> Iterable[Finding]:
    for p in paragraphs:
        found, wanted = style_problems(p, spec, alignment)
        if found:
            yield ctx.finding(rule_id, p.where(), ", ".join(found), ", ".join(wanted), rule_spec or spec)
