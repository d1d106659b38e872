"""Roll-up time as the number of units grows (run by hand: ``python benchmarks/bench_rollup.py``).

Copies examples/bac-kan-2025 to a temporary folder, clones xã Đồng Lạc's unit file and report into
N communes (3, 30, 300: 1x, 10x, 100x the example), and times ``make_rollup`` (reading, checking and
summing the reports, writing YAML + xlsx) and rendering the roll-up (.docx with its charts).
"""
from __future__ import annotations

import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vbgen.render import render_document  # noqa: E402
from vbgen.report.commands import make_rollup  # noqa: E402
from vbgen.sources import open_plan  # noqa: E402


def build(folder: Path, units: int) -> None:
    shutil.copytree(ROOT / "examples" / "bac-kan-2025", folder)
    for path in (folder / "bao-cao").glob("*.yaml"):
        path.unlink()
    for path in folder.glob("xa-*.yaml"):
        path.unlink()
    plan = (ROOT / "examples/bac-kan-2025/xa-dong-lac.yaml").read_text(encoding="utf-8")
    report = (ROOT / "examples/bac-kan-2025/bao-cao/xa-dong-lac.yaml").read_text(encoding="utf-8")
    for i in range(units):
        name = f"Đơn Vị {i:03d}"
        (folder / f"xa-{i:03d}.yaml").write_text(
            plan.replace("ĐỒNG LẠC", name.upper()).replace("Đồng Lạc", name), encoding="utf-8")
        (folder / "bao-cao" / f"xa-{i:03d}.yaml").write_text(
            report.replace("ĐỒNG LẠC", name.upper()).replace("Đồng Lạc", name)
            .replace("../xa-dong-lac.yaml", f"../xa-{i:03d}.yaml"), encoding="utf-8")


def main() -> None:
    print(f"{'units':>6} {'rollup s':>9} {'render s':>9} {'yaml KB':>8}")
    for units in (3, 30, 300):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "bac-kan-2025"
            build(folder, units)
            out = folder / "tong-hop.yaml"
            start = time.perf_counter()
            make_rollup(folder / "huyen-cho-don.yaml", [folder / "bao-cao"], out, folder / "tong-hop.xlsx")
            rolled = time.perf_counter() - start
            start = time.perf_counter()
            render_document(open_plan(out)).save(io.BytesIO())
            rendered = time.perf_counter() - start
            print(f"{units:6d} {rolled:9.2f} {rendered:9.2f} {out.stat().st_size / 1024:8.0f}")


if __name__ == "__main__":
    main()
