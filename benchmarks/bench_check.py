"""Documents per second for ``vbgen check`` (run by hand: ``python benchmarks/bench_check.py [-n 200]``).

Renders every examples/**/*.yaml once, copies the .docx files round-robin to N files in a temp
folder, then times ``check_document`` over all of them (reading, resolving styles, every rule).
Not a test: the figure depends on the machine.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vbgen.check import VIOLATION, check_document  # noqa: E402
from vbgen.render import make_plan  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=200, help="documents to check (default 200)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        rendered = []
        for i, plan in enumerate(sorted((ROOT / "examples").rglob("*.yaml"))):
            try:
                rendered.append(make_plan(plan, folder / f"example-{i}.docx"))
            except Exception as error:  # a data file that is not a plan: skip it, say so
                print(f"skipped {plan.relative_to(ROOT)}: {error}")
        if not rendered:
            sys.exit("no example rendered")
        copies = []
        for i in range(args.count):
            copy = folder / f"copy-{i:04d}.docx"
            shutil.copyfile(rendered[i % len(rendered)], copy)
            copies.append(copy)
        start = time.perf_counter()
        findings = violations = 0
        for path in copies:
            result = check_document(path)
            findings += len(result)
            violations += sum(f.severity == VIOLATION for f in result)
        elapsed = time.perf_counter() - start
    print(f"{len(copies)} documents (copies of {len(rendered)} rendered examples) checked in {elapsed:.2f} s: "
          f"{len(copies) / elapsed:.1f} documents/s, {1000 * elapsed / len(copies):.1f} ms each; "
          f"{findings} findings, {violations} violations")


if __name__ == "__main__":
    main()
