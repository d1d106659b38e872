"""Cost of the YAML reading guards at 1x, 10x, 100x (run by hand: ``python benchmarks/bench_yaml_guards.py``).

Builds plans of N tasks from tests/fixtures/state-plan.yaml and times, separately, ruamel's own
round-trip load and vbgen's guards around it (control characters, nesting depth, alias expansion,
cleaning every string), plus validation of a plan with one mistake per task (every mistake reported).
Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402

from vbgen import yamlio  # noqa: E402
from vbgen.errors import VbgenError  # noqa: E402
from vbgen.loader import validate_plan  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_big_plan import plan as plan_of_tasks, timed  # noqa: E402


def plan(tasks: int, mistake: bool = False) -> str:
    return plan_of_tasks(tasks, "Nhiệm vụ số {i}.", "dahs" if mistake else "dash")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--tasks", type=int, default=100, help="tasks at 1x (default 100)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    print(f"{'tasks':>7} {'ruamel load':>12} {'guards':>8} {'all mistakes':>13}")
    with tempfile.TemporaryDirectory() as folder:
        for scale in (1, 10, 100):
            n = args.tasks * scale
            text = plan(n)
            load, data = timed(YAML(typ="rt").load, io.StringIO(text))
            guards = sum(timed(step, text, "bench")[0] for step in (yamlio._strip_raw, yamlio._check_depth))
            guards += timed(yamlio._check_shape, data, "bench")[0]
            guards += timed(yamlio._clean, data, "bench", "", 1, set())[0]
            path = Path(folder) / f"broken{n}.yaml"
            path.write_text(plan(n, mistake=True), encoding="utf-8")
            broken = yamlio.read_yaml(path)
            start = time.perf_counter()
            try:
                validate_plan(broken, path)
            except VbgenError:
                pass
            mistakes = time.perf_counter() - start
            print(f"{n:>7} {load:>11.2f}s {guards:>7.2f}s {mistakes:>12.2f}s")


if __name__ == "__main__":
    main()
