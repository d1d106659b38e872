"""Worker processes for work shared out over every core (``vbgen batch``, ``vbgen check FILES``).

    with worker_pool(workers, initializer, args) as pool:
        for result in pool.imap(function, items, chunksize=chunk_size(len(items), workers)): …

Each worker takes the signals of a child (the pool ends it with SIGTERM; Ctrl+C is the parent's to
handle), not the CLI's handlers it inherited, then runs ``initializer(*args)``.
"""
from __future__ import annotations

import os
import signal
from multiprocessing import get_context
from typing import Callable, Optional


def worker_pool(workers: int, initializer: Optional[Callable] = None, args: tuple = ()):
    """A process pool of ``workers`` (forked where the system can fork)."""
    context = get_context("fork" if hasattr(os, "fork") else "spawn")
    return context.Pool(workers, _start, (initializer, args))


def chunk_size(items: int, workers: int) -> int:
    """Items handed to a worker at a time: several per worker for balance, at most 16."""
    return max(1, min(16, items // (workers * 8)))


def _start(initializer: Optional[Callable], args: tuple) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*args)
