"""The fast YAML reader (libyaml, vbgen.yamlfast) gives what ruamel's round-trip loader gives: the same
values and types, the same line and column of every key and item, the same folded-name lines; files it
does not cover (merge keys, tags, duplicate keys, syntax errors) are read by ruamel as before."""
from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from vbgen import yamlfast
from vbgen.errors import VbgenError
from vbgen.yamlio import _Constructor, read_yaml

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(yamlfast.CParser is None, reason="PyYAML without libyaml: ruamel reads all")

SAMPLE = """\
rules: state
issuer:
  name: SỞ NỘI VỤ
    TỈNH BẮC KẠN
  parent: &parent "ỦY BAN NHÂN DÂN
    TỈNH BẮC KẠN"
dates: [2025-01-16, 2025-02-30, 2025-01-02 10:00:00]
numbers: {a: 010, b: 0o10, c: 0x1F, d: 1_000, e: 1.5, f: .inf, g: 1:20}
words: [yes, no, on, off, true, False, ~, null, '', "x"]
empty:
again: *parent
list: &tasks
  - dash: one
    id: t1
  -
    - nested
  - |
    literal
    text
  - >
    folded
    text
copy: *tasks
"""


def ruamel_read(text):
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    return yaml.load(io.StringIO(text)), yaml.constructor.folded


def fast_read(text):
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    return yamlfast.load(text, yaml.constructor)


def same(slow, fast, path="") -> None:
    """Equal values and types and equal line info; ruamel's wrappers of a folded or anchored text or
    number (plain text or numbers once cleaned) may be the plain type; a | text stays literal."""
    wrapper = type(slow).__module__.startswith("ruamel.yaml.scalar") and type(slow) is not LiteralScalarString
    assert type(fast) is type(slow) or (wrapper and type(fast) in (str, int, float, bool)), \
        (path, type(slow), type(fast))
    assert fast == slow, path
    if isinstance(slow, (CommentedMap, CommentedSeq)):
        assert (fast.lc.line, fast.lc.col) == (slow.lc.line, slow.lc.col), path
        places = slow.keys() if isinstance(slow, CommentedMap) else range(len(slow))
        for place in places:
            if isinstance(slow, CommentedMap):
                assert fast.lc.key(place) == slow.lc.key(place), (path, place)
                if slow[place] is not None:  # an empty value: ruamel marks the next line, never used
                    assert fast.lc.value(place) == slow.lc.value(place), (path, place)
            else:
                assert fast.lc.item(place) == slow.lc.item(place), (path, place)
            same(slow[place], fast[place], f"{path}/{place}")


def test_the_sample_reads_the_same_with_its_lines_and_folded_names():
    slow, folded = ruamel_read(SAMPLE)
    fast = fast_read(SAMPLE)
    assert fast is not None, "the fast reader left an ordinary plan to ruamel"
    same(slow, fast[0])
    assert fast[1] == folded == {3, 5, 20}  # the two header names and the > text
    assert fast[2] is True  # aliases used: the alias-bomb guard runs
    assert fast[0]["words"][:6] == ["yes", "no", "on", "off", True, False]  # YAML 1.2, as ruamel
    assert fast[0]["dates"][1] == "2025-02-30"  # an impossible date stays text for validation to name


def test_every_yaml_file_of_the_repository_reads_the_same():
    files = subprocess.run(["git", "ls-files", "*.yaml", "*.yml"], cwd=ROOT, capture_output=True,
                           text=True).stdout.split() or [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.yaml")]
    assert len(files) > 20
    for name in files:
        text = (ROOT / name).read_text(encoding="utf-8-sig")
        fast = fast_read(text)
        assert fast is not None, name
        slow, folded = ruamel_read(text)
        same(slow, fast[0], name)
        assert fast[1] == folded, name


@pytest.mark.parametrize("text", [
    "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",  # a merge key
    "a: !custom 1\n",  # a tag of its own
    "a: 1\na: 2\n",  # a duplicate key
    "%YAML 1.1\n---\na: yes\n",  # a directive
    "a: [1, 2\n",  # a syntax error
    "- a\n-\n- b\n",  # an empty item (ruamel puts it on the next line)
    "? [a, b]\n: c\n",  # a key that is not text
])
def test_what_the_fast_reader_does_not_cover_is_left_to_ruamel(text):
    assert fast_read(text) is None


def test_errors_keep_ruamels_words_and_lines(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("issuer:\n  name: A\n  name: B\nbody: []\n", encoding="utf-8")
    with pytest.raises(VbgenError) as caught:
        read_yaml(path)
    assert caught.value.line == 3 and "YAML syntax error: found duplicate key" in str(caught.value)
    path.write_text("issuer:\n  name: A: B\n", encoding="utf-8")
    with pytest.raises(VbgenError) as caught:
        read_yaml(path)
    assert caught.value.line == 2 and "mapping values are not allowed here" in str(caught.value)


def test_a_large_plan_without_aliases_keeps_keys_lines_and_cleaning(tmp_path):
    items = "".join(f"  - dash: \"Nhiệm vụ {i}\\x07\"\n    id: t{i}\n" for i in range(3))
    path = tmp_path / "plan.yaml"
    path.write_text("body:\n" + items, encoding="utf-8")
    with pytest.warns(Warning) as caught:
        data = read_yaml(path)
    assert [item["dash"] for item in data["body"]] == ["Nhiệm vụ 0", "Nhiệm vụ 1", "Nhiệm vụ 2"]
    messages = [str(w.message) for w in caught]
    assert any(f"{path}:4: body[1].dash: dropped 1 character(s)" in m for m in messages), messages
    assert data["body"].lc.item(2)[0] + 1 == 6 and data["body"][2].lc.key("id")[0] + 1 == 7
