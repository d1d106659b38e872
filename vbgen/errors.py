"""Errors and warnings a clerk reads: one line naming the file, line, field and what to do."""
from __future__ import annotations

import warnings

from .i18n import N_, _, gettext, ngettext


class VbgenError(Exception):
    """A problem in the user's input or environment, reported as one plain line.

    ``str(error)`` is ``file:line: field: message``; parts that are unknown are left out.
    """

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 field: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field

    def __str__(self) -> str:
        return format_message(self.message, self.file, self.line, self.field)


#: What a clerk calls the plan's keys (shown after the key when the language is not English).
FIELD_NAMES = {
    "issuer": N_("issuer"), "issuer.name": N_("issuer's name"), "issuer.abbreviation": N_("abbreviation"),
    "number": N_("number"), "place": N_("place"), "date": N_("date of issue"), "title": N_("title"),
    "basis": N_("legal basis"), "opening": N_("opening"), "body": N_("body"), "closing": N_("closing"),
    "signature": N_("signature"), "signature.name": N_("signer's name"), "recipients": N_("recipients"),
    "archive": N_("archive"), "parent": N_("parent plan"), "appendices": N_("appendices"),
}


def format_message(message: str, file: str | None = None, line: int | None = None,
                   field: str | None = None) -> str:
    """One line a clerk reads: where (file and line), the field, then the message.

    English ``ke-hoach.yaml:12: date: …``; Vietnamese ``ke-hoach.yaml, dòng 12: date (ngày ban
    hành): …``. Parts that are unknown are left out.
    """
    where = ""
    if file:
        where = _("{file}:{line}: ").format(file=file, line=line) if line else f"{file}: "
    shown = ""
    if field:
        name = FIELD_NAMES.get(field)
        gloss = gettext(name) if name else ""
        shown = f"{field} ({gloss}): " if gloss and gloss != name else f"{field}: "
    return f"{where}{shown}{message}"


class OutputExistsError(VbgenError):
    """The output file exists and --force was not given."""


class VbgenWarning(UserWarning):
    """Something a clerk should know that does not stop the command (e.g. the 2025 reform).

    Library code raises these with :func:`warn`; the CLI prints each as one line on stderr.
    """


def warn(message: str) -> None:
    """Issue a :class:`VbgenWarning` (callers of the library can catch or silence it)."""
    warnings.warn(message, VbgenWarning, stacklevel=2)


class VbgenErrors(VbgenError):
    """Several problems found at once (e.g. every mistake in a plan file), sorted by line.

    Behaves as its first problem (``file``, ``line``, ``field``, ``message``); ``errors`` holds them
    all and ``str()`` gives one line per problem (at most :attr:`limit`, then how many more).
    """

    limit = 20

    def __init__(self, errors: list[VbgenError]):
        if not errors:
            raise ValueError("VbgenErrors needs at least one error")
        self.errors = sorted(errors, key=lambda e: (str(e.file or ""), e.line or 0))
        first = self.errors[0]
        super().__init__(first.message, file=first.file, line=first.line, field=first.field)

    def __str__(self) -> str:
        lines = [str(error) for error in self.errors[: self.limit]]
        more = len(self.errors) - self.limit
        if more > 0:
            where = f"{self.file}: " if self.file else ""
            lines.append(where + ngettext("… and {count} more problem; fix these first, then run again",
                                          "… and {count} more problems; fix these first, then run again",
                                          more).format(count=more))
        return "\n".join(lines)
