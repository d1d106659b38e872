"""A finding (lỗi thể thức): one rule broken at one place, as the clerk reads it."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from ..i18n import N_, _, gettext

VIOLATION = "violation"  # a [P]/[S] rule: the law, or a faithful quote of it
WARNING = "warning"      # an [R]/[U] rule: a configurable default from practice
WARNING_TAGS = {"R", "U"}
#: What a severity is called on the terminal (``as_dict`` keeps the English value for programs).
SEVERITY_NAMES = {VIOLATION: N_("violation"), WARNING: N_("warning")}


def severity_for(tag: str | None) -> str:
    """Violation for rules read from the law ([P], [S]); warning for [R]/[U] defaults."""
    return WARNING if (tag or "P") in WARNING_TAGS else VIOLATION


@dataclass(frozen=True)
class Finding:
    """``rule`` is a stable id such as ``date.padding``; ``where`` is the paragraph's first words
    or "page setup"; ``found`` and ``wanted`` are plain phrases; ``source`` names the rule's text."""

    file: str
    rule: str
    severity: str
    where: str
    found: str
    wanted: str
    source: str

    def line(self) -> str:
        """One line for the terminal."""
        severity = gettext(SEVERITY_NAMES[self.severity]) if self.severity in SEVERITY_NAMES else self.severity
        return _("{file}: {rule} [{severity}] at {where}: found {found}; wanted {wanted} ({source})").format(
            file=self.file, rule=self.rule, severity=severity, where=self.where, found=self.found,
            wanted=self.wanted, source=self.source)

    def as_dict(self) -> dict:
        return asdict(self)
