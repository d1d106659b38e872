"""Each example reproduces its seed: every body sentence, in order, plus signer, Nơi nhận, Lưu.

The seeds are the plain text of real plans (/work/shared/reference/seeds); the examples are
their plan YAML. Both sides are normalised by :mod:`seedtext` (numbering labels, list dashes,
wrapped lines, broken glyphs), then each seed sentence must be found in the rendered .docx
after the previous one.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from seedtext import SEEDS, docx_lines, missing_in_order, normalise, read_seed
from vbgen.loader import load_plan
from vbgen.render import render_plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

#: (example, seed file, the words its body starts with)
CASES = [
    ("bac-kan-2025/ke-hoach-tinh.yaml", "004_63659504154f59a9.txt", "Căn cứ Kế hoạch số 141"),
    ("nghe-an-de-an-04/ke-hoach-ubnd-tinh.yaml", "003_6f831acf829c8ba2.txt",
     "Thực hiện Đề án số 04-ĐA/TU ngày 01/10/2021 của Ban Thường vụ Tỉnh ủy về"),
    ("nghe-an-de-an-04/ke-hoach-dang-uy-khoi.yaml", "001_de50c8dbc0430677.txt",
     "Thực hiện Đề án số 04- ĐA/TU"),
]
IDS = [seed.split("_")[0] for _, seed, _ in CASES]

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="reference seeds not on this machine")


@pytest.fixture(scope="module", params=CASES, ids=IDS)
def rendered(request, tmp_path_factory):
    example, seed_file, body_starts = request.param
    plan = load_plan(EXAMPLES / example)
    out = render_plan(plan, tmp_path_factory.mktemp("seed") / "x.docx")
    return read_seed(SEEDS / seed_file, body_starts), docx_lines(out)


def test_seed_parses_into_many_sentences(rendered):
    seed, _ = rendered
    assert len(seed.sentences) > 60, "the seed reader lost the body"


def test_every_body_sentence_appears_in_order(rendered):
    seed, lines = rendered
    text = " ".join(normalise(line) for line in lines)
    missing = missing_in_order(seed.sentences, text)
    assert not missing, (f"{len(missing)} of {len(seed.sentences)} sentences of {seed.path.name} "
                         "missing or out of order:\n" + "\n".join(f"  - {m}" for m in missing))


def _bare(line: str) -> str:
    """A recipient line without its "- " and its ";" / "," / "." ending."""
    text = normalise(line)
    return text.rstrip(";,.").strip()


def test_every_recipient_line_appears_in_order(rendered):
    seed, lines = rendered
    assert seed.recipients, "the seed reader found no Nơi nhận lines"
    bare = [_bare(line) for line in lines]
    missing, cursor = [], 0
    for recipient in seed.recipients:
        try:
            cursor = bare.index(_bare(recipient), cursor) + 1
        except ValueError:
            missing.append(recipient)
    assert not missing, f"Nơi nhận lines missing or out of order: {missing}"


def test_archive_line_appears(rendered):
    seed, lines = rendered
    archive = [normalise(line) for line in lines if normalise(line).startswith("Lưu")]
    assert len(archive) == 1, f"expected one Lưu line, found {archive}"
    assert archive[0].rstrip(".").split(maxsplit=1)[1].lstrip(": ") == seed.archive


def test_signer_title_and_name_appear(rendered):
    seed, lines = rendered
    normalised = [normalise(line).casefold() for line in lines]
    assert seed.signer_name.casefold() in normalised
    assert seed.signer_title.casefold() in normalised
    assert normalised.index(seed.signer_title.casefold()) < normalised.index(seed.signer_name.casefold())
