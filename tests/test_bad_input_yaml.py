"""Hostile or damaged plan YAML (issue 8 "Bad input and faults"): alias bombs, deep nesting, NUL and
ESC bytes, characters XML cannot hold, header names folded by YAML. One line with file and line,
exit 2 (or a warning and a good document), never a traceback or a hang."""
import time

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import FIXTURES
from vbgen.cli import cli

TEXT = (FIXTURES / "state-plan.yaml").read_text(encoding="utf-8")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def write(tmp_path, text, name="plan.yaml", binary=False):
    path = tmp_path / name
    if binary:
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def billion_laughs() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for prev, name in zip("abcdefgh", "bcdefghi"):
        text += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    return TEXT + text.replace("a: &a", "x_a: &a")


def test_alias_bomb_is_refused_quickly_with_its_line(tmp_path):
    text = billion_laughs()
    path = write(tmp_path, text)
    start = time.perf_counter()
    result = run("make-plan", path)
    assert time.perf_counter() - start < 20
    assert result.exit_code == 2 and "Traceback" not in result.output
    [line] = result.output.strip().splitlines()
    bomb_line = text.splitlines().index(next(l for l in text.splitlines() if l.startswith("f: &f"))) + 1
    assert line.startswith(f"vbgen: {path}:{bomb_line}: aliases (*name) here expand to more than 100,000 values")


def test_ordinary_aliases_still_work(tmp_path):
    text = TEXT.replace("  name: SỞ NỘI VỤ", "  name: &ten SỞ NỘI VỤ").replace(
        "title: Thực hiện", "x_unused: 0\ntitle: Thực hiện")
    text = text.replace("x_unused: 0\n", "")
    path = write(tmp_path, text.replace("archive: VT, XDCQ", "archive: VT, XDCQ\nclosing2: *ten"))
    result = run("make-plan", path)
    assert "closing2: is not a known key" in result.output  # the alias itself loaded fine


@pytest.mark.parametrize("nesting", [
    "x: " + "[" * 10000 + "]" * 10000 + "\n",
    "x: " + "{a: " * 10000 + "1" + "}" * 10000 + "\n",
    "x:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(3000)),  # 4.5 M spaces
    "x:\n" + "- " * 10000 + "1\n",
], ids=["flow-lists", "flow-groups", "indented-keys", "dashes"])
def test_ten_thousand_deep_nesting_is_one_line_with_file_and_line(tmp_path, nesting):
    path = write(tmp_path, TEXT + nesting)
    start = time.perf_counter()
    result = run("make-plan", path)
    assert time.perf_counter() - start < 20
    assert result.exit_code == 2 and "Recursion" not in result.output and "Traceback" not in result.output
    [line] = result.output.strip().splitlines()
    first = TEXT.count("\n") + 1
    assert line.startswith(f"vbgen: {path}:") and "nested more than 64 levels" in line
    assert int(line.split(":")[2]) >= first


def test_nul_byte_is_one_line_with_file_and_line(tmp_path):
    text = TEXT.replace("place: Bắc Kạn", "place: Bắc\x00 Kạn")
    path = write(tmp_path, text)
    result = run("make-plan", path)
    assert result.exit_code == 2
    assert result.output.strip() == (f"vbgen: {path}:{text[:text.index(chr(0))].count(chr(10)) + 1}: contains "
                                     "a NUL character (U+0000), which plan text cannot hold; delete it "
                                     "(it usually comes from pasting)")


def test_utf16_file_says_to_save_as_utf8(tmp_path):
    path = write(tmp_path, TEXT.encode("utf-16-le"), binary=True)
    result = run("make-plan", path)
    assert result.exit_code == 2 and "UTF-16" in result.output and len(result.output.splitlines()) == 1


def test_raw_esc_byte_is_dropped_with_a_line_naming_file_and_line(tmp_path):
    text = TEXT.replace("title: Thực hiện", "title: Thực\x1b hiện")
    path = write(tmp_path, text)
    result = run("make-plan", path, "-o", tmp_path / "out.docx")
    assert result.exit_code == 0, result.output
    line = text[:text.index("\x1b")].count("\n") + 1
    assert f"vbgen: {path}:{line}: dropped 1 invisible control character(s) (U+001B)" in result.output
    body = "\n".join(p.text for p in Document(str(tmp_path / "out.docx")).paragraphs)
    assert "Thực hiện công tác" in body.replace("\n", " ") and "\x1b" not in body


FIELDS = [  # (text to replace, with an escaped character XML cannot hold, field)
    ("- dash: Nâng cao nhận thức", '- dash: "Nâng cao\\uFFFE nhận thức', "body[0].items[0].items[0].dash"),
    ("- text: Bám sát", '- text: "Bám\\uFFFF sát', "body[0].items[1].items[0].text"),
    ("title: Thực hiện công tác dân vận chính quyền năm 2025",
     'title: "Thực hiện công tác\\x1b dân vận chính quyền năm 2025"', "title"),
    ("  name: SỞ NỘI VỤ", '  name: "SỞ NỘI\\uFFFE VỤ"', "issuer.name"),
    ("  name: Nguyễn Văn A", '  name: "Nguyễn\\0 Văn A"', "signature.name"),
]


@pytest.mark.parametrize("old, new, field", FIELDS, ids=[f[2] for f in FIELDS])
def test_characters_xml_cannot_hold_are_dropped_with_file_line_field_everywhere(tmp_path, old, new, field):
    assert TEXT.count(old) == 1
    if new.count('"') == 1:  # close the quotes at the end of that line
        start = TEXT.index(old)
        end = TEXT.index("\n", start)
        text = TEXT[:start] + new + TEXT[start + len(old):end] + '"' + TEXT[end:]
    else:
        text = TEXT.replace(old, new)
    path = write(tmp_path, text)
    out = tmp_path / "out.docx"
    result = run("make-plan", path, "-o", out)
    assert result.exit_code == 0, result.output
    line = text[:text.index(new)].count("\n") + 1
    assert f"vbgen: {path}:{line}: {field}: dropped 1 character(s) a Word document cannot hold" in result.output
    doc = Document(str(out))
    text_out = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert not any(ch in text_out for ch in "\ufffe\uffff\x1b\x00")


def test_recipient_with_uffff_is_warned_about_not_silently_dropped(tmp_path):
    start = TEXT.index("recipients:\n")
    first = TEXT.index("  - ", start)
    end = TEXT.index("\n", first)
    recipient = TEXT[first + 4:end]
    text = TEXT[:first] + f'  - "{recipient}\\uFFFF"' + TEXT[end:]
    path = write(tmp_path, text)
    result = run("make-plan", path, "-o", tmp_path / "out.docx")
    assert result.exit_code == 0, result.output
    assert f"{path}:{text[:first].count(chr(10)) + 1}: recipients[0]: dropped 1 character(s)" in result.output


@pytest.mark.parametrize("written", [
    "  name: SỞ NỘI VỤ\n    TỈNH BẮC KẠN\n",
    '  name: "SỞ NỘI VỤ\n    TỈNH BẮC KẠN"\n',
    "  name: >\n    SỞ NỘI VỤ\n    TỈNH BẮC KẠN\n",
])
def test_header_name_folded_by_yaml_is_warned_about(tmp_path, written):
    text = TEXT.replace("  name: SỞ NỘI VỤ\n", written)
    path = write(tmp_path, text)
    result = run("make-plan", path, "-o", tmp_path / "out.docx")
    assert result.exit_code == 0, result.output
    line = text.index(written)
    line = text[:line].count("\n") + 1
    assert (f'vbgen: {path}:{line}: issuer.name: the name runs over two lines and YAML joins them into one '
            '("SỞ NỘI VỤ TỈNH BẮC KẠN"); to print it on two lines write it in double quotes with \\n') \
        in result.output
    assert "or put | after 'name:'" in result.output


@pytest.mark.parametrize("written", [
    '  name: "SỞ NỘI VỤ\\nTỈNH BẮC KẠN"\n',
    "  name: |\n    SỞ NỘI VỤ\n    TỈNH BẮC KẠN\n",
])
def test_header_name_with_its_line_break_kept_is_not_warned_about(tmp_path, written):
    path = write(tmp_path, TEXT.replace("  name: SỞ NỘI VỤ\n", written))
    out = tmp_path / "out.docx"
    result = run("make-plan", path, "-o", out)
    assert result.exit_code == 0 and "joins them" not in result.output
    header = Document(str(out)).tables[0].cell(0, 0).text
    assert "SỞ NỘI VỤ\nTỈNH BẮC KẠN" in header


def test_an_empty_file_says_so(tmp_path):
    path = write(tmp_path, "# nothing yet\n")
    result = run("make-plan", path)
    assert result.exit_code == 2
    assert result.output.strip() == f"vbgen: {path}:1: the file is empty; write a plan (rules:, issuer:, body: …) in it"


def test_a_legacy_encoding_names_the_first_line_that_is_not_utf8(tmp_path):
    text = TEXT.replace("place: Bắc Kạn", "place: Bac Kan")
    data = text.encode("cp1258", errors="replace")
    path = write(tmp_path, data, binary=True)
    first = next(i for i, line in enumerate(data.splitlines(), 1) if not line.isascii())
    result = run("make-plan", path)
    assert result.exit_code == 2
    assert result.output.strip() == (f"vbgen: {path}:{first}: not UTF-8 text (first at this line); "
                                     "save the file as UTF-8")


def test_a_key_written_twice_names_the_second_line(tmp_path):
    text = TEXT.replace("place: Bắc Kạn", "place: Bắc Kạn\nplace: Chợ Đồn")
    path = write(tmp_path, text)
    result = run("make-plan", path)
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"vbgen: {path}:{line_number(text, 'place: Chợ Đồn')}: YAML syntax error: found "
                           "duplicate key")
    assert line.endswith("a key may appear only once in a group; keep one of them")


def line_number(text, fragment):
    return text[:text.index(fragment)].count("\n") + 1


def fuzzed_value(rng) -> str:
    pools = [range(0, 0x20), range(0x7F, 0xA0), [0xFFFE, 0xFFFF, 0xFEFF, 0xD800, 0xDFFF, 0x200B, 0x202E, 0x0301],
             range(0x20, 0x7F), range(0x1EA0, 0x1F00), [0x1F600, 0x10FFFF]]
    text = "".join(chr(rng.choice(list(rng.choice(pools)))) for _ in range(rng.randint(1, 12)))
    return text + rng.choice(["", "{{ 7*7 }}", "{% raw %}", "**b**", "&<>", "{value}", "%s"])


def test_fuzzed_text_in_every_kind_of_field_renders_or_is_one_line(tmp_path):
    import json
    import random
    rng = random.Random(8)
    items = "".join(f"      - dash: {json.dumps(fuzzed_value(rng))}\n" for _ in range(300))
    text = TEXT[:TEXT.index("body:\n")] + "body:\n  - section: Nhiệm vụ\n    items:\n" + items + \
        TEXT[TEXT.index("closing:"):]
    for start, value in (("title: ", "Thực hiện công tác dân vận chính quyền năm 2025"),
                         ("  name: ", "Nguyễn Văn A"), ("  - ", "UBND tỉnh (b/c)"), ("place: ", "Bắc Kạn")):
        assert text.count(start + value + "\n") == 1
        text = text.replace(start + value + "\n", start + json.dumps(value + fuzzed_value(rng)) + "\n")
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    out = tmp_path / "fuzz.docx"
    result = run("make-plan", path, "-o", out)
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    doc = Document(str(out))
    shown = "".join(p.text for p in doc.paragraphs) + "".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert not any(ch in shown for ch in "\ufffe\uffff\x00\x1b")
    assert "dropped" in result.output


def test_damaged_plan_files_never_end_in_a_traceback(tmp_path):
    import random
    from vbgen.errors import VbgenError
    from vbgen.sources import open_plan
    rng = random.Random(12)
    lines = TEXT.splitlines(keepends=True)
    for trial in range(120):
        damaged = list(lines)
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(damaged))
            how = rng.randrange(5)
            if how == 0:
                del damaged[i]
            elif how == 1:
                damaged.insert(i, damaged[rng.randrange(len(damaged))])
            elif how == 2:
                damaged[i] = " " * rng.randint(1, 6) + damaged[i]
            elif how == 3 and len(damaged[i]) > 2:
                j = rng.randrange(len(damaged[i]) - 1)
                damaged[i] = damaged[i][:j] + rng.choice(":-[]{}&*!|>'\"#%@`,?") + damaged[i][j + 1:]
            else:
                damaged[i] = damaged[i].replace(":", "", 1)
        path = tmp_path / f"d{trial}.yaml"
        path.write_text("".join(damaged), encoding="utf-8")
        try:
            open_plan(path)
        except VbgenError as error:
            assert str(error).startswith(str(path)) and "Traceback" not in str(error)


def test_merge_keys_share_values_and_mistakes_still_name_a_line(tmp_path):
    common = "x_common: &common\n  role: task\n  lead: Phòng Nội vụ\n"
    tasks = ("body:\n  - section: Nhiệm vụ\n    items:\n"
             "      - dash: Việc một.\n        <<: *common\n        id: a\n"
             "      - dash: Việc hai.\n        <<: *common\n        id: b\n")
    text = TEXT[:TEXT.index("body:\n")] + tasks + TEXT[TEXT.index("closing:"):]
    text_with = text.replace("rules: state\n", "rules: state\n" + common)
    path = write(tmp_path, text_with)
    result = run("make-plan", path, "-o", tmp_path / "out.docx")
    assert result.exit_code == 2  # x_common is not a plan key: named with its line, nothing crashes
    assert result.output.strip() == (f"vbgen: {path}:{line_number(text_with, 'x_common')}: x_common: is not a "
                                     "known key; check its spelling or remove it")
    bad = text.replace("rules: state\n", "rules: state\n" + common.replace("role: task", "role: tsk"))
    path = write(tmp_path, bad, "bad.yaml")
    result = run("make-plan", path, "-o", tmp_path / "out.docx")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert all(line.startswith(f"vbgen: {path}:") for line in result.output.strip().splitlines())
