"""Response times of ``vbgen serve``'s pages (run by hand: ``python benchmarks/bench_web.py``).

Times, through Flask's test client: the plan list for a folder of 8, 80 and 800 plan files (the
examples copied 1x, 10x, 100x), making the commune's plan from the form (without and, when LibreOffice
is installed, with the page images), and checking a .docx. Not a test: the figures depend on the machine.
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
sys.path.insert(0, str(ROOT / "tests"))

from vbgen.web import create_app  # noqa: E402
from webutil import COMMUNE_FORM, PARENT, broken_docx  # noqa: E402


def timed(function, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        for copies in (1, 10, 100):
            folder = scratch / f"x{copies}"
            for number in range(copies):
                shutil.copytree(ROOT / "examples", folder / f"bo-{number:03d}")
            client = create_app(folder, preview_pages=False).test_client()
            count = len(list(folder.rglob("*.yaml")))
            first = timed(lambda: client.get("/ke-hoach"), 1)
            print(f"plan list, {count} files: first {first * 1000:.0f} ms, "
                  f"again {timed(lambda: client.get('/ke-hoach')) * 1000:.0f} ms")
        for preview in (False, True):
            client = create_app(ROOT / "examples", preview_pages=preview).test_client()

            def make() -> None:
                url = client.post("/ke-hoach", data={"ke_hoach": PARENT}).location
                assert client.post(url, data=dict(COMMUNE_FORM, bo_nhiem_vu=["nv-truyen-thanh"])).status_code == 200
            label = "with page images (LibreOffice)" if preview else "without page images"
            print(f"commune plan from the form, {label}: {timed(make, 2 if preview else 3):.2f} s")
        data = broken_docx(scratch).read_bytes()
        client = create_app(ROOT / "examples").test_client()
        seconds = timed(lambda: client.post("/kiem-tra", data={"tep": (io.BytesIO(data), "a.docx")},
                                            content_type="multipart/form-data"))
        print(f"check + repaired copy of one plan: {seconds:.2f} s")


if __name__ == "__main__":
    main()
