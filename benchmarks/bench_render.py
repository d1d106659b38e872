"""vbgen rendering beside a naive docxtpl loop on the same data, in the same run (figures as ratios).

    python benchmarks/bench_render.py            # everything (about a minute on an idle 2-core machine)
    python benchmarks/bench_render.py --quick    # 100 and 1,000 rows only, fewer repeats
    python benchmarks/bench_render.py --plans    # section 1 only (one plan per example)

1. One plan, warm, in process: each example (open + validate + derive + render + .docx bytes, the
   parents kept between calls), the same with the parents read again each call ("cold parents"), the
   render alone, and the naive docxtpl render of the same texts; ratio = vbgen whole / naive.
2. Task tables of 100 / 1,000 / 10,000 rows (a phụ lục built from the rows): vbgen render vs naive
   docxtpl with the same rows in a table loop (load and validation timed separately for vbgen); and
   a Báo cáo's target table of 10 / 100 / 1,000 targets (the table alone).
3. ``check`` in process, documents per second, beside python-docx opening and reading the same files.
Not a test: timings depend on the machine; the load average is printed with the figures.
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import naive  # noqa: E402
from docx import Document  # noqa: E402
from vbgen.loader import validate_plan  # noqa: E402
from vbgen.render import render_document  # noqa: E402
from vbgen.render.package import docx_bytes  # noqa: E402
from vbgen.sources import open_plan  # noqa: E402
from vbgen.yamlio import dump_yaml, read_yaml  # noqa: E402


def timed(function, repeat: int) -> float:
    """Median seconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def one_plan(repeat: int) -> None:
    from vbgen.derive import parents
    from vbgen.derive.unit import is_unit_data

    print(f"\n1. one plan, warm, in process (median of {repeat}; naive: same texts, naive template)")
    print("   vbgen = open + validate + derive + render + .docx bytes; parents kept (vbgen.derive.parents);")
    print("   cold parents = the same with the parent cache emptied before each call (what every call paid before)")
    print(f"{'example':64} {'vbgen ms':>9} {'cold parents':>13} {'render ms':>10} {'naive ms':>9} "
          f"{'vbgen/naive':>12}")
    with tempfile.TemporaryDirectory() as folder:
        template = naive.make_template(Path(folder) / "naive.docx")
        for path in sorted((ROOT / "examples").rglob("*.yaml")):
            plan = open_plan(path)
            docx_bytes(render_document(plan))
            whole = timed(lambda: docx_bytes(render_document(open_plan(path))), repeat)
            derived = is_unit_data(read_yaml(path))
            cold = timed(lambda: (parents.clear(), docx_bytes(render_document(open_plan(path)))), repeat) \
                if derived else None
            render = timed(lambda: docx_bytes(render_document(plan)), repeat)
            values = naive.context(plan)
            base = timed(lambda: naive.render(template, values, io.BytesIO()), repeat)
            name = str(path.relative_to(ROOT)) + (" (derived)" if derived else "")
            shown_cold = f"{cold * 1000:13.0f}" if cold is not None else f"{'':13}"
            print(f"{name:64} {whole * 1000:9.0f} {shown_cold} {render * 1000:10.0f} {base * 1000:9.0f} "
                  f"{whole / base:11.2f}x")


def plan_with_rows(count: int, folder: Path) -> Path:
    data = read_yaml(ROOT / "tests" / "fixtures" / "state-plan.yaml")
    data["appendices"] = [{"title": "Danh mục nhiệm vụ", "landscape": True,
                           "rows": [{"content": f"Tổ chức thực hiện nhiệm vụ số {i} theo kế hoạch",
                                     "lead": f"Sở {i % 7}", "support": "Các sở, ngành liên quan",
                                     "deadline": "Quý I/2026"} for i in range(1, count + 1)]}]
    path = folder / f"rows-{count}.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def tables(counts: list[int]) -> None:
    print("\n2. task tables (one phụ lục of N rows); naive = docxtpl table loop over the same rows")
    print(f"{'rows':>7} {'load+validate s':>16} {'vbgen render s':>15} {'naive s':>8} {'vbgen/naive':>12} "
          f"{'vbgen total s':>14}")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        template = naive.make_template(folder / "naive.docx")
        for count in counts:
            path = plan_with_rows(count, folder)
            start = time.perf_counter()
            plan = validate_plan(read_yaml(path), path)
            loaded = time.perf_counter() - start
            start = time.perf_counter()
            docx_bytes(render_document(plan))
            render = time.perf_counter() - start
            values = naive.context(plan, tasks=plan.appendices[0].rows)
            start = time.perf_counter()
            naive.render(template, values, io.BytesIO())
            base = time.perf_counter() - start
            print(f"{count:7d} {loaded:16.2f} {render:15.2f} {base:8.2f} {render / base:11.2f}x "
                  f"{loaded + render:14.2f}")


def target_tables(counts: list[int]) -> None:
    """The bảng chỉ tiêu of a Báo cáo (9 columns) at N targets, beside the naive table loop over N rows."""
    from vbgen.model import TargetRow, TargetTable
    from vbgen.profile import load_profile
    from vbgen.render.appendix import add_target_table

    print("\n2b. target tables of a Báo cáo (N targets, 9 columns); naive = docxtpl table loop over N rows")
    print(f"{'targets':>7} {'vbgen s':>8} {'ms/row':>7} {'naive s':>8} {'vbgen/naive':>12}")
    profile = load_profile("state")
    with tempfile.TemporaryDirectory() as folder:
        template = naive.make_template(Path(folder) / "naive.docx")
        plan = open_plan(ROOT / "tests" / "fixtures" / "state-plan.yaml")
        for count in counts:
            table = TargetTable(rows=[TargetRow(text=f"Tỷ lệ hồ sơ giải quyết đúng hạn của đơn vị số {i}", unit="%",
                                                planned=95, actual=90 + i % 10) for i in range(count)])
            start = time.perf_counter()
            add_target_table(Document(), profile, table, 25.0)
            vbgen_s = time.perf_counter() - start
            rows = [type("Row", (), {"content": r.text, "lead": r.unit, "support": str(r.planned),
                                     "deadline": str(r.actual)})() for r in table.rows]
            values = naive.context(plan, tasks=rows)
            start = time.perf_counter()
            naive.render(template, values, io.BytesIO())
            base = time.perf_counter() - start
            print(f"{count:7d} {vbgen_s:8.2f} {1000 * vbgen_s / count:7.2f} {base:8.2f} {vbgen_s / base:11.2f}x")


def check(count: int) -> None:
    from vbgen.check import check_document
    from vbgen.render import make_plan

    print(f"\n3. check in process: {count} documents (copies of the rendered examples)")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        made = [make_plan(p, folder / f"e{i}.docx") for i, p in enumerate(sorted((ROOT / "examples").rglob("*.yaml")))]
        files = [made[i % len(made)] for i in range(count)]
        start = time.perf_counter()
        findings = sum(len(check_document(f)) for f in files)
        vbgen_s = time.perf_counter() - start
        start = time.perf_counter()
        for f in files:
            doc = Document(str(f))
            sum(len(p.text) for p in doc.paragraphs)
            sum(len(c.text) for t in doc.tables for r in t.rows for c in r.cells)
        plain = time.perf_counter() - start
    print(f"vbgen check: {count / vbgen_s:6.1f} docs/s ({findings} findings); python-docx open + read: "
          f"{count / plain:6.1f} docs/s; ratio {plain / vbgen_s:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 rows, 3 repeats")
    parser.add_argument("--plans", action="store_true", help="section 1 only")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load average before: {load()}")
    one_plan(3 if args.quick else 7)
    if args.plans:
        print(f"\nload average after: {load()}")
        return
    tables([100, 1000] if args.quick else [100, 1000, 10000])
    target_tables([10, 100] if args.quick else [10, 100, 1000])
    check(60 if args.quick else 200)
    print(f"\nload average after: {load()}")


if __name__ == "__main__":
    main()
