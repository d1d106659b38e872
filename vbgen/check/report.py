"""What ``vbgen check`` prints, and its exit code (0 clean, 1 violations, 2 a file could not be read)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Optional, Sequence

from ..errors import VbgenError
from ..i18n import _
from . import check_files
from .finding import VIOLATION, WARNING, Finding
from .fix import fix_document

EXIT_CLEAN, EXIT_VIOLATIONS, EXIT_UNREADABLE = 0, 1, 2
Echo = Callable[..., None]


def summary(file: str, findings: Sequence[Finding], rules: Optional[str]) -> str:
    violations = sum(f.severity == VIOLATION for f in findings)
    warnings = sum(f.severity == WARNING for f in findings)
    if not findings:
        text = _("{file}: OK, no findings ({rules} rules)") if rules else _("{file}: OK, no findings")
    else:
        text = _("{file}: {violations} violation(s), {warnings} warning(s) ({rules} rules)") if rules else \
            _("{file}: {violations} violation(s), {warnings} warning(s)")
    return text.format(file=file, violations=violations, warnings=warnings, rules=rules)


def run_check(files: Sequence[Path], rules: Optional[str], as_json: bool, echo: Echo, jobs: int = 1) -> int:
    """Check each file (over ``jobs`` worker processes); print one line per finding (or JSON), file by
    file in the order given; return the exit code."""
    results, code = [], EXIT_CLEAN
    for path, rule_set, findings in check_files(files, rules, jobs):
        if isinstance(findings, VbgenError):
            results.append({"file": str(path), "rules": rules, "error": str(findings), "findings": []})
            if not as_json:
                echo(f"vbgen: {findings}", err=True)
            code = EXIT_UNREADABLE
            continue
        results.append({"file": str(path), "rules": rule_set, "error": None,
                        "findings": [f.as_dict() for f in findings]})
        if any(f.severity == VIOLATION for f in findings) and code == EXIT_CLEAN:
            code = EXIT_VIOLATIONS
        if not as_json:
            for finding in findings:
                echo(finding.line())
            echo(summary(str(path), findings, rule_set))
    if as_json:
        echo(json.dumps({"files": results, "exit_code": code}, ensure_ascii=False, indent=2))
    return code


def run_fix(source: Path, output: Optional[Path], rules: Optional[str], force: bool, as_json: bool,
            echo: Echo) -> int:
    """Write a fixed copy; print what was fixed and what is left; exit 1 if violations are left."""
    if output is None:
        raise VbgenError(_("--fix needs -o FIXED.docx (the input file is never changed)"), field="-o")
    try:
        report = fix_document(source, output, rules=rules, force=force)
    except VbgenError:
        raise
    except OSError as error:  # the output folder: read-only, full, a name too long …
        raise VbgenError(_("could not be written ({reason}); choose another -o path").format(
            reason=error.strerror or error), file=str(output)) from None
    except Exception as error:  # never a traceback: one line naming the input
        raise VbgenError(_("could not be repaired ({error}); nothing was written. Run `vbgen check` on it "
                           "without --fix").format(error=error.__class__.__name__), file=str(source)) from None
    code = EXIT_VIOLATIONS if report.violations_left else EXIT_CLEAN
    if as_json:
        echo(json.dumps({"source": str(report.source), "output": str(report.output), "rules": report.rules,
                         "fixed": [f.as_dict() for f in report.fixed], "left": [f.as_dict() for f in report.left],
                         "exit_code": code}, ensure_ascii=False, indent=2))
        return code
    for finding in report.fixed:
        echo(_("fixed: {rule} at {where} (was {found})").format(rule=finding.rule, where=finding.where,
                                                                 found=finding.found))
    for finding in report.left:
        echo(_("left: {finding}").format(finding=finding.line()))
    echo(_("{output}: written; {fixed} finding(s) fixed, {left} left ({violations} violation(s)) for a person "
           "to correct").format(output=report.output, fixed=len(report.fixed), left=len(report.left),
                                violations=report.violations_left))
    return code
