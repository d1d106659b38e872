"""Errors and warnings a clerk reads: one line naming the file, line, field and what to do."""
from __future__ import annotations

import warnings


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
        where = ""
        if self.file:
            where = str(self.file)
            if self.line:
                where += f":{self.line}"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class OutputExistsError(VbgenError):
    """The output file exists and --force was not given."""


class VbgenWarning(UserWarning):
    """Something a clerk should know that does not stop the command (e.g. the 2025 reform).

    Library code raises these with :func:`warn`; the CLI prints each as one line on stderr.
    """


def warn(message: str) -> None:
    """Issue a :class:`VbgenWarning` (callers of the library can catch or silence it)."""
    warnings.warn(message, VbgenWarning, stacklevel=2)
