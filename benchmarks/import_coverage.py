"""Round trip of `vbgen import`: import each reference plan, render it, and measure how much of
the source comes back.

For every seed and corpus document (txt and docx) in ../shared/reference, and every Kế hoạch among the
real agency files of corpus-real/, it prints:

- sent, tbl, in order: the share of the source's body sentences (căn cứ/opening to the
  closing, cut at ". ; : ! ?"), the cells of tables standing in the body among them cell by
  cell, found in the
  rendered .docx in the same order (a body table is printed at its place, so its cells must
  come back between the sentences around it; "tbl" counts those cells among "sent");
- cells / found: the cells of the tables after the signature (phụ lục) and the sentences of
  footnotes, and the share of them found in the output (vbgen keeps footnotes as paragraphs at
  the end of the body, before the appendices, so these are looked for anywhere);
- the header fields, recipients and signature the importer recognised as such.

The source side is read independently of the importer (tests/seedtext.py normalisation): the
body runs from the first line after the tên loại that starts like an opening ("Căn cứ",
"Thực hiện", …) to "Nơi nhận". Run: python benchmarks/import_coverage.py [FILES…]
"""
from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from seedtext import clean_line, docx_lines, missing_in_order, normalise, split_sentences  # noqa: E402

REFERENCE = ROOT.parent / "shared" / "reference"
OPENING = ("Căn cứ", "Thực hiện", "Triển khai", "Để ", "Nhằm", "Theo ", "Trên cơ sở")
_DEBRIS = re.compile(r"^(?:\|?|[-_.…]{3,}|\d{1,3}|SOURCE:.*|#\s.*)$")
_LABEL = re.compile(
    r"^(?:(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})[.\-]|\d{1,2}(?:\.\d{1,2})*[.\-)]|[a-zđ]\))(?=\s|$)")


def reference_documents() -> list[Path]:
    """Every seed and corpus document, and the Kế hoạch among the real agency files (corpus-real/*_KH_*)."""
    found = sorted((REFERENCE / "seeds").glob("*.txt")) + sorted((REFERENCE / "corpus").glob("*.txt"))
    return (found + sorted((REFERENCE / "corpus").glob("*.docx"))
            + sorted((REFERENCE / "corpus-real").glob("*_KH_*.docx")))


def source_lines(path: Path) -> list[tuple[str, bool]]:
    """The source's lines, cleaned (seedtext), each with: is it a cell of a data table?"""
    raw = docx_lines(path, data_rows=True) if path.suffix == ".docx" else path.read_text(encoding="utf-8").splitlines()
    lines: list[tuple[str, bool]] = []
    for line in raw:
        line = re.sub(r"^[-_]{3,}(?=\w)", "", clean_line(line))
        cells = [c.strip() for c in line.split("|")] if "|" in line else [line]
        table = len(cells) >= 3 or (len(cells) == 2 and bool(lines) and lines[-1][1])
        for cell in cells:
            pieces = re.split(r"\s+/\s+|\s+/$", cell) if len(cells) > 1 else [cell]
            if table:
                pieces = [" ".join(" ".join(pieces).split())]
            for piece in pieces:
                piece = " ".join(piece.split())
                if not _DEBRIS.match(piece):
                    lines.append((piece, table))
    return lines


#: Where a source sentence stands: in the body text, in a table inside the body (both compared
#: in order), or after the signature (appendix cells and footnotes, looked for anywhere).
BODY, BODY_TABLE, AFTER = "body", "body table", "after"


def source_body(lines: list[tuple[str, bool]]) -> list[tuple[str, str]]:
    """Body sentences, each with where it stands (BODY, BODY_TABLE or AFTER): from the opening
    to "Nơi nhận" (tables there cell by cell), then the cells of tables and the footnotes after
    the signature. Trailing punctuation is dropped (the renderer ends the last căn cứ with "."
    and the body with "./.")."""
    texts = [t for t, _ in lines]
    type_at = next(i for i, l in enumerate(texts) if l.strip(" *") in ("KẾ HOẠCH", "BÁO CÁO"))
    start = next(i for i in range(type_at + 1, len(texts)) if texts[i].startswith(OPENING))
    end = next((i for i in range(start, len(texts)) if texts[i].startswith("Nơi nhận")), len(texts))
    pieces: list[tuple[list[str], bool, str]] = [([], False, BODY)]
    after = []  # after the signature: appendix table cells and footnotes, looked for anywhere
    in_footnote = False
    for line, table in lines[end:]:
        in_footnote = bool(re.match(r"^\[\d+\]", line)) or (in_footnote and not table)
        if table or in_footnote:
            after.append((re.sub(r"^\[\d+\]\s*", "", line), True))
    body = [(line, table, BODY_TABLE if table else BODY) for line, table in lines[start:end]]
    for line, table, where in body + [(line, True, AFTER) for line, _ in after]:
        if (table or pieces[-1][1] or _LABEL.match(line) or re.match(r"^[-+](?=\s|$)", line)
                or re.match(r"^[a-zđ]\.\s", line)):
            pieces.append(([], table, where))
        pieces[-1][0].append(normalise(re.sub(r"^[a-zđ]\.\s+(?=\S)", "", line)))
    out: list[tuple[str, str]] = []
    for piece, _table, where in pieces:
        text = ""
        for part in piece:
            if part:
                glue = "" if re.search(r"\w-$", text) else " "
                text = (text + glue + part) if text else part
        for sentence in split_sentences(" ".join(text.split())):
            sentence = sentence.rstrip(".;:, ")
            if sentence and not re.fullmatch(r"[IVX]+|\d+|[IVX]+\.", sentence):
                out.append((sentence, where))
    return out


def measure(path: Path, workdir: Path) -> dict:
    """Import ``path``, render it, and compare (see the module docstring)."""
    from vbgen.importer import import_yaml
    from vbgen.sources import open_plan
    from vbgen.render import render_plan

    started = time.perf_counter()
    yaml_path = workdir / (path.stem + ".yaml")
    yaml_path.write_text(import_yaml(path), encoding="utf-8")
    plan = open_plan(yaml_path)
    out = render_plan(plan, workdir / (path.stem + ".docx"), force=True)
    seconds = time.perf_counter() - started
    out_lines = docx_lines(out)
    text = " ".join(normalise(l) for l in out_lines)
    found = source_body(source_lines(path))
    sentences = [s for s, where in found if where != AFTER]
    cells = [s for s, where in found if where == AFTER]
    missing = missing_in_order(sentences, text)
    absent = [s for s in cells if s not in text]
    return {
        "path": path, "plan": plan, "docx": out, "sentences": len(sentences), "missing": missing,
        "body_table_cells": sum(where == BODY_TABLE for _, where in found),
        "in_order": 1 - len(missing) / max(1, len(sentences)),
        "cells": len(cells), "absent_cells": absent,
        "cells_found": 1 - len(absent) / max(1, len(cells)),
        "seconds": seconds,
    }


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or reference_documents()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'document':46} {'sent':>5} {'tbl':>4} {'in order':>8} {'cells':>5} {'found':>6}  "
              "number/symbol place date | signer | Nơi nhận")
        for path in paths:
            r = measure(path, Path(tmp))
            p = r["plan"]
            header = f"{p.number or '-'}/{p.symbol or '-'} {p.place} {p.date or p.year or '-'}"
            sig = f"{p.signature.title or p.signature.on_behalf_of} {p.signature.name}"
            print(f"{path.name[:46]:46} {r['sentences']:5} {r['body_table_cells']:4} {r['in_order']:8.1%} "
                  f"{r['cells']:5} "
                  f"{r['cells_found']:6.1%}  "
                  f"{header} | {sig} | {len(p.recipients)} recipients, Lưu {p.archive} "
                  f"({r['seconds']:.2f}s)")
            if "-v" in sys.argv:
                for m in r["missing"] + r["absent_cells"]:
                    print("     missing:", m[:150])
    return 0


if __name__ == "__main__":
    sys.exit(main([a for a in sys.argv[1:] if a != "-v"]))
