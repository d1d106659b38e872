"""The plans a clerk can pick (kế hoạch cấp trên có sẵn): the YAML files of the ``--folder``.

The listing is made by the server; a form names a plan only by its name as listed, and
:func:`pick` matches that name against a fresh listing, so no path typed into a form reaches the
file system.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..yamlio import read_yaml

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


def _describe(name: str, path: Path) -> PlanEntry:
    try:
        data = read_yaml(path)
    except Exception:  # an unreadable file is still listed; opening it gives the clerk its error
        return PlanEntry(name, path)
    if not isinstance(data, dict):
        return PlanEntry(name, path)
    issuer = data.get("issuer") if isinstance(data.get("issuer"), dict) else {}
    text = " ".join(str(issuer.get("full_name") or issuer.get("name") or "").split())
    return PlanEntry(name, path, str(data.get("title") or ""), text, "parent" in data)


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


def list_plans(folder: Optional[Path]) -> list[PlanEntry]:
    """The plans of ``folder``, each with its trích yếu and issuer (read from the file)."""
    return [_describe(name, path) for name, path in plan_paths(folder)]


def pick(folder: Optional[Path], name: str) -> Optional[PlanEntry]:
    """The listed plan called ``name`` exactly, or None."""
    return next((_describe(n, path) for n, path in plan_paths(folder) if n == name), None)
