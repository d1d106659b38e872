"""How finding document types grows with the number of user types (issue 10).

    python benchmarks/bench_types.py

Copies the built-in ke-hoach type 6, 60 and 600 times into a temporary VBGEN_TEMPLATES folder and
times vbgen.types.all_types(): cold (every type.yaml parsed) and warm (cached until a file changes).
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vbgen.types import ENV, all_types  # noqa: E402


def main() -> None:
    for count in (6, 60, 600):
        folder = Path(tempfile.mkdtemp())
        try:
            for i in range(count):
                shutil.copytree(ROOT / "templates" / "ke-hoach", folder / f"type-{i}")
            os.environ[ENV] = str(folder)
            start = time.perf_counter()
            all_types()
            cold = time.perf_counter() - start
            start = time.perf_counter()
            all_types()
            warm = time.perf_counter() - start
            print(f"{count:4d} user types: cold {cold * 1000:7.0f} ms, warm {warm * 1000:6.1f} ms")
        finally:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
