"""What a type's template can show besides header, body and signature: the thẩm quyền line, the căn cứ
before "QUYẾT ĐỊNH:", the công văn's "V/v …" under the Số, and an attached plan's "(Ban hành kèm theo …)".

Every type renders through the same code; its ``type.yaml`` decides which of these it fills in.
"""
from __future__ import annotations

import re

from docx.oxml.ns import qn

from ..docxml import Runs
from ..model import Note, Plan
from ..profile import Section
from ..types import DocumentType
from ..types.spec import deep_merge
from .body import BodyLayout, Para, Span, with_ending
from .style import font

ARTICLE_LABEL = re.compile(r"^Điều \d+\.\s*$")


def type_profile(profile: Section, kind: DocumentType, rules: str) -> Section:
    """The rule profile with the type's own layout choices (``profile:`` in type.yaml) laid over it."""
    extra = kind.values(rules).profile or {}
    return Section.wrap(deep_merge(profile, extra)) if extra else profile


def _bare(line) -> str:
    text = line.note if isinstance(line, Note) else line
    return re.sub(r"^\s*-\s*", "", text).rstrip(" ;,.")


def with_type_defaults(plan: Plan, values: Section) -> Plan:
    """The plan with the type's default first Nơi nhận line ("Như Điều 3", "Như trên") when missing."""
    d = values.defaults or {}
    first = d.get("recipients_first")
    if plan.addressees and d.get("recipients_first_with_addressees"):
        first = d["recipients_first_with_addressees"]
    if not first:
        return plan
    first = first.format(last_article=len(plan.body))
    if any(_bare(r) == first for r in plan.recipients):
        return plan
    return plan.model_copy(update={"recipients": [first, *plan.recipients]})


def authority_text(plan: Plan) -> str:
    """Thẩm quyền ban hành: the plan's ``authority:``, else the issuer's name on one line."""
    return plan.authority or " ".join(plan.issuer.name.split())


def type_context(plan: Plan, profile: Section, values: Section) -> dict:
    """The one-line slots: authority, decision_line, subject_line (in the header), issued_with."""
    heading = font(profile, profile.title.type_name, size=profile.body.size)
    authority = authority_text(plan).upper()
    context = {
        "authority": Runs(authority, heading) if "authority" in values.blocks else Runs(),
        "decision_line": Runs(values.decision_line.format(authority=authority), heading)
        if values.decision_line else Runs(),
        "issued_with": Runs(),
    }
    return context


def subject_line(plan: Plan, profile: Section, values: Section) -> Runs:
    """The công văn trích yếu under the Số: "V/v triển khai …" (state), italic without V/v (Party)."""
    if values.title_form != "subject" or not values.subject:
        return Runs()
    spec = values.subject
    title, prefix = plan.title, (spec.prefix or "").strip()
    if prefix and not title.lower().startswith(prefix.lower()):
        title = f"{prefix} {title[:1].lower()}{title[1:]}"
    return Runs(title, font(profile, {"size": spec.size, "italic": spec.italic}))


def preamble(layout: BodyLayout, plan: Plan, profile: Section) -> list[Para]:
    """Căn cứ and "Theo đề nghị của …" above "QUYẾT ĐỊNH:", italic, ";" after each and "." after the last."""
    b = profile.body
    lines = [*plan.basis, *plan.opening]
    basis_font = layout.body_font.but(italic=bool(b.basis.italic))
    paras = []
    for i, line in enumerate(lines):
        end = b.basis.last if i == len(lines) - 1 else b.basis.separator
        paras.append(layout.para([Span(with_ending(line, end), basis_font)], role="basis"))
    if paras:
        paras[0].before_pt = max(paras[0].before_pt or 0, b.first_space_before_pt)
    return paras


def bold_article_labels(doc) -> None:
    """"Điều 1." in bold (NĐ 30/2020, Phụ lục I, mục V.6a) where an article has no title of its own."""
    for paragraph in doc.paragraphs:
        runs = paragraph.runs
        if runs and ARTICLE_LABEL.match(runs[0].text):
            runs[0].bold = True
            bold_cs = runs[0]._r.get_or_add_rPr().find(qn("w:bCs"))
            if bold_cs is not None:  # keep the complex-script twin in step
                bold_cs.attrib.pop(qn("w:val"), None)


#: The names a type's main template can use (``template_context``), and those it must use.
MAIN_SLOTS = frozenset({"header", "body", "signature", "addressees", "preamble", "type_name", "title",
                        "title_line", "authority", "decision_line", "issued_with"})
REQUIRED_SLOTS = ("header", "body", "signature")
#: The names of the shared partials (templates/partials/header.docx, signature.docx).
PARTIAL_SLOTS = {
    "header": frozenset({"issuer_parent", "issuer_name", "issuer_mark", "national_title", "motto",
                         "number_line", "date_line", "subject_line"}),
    "signature": frozenset({"recipients_label", "recipient_lines", "authority_lines", "signature_space",
                            "signer_name"}),
}
