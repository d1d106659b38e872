"""Each example reproduces its seed: every body sentence, in order, plus signer, Nơi nhận, Lưu.

The seeds are the plain text of real plans (../shared/reference/seeds beside the repository); the examples are
their plan YAML. Both sides are normalised by :mod:`seedtext` (numbering labels, list dashes,
wrapped lines, broken glyphs), then each seed sentence must be found in the rendered .docx
after the previous one.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from reference import SEEDS
from seedtext import docx_lines, missing_in_order, normalise, read_seed
from vbgen.sources import open_plan
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
    plan = open_plan(EXAMPLES / example)
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
    archive = [normalise(line) for line in lines if line.strip().startswith("- Lưu")]
    assert len(archive) == 1, f"expected one Lưu line, found {archive}"
    assert archive[0].rstrip(".").split(maxsplit=1)[1].lstrip(": ") == seed.archive


def test_signer_title_and_name_appear(rendered):
    seed, lines = rendered
    normalised = [normalise(line).casefold() for line in lines]
    assert seed.signer_name.casefold() in normalised
    assert seed.signer_title.casefold() in normalised
    assert normalised.index(seed.signer_title.casefold()) < normalised.index(seed.signer_name.casefold())


# The normaliser itself: what it removes must be exactly numbering, list marks and debris.

@pytest.mark.parametrize("raw, expected", [
    ("IV- LỘ TRÌNH THỰC HIỆN", "LỘ TRÌNH THỰC HIỆN"),
    ("I. MỤC ĐÍCH, YÊU CẦU", "MỤC ĐÍCH, YÊU CẦU"),
    ("2.1. Tuyên truyền, quán triệt", "Tuyên truyền, quán triệt"),
    ("đ) Điểm thứ năm", "Điểm thứ năm"),
    ("- Ban Thƣờng vụ  Đảng ủy", "Ban Thường vụ Đảng ủy"),
    ("**TM. ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN"),
    ("kinh tế - xã hội", "kinh tế xã hội"),
    ("nghiêm túc triển khai thực hiện./.", "nghiêm túc triển khai thực hiện."),
    ("2022. Xong", "2022. Xong"),          # a year is not a label
    ("1-2 bậc/năm.", "1-2 bậc/năm."),
    ("Co\u0302ng ta\u0301c", "Công tác"),  # decomposed input comes out NFC
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_seed_001_is_repaired_and_rejoined():
    seed = read_seed(SEEDS / "001_de50c8dbc0430677.txt", "Thực hiện Đề án số 04- ĐA/TU")
    text = " ".join(seed.sentences)
    assert "ƣ" not in text and "Ƣ" not in text
    assert "Nghị quyết số 02-NQ/ĐUK ngày 26/12/2017" in text  # a word-hyphen wrapped over two lines
    assert seed.sentences[0].startswith("Thực hiện Đề án số 04- ĐA/TU, ngày 01 tháng 10 năm 2021")
    assert seed.sentences[-1].endswith("về Ban Thường vụ Đảng ủy Khối (qua Ban Tuyên giáo).")
    assert seed.archive == "BTG, VP" and seed.signer_name == "Nguyễn Thị Kim Chi"


def test_missing_in_order_reports_dropped_and_moved():
    assert missing_in_order(["a b.", "c d.", "e f."], "a b. c d. e f.") == []
    assert missing_in_order(["a b.", "c d.", "e f."], "a b. e f.") == ["c d."]
    assert missing_in_order(["a b.", "c d.", "e f."], "c d. a b. e f.") == ["c d."]
