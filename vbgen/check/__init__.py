"""``vbgen check``: verify any .docx against the state (NĐ 30/2020) or Party (HD 36) rules.

    findings = check_document("draft.docx")             # rule set detected from the header
    findings = check_document("draft.docx", rules="party")
    for path, rules, result in check_files(paths): …   # many files: findings, or the error of one
    report = fix_document("draft.docx", "fixed.docx")   # repairs what is safe, reports the rest

Every number a rule uses comes from ``vbgen/profiles/<rules>.yaml`` (``vbgen.profile.load_profile``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from ..errors import VbgenError
from ..i18n import _
from ..profile import shared_profile
# Importing the rule modules registers their rules; this order is the order findings are reported in.
from . import rules_page, rules_header, rules_opening, rules_body, rules_appendix, rules_layout  # noqa: F401  # isort: skip
from . import doctypes
from .components import (HEADER_SCAN_LIMIT, HEADER_WORDS, NATIONAL_TITLES, PARTY_TITLE, SUMMARY_MAX_PARAGRAPHS,
                         Components, find_components, normal)
from .docx_reader import DocxReader
from .finding import VIOLATION, WARNING, Finding
from .registry import RULES, Context, all_rule_ids

__all__ = ["Finding", "VIOLATION", "WARNING", "check_document", "check_files", "check_reader", "detect_rules",
           "all_rule_ids", "fix_document", "FixReport"]


def detect_rules(reader: DocxReader) -> str:
    """'party' when the header's title line is ĐẢNG CỘNG SẢN VIỆT NAM (in capitals), else 'state'.

    Running text that mentions "Đảng Cộng sản Việt Nam" does not count: only a short line in capitals.
    """
    for p in reader.paragraphs[:HEADER_SCAN_LIMIT]:
        text = normal(p.text)
        if len(text.split()) > HEADER_WORDS:
            continue
        if any(title in text for title in NATIONAL_TITLES) or "XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text:
            return "state"
        if PARTY_TITLE in text:
            return "party"
    return "state"


def document_parts(reader: DocxReader, profile) -> "Components":
    """The parts of the document (thành phần thể thức), found with the profile's document types."""
    summary_max = (profile.check_layout or {}).get("summary_max_paragraphs") or SUMMARY_MAX_PARAGRAPHS
    return find_components(reader.paragraphs, doctypes.type_names(profile), summary_max)


def check_reader(reader: DocxReader, rules: Optional[str] = None, file: Optional[str] = None,
                 profiles: Optional[dict] = None) -> list[Finding]:
    """Run every rule over an opened document. ``profiles``: a dict a caller checking many files keeps
    for its run, so the rule profile and the document types are looked up once per rule set, not per file."""
    rules = rules or detect_rules(reader)
    if profiles is None:
        profile = shared_profile(rules)
    elif rules in profiles:
        profile = profiles[rules]
    else:
        profile = profiles[rules] = shared_profile(rules)
    parts = document_parts(reader, profile)
    ctx = Context(file=file or str(reader.path), reader=reader, parts=parts, profile=profile, rule_set=rules)
    findings: list[Finding] = []
    for _ids, function in RULES:
        try:
            findings.extend(function(ctx))
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as error:
            # A part the rule reads is broken (a header relationship pointing nowhere, a value Word refuses).
            raise VbgenError(_("is damaged ({error} while checking {rule}); open it in Word, let Word repair it "
                               "and save it again").format(error=error.__class__.__name__, rule=", ".join(_ids[:1])),
                             file=ctx.file) from None
    return findings


def check_document(path: str | Path, rules: Optional[str] = None) -> list[Finding]:
    """Findings for the .docx at ``path`` (raises VbgenError when it cannot be read)."""
    return check_reader(DocxReader(path), rules, str(path))


def check_files(paths: Iterable[str | Path], rules: Optional[str] = None, jobs: int = 1
                ) -> Iterator[tuple[str | Path, Optional[str], Union[list[Finding], VbgenError]]]:
    """Check files one after another (what ``vbgen check FILES`` runs), the rule profile looked up once
    per rule set for the whole run: yields (path, rule set, findings), or (path, ``rules``, the error)
    for a file that cannot be checked; one bad file does not stop the others.

    ``jobs`` > 1 shares the files out to that many worker processes (:mod:`vbgen.check.many`), each
    taking at least a few files; the results come back in the order of ``paths`` all the same."""
    paths = list(paths)
    if jobs > 1:
        from .many import check_in_workers, worker_count

        if worker_count(len(paths), jobs) > 1:
            yield from check_in_workers(paths, rules, jobs)
            return
    profiles: dict = {}
    for path in paths:  # (given back as given)
        yield check_one(path, rules, profiles)


def check_one(path: str | Path, rules: Optional[str], profiles: dict
              ) -> tuple[str | Path, Optional[str], Union[list[Finding], VbgenError]]:
    """One file of :func:`check_files`: (path, rule set, findings) or (path, ``rules``, the error)."""
    try:
        reader = DocxReader(path)
        rule_set = rules or detect_rules(reader)
        return path, rule_set, check_reader(reader, rule_set, str(path), profiles)
    except Exception as error:  # one bad file must not hide the others' results
        if not isinstance(error, VbgenError):
            error = VbgenError(_("could not be checked ({error}); the file may be damaged: open it in Word, "
                                 "save it again as .docx and retry").format(
                                     error=f"{error.__class__.__name__}: {error}"), file=str(path))
        return path, rules, error


from .fix import FixReport, fix_document  # noqa: E402  (fix uses check_reader)
