"""Test helper: a copy of a Word package with some of its parts changed."""
import zipfile
from pathlib import Path


def repack(source: Path, target: Path, change) -> Path:
    """Copy the package ``source`` to ``target`` with ``change(parts)`` applied to its {name: bytes}
    (it may change, add or delete parts)."""
    with zipfile.ZipFile(source) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    change(parts)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return target
