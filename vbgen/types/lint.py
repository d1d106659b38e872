"""``vbgen templates lint``: the classic docxtpl traps, found before a clerk meets them.

A Jinja syntax error (named with the paragraph's text), a placeholder that Word split across runs
(spell-check or a format change in the middle of ``{{ … }}``), a name the renderer does not provide,
a missing header/body/signature slot, a font other than the rule set's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docx.oxml.ns import qn
from jinja2 import TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from ..docxsafe import open_docx
from ..errors import VbgenError
from ..i18n import _
from ..profile import RULE_SETS, load_profile

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
OPEN = re.compile(r"\{[{%#]")
DOCXTPL_PREFIX = re.compile(r"(\{\{|\{%)(?:p|r|tr|tc)\s")  # docxtpl's {%p …%}, {{r …}} markers
FONT_SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")


@dataclass
class LintFinding:
    """One trap: ``where`` is a paragraph number and its text."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}"


@dataclass
class _Para:
    runs: list[str]

    @property
    def text(self) -> str:
        return "".join(self.runs)


def _paragraphs(doc) -> list[_Para]:
    """Every paragraph of the body (tables included) and of the page headers/footers, as run texts."""
    elements = [doc.element.body]
    for section in doc.sections:
        for part in (section.header, section.footer, section.first_page_header):
            if not part.is_linked_to_previous:
                elements.append(part._element)
    out = []
    for element in elements:
        for p in element.iter(qn("w:p")):
            runs = ["".join(t.text or "" for t in r.iter(qn("w:t"))) for r in p.iter(qn("w:r"))]
            out.append(_Para([r for r in runs if r]))
    return out


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"«{text if len(text) <= limit else text[:limit - 1] + '…'}»"


def _paragraph(number: int, text: str) -> str:
    """Where a finding is: the paragraph's number and the start of its text."""
    return _("paragraph {number} {text}").format(number=number, text=_short(text))


def _kind_and_rules(path: Path) -> tuple[str, tuple[str, ...]]:
    """('main' | 'header' | 'signature', the rule sets whose fonts apply) from the file's name."""
    kind = path.stem if path.parent.name == "partials" and path.stem in ("header", "signature") else "main"
    for rules in RULE_SETS:
        if path.stem == rules or path.stem.endswith(f"-{rules}"):
            return kind, (rules,)
    return kind, RULE_SETS


def _known_names(kind: str) -> frozenset:
    from ..render.slots import MAIN_SLOTS, PARTIAL_SLOTS

    return MAIN_SLOTS if kind == "main" else PARTIAL_SLOTS[kind]


def _split_tags(file: str, paras: list[_Para]) -> list[LintFinding]:
    found = []
    for i, para in enumerate(paras, 1):
        starts, pos = [], 0
        for run in para.runs:
            starts.append(pos)
            pos += len(run)
        def run_at(offset: int) -> int:
            return max(j for j, s in enumerate(starts) if s <= offset)
        for match in TAG.finditer(para.text):
            first, last = run_at(match.start()), run_at(match.end() - 1)
            if first != last:
                found.append(LintFinding(file, _paragraph(i, para.text),
                                         _("placeholder {tag} is split across {count} runs (Word's spell-check "
                                           "or a format change inside it); select it, clear its formatting and "
                                           "type it again in one go").format(tag=match.group(),
                                                                             count=last - first + 1)))
    return found


def _jinja_source(paras: list[_Para]) -> str:
    """The paragraphs' text as one Jinja source, one line per paragraph (docxtpl markers removed)."""
    return "\n".join(DOCXTPL_PREFIX.sub(r"\1 ", p.text.replace("\n", " ")) for p in paras)


def _names(file: str, kind: str, paras: list[_Para]) -> list[LintFinding]:
    env = SandboxedEnvironment(autoescape=True)
    try:
        used = meta.find_undeclared_variables(env.parse(_jinja_source(paras)))
    except TemplateSyntaxError as exc:
        para = paras[exc.lineno - 1] if 0 < exc.lineno <= len(paras) else None
        where = _paragraph(exc.lineno, para.text) if para else str(_("template"))
        return [LintFinding(file, where, _("Jinja syntax error: {error}; check the {{{{ }}}} and {{% %}} pairs in "
                                           "this paragraph").format(error=exc.message))]
    known = _known_names(kind)
    found = []
    for name in sorted(used - known):
        i, para = next(((i, p) for i, p in enumerate(paras, 1)
                        if re.search(rf"[{{%][^}}%]*\b{re.escape(name)}\b", p.text)), (0, None))
        where = _paragraph(i, para.text) if para else str(_("template"))
        found.append(LintFinding(file, where, _("unknown name {name}: vbgen does not provide it (it provides: "
                                                "{known})").format(name=repr(name), known=", ".join(sorted(known)))))
    if kind == "main":
        from ..render.slots import REQUIRED_SLOTS

        for slot in REQUIRED_SLOTS:
            if slot not in used:
                found.append(LintFinding(file, str(_("template")),
                                         _("no {{{{p {slot} }}}} slot: the {slot} would be missing; add a "
                                           "paragraph holding only that tag").format(slot=slot)))
    return found


def _fonts(file: str, doc, rules: tuple[str, ...]) -> list[LintFinding]:
    allowed = {load_profile(r).font.name for r in rules}
    found = {}
    for fonts in doc.element.body.iter(qn("w:rFonts")):
        for slot in FONT_SLOTS:
            name = fonts.get(qn(f"w:{slot}"))
            if name and name not in allowed and name not in found:
                p = next((a for a in fonts.iterancestors(qn("w:p"))), None)
                text = "".join(t.text or "" for t in p.iter(qn("w:t"))) if p is not None else ""
                found[name] = LintFinding(file, _short(text) if text else str(_("template")),
                                          _("font {font}: the {rules} rules use {allowed}; change the font of "
                                            "this text").format(font=repr(name), rules="/".join(rules),
                                                                allowed=", ".join(sorted(allowed))))
    return list(found.values())


def lint_template(path: str | Path) -> list[LintFinding]:
    """Findings for one .docx template; VbgenError when it cannot be read."""
    path = Path(path)
    doc = open_docx(path)  # refuses what is not a Word file, zip bombs and DTDs with one line
    kind, rules = _kind_and_rules(path)
    paras = _paragraphs(doc)
    return _split_tags(str(path), paras) + _names(str(path), kind, paras) + _fonts(str(path), doc, rules)


def lint_path(path: str | Path) -> list[LintFinding]:
    """Lint a template, a type folder (its type.yaml is validated too) or a folder of types."""
    from .registry import _read_spec

    path = Path(path)
    if not path.exists():
        raise VbgenError(_("not found; give a .docx template or a type folder"), file=str(path))
    if path.is_file():
        return lint_template(path)
    findings = []
    for data_file in sorted(path.rglob("type.yaml")):
        _read_spec(data_file)
    files = sorted(path.rglob("*.docx"))
    if not files:
        raise VbgenError(_("no .docx templates in this folder"), file=str(path))
    for file in files:
        findings += lint_template(file)
    return findings
