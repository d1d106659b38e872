"""``vbgen check --fix``: repair what is safe to repair mechanically, and say what is left.

Safe repairs (sửa tự động): margins, fonts, sizes of the header/title/body/signature/Nơi nhận parts,
day and month padding in the date line, Nơi nhận punctuation (label colon, item ";", final "."
of the Lưu line), the signing prefix punctuation ("KT" → "KT."), and the page-number setup (a
centred PAGE field in the page header of every section, none on page 1, numbers from 1 in each
phụ lục's own section). Everything else (wording, structure, bold/italic, body indents) is left
for a person and reported. The input file is never written:
the result goes to a new file through ``write_atomic`` (refusing to overwrite without ``force``).
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from ..docxml import add_field, set_rfonts
from ..errors import VbgenError
from ..i18n import _
from ..output import refuse_overwrite, write_atomic
from ..render.page import restart_page_numbers
from ..profile import Section, load_profile
from ..render.style import font
from ..vnformat import day_text, month_text
from . import check_reader, detect_rules, document_parts
from .components import Components, normal
from .docx_reader import DocxReader, ParagraphInfo, has_page_field
from .finding import VIOLATION, Finding
from .hygiene import legacy_encoding
from .rules_body import LOOSE_PREFIX
from .rules_header import DATE_SHAPE

# Rule ids --fix repairs; anything else is reported as left.
FIXABLE = ("page.margins", "font.name", "national-title.size", "motto.size", "issuer-parent.size", "issuer.size",
           "number.size", "date.size", "type-name.size", "summary.size", "cv-summary.size", "body.size",
           "signature.size", "recipients-label.size",
           "recipients-item.size", "date.padding", "recipients-label.text", "recipients-item.punctuation",
           "recipients.archive", "signature.prefix", "page-number.field", "page-number.first-page",
           "page-number.size", "page-number.position", "page-number.restart")


@dataclass
class FixReport:
    """What ``fix_document`` did: ``fixed`` findings of the input gone from the output, and ``left``,
    the output's remaining findings (each with its rule id)."""

    source: Path
    output: Path
    rules: str
    fixed: list[Finding] = field(default_factory=list)
    left: list[Finding] = field(default_factory=list)

    @property
    def violations_left(self) -> int:
        return sum(f.severity == VIOLATION for f in self.left)


def set_size(run_element, size_pt: float) -> None:
    """Set w:sz and w:szCs, keeping the schema order of w:rPr (Word rejects misordered children)."""
    rpr = run_element.get_or_add_rPr()
    half_points = str(int(round(size_pt * 2)))
    sz = rpr.get_or_add_sz()
    sz.set(qn("w:val"), half_points)
    cs = rpr.find(qn("w:szCs"))
    if cs is None:
        cs = OxmlElement("w:szCs")
        sz.addnext(cs)  # w:szCs comes right after w:sz
    cs.set(qn("w:val"), half_points)


def set_font(run_element, name: str) -> None:
    """All four w:rFonts slots of a run to ``name`` (via vbgen.docxml, which also drops theme fonts);
    python-docx adds a missing w:rFonts in schema order first (after a w:rStyle)."""
    rpr = run_element.get_or_add_rPr()
    rpr.get_or_add_rFonts()
    set_rfonts(rpr, name)


def replace_text(paragraph: ParagraphInfo, pattern: str, replacement: str | Callable) -> bool:
    """Replace the first match of ``pattern`` in a paragraph's (or line's) visible text, even across
    runs; the replacement goes into the run where the match starts (keeping that run's formatting)."""
    spans, position = [], 0
    for t in paragraph.texts:
        text = t.text or ""
        spans.append((t, position, position + len(text)))
        position += len(text)
    full = "".join(t.text or "" for t, _, _ in spans)
    match = re.search(pattern, full)
    if not match or not spans:
        return False
    new = match.expand(replacement) if isinstance(replacement, str) else replacement(match)
    start, end = match.start(), match.end()
    owner = next((i for i, (_, a, b) in enumerate(spans) if a <= start < b), len(spans) - 1)
    for i, (t, a, b) in enumerate(spans):
        if i != owner and (b <= start or a >= end):
            continue
        text = t.text or ""
        left = text[:max(0, min(len(text), start - a))]
        right = text[max(0, min(len(text), end - a)):]
        t.text = left + new + right if i == owner else left + right
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return True


def append_text(paragraph: ParagraphInfo, suffix: str) -> None:
    texts = [t for t in paragraph.texts if (t.text or "").strip()]
    if texts:
        texts[-1].text = (texts[-1].text or "").rstrip() + suffix


def prefix_letters(prefix: str) -> str:
    """The letters of a signing prefix (quyền hạn ký), however written: "T/M", "TM.", "T M" → "TM"."""
    return re.sub(r"[\s/.]", "", prefix)


class Fixer:
    def __init__(self, reader: DocxReader, parts: Components, profile: Section, findings: list[Finding]):
        self.reader, self.parts, self.profile = reader, parts, profile
        self.rules = {f.rule for f in findings}

    def run(self) -> None:
        for rule_id, method in (("page.margins", self.margins), ("font.name", self.fonts),
                                ("date.padding", self.date_padding), ("signature.prefix", self.signing_prefix),
                                ("recipients-label.text", self.label_colon),
                                ("recipients-item.punctuation", self.item_punctuation),
                                ("recipients.archive", self.archive_period)):
            if rule_id in self.rules:
                method()
        self.sizes()
        if any(rule.startswith("page-number.") for rule in self.rules):
            self.page_number()

    def margins(self) -> None:
        spec = self.profile.page
        for section in self.reader.document.sections:
            for side, (low, high) in spec.margin_ranges_mm.items():
                attribute = f"{side}_margin"
                value = getattr(section, attribute)
                tolerance = self.profile.check_tolerances.margin_mm
                if value is None or not low - tolerance <= value.mm <= high + tolerance:
                    setattr(section, attribute, Mm(spec.margins_mm[side]))

    def fonts(self) -> None:
        name = self.profile.font.name
        paragraphs = list(self.reader.paragraphs)
        from .rules_page import header_footer_paragraphs, is_profile_font  # the same parts the rule reads
        from .registry import Context

        ctx = Context("", self.reader, self.parts, self.profile, "")
        paragraphs += header_footer_paragraphs(ctx)
        for p in paragraphs:
            if legacy_encoding(p.text):
                continue  # TCVN3/VNI text needs converting first: a new font alone would garble it
            for run in p.text_runs:
                if not all(is_profile_font(font, name) for font in (run.font, run.font_hansi)):
                    set_font(run.element, name)

    def sizes(self) -> None:
        header, title, sign, recipients = (self.profile.header, self.profile.title, self.profile.signature,
                                           self.profile.recipients)
        parts = self.parts
        groups = [("national-title.size", [parts.national_title], header.national_title),
                  ("motto.size", [parts.motto], header.motto), ("issuer-parent.size", parts.issuer_parent,
                                                                  header.issuer_parent),
                  ("issuer.size", parts.issuer, header.issuer), ("number.size", [parts.number], header.number),
                  ("date.size", [parts.date], header.date), ("type-name.size", [parts.type_name], title.type_name),
                  ("summary.size", parts.summary, title.summary),
                  ("cv-summary.size", parts.cv_summary, (self.profile.check_layout or {}).get("cv_summary")),
                  ("body.size", parts.body, self.profile.body),
                  ("signature.size", parts.authority, sign.authority),
                  ("signature.size", parts.signer_title, sign.title),
                  ("signature.size", [parts.signer_name], sign.name),
                  ("recipients-label.size", [parts.recipients_label], recipients.label),
                  ("recipients-item.size", parts.recipients, recipients.item)]
        for rule_id, paragraphs, spec in groups:
            if rule_id not in self.rules or not spec:
                continue
            low, high = spec.size_range or (spec.size, spec.size)
            for p in paragraphs:
                if p is None:
                    continue
                for run in p.runs:
                    if not low <= run.size <= high:
                        set_size(run.element, spec.size)

    def date_padding(self) -> None:
        p = self.parts.date
        if p is None or not DATE_SHAPE.match(normal(p.text)):
            return
        replace_text(p, r"(ngày\s*)(\d{1,2})(?=\s*tháng)", lambda m: m.group(1) + day_text(int(m.group(2))))
        replace_text(p, r"(tháng\s*)(\d{1,2})(?=\s*năm)", lambda m: m.group(1) + month_text(int(m.group(2))))

    def signing_prefix(self) -> None:
        spec = self.profile.signature
        by_letters = {prefix_letters(prefix): prefix for prefix in spec.prefixes.values()}  # "TM" → "TM." / "T/M"
        for p in self.parts.signature:
            match = LOOSE_PREFIX.match(normal(p.text))
            if not match:
                continue
            right = by_letters.get(prefix_letters(match.group(1)))
            if right:
                pattern = r"^\s*" + r"\s*".join(re.escape(c) if c != "/" else "/?" for c in match.group(1)
                                                if not c.isspace()) + r"\s*\.?\s*"
                replace_text(p, pattern, right + spec.separator)

    def label_colon(self) -> None:
        p = self.parts.recipients_label
        label = self.profile.recipients.label.text
        if p is not None and label.endswith(":") and normal(p.text) == label[:-1]:
            append_text(p, ":")

    def item_punctuation(self) -> None:
        spec = self.profile.recipients.item
        archive = self.parts.archive
        items = self.parts.recipients
        listed = items[:items.index(archive)] if archive is not None else items
        ends = [spec.end] + list(spec.end_tolerated or [])
        for p in listed:
            text = normal(p.text)
            if text.endswith(":") and not text.startswith("-"):
                continue
            if not any(text.endswith(end) for end in ends):
                if text[-1:] in ",;.":
                    replace_text(p, r"[,;.]\s*$", spec.end)
                else:
                    append_text(p, spec.end)
            if not text.startswith(spec.prefix):
                replace_text(p, r"^\s*[-–—]?\s*", spec.prefix)

    def archive_period(self) -> None:
        p = self.parts.archive
        pattern = self.profile.recipients.archive.pattern
        if p is not None and not normal(p.text).endswith(".") and re.match(pattern, normal(p.text) + "."):
            append_text(p, ".")

    def page_number(self) -> None:
        spec = self.profile.page_number
        section = self.reader.document.sections[0]
        section.different_first_page_header_footer = not spec.first_page
        if not spec.first_page and section.first_page_header.is_linked_to_previous:
            section.first_page_header.is_linked_to_previous = False  # an explicit, empty page-1 header
        for part in (section.first_page_header, section.footer):
            if part.is_linked_to_previous:
                continue
            for p in list(part.paragraphs):
                info = self.reader.paragraph_info(p._p, 0)
                if has_page_field(info):  # keep the (now empty) paragraph: a header needs one
                    for child in list(p._p):
                        if child is not p._p.pPr:
                            p._p.remove(child)
        section.header.is_linked_to_previous = False
        self.numbered_header(section.header)
        for later in self.reader.document.sections[1:]:
            if not later.header.is_linked_to_previous:  # a linked one shows an earlier, repaired header
                self.numbered_header(later.header)
        if "page-number.restart" in self.rules:
            self.restart_appendix_numbers()

    def restart_appendix_numbers(self) -> None:
        """Page numbers from 1 in each phụ lục's own section (a phụ lục sharing the section of the text
        before it needs a section break: left for a person)."""
        closing = self.parts.signature + self.parts.recipients
        previous = max((p.section for p in closing), default=0)
        for heading in self.parts.appendices:
            number = heading.label.section
            if number != previous and number < len(self.reader.sections):
                restart_page_numbers(self.reader.document.sections[number])
            previous = number

    def numbered_header(self, header) -> None:
        """A centred PAGE field in the profile's size and font in ``header``."""
        spec = self.profile.page_number
        page_paragraphs = [p for p in header.paragraphs if has_page_field(self.reader.paragraph_info(p._p, 0))]
        if not page_paragraphs:
            target = header.paragraphs[0] if header.paragraphs and not header.paragraphs[0].text.strip() \
                else header.add_paragraph()
            add_field(target, "PAGE", font(self.profile, spec))
            page_paragraphs = [target]
        low, high = spec.size_range or (spec.size, spec.size)
        for p in page_paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for r in p._p.iter(qn("w:r")):
                info = self.reader.resolver.run_format(p._p, r, "")
                if not low <= info.size <= high:
                    set_size(r, spec.size)
                set_font(r, self.profile.font.name)


def fix_document(source: str | Path, output: str | Path, rules: Optional[str] = None,
                 force: bool = False) -> FixReport:
    """Write a repaired copy of ``source`` to ``output`` and report what was fixed and what is left.

    The input is opened through ``vbgen.docxsafe`` (a .doc, a zip bomb or a DTD/XXE part is refused
    before anything is written); the repaired copy is saved and checked again in a private folder
    first, so ``output`` is only ever written with a file that reads back.
    """
    source, output = Path(source), Path(output)
    if output.exists() and source.resolve() == output.resolve():
        raise VbgenError(_("the fixed copy must go to a new file; choose another -o path"), file=str(output))
    refuse_overwrite(output, force=force, sources=[source])
    reader = DocxReader(source, editable=True)  # refuses what cannot be read, before anything is written
    try:
        rules = rules or detect_rules(reader)
        before = check_reader(reader, rules, str(source))
        profile = load_profile(rules)
        parts = document_parts(reader, profile)
        Fixer(reader, parts, profile, [f for f in before if f.rule in FIXABLE]).run()
        with tempfile.TemporaryDirectory(prefix="vbgen-fix-") as folder:
            trial = Path(folder) / output.name
            reader.document.save(str(trial))
            after = check_reader(DocxReader(trial), rules, str(output))
            data = trial.read_bytes()
    except VbgenError:
        raise
    except Exception as error:  # a document shape the fixer does not know: say so, write nothing
        raise VbgenError(_("could not be repaired ({error}); nothing was written. Run `vbgen check` on it without "
                           "--fix and correct the findings in Word").format(error=error.__class__.__name__),
                         file=str(source)) from None
    write_atomic(output, data, force=force, sources=[source])
    still = {f.rule for f in after}
    fixed = [f for f in before if f.rule in FIXABLE and f.rule not in still]
    return FixReport(source=source, output=output, rules=rules, fixed=fixed, left=after)
