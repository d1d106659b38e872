"""Plans as they arrive from PDFs nobody on the team has seen: render an example plan, print it
to PDF with LibreOffice, extract the text with pdftotext (plain, and -layout with the header
and signature columns side by side), import that text, render it again, and compare."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from import_coverage import measure  # noqa: E402
from vbgen.sources import open_plan  # noqa: E402
from vbgen.render import render_plan  # noqa: E402

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                reason="needs LibreOffice (soffice) and pdftotext")

EXAMPLES = [("bac-kan-2025/ke-hoach-tinh.yaml", "state"),
            ("nghe-an-de-an-04/ke-hoach-dang-uy-khoi.yaml", "party")]


@pytest.fixture(scope="module")
def pdf_texts(tmp_path_factory):
    work = tmp_path_factory.mktemp("pdf")
    out = {}
    for example, rules in EXAMPLES:
        original = open_plan(ROOT / "examples" / example)
        docx = render_plan(original, work / (Path(example).stem + f"-{rules}.docx"))
        subprocess.run(["soffice", f"-env:UserInstallation={(work / 'lo-profile').as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(docx)],
                       check=True, capture_output=True, timeout=180)
        pdf = docx.with_suffix(".pdf")
        for mode, flags in (("plain", []), ("layout", ["-layout"])):
            text = work / f"{docx.stem}.{mode}.txt"
            subprocess.run(["pdftotext", *flags, str(pdf), str(text)], check=True, timeout=60)
            out[(example, mode)] = (original, text)
    return out, work


@pytest.mark.parametrize("mode", ["plain", "layout"])
@pytest.mark.parametrize("example, rules", EXAMPLES)
def test_pdf_text_round_trip(pdf_texts, example, rules, mode):
    texts, work = pdf_texts
    original, text = texts[(example, mode)]
    result = measure(text, work)
    assert result["sentences"] > 60
    assert not result["missing"], result["missing"][:5]
    plan = result["plan"]
    assert plan.rules == rules
    assert plan.issuer.name == original.issuer.name
    assert plan.issuer.abbreviation == original.issuer.abbreviation
    assert (plan.number, plan.place) == (original.number, original.place)
    assert plan.signature == original.signature
    assert [r if isinstance(r, str) else r.note for r in plan.recipients] == \
        [r if isinstance(r, str) else r.note for r in original.recipients]
    assert plan.archive.rstrip(".") == original.archive.rstrip(".")
    # the same outline: top-level sections, in order
    assert [n.section for n in plan.body if n.kind == "section"] == \
        [n.section for n in original.body if n.kind == "section"]
