"""Record or compare ``check`` findings, to show a speed change changed no finding (run by hand).

    python benchmarks/check_findings.py record before.json   # on the old code
    python benchmarks/check_findings.py compare before.json  # on the new code: exit 1 on any difference

Checks every examples/**/*.yaml rendered (into a temp folder), every .docx under tests/ and, when
present, ../shared/reference/corpus-real and corpus. Files are keyed by name, so a record made in
one worktree compares in another.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vbgen.check import check_document  # noqa: E402
from vbgen.errors import VbgenError  # noqa: E402
from vbgen.render import make_plan  # noqa: E402

SHARED = ROOT.parent / "shared" / "reference"


def findings(folder: Path) -> dict[str, object]:
    files: dict[str, Path] = {}
    for i, plan in enumerate(sorted((ROOT / "examples").rglob("*.y*ml"))):
        try:
            files[f"examples/{plan.relative_to(ROOT / 'examples')}"] = make_plan(plan, folder / f"example-{i}.docx")
        except Exception:  # a data file that is not a plan on its own
            continue
    for base, label in ((ROOT / "tests", "tests"), (SHARED / "corpus-real", "corpus-real"), (SHARED / "corpus", "corpus")):
        for path in sorted(base.rglob("*.docx")) if base.is_dir() else ():
            files[f"{label}/{path.relative_to(base)}"] = path
    result: dict[str, object] = {}
    for name, path in files.items():
        try:
            result[name] = [{k: v for k, v in f.as_dict().items() if k != "file"} for f in check_document(path)]
        except VbgenError as error:
            result[name] = f"refused: {error}".replace(str(path), "FILE")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        now = findings(Path(folder))
    if args.action == "record":
        args.json.write_text(json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        print(f"{len(now)} files, {sum(len(v) for v in now.values() if isinstance(v, list))} findings recorded")
        return
    before = json.loads(args.json.read_text(encoding="utf-8"))
    changed = sorted(name for name in before.keys() | now.keys() if before.get(name) != now.get(name))
    for name in changed:
        print(f"changed: {name}")
    print(f"{len(now)} files compared, {len(changed)} changed")
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
