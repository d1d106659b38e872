"""Render a plan to .docx: docxtpl templates filled from the plan, formatted from the rule profile.

    from vbgen.render import make_plan
    make_plan("examples/bac-kan-2025/ke-hoach-tinh.yaml")   # writes ke-hoach-tinh.docx beside it
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from jinja2 import TemplateError
from markupsafe import Markup

from .appendix import add_appendices
from .body import BodyLayout, paragraphs_xml
from ..docxml import Runs, remove_empty_runs
from .header import header_context, title_context
from ..sources import open_plan
from ..errors import VbgenError
from ..i18n import _
from ..model import Plan
from ..derive.explain import prepare_explanation, write_explanation
from ..output import refuse_overwrite, require_suffix, write_atomic
from .page import apply_geometry
from .signature import signature_context
from ..profile import Section, effective_profile
from ..types import partial_path, type_of
from .slots import bold_article_labels, preamble, subject_line, type_context, type_profile, with_type_defaults
from .base import base_package
from .package import docx_bytes, provenance, stamp
from .template import compiled


def template_context(plan: Plan, profile: Section, values: Section, tpl=None, attached: Runs | None = None) -> dict:
    """Everything a type's template can use, as values and WordprocessingML text. ``attached``: the
    "(Ban hành kèm theo …)" line of a plan issued by a Quyết định, which then shows no Số, no date and no
    Nơi nhận. (``tpl`` is not used: the pieces are composed as text, not as docxtpl sub-documents.)"""
    layout = BodyLayout(profile)
    header = {**header_context(plan, profile), "subject_line": subject_line(plan, profile, values)}
    signature = signature_context(plan, profile)
    if attached is not None:
        header.update(number_line=Runs(), date_line=Runs())
        signature.update(recipients_label=Runs(), recipient_lines=[])
    context = {**title_context(plan, profile), **type_context(plan, profile, values)}
    if "decision" in values.blocks:  # căn cứ above "QUYẾT ĐỊNH:", the articles below it
        context["preamble"] = Markup(paragraphs_xml(preamble(layout, plan, profile), profile))
        plan = plan.model_copy(update={"basis": [], "opening": []})
    else:
        context["preamble"] = Markup("")
    context.update(
        header=compiled(partial_path("header")).render_fragment(header),
        signature=compiled(partial_path("signature")).render_fragment(signature),
        body=Markup(paragraphs_xml(layout.layout(plan), profile)),
        addressees=Markup(paragraphs_xml(layout.addressees(plan))),
        issued_with=attached or Runs(),
    )
    return context


def render_document(plan: Plan, attached: Runs | None = None, appendices: bool = True) -> Document:
    """Build the python-docx Document for ``plan`` (nothing is written to disk).

    The plan's type (``type:``, see :mod:`vbgen.types`) picks the Word template and which slots it
    fills; every type goes through this one function. Templates are compiled, and their fixed parts
    (styles, first section, page-number headers) prepared with the profile, once per process; the
    body, header, signature and addressees are composed as WordprocessingML text and parsed once.
    """
    kind = type_of(plan)
    values = kind.values(plan.rules)
    profile = type_profile(effective_profile(plan), kind, plan.rules)
    plan = with_type_defaults(plan, values)
    path = kind.template(plan.rules)
    try:
        main = compiled(path)
        xml = main.render_document(template_context(plan, profile, values, attached=attached))
    except TemplateError as exc:  # a user's template: one line, and where to look
        raise VbgenError(_("the template cannot be filled in ({error}); run `vbgen templates lint {path}` to find "
                           "the paragraph").format(error=f"{exc.__class__.__name__}: {exc}", path=path),
                         file=str(path)) from None
    record = provenance(plan, profile, path, main.sha256)
    base = base_package(main, profile, record["vbgen.profile_sha256"])
    doc = base.new_document(base.document_xml(xml))
    remove_empty_runs(doc.element.body)
    if "articles" in values.blocks:
        bold_article_labels(doc)
    header_table, signature_table = doc.tables[0], doc.tables[-1]
    apply_geometry(doc, profile, header_table, signature_table)
    if appendices:
        add_appendices(doc, plan, profile)
    stamp(doc, plan, record)
    return doc


def render_plan(plan: Plan, out_path: str | Path, force: bool = False, sources=()) -> Path:
    """Render ``plan`` to ``out_path`` (atomically; refuses to overwrite unless ``force``, and never
    overwrites one of ``sources``, the files the plan came from)."""
    doc = render_document(plan)
    return write_atomic(out_path, docx_bytes(doc), force=force, sources=sources)


def default_output(plan_path: str | Path) -> Path:
    """Beside the input, same name, .docx."""
    return Path(plan_path).with_suffix(".docx")


def make_plan(plan_path: str | Path, out_path: str | Path | None = None, force: bool = False,
              pdf: bool = False) -> Path:
    """Load, validate and render a plan file; returns the path written (the PDF when one is made).

    ``pdf`` (or an ``out_path`` ending in .pdf) also converts the .docx to PDF through LibreOffice; the
    .docx is kept beside the PDF, same name.
    """
    if out_path:
        refuse_overwrite(out_path, force=True, sources=[plan_path])  # the input itself: say that first
    out = Path(out_path) if out_path else default_output(plan_path)
    pdf = pdf or out.suffix.lower() == ".pdf"
    docx_out = out.with_suffix(".docx")
    refuse_overwrite(docx_out, force=force, sources=[plan_path])  # say so before spending time on rendering
    if pdf:
        from ..pdf import pdf_path, soffice
        soffice()
        refuse_overwrite(pdf_path(docx_out), force=force, sources=[plan_path])
    plan = open_plan(plan_path)
    if out_path:  # a file the loading read (a parent plan) is refused as such, before its extension
        refuse_overwrite(out_path, force=True, sources=[plan_path])
    require_suffix(out_path, (".docx", ".pdf"))
    written = render_plan(plan, docx_out, force=force, sources=[plan_path])
    if not pdf:
        return written
    from ..pdf import convert_to_pdf
    return convert_to_pdf([written], force=force)[0]


def make_explained_plan(unit_path: str | Path, docx_path: str | Path, force: bool = False) -> tuple[Path, Path]:
    """make-plan --explain: derive once, render the .docx, then write the explanation beside it.

    Returns (the .docx written, the explanation written); nothing is written when a check fails.
    """
    result = prepare_explanation(unit_path, docx_path, force)
    refuse_overwrite(docx_path, force=True, sources=[unit_path])  # a parent it read: say that first
    require_suffix(docx_path, (".docx",))
    written = render_plan(result.plan, docx_path, force=force, sources=[unit_path])
    return written, write_explanation(result, written, unit_path, force=force)
