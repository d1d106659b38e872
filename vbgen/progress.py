"""A progress bar on stderr for long commands (batch): redrawn in place on a terminal, a line per
tenth otherwise (logs stay short)."""
from __future__ import annotations

import sys
import time


class ProgressBar:
    """``update(stage, done, total)``; use as a context manager so the last line is finished."""

    WIDTH = 30

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.start = time.monotonic()
        self.last: tuple[str, int] = ("", -1)
        self.open = False

    def update(self, stage: str, done: int, total: int) -> None:
        if total <= 0:
            return
        tenth = done * 10 // total
        if not self.tty and (stage, tenth) == self.last and done != total:
            return
        self.last = (stage, tenth)
        filled = self.WIDTH * done // total
        line = (f"{stage:4} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total} "
                f"{time.monotonic() - self.start:5.1f} s")
        if self.tty:
            self.stream.write("\r" + line + ("\n" if done == total else ""))
            self.open = done != total
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def __enter__(self) -> "ProgressBar":
        return self

    def __exit__(self, *exc) -> None:
        if self.open:
            self.stream.write("\n")
            self.stream.flush()
