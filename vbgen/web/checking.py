"""Kiểm tra văn bản on the web page: check an uploaded .docx (vbgen.check) and make the repaired copy
(``check --fix``, vbgen.check.fix_document) in the job folder."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import VbgenError
from .jobs import Job
from .planning import unreadable

FIXED_DOCX = "ban-da-sua.docx"
SEVERITY = {"violation": "Vi phạm", "warning": "Lưu ý"}


@dataclass
class CheckResult:
    """The findings of the uploaded file, the repaired copy and what is left in it."""

    filename: str
    rules: str
    findings: list = field(default_factory=list)
    fixed: list = field(default_factory=list)
    left: list = field(default_factory=list)
    fixed_docx: Path | None = None

    @property
    def violations(self) -> int:
        return sum(f.severity == "violation" for f in self.findings)


def check_upload(job: Job, source: Path, filename: str, rules: str | None = None) -> CheckResult:
    """Check ``source`` (an upload in a scratch folder; ``filename`` as the clerk named it) and write the
    repaired copy into the job folder. Raises VbgenError (naming ``filename``) when it cannot be read."""
    from ..check import check_reader, detect_rules, fix_document
    from ..check.docx_reader import DocxReader

    try:
        reader = DocxReader(source)
        rule_set = rules or detect_rules(reader)
        findings = check_reader(reader, rule_set, filename)
        report = fix_document(source, job.path(FIXED_DOCX), rules=rule_set, force=True)
    except VbgenError as error:
        raise VbgenError(error.message, file=filename, line=error.line, field=error.field) from None
    except Exception as error:  # a damaged file: one plain message, as `vbgen check` says it
        raise unreadable(error, filename) from None
    return CheckResult(filename, rule_set, findings, report.fixed, report.left, job.path(FIXED_DOCX))
