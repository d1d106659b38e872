"""Validation messages a clerk can act on (issue 8 "lines and fields missing", issue 12 §2): every
mistake of a file at once, sorted by line, each naming file:line: field; "did you mean …?" for a
misspelt key; "is empty; fill it in"; impossible dates; duplicate ids with both lines."""
import time

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from vbgen.cli import cli
from vbgen.errors import VbgenError, VbgenErrors
from vbgen.sources import open_plan

TEXT = (FIXTURES / "state-plan.yaml").read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    assert text.count(fragment) == 1, fragment
    return text[:text.index(fragment)].count("\n") + 1


def write(tmp_path, text, name="plan.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path) -> VbgenError:
    with pytest.raises(VbgenError) as caught:
        open_plan(path)
    return caught.value


@pytest.mark.parametrize("written, shown", [("2025-02-30", "30/02/2025"), ("2025-13-01", "01/13/2025"),
                                            ("2025-04-31", "31/04/2025")])
def test_impossible_date_names_file_line_and_field(tmp_path, written, shown):
    text = TEXT.replace("date: 2025-03-05", f"date: {written}")
    path = write(tmp_path, text)
    error = error_of(path)
    assert str(error).startswith(f"{path}:{line_of(text, 'date: ')}: date: {shown} is not a real date")


def test_empty_body_names_its_line(tmp_path):
    start, end = TEXT.index("body:\n"), TEXT.index("closing:")
    text = TEXT[:start] + "body: []\n" + TEXT[end:]
    path = write(tmp_path, text)
    assert str(error_of(path)) == (f"{path}:{line_of(text, 'body: []')}: body: the body is empty; "
                                   "add at least one section or paragraph")


def test_duplicate_id_names_both_lines(tmp_path):
    text = TEXT.replace("id: hai-long", "id: kinh-phi")
    path = write(tmp_path, text)
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if line.strip() == "id: kinh-phi"]
    assert str(error_of(path)) == (f"{path}:{lines[1]}: body[1].items[1].id: duplicate id 'kinh-phi' "
                                   f"(first used on line {lines[0]}); give every target and task its own id")


def test_duplicate_ids_are_found_in_linear_time(tmp_path):
    def plan(n):
        tasks = "".join(f"      - dash: Việc {i}.\n        id: t{i}\n" for i in range(n))
        return TEXT[:TEXT.index("body:\n")] + "body:\n  - section: Nhiệm vụ\n    items:\n" + tasks + \
            "      - dash: Lặp.\n        id: t0\n" + TEXT[TEXT.index("closing:"):]
    timings = []
    for n in (300, 3000):
        path = write(tmp_path, plan(n), f"plan{n}.yaml")
        start = time.perf_counter()
        error = error_of(path)
        timings.append(time.perf_counter() - start)
        assert "duplicate id 't0'" in str(error)
    assert timings[1] < timings[0] * 40  # 10x the tasks: about 10x the time, not 100x


def test_type_with_a_path_is_refused_with_its_line(tmp_path):
    text = TEXT.replace("type: ke-hoach", "type: ../../../etc/passwd")
    path = write(tmp_path, text)
    error = error_of(path)
    assert (error.file, error.line, error.field) == (str(path), line_of(text, "type: "), "type")
    assert "not a path" in error.message


@pytest.mark.parametrize("old, new, field, hint", [
    ("  abbreviation: SNV", "  abreviation: SNV", "issuer.abreviation", "abbreviation"),
    ("title: Thực", "titel: Thực", "titel", "title"),
    ("signature:\n", "singature:\n", "singature", "signature"),
    ("  full_name: Sở", "  full_nam: Sở", "issuer.full_nam", "full_name"),
])
def test_misspelt_key_is_named_on_its_own_line_with_did_you_mean(tmp_path, old, new, field, hint):
    text = TEXT.replace(old, new, 1)
    path = write(tmp_path, text)
    error = error_of(path)
    assert str(error) == f"{path}:{line_of(text, new)}: {field}: is not a known key; did you mean {hint}?"
    assert "is missing" not in str(error)


def test_unknown_key_without_a_close_match_is_still_named(tmp_path):
    text = TEXT.replace("place: Bắc Kạn", "place: Bắc Kạn\nxyz: 1")
    path = write(tmp_path, text)
    assert str(error_of(path)) == (f"{path}:{line_of(text, 'xyz:')}: xyz: is not a known key; "
                                   "check its spelling or remove it")


@pytest.mark.parametrize("old, new, field", [
    ("  name: SỞ NỘI VỤ\n", "  name:\n", "issuer.name"),
    ("place: Bắc Kạn\n", "place:\n", "place"),
    ("  name: Nguyễn Văn A\n", "  name:\n", "signature.name"),
    ("rules: state\n", "rules:\n", "rules"),
])
def test_key_with_nothing_after_it_is_empty_not_of_the_wrong_kind(tmp_path, old, new, field):
    text = TEXT.replace(old, new)
    path = write(tmp_path, text)
    assert str(error_of(path)) == f"{path}:{line_of(text, new)}: {field}: is empty; fill it in"


BROKEN = [  # (replace, with): seven mistakes in one file
    ("type: ke-hoach", "type: ../x"),
    ("  name: SỞ NỘI VỤ", "  name:"),
    ("  abbreviation: SNV", "  abreviation: SNV"),
    ("date: 2025-03-05", "date: 2025-02-30"),
    ("title: Thực", "titel: Thực"),
    ("id: hai-long", "id: kinh-phi"),
    ("signature:\n", "singature:\n"),
]


def broken_text():
    text = TEXT
    for old, new in BROKEN:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_every_mistake_is_reported_at_once_sorted_by_line(tmp_path):
    path = write(tmp_path, broken_text())
    error = error_of(path)
    assert isinstance(error, VbgenErrors) and len(error.errors) == len(BROKEN)
    lines = [e.line for e in error.errors]
    assert lines == sorted(lines) and None not in lines
    assert [e.field for e in error.errors] == ["type", "issuer.name", "issuer.abreviation", "date", "titel",
                                               "body[1].items[1].id", "singature"]
    assert (error.file, error.line, error.field) == (str(path), lines[0], "type")  # behaves as the first


def test_cli_prints_each_mistake_on_its_own_line_and_exits_2(tmp_path):
    path = write(tmp_path, broken_text())
    result = CliRunner().invoke(cli, ["make-plan", str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == len(BROKEN) and all(line.startswith(f"vbgen: {path}:") for line in lines)
    assert "did you mean abbreviation?" in lines[2] and "did you mean signature?" in lines[-1]
    assert "Traceback" not in result.output and not (tmp_path / "plan.docx").exists()


def test_at_most_twenty_mistakes_then_how_many_more(tmp_path):
    extra = "".join(f"extra{i}: 1\n" for i in range(25))
    path = write(tmp_path, TEXT + extra)
    result = CliRunner().invoke(cli, ["make-plan", str(path)])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 21
    assert lines[-1] == f"vbgen: {path}: … and 5 more problems; fix these first, then run again"


def test_unit_file_mistakes_are_all_reported_with_did_you_mean(tmp_path):
    import shutil
    from conftest import EXAMPLES
    for name in ("ke-hoach-tinh.yaml", "huyen-cho-don.yaml"):
        shutil.copy(EXAMPLES / "bac-kan-2025" / name, tmp_path / name)
    unit = tmp_path / "huyen-cho-don.yaml"
    text = unit.read_text(encoding="utf-8")
    assert "\nissuer:" in text and "\narchive:" in text
    text = text.replace("\nissuer:", "\nisuer:").replace("\narchive:", "\narchiv:")
    unit.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["derive", str(unit), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 2
    assert f"{unit}:{line_of(text, 'isuer:')}: isuer: is not a known key; did you mean issuer?" in result.output
    assert "did you mean archive?" in result.output


def test_every_mistake_in_vietnamese_with_lines_and_did_you_mean(tmp_path):
    path = write(tmp_path, broken_text())
    result = CliRunner().invoke(cli, ["--lang", "vi", "make-plan", str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    text = broken_text()
    assert len(lines) == len(BROKEN)
    assert lines[2] == (f"vbgen: {path}, dòng {line_of(text, '  abreviation:')}: issuer.abreviation: không phải "
                        "là tên mục vbgen biết; có phải ý bạn là abbreviation?")
    assert f"dòng {line_of(text, 'date: ')}: date (ngày ban hành): ngày 30/02/2025 không có thật" in lines[3]
    assert "issuer.name (tên cơ quan ban hành): đang để trống; hãy điền vào" in lines[1]
