"""Load, validate and render times of a plan of 100, 1,000 and 10,000 tasks (issue 11: ≤ 5 s at 10,000).

    python benchmarks/bench_big_plan.py [-n 100] [--keep DIR]

Builds plans of N tasks from tests/fixtures/state-plan.yaml and times, in one process, reading the
YAML (vbgen.yamlio.read_yaml, with all its guards), validating it (vbgen.loader.validate_plan) and
rendering and saving the .docx (vbgen.render.render_plan); the last column is ``make-plan`` end to
end. Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vbgen.loader import validate_plan  # noqa: E402
from vbgen.render import make_plan, render_plan  # noqa: E402
from vbgen.yamlio import read_yaml  # noqa: E402

TEXT = (ROOT / "tests" / "fixtures" / "state-plan.yaml").read_text(encoding="utf-8")


def plan(tasks: int, task: str = "Nhiệm vụ số {i} — rà soát, cập nhật dữ liệu dân cư.", key: str = "dash") -> str:
    """The fixture plan with one section of ``tasks`` tasks (each with an id), ``task`` their text and
    ``key`` the word before it (another key: a plan with one mistake per task)."""
    items = "".join(f"      - {key}: {task.format(i=i)}\n        id: t{i}\n" for i in range(tasks))
    return (TEXT[:TEXT.index("body:\n")] + "body:\n  - section: Nhiệm vụ\n    items:\n" + items
            + TEXT[TEXT.index("closing:"):])


def timed(function, *args, **kwargs):
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--tasks", type=int, default=100, help="tasks at 1x (default 100)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    print(f"{'tasks':>7} {'load':>8} {'validate':>9} {'render':>8} {'make-plan':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for scale in (1, 10, 100):
            n = args.tasks * scale
            path = Path(folder) / f"plan{n}.yaml"
            path.write_text(plan(n), encoding="utf-8")
            load, data = timed(read_yaml, path)
            validate, parsed = timed(validate_plan, data, path)
            render, _ = timed(render_plan, parsed, Path(folder) / f"plan{n}.docx", force=True)
            whole, _ = timed(make_plan, path, Path(folder) / f"whole{n}.docx", force=True)
            print(f"{n:>7} {load:>7.2f}s {validate:>8.2f}s {render:>7.2f}s {whole:>9.2f}s", flush=True)


if __name__ == "__main__":
    main()
