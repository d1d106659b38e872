"""vbgen batch beside a naive docxtpl loop on the same units, in the same run (figures as ratios).

    python benchmarks/bench_batch.py               # all 3,321 communes of the 2025 list, 2 workers
    python benchmarks/bench_batch.py -n 300 -j 2   # the first 300 (quicker)

vbgen: ``run_batch`` of examples/thai-nguyen-2026/don-vi-cap-xa.yml over the units (deriving each from
the province plan, rendering, writing .docx and the manifest) on ``-j`` worker processes. Naive: one
process, one docxtpl template filled with each unit's derived texts (derivation not timed) and saved.
Peak memory is the largest resident size of this process and of any worker. Not a test: timings
depend on the machine; the load average is printed so a shared machine's figures can be judged.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import naive  # noqa: E402
from vbgen.batch import load_job, run_batch, unit_data  # noqa: E402
from vbgen.derive import derive  # noqa: E402
from vbgen.derive.unit import validate_unit  # noqa: E402
from vbgen.unitlist import all_units  # noqa: E402

TEMPLATE = ROOT / "examples" / "thai-nguyen-2026" / "don-vi-cap-xa.yml"


def peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--units", type=int, default=0, help="first N units (default: all 3,321)")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="vbgen worker processes (default 2)")
    args = parser.parse_args()
    units = all_units()
    units = units[:args.units] if args.units else units
    print(f"{len(units)} units; {os.cpu_count()} cores; load average before: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        start = time.perf_counter()
        result = run_batch(TEMPLATE, units, folder / "vbgen", jobs=args.jobs)
        vbgen_s = time.perf_counter() - start
        vbgen_peak = peak_mib()
        assert not result.failed, result.failed[0].error

        job = load_job(TEMPLATE, folder)
        plans = [derive(job.parent, validate_unit(unit_data(job.template, u), TEMPLATE)).plan for u in units]
        template = naive.make_template(folder / "naive.docx")
        (folder / "naive").mkdir()
        start = time.perf_counter()
        for unit, plan in zip(units, plans):
            naive.render(template, naive.context(plan), folder / "naive" / unit.file_name)
        naive_s = time.perf_counter() - start
    print(f"vbgen batch, {args.jobs} workers: {vbgen_s:7.1f} s  ({len(units) / vbgen_s:6.1f} docs/s)")
    print(f"naive docxtpl, 1 process:  {naive_s:7.1f} s  ({len(units) / naive_s:6.1f} docs/s)")
    print(f"ratio naive / vbgen: {naive_s / vbgen_s:.2f}x  (vbgen per document per worker: "
          f"{1000 * vbgen_s * args.jobs / len(units):.0f} ms; naive: {1000 * naive_s / len(units):.0f} ms)")
    print(f"peak memory of vbgen (largest process): {vbgen_peak:.0f} MiB; "
          f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
