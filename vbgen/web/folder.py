"""The plans a clerk can pick (kế hoạch cấp trên có sẵn): the YAML files of the ``--folder``.

The listing is made by the server; a form names a plan only by its name as listed, and
:func:`pick` matches that name against a fresh listing, so no path typed into a form reaches the
file system.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ruamel.yaml import YAML

MAX_DEPTH = 2        # the folder and its subfolders, and theirs
MAX_PLANS = 500      # a folder of plans, not a disk


@dataclass(frozen=True)
class PlanEntry:
    """A plan file of the folder: ``name`` (relative, with "/"), its trích yếu and issuer when readable,
    and whether it is a unit file (kế hoạch của cấp dưới, derived from its own parent)."""

    name: str
    path: Path
    title: str = ""
    issuer: str = ""
    derived: bool = False


TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
SHOWN_KEYS = ("parent", "title", "issuer")


def _head(path: Path) -> dict:
    """Only the top-level ``parent:``, ``title:`` and ``issuer:`` blocks of a plan file, parsed (the
    whole plan takes ~0.1 s to read; these few lines a millisecond). Other blocks are skipped as text."""
    kept, keep = [], False
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        for line in handle:
            match = TOP_KEY.match(line)
            if match:
                keep = match.group(1) in SHOWN_KEYS
            elif line[:1] not in (" ", "\t", "#", "\n", "\r", "") and not line.startswith("- "):
                keep = False  # a document marker or other top-level text
            if keep:
                kept.append(line)
    data = YAML(typ="safe", pure=True).load("".join(kept))
    return data if isinstance(data, dict) else {}


def _describe(name: str, path: Path) -> PlanEntry:
    try:
        data = _head(path)
    except Exception:  # an unreadable file is still listed; opening it gives the clerk its error
        return PlanEntry(name, path)
    if not isinstance(data, dict):
        return PlanEntry(name, path)
    issuer = data.get("issuer") if isinstance(data.get("issuer"), dict) else {}
    text = " ".join(str(issuer.get("full_name") or issuer.get("name") or "").split())
    title = " ".join(str(data.get("title") or "").split())
    return PlanEntry(name, path, unicodedata.normalize("NFC", title), unicodedata.normalize("NFC", text),
                     "parent" in data)


def plan_paths(folder: Optional[Path]) -> list[tuple[str, Path]]:
    """(name, path) of the .yaml/.yml files under ``folder`` (at most ``MAX_DEPTH`` levels down, sorted
    by name), skipping hidden names and anything that resolves outside the folder (a link out of it)."""
    if folder is None or not folder.is_dir():
        return []
    root = folder.resolve()
    found: list[Path] = []
    for depth in range(MAX_DEPTH + 1):
        pattern = "/".join(["*"] * depth + ["*.y*ml"])
        for path in root.glob(pattern):
            relative = path.relative_to(root)
            if path.suffix not in (".yaml", ".yml") or any(part.startswith(".") for part in relative.parts):
                continue
            if not path.is_file() or not path.resolve().is_relative_to(root):
                continue
            found.append(path)
    named = sorted((path.relative_to(root).as_posix(), path) for path in found)
    return named[:MAX_PLANS]


_seen: dict[tuple, PlanEntry] = {}  # (path, size, mtime) → entry: a page load re-reads only changed files


def _cached(name: str, path: Path) -> PlanEntry:
    stat = path.stat()
    key = (str(path), name, stat.st_size, stat.st_mtime_ns)
    if key not in _seen:
        if len(_seen) > 4 * MAX_PLANS:
            _seen.clear()
        _seen[key] = _describe(name, path)
    return _seen[key]


def list_plans(folder: Optional[Path]) -> list[PlanEntry]:
    """The plans of ``folder``, each with its trích yếu and issuer (read from the file)."""
    return [_cached(name, path) for name, path in plan_paths(folder)]


def pick(folder: Optional[Path], name: str) -> Optional[PlanEntry]:
    """The listed plan called ``name`` exactly, or None."""
    return next((_describe(n, path) for n, path in plan_paths(folder) if n == name), None)
