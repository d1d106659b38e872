"""A finding (lỗi thể thức): one rule broken at one place, as the clerk reads it."""
from __future__ import annotations

from dataclasses import asdict, dataclass

VIOLATION = "violation"  # a [P]/[S] rule: the law, or a faithful quote of it
WARNING = "warning"      # an [R]/[U] rule: a configurable default from practice
WARNING_TAGS = {"R", "U"}


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
        return (f"{self.file}: {self.rule} [{self.severity}] at {self.where}: found {self.found}; "
                f"wanted {self.wanted} ({self.source})")

    def as_dict(self) -> dict:
        return asdict(self)
