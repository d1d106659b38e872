"""The documents that travel with a plan: the Quyết định that issues it (one .docx, the Quyết định then
the plan on a new page under "(Ban hành kèm theo Quyết định số …)") and the công văn triển khai that
sends it to the bodies it gives tasks to. Their wording is data (templates/quyet-dinh, cong-van).

    from vbgen.render.companions import make_decision, make_cover_letter
    make_decision("examples/bac-kan-2025/ke-hoach-tinh.yaml")      # ke-hoach-tinh.quyet-dinh.docx
"""
from __future__ import annotations

from pathlib import Path

from docx.enum.section import WD_SECTION
from docxcompose.composer import Composer
from pydantic import ValidationError

from ..docxml import Runs
from ..errors import VbgenError
from ..i18n import _
from ..model import CoverLetter, Plan
from ..output import refuse_overwrite, write_atomic
from ..profile import Section, effective_profile
from ..sources import open_plan
from ..symbol import document_type, number_symbol
from ..types import find_type, type_of
from ..types.registry import plan_dirs
from ..vnformat import short_date
from .appendix import add_appendices
from .document import render_document
from .package import docx_bytes
from .page import page_numbers, setup_section
from .style import font


def _fill(text: str, values: dict) -> str:
    return text.format(**values)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _citation(plan: Plan) -> dict:
    """How wording cites a plan: its type, số/ký hiệu, date, issuer and trích yếu."""
    profile = effective_profile(plan)
    draft = f"     /     /{plan.draft_year or '     '}"
    cited = number_symbol(plan, profile)
    if plan.number is None:  # a draft: room to write the number in
        cited = "      " + cited
    return {"type": document_type(plan, profile).running_name, "number_symbol": cited,
            "date": short_date(plan.date) if plan.date else draft, "issuer": plan.issuer.running_name,
            "title": _lower_first(plan.title)}


def _build(data: dict, field: str) -> Plan:
    """A companion plan from ``data``; a problem names the plan file's ``field`` block."""
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise VbgenError(_("{where}: {problem}; correct '{field}:'").format(where=where, problem=first["msg"],
                                                                            field=field), field=field) from None


def decision_plan(plan: Plan) -> Plan:
    """The Quyết định ban hành ``plan``, from its ``issued_by:`` and the Quyết định type's wording."""
    issued = plan.issued_by
    if issued is None:
        raise VbgenError(_("the plan has no 'issued_by:' (the Quyết định's number, date and signer); add it "
                           "to make the Quyết định ban hành"), field="issued_by")
    kind = find_type(issued.type, plan_dirs(plan))
    wording = kind.values(plan.rules).wording.issues_plan
    if not wording:
        raise VbgenError(_("type {type} has no 'wording: issues_plan:' in its type.yaml").format(
            type=repr(issued.type)), field="issued_by.type")
    values = {**_citation(plan)}
    values["executors"] = issued.executors or _fill(wording.executors, values)
    articles = issued.articles or [_fill(a, values) for a in wording.articles]
    return _build({
        "rules": plan.rules, "type": issued.type, "issuer": plan.issuer.model_dump(exclude_none=True),
        "number": issued.number, "date": issued.date, "year": plan.draft_year, "place": plan.place,
        "title": issued.title or _fill(wording.title, values), "authority": issued.authority,
        "basis": issued.basis, "opening": [issued.proposal] if issued.proposal else [],
        "body": [{"item": a} for a in articles],
        "signature": (issued.signature or plan.signature).model_dump(exclude_none=True),
        "recipients": [r if isinstance(r, str) else r.model_dump() for r in (issued.recipients or plan.recipients)],
        "archive": issued.archive or plan.archive, "templates": plan.templates, "layout": plan.layout.model_dump(exclude_none=True),
    }, "issued_by")


def attached_line(decision: Plan, profile: Section) -> Runs:
    """"(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 16/01/2025 của Ủy ban nhân dân tỉnh …)"."""
    text = type_of(decision).values(decision.rules).wording.issues_plan.attached
    return Runs(_fill(text, _citation(decision)), font(profile, profile.appendix.reference))


def render_bundle(plan: Plan):
    """One document: the Quyết định, then the plan on a new page (no Số, no date line, no Nơi nhận, the
    "(Ban hành kèm theo …)" line under its title), page numbers restarting at 1, then its phụ lục."""
    decision = decision_plan(plan)
    doc = render_document(decision)
    profile = effective_profile(plan)
    attached = render_document(plan, attached=attached_line(decision, profile), appendices=False)
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    composer = Composer(doc)
    composer.append(attached)
    doc = composer.doc
    section = doc.sections[-1]
    setup_section(section, profile)
    page_numbers(section, profile, restart=True)
    add_appendices(doc, plan, profile)
    return doc


def cover_letter_plan(plan: Plan) -> Plan:
    """The công văn triển khai for ``plan``: Kính gửi = the bodies its tasks name (chủ trì, phối hợp)."""
    letter = plan.cover_letter or CoverLetter()
    kind = find_type(letter.type, plan_dirs(plan))
    wording = kind.values(plan.rules).wording.deploys_plan
    if not wording:
        raise VbgenError(_("type {type} has no 'wording: deploys_plan:' in its type.yaml").format(
            type=repr(letter.type)), field="cover_letter.type")
    values = _citation(plan)
    addressees = letter.addressees or task_bodies(plan)
    if not addressees:
        raise VbgenError(_("no task names a body (lead/support), so there is no one to send it to; "
                           "give 'cover_letter: addressees:'"), field="cover_letter")
    symbol = f"{plan.issuer.abbreviation}-{letter.unit}" if letter.unit and plan.rules == "state" else None
    return _build({
        "rules": plan.rules, "type": letter.type, "issuer": plan.issuer.model_dump(exclude_none=True),
        "number": letter.number, "symbol": symbol, "date": letter.date, "year": plan.year or plan.draft_year,
        "place": plan.place, "title": letter.title or _fill(wording.title, values), "addressees": addressees,
        "body": [{"text": t} for t in (letter.body or [_fill(t, values) for t in wording.body])],
        "signature": (letter.signature or plan.signature).model_dump(exclude_none=True),
        "recipients": [r if isinstance(r, str) else r.model_dump() for r in letter.recipients],
        "archive": letter.archive or plan.archive, "templates": plan.templates,
    }, "cover_letter")


def task_bodies(plan: Plan) -> list[str]:
    """Every body a task names as chủ trì or phối hợp (body and phụ lục rows), first mention first."""
    names: list[str] = []
    for node in plan.nodes():
        if node.role == "task":
            names += [n for n in [node.lead, *node.support] if n]
    def rows(items):
        for row in items:
            yield row
            yield from rows(row.rows)
    for appendix in plan.appendices:
        for row in rows(appendix.rows):
            names += [n.strip() for n in [row.lead, *(row.support or "").split(",")] if n and n.strip()]
    return list(dict.fromkeys(names))


def _companion(plan_path, out_path, force: bool, suffix: str, build) -> Path:
    out = Path(out_path) if out_path else Path(plan_path).with_suffix(f".{suffix}.docx")
    refuse_overwrite(out, force=force, sources=[plan_path])
    plan = open_plan(plan_path)
    try:
        doc = build(plan)
    except VbgenError as exc:
        exc.file = exc.file or str(plan_path)
        raise
    return write_atomic(out, docx_bytes(doc), force=force, sources=[plan_path])  # same bytes every run


def make_decision(plan_path, out_path=None, force: bool = False) -> Path:
    """Write the Quyết định ban hành with the plan attached (default: <plan>.quyet-dinh.docx)."""
    return _companion(plan_path, out_path, force, "quyet-dinh", render_bundle)


def make_cover_letter(plan_path, out_path=None, force: bool = False) -> Path:
    """Write the công văn triển khai for the plan (default: <plan>.cong-van.docx)."""
    return _companion(plan_path, out_path, force, "cong-van", lambda plan: render_document(cover_letter_plan(plan)))
