"""Parents read once per process (kế hoạch cấp trên): a unit file's parent — a plan, another unit file
or the province's .docx — is read, validated (and derived, or imported) the first time, then kept.

An entry is used again only while every file it was made from has the same bytes (sha256; the files are
read again each time, which also records them in the command's :func:`vbgen.output.reading_scope`), the
message language and the templates search path (``--templates``, VBGEN_TEMPLATES) are the same, and none
of its files is among the units asking for it (a cycle, reported by the uncached path). The warnings
issued while it was made (a folded name, an import's guesses) are issued again on every use. Errors are
never kept: a parent that fails is read again next time.

The Derivation kept is shared: :func:`parent_derivation` is for :func:`vbgen.derive.derive`, which copies
what it changes and never changes its parent; :func:`open_parent` gives a copy anyone may change.
"""
from __future__ import annotations

import contextvars
import hashlib
import os
import threading
import warnings
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..i18n import current_language

#: How many parents are kept (a plan of 10,000 tasks is a few MB in memory).
MAX_ENTRIES = 16

Files = tuple[tuple[str, str], ...]
"""(resolved path, sha256 of its bytes) of every file a parent was made from, the parent first."""


@dataclass(frozen=True)
class _Entry:
    derivation: object                     # engine.Derivation (not imported: engine imports this module)
    files: Files
    warnings: tuple[warnings.WarningMessage, ...]


_cache: "OrderedDict[tuple, _Entry]" = OrderedDict()
_lock = threading.Lock()
_collecting: contextvars.ContextVar[Optional[list]] = contextvars.ContextVar("vbgen_parent_files", default=None)


def _identity(path: str) -> Optional[tuple[str, str]]:
    """(path, sha256 of its bytes), or None when it cannot be read (the uncached path says why)."""
    try:
        with open(path, "rb") as handle:
            return path, hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def _environment() -> tuple:
    """What else a parent's validation (and its warnings' wording) depends on."""
    from ..types import registry

    return current_language(), tuple(map(str, registry.command_line_dirs())), os.environ.get(registry.ENV, "")


def _current(entry: _Entry, chain: tuple[Path, ...]) -> bool:
    """Is ``entry`` still what its files say, and free of the units asking for it?"""
    asking = {str(p) for p in chain}
    return all(name not in asking and _identity(name) == (name, sha) for name, sha in entry.files)


def parent_derivation(path: Path, chain: tuple[Path, ...]):
    """The Derivation of parent ``path`` asked for by the units ``chain`` (nearest last), as
    :func:`vbgen.derive.engine.load_derived` makes it, from the cache when still current. Shared: do
    not change it (use :func:`open_parent` for a copy)."""
    return _parent_entry(path, chain, stacklevel=3).derivation


def _parent_entry(path: Path, chain: tuple[Path, ...], stacklevel: int) -> _Entry:
    """The cache entry of parent ``path`` (made afresh when not current); its warnings issued again."""
    from .engine import load_derived

    path = Path(path).resolve()
    key = (str(path),) + _environment()
    with _lock:
        entry = _cache.get(key)
    if entry is None or not _current(entry, chain):
        first = _identity(str(path))  # hashed before it is parsed: an edit in between is seen next time
        files = [first] if first else []
        token = _collecting.set(files)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                derivation = load_derived(path, _chain=tuple(chain))
        finally:
            _collecting.reset(token)
        entry = _Entry(derivation, tuple(dict.fromkeys(files)), tuple(caught))
        if first:
            with _lock:
                _cache[key] = entry
                while len(_cache) > MAX_ENTRIES:
                    _cache.popitem(last=False)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
    outer = _collecting.get()
    if outer is not None:  # a unit file's parent: its files are the outer entry's files too
        outer.extend(entry.files)
    for caught_warning in entry.warnings:  # issued again, where the caller's filters and handlers see them
        warnings.warn(caught_warning.message, stacklevel=stacklevel)
    return entry


def open_parent(path: str | Path, unit: str | Path):
    """(a copy of the parent's Plan, the files it was made from) for unit file ``unit``'s parent ``path``."""
    entry = _parent_entry(Path(path), (Path(unit).resolve(),), stacklevel=2)
    return entry.derivation.plan.model_copy(deep=True), entry.files


def clear() -> None:
    """Forget every parent (tests; a long-running program that wants the memory back)."""
    with _lock:
        _cache.clear()
