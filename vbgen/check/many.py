"""Checking many files over several worker processes (``vbgen check FILES --jobs N``).

A province checks every commune's draft at once: thousands of files, each checked on its own, so
they are shared out to worker processes in chunks and the results come back in the files' order.
Each worker takes the parent's language and ``--templates`` folders (what the rules and messages
depend on) and looks the rule profile up once for all the files it is given.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional

from ..i18n import chosen_language, set_language
from ..workers import chunk_size, worker_pool

FILES_PER_WORKER = 4  # fewer files than this per worker: starting processes costs more than it saves
_profiles: dict = {}  # a worker's profiles, for every file it checks


def worker_count(files: int, jobs: int) -> int:
    """How many workers ``files`` files get when ``jobs`` are allowed (1: check them in this process)."""
    return max(1, min(jobs, files // FILES_PER_WORKER))


def check_in_workers(paths: list, rules: Optional[str], jobs: int) -> Iterator[tuple]:
    """:func:`vbgen.check.check_files` over ``worker_count`` processes, in the order of ``paths``."""
    from ..types.registry import command_line_dirs

    workers = worker_count(len(paths), jobs)
    with worker_pool(workers, _worker_init, (chosen_language(), [str(d) for d in command_line_dirs()])) as pool:
        yield from pool.imap(_worker_check, [(path, rules) for path in paths],
                             chunksize=chunk_size(len(paths), workers))


def _worker_init(language: Optional[str], template_dirs: list[str]) -> None:
    """A worker: the parent's language and template folders."""
    from ..types.registry import use_template_dirs

    set_language(language)
    use_template_dirs([Path(d) for d in template_dirs])


def _worker_check(item: tuple) -> tuple:
    from . import check_one

    path, rules = item
    return check_one(path, rules, _profiles)
