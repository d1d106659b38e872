"""Render a plan to .docx: docxtpl templates filled from the plan, formatted from the rule profile.

    from vbgen.render import make_plan
    make_plan("examples/bac-kan-2025/ke-hoach-tinh.yaml")   # writes ke-hoach-tinh.docx beside it
"""
from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from .appendix import add_appendices
from .body import BodyLayout, write_paragraphs
from ..docxml import Runs, remove_empty_runs, set_rfonts
from .header import header_context, title_context
from ..sources import open_plan
from ..errors import VbgenError
from ..model import Plan
from ..derive.explain import prepare_explanation, write_explanation
from ..output import refuse_overwrite, write_atomic
from .page import apply_geometry, page_numbers, setup_section
from ..profile import Section
from .signature import signature_context
from ..profile import effective_profile
from ..types import partial_path, type_of
from .slots import bold_article_labels, preamble, subject_line, type_context, type_profile, with_type_defaults


def _jinja() -> SandboxedEnvironment:
    """Sandboxed, autoescaping Jinja: data is only ever a value, never template code."""
    return SandboxedEnvironment(autoescape=True)


def _render_partial(name: str, context: dict) -> io.BytesIO:
    tpl = DocxTemplate(partial_path(name))
    tpl.render(context, _jinja(), autoescape=True)
    buffer = io.BytesIO()
    tpl.save(buffer)
    buffer.seek(0)
    return buffer


def _set_default_font(doc, profile: Section) -> None:
    """Times New Roman (all four slots) and the body size on docDefaults and the Normal style."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr_default is not None:
        set_rfonts(rpr_default, profile.font.name)
    normal = doc.styles["Normal"]
    normal.font.name = profile.font.name
    set_rfonts(normal.element.get_or_add_rPr(), profile.font.name)
    normal.font.size = Pt(profile.body.size)


def _subdoc(tpl: DocxTemplate, paras, profile: Section | None = None):
    doc = tpl.new_subdoc()
    write_paragraphs(doc, paras, profile)
    return doc


def template_context(plan: Plan, profile: Section, values: Section, tpl: DocxTemplate,
                     attached: Runs | None = None) -> dict:
    """Everything a type's template can use. ``attached``: the "(Ban hành kèm theo …)" line of a plan
    issued by a Quyết định, which then shows no Số, no date and no Nơi nhận."""
    layout = BodyLayout(profile)
    header = {**header_context(plan, profile), "subject_line": subject_line(plan, profile, values)}
    signature = signature_context(plan, profile)
    if attached is not None:
        header.update(number_line=Runs(), date_line=Runs())
        signature.update(recipients_label=Runs(), recipient_lines=[])
    context = {**title_context(plan, profile), **type_context(plan, profile, values)}
    if "decision" in values.blocks:  # căn cứ above "QUYẾT ĐỊNH:", the articles below it
        context["preamble"] = _subdoc(tpl, preamble(layout, plan, profile))
        plan = plan.model_copy(update={"basis": [], "opening": []})
    else:
        context["preamble"] = _subdoc(tpl, [])
    context.update(
        header=tpl.new_subdoc(_render_partial("header", header)),
        signature=tpl.new_subdoc(_render_partial("signature", signature)),
        body=_subdoc(tpl, layout.layout(plan), profile),
        addressees=_subdoc(tpl, layout.addressees(plan)),
        issued_with=attached or Runs(),
    )
    return context


def render_document(plan: Plan, attached: Runs | None = None, appendices: bool = True) -> Document:
    """Build the python-docx Document for ``plan`` (nothing is written to disk).

    The plan's type (``type:``, see :mod:`vbgen.types`) picks the Word template and which slots it
    fills; every type goes through this one function.
    """
    kind = type_of(plan)
    values = kind.values(plan.rules)
    profile = type_profile(effective_profile(plan), kind, plan.rules)
    plan = with_type_defaults(plan, values)
    path = kind.template(plan.rules)
    tpl = DocxTemplate(path)
    try:
        tpl.render(template_context(plan, profile, values, tpl, attached), _jinja(), autoescape=True)
    except TemplateError as exc:  # a user's template: one line, and where to look
        raise VbgenError(f"the template cannot be filled in ({exc.__class__.__name__}: {exc}); run "
                         f"`vbgen templates lint {path}` to find the paragraph", file=str(path)) from None
    buffer = io.BytesIO()
    tpl.save(buffer)
    buffer.seek(0)
    doc = Document(buffer)
    remove_empty_runs(doc.element.body)
    _set_default_font(doc, profile)
    if "articles" in values.blocks:
        bold_article_labels(doc)
    section = doc.sections[0]
    setup_section(section, profile)
    page_numbers(section, profile)
    header_table, signature_table = doc.tables[0], doc.tables[-1]
    apply_geometry(doc, profile, header_table, signature_table)
    if appendices:
        add_appendices(doc, plan, profile)
    return doc


def render_plan(plan: Plan, out_path: str | Path, force: bool = False, sources=()) -> Path:
    """Render ``plan`` to ``out_path`` (atomically; refuses to overwrite unless ``force``, and never
    overwrites one of ``sources``, the files the plan came from)."""
    doc = render_document(plan)
    return write_atomic(out_path, lambda tmp: doc.save(str(tmp)), force=force, sources=sources)


def default_output(plan_path: str | Path) -> Path:
    """Beside the input, same name, .docx."""
    return Path(plan_path).with_suffix(".docx")


def make_plan(plan_path: str | Path, out_path: str | Path | None = None, force: bool = False) -> Path:
    """Load, validate and render a plan file; returns the path written."""
    out = Path(out_path) if out_path else default_output(plan_path)
    refuse_overwrite(out, force=force, sources=[plan_path])  # say so before spending time on rendering
    plan = open_plan(plan_path)
    return render_plan(plan, out, force=force, sources=[plan_path])


def make_explained_plan(unit_path: str | Path, docx_path: str | Path, force: bool = False) -> tuple[Path, Path]:
    """make-plan --explain: derive once, render the .docx, then write the explanation beside it.

    Returns (the .docx written, the explanation written); nothing is written when a check fails.
    """
    result = prepare_explanation(unit_path, docx_path, force)
    written = render_plan(result.plan, docx_path, force=force, sources=[unit_path])
    return written, write_explanation(result, written, unit_path, force=force)
