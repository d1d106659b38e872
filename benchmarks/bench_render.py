"""Median render time per example (run by hand: ``python benchmarks/bench_render.py [-n 7]``).

Times loading + validating (+ deriving, for unit files) + rendering each examples/**/*.yaml to an
in-memory .docx. Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vbgen.sources import open_plan  # noqa: E402
from vbgen.render import render_document  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--repeat", type=int, default=7, help="runs per example (default 7)")
    args = parser.parse_args()
    print(f"{'example':60} {'median ms':>10} {'min ms':>8} {'paragraphs':>10}")
    for path in sorted((ROOT / "examples").rglob("*.yaml")):
        times, paragraphs = [], 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            doc = render_document(open_plan(path))
            doc.save(io.BytesIO())
            times.append((time.perf_counter() - start) * 1000)
            paragraphs = len(doc.paragraphs)
        name = str(path.relative_to(ROOT))
        print(f"{name:60} {statistics.median(times):10.0f} {min(times):8.0f} {paragraphs:10d}")


if __name__ == "__main__":
    main()
