"""Documents per second for ``vbgen check`` (run by hand: ``python benchmarks/bench_check.py [-n 200]``).

Renders every examples/**/*.yaml once, copies the .docx files round-robin to N files in a temp
folder, then times ``check_files`` over all of them, what ``vbgen check FILES`` runs (reading, resolving
styles, every rule; the rule profile looked up once per run), beside
a naive python-docx loop over the same files (open, read every paragraph's text and runs' fonts),
interleaved in the same run (best and median of ``--repeat`` runs each), and prints the ratio.
``--real FOLDER`` times the .docx files of a folder instead (e.g. ../shared/reference/corpus-real).
Not a test: the figure depends on the machine.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vbgen.check import VIOLATION, check_document, check_files  # noqa: E402
from vbgen.render import make_plan  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=200, help="documents to check (default 200)")
    parser.add_argument("-r", "--repeat", type=int, default=3, help="timed runs of each (default 3; best is shown)")
    parser.add_argument("--scale", metavar="DOCX", type=Path,
                        help="instead: time one .docx with its body paragraphs repeated 1x, 10x and 100x")
    parser.add_argument("--real", metavar="FOLDER", type=Path,
                        help="instead of copies of rendered examples: every .docx under FOLDER, each once per run")
    parser.add_argument("-j", "--jobs", type=int, default=0,
                        help="also time check_files over this many worker processes (vbgen check --jobs)")
    args = parser.parse_args()
    if args.scale:
        scale(args.scale)
        return
    with tempfile.TemporaryDirectory() as folder:
        rendered, copies = documents(args, Path(folder))
        findings = violations = 0
        for path in copies[:len(rendered)]:  # warm: imports, profile, the templates' styles
            check_document(path)
        vbgen_times, naive_times, worker_times = [], [], []
        for _ in range(args.repeat):  # interleaved, so a busy moment of a shared machine hits both
            vbgen_times.append(timed_check(copies))
            naive_times.append(timed(naive_read, copies))
            if args.jobs > 1:
                worker_times.append(timed_check(copies, args.jobs))
        for path in copies:
            result = check_document(path)
            findings += len(result)
            violations += sum(f.severity == VIOLATION for f in result)
        sizes = by_size(copies, args.repeat)
    best, naive_best = min(vbgen_times), min(naive_times)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; best of {args.repeat} runs over "
          f"{len(copies)} documents ({f'the files under {args.real}' if args.real else f'copies of {len(rendered)} rendered examples'}); {findings} findings, "
          f"{violations} violations")
    print(f"vbgen check: {len(copies) / best:.1f} documents/s ({1000 * best / len(copies):.1f} ms each; "
          f"median run {len(copies) / statistics.median(vbgen_times):.1f}/s)")
    print(f"naive python-docx open + read, same files: {len(copies) / naive_best:.1f} documents/s "
          f"(median run {len(copies) / statistics.median(naive_times):.1f}/s)")
    print(f"vbgen check / naive = {naive_best / best:.2f}x faster (medians: "
          f"{statistics.median(naive_times) / statistics.median(vbgen_times):.2f}x)")
    if worker_times:
        print(f"vbgen check over {args.jobs} worker processes (vbgen check --jobs {args.jobs}; not in one process): "
              f"{len(copies) / min(worker_times):.1f} documents/s, {naive_best / min(worker_times):.2f}x the naive "
              f"loop; {os.cpu_count()} cores")
    for label, (count, rate, naive_rate) in sizes.items():
        print(f"  {label}: {count} documents, vbgen {rate:.0f} docs/s, naive {naive_rate:.0f} docs/s "
              f"({rate / naive_rate:.2f}x)")


def by_size(paths: list[Path], repeat: int) -> dict[str, tuple[int, float, float]]:
    """Best rates of vbgen and naive over the documents of each size (paragraphs as check reads them)."""
    from vbgen.check.docx_reader import DocxReader

    groups: dict[str, list[Path]] = {}
    for path in paths:
        count = len(DocxReader(path).paragraphs)
        label = "up to 50 paragraphs" if count <= 50 else "51-100 paragraphs" if count <= 100 else "over 100 paragraphs"
        groups.setdefault(label, []).append(path)
    out = {}
    for label in ("up to 50 paragraphs", "51-100 paragraphs", "over 100 paragraphs"):
        group = groups.get(label)
        if group:
            vbgen = min(timed_check(group) for _ in range(repeat))
            naive = min(timed(naive_read, group) for _ in range(repeat))
            out[label] = (len(group), len(group) / vbgen, len(group) / naive)
    return out


def documents(args, folder: Path) -> tuple[list[Path], list[Path]]:
    """(the distinct files, the files to time): a folder's .docx files, or N copies of the rendered examples."""
    if args.real:
        files = sorted(args.real.rglob("*.docx"))
        if not files:
            sys.exit(f"no .docx under {args.real}")
        return files, files
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
    return rendered, copies


def naive_read(path: Path) -> int:
    """What a script does to look at a .docx: open it, read each paragraph's text and its runs' fonts."""
    from docx import Document

    doc = Document(str(path))
    count = 0
    for paragraph in doc.paragraphs:
        count += len(paragraph.text)
        for run in paragraph.runs:
            count += bool(run.font.size) + bool(run.bold)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                count += len(cell.text)
    for section in doc.sections:
        count += int(section.left_margin or 0) > 0
    return count


def timed_check(paths: list, jobs: int = 1) -> float:
    """Seconds ``check_files`` takes over ``paths`` (every file must be readable)."""
    start = time.perf_counter()
    for path, _rules, result in check_files(paths, jobs=jobs):
        if not isinstance(result, list):
            sys.exit(f"{path}: {result}")
    return time.perf_counter() - start


def timed(function, paths: list) -> float:
    start = time.perf_counter()
    for path in paths:
        function(path)
    return time.perf_counter() - start


def scale(source: Path) -> None:
    """Check time as the body grows: the document's paragraphs 10–60 repeated 10 and 100 times."""
    import copy

    from docx import Document

    with tempfile.TemporaryDirectory() as folder:
        for times in (1, 10, 100):
            doc = Document(str(source))
            paragraphs = [p for p in doc.element.body if p.tag.endswith("}p")][10:60]
            for _ in range(times - 1):
                for p in paragraphs:
                    paragraphs[-1].addnext(copy.deepcopy(p))
            path = Path(folder) / f"x{times}.docx"
            doc.save(str(path))
            start = time.perf_counter()
            findings = check_document(path)
            elapsed = time.perf_counter() - start
            print(f"x{times}: {len(doc.paragraphs)} paragraphs checked in {elapsed:.2f} s "
                  f"({1000 * elapsed / len(doc.paragraphs):.2f} ms each), {len(findings)} findings")


if __name__ == "__main__":
    main()
