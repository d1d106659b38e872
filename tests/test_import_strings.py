"""Every string round-trips exactly through the YAML `vbgen import` writes: text that looks like Jinja,
YAML or markdown (`{{ 7*7 }}`, `{% … %}`, `| pipe`, `>fold`, `@at`, `range(10**9)`) loads back identical,
from the writer (generated strings) and end to end from a .txt and a .docx source. Text files in legacy
encodings are converted, or refused with a line that says the encoding is the problem."""
from __future__ import annotations

import io
import unicodedata

import pytest
from click.testing import CliRunner
from docx import Document
from hypothesis import given, settings, strategies as st

from vbgen.cli import cli
from vbgen.importer import import_source
from vbgen.importer.cleanup import _legacy_tables
from vbgen.importer.document import Imported
from vbgen.importer.writer import to_yaml
from vbgen.yamlio import YAML

NASTY = ["{{ 7*7 }}", "{% for x in range(10**9) %}x{% endfor %}", "| pipe", "|pipe", ">fold", "> fold", "@at",
         "`tick", "range(10**9)", "2**3 + 4**5", "- dash", "? q", ": colon", "a: b", "a #b", "#hash", "'quote",
         '"dq', "*alias", "&anchor", "!tag", "%dir", "yes", "no", "null", "~", "1e3", "0x1F", "2025-01-01",
         "x\\ny", "…", "=", "[list]", "{map}", ",comma", "1.", "Điều 1.", "a '' b", "\\", "true", "on", ".inf",
         "{{ config.__class__ }}", "<b>&amp;</b>", "a\u2028b", "a\x85b", "a\u2029b", "tab\there"]


def _load(text: str) -> dict:
    return YAML(typ="safe").load(io.StringIO(text))


@pytest.mark.parametrize("value", NASTY)
def test_writer_round_trips_nasty_strings(value):
    data = {"title": value, "basis": [value], "body": [{"text": value, "_notes": [value]}],
            "signature": {"title": value, "name": value}}
    loaded = _load(to_yaml(Imported(data=data, notes={"title": value}, source=value,
                                    unplaced=[(1, value)])))
    assert loaded["title"] == value and loaded["basis"] == [value] and loaded["body"] == [{"text": value}]
    assert loaded["signature"] == {"title": value, "name": value}


def test_vbgens_own_reader_loads_them_back(tmp_path):
    """What make-plan reads (vbgen.yamlio.read_yaml) gets every nasty string back exactly."""
    from vbgen.yamlio import read_yaml

    path = tmp_path / "plan.yaml"
    path.write_text(to_yaml(Imported(data={"basis": NASTY}, source="x")), encoding="utf-8")
    assert read_yaml(path)["basis"] == NASTY


_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_TEXT, _TEXT)
def test_writer_round_trips_generated_strings(title, note):
    data = {"title": title, "body": [{"text": title, "_notes": [note]}], "recipients": [title]}
    loaded = _load(to_yaml(Imported(data=data, notes={"title": note}, source=note, unplaced=[(3, note)])))
    assert loaded["title"] == title and loaded["body"][0]["text"] == title and loaded["recipients"] == [title]


_WORDS = st.lists(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=14), min_size=10,
                  max_size=60).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_WORDS)
def test_long_text_wrapped_over_lines_loads_back_exactly(text):
    data = {"title": text, "body": [{"section": text, "items": [{"dash": text, "_notes": []}], "_notes": []}]}
    loaded = _load(to_yaml(Imported(data=data, source="x")))
    assert loaded["title"] == text and loaded["body"][0]["section"] == text
    assert loaded["body"][0]["items"][0]["dash"] == text


PLAN = """ỦY BAN NHÂN DÂN
TỈNH BẮC KẠN
Số: 21/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Kạn, ngày 16 tháng 01 năm 2025

KẾ HOẠCH
Triển khai công tác cải cách hành chính năm 2025

Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng phục vụ người dân và doanh nghiệp.
{lines}
II. TỔ CHỨC THỰC HIỆN
Các sở, ban, ngành triển khai thực hiện nghiêm túc Kế hoạch này./.

Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""
SENTENCES = [f"Ghi chú: {v}" for v in ("{{ 7*7 }}", "{% if x %}y{% endif %}", "| pipe", "|pipe", ">fold", "@at",
                                      "range(10**9)", "a: b # c", "*alias &anchor !tag", "yes")]


def _texts(node, out):
    if isinstance(node, dict):
        if "label" in node and "text" in node:
            out.append(f"{node['label']} {node['text']}")
        for value in node.values():
            _texts(value, out)
    elif isinstance(node, list):
        for value in node:
            _texts(value, out)
    return out


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_source_text_reaches_the_yaml_unchanged(tmp_path, kind):
    text = PLAN.format(lines="\n".join(SENTENCES))
    if kind == "txt":
        source = tmp_path / "kh.txt"
        source.write_text(text, encoding="utf-8")
    else:
        doc = Document()
        for line in text.splitlines():
            doc.add_paragraph(line)
        source = tmp_path / "kh.docx"
        doc.save(source)
    out = tmp_path / "kh.yaml"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    found = _texts(_load(out.read_text(encoding="utf-8"))["body"], [])
    for sentence in SENTENCES:
        assert sentence in found, (sentence, found)


# ---------------------------------------------------------------- encodings

_TCVN = {u: l for l, u in _legacy_tables()["tcvn3"].items()}
_VNI = {u: l for l, u in _legacy_tables()["vni"].items()}
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def tcvn3(text: str) -> str:
    """As typed with a .VnTime keyboard: capitals use the small letters' codes (an upper-case font)."""
    return "".join(_TCVN.get(ch) or _TCVN.get(ch.lower()) or ch for ch in text)


def cp1258(text: str) -> bytes:
    """Windows-1258 as Windows writes it: base letters precomposed, tone marks combining."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += (base + "".join(c for c in parts if c in _TONES)).encode("cp1258")
    return out


SIMPLE = PLAN.format(lines="2. Đẩy mạnh ứng dụng công nghệ thông tin trong quản lý.")


@pytest.mark.parametrize("name, data", [
    ("utf8-bom.txt", b"\xef\xbb\xbf" + SIMPLE.encode("utf-8")),
    ("utf16-bom.txt", SIMPLE.encode("utf-16")),
    ("utf16le.txt", SIMPLE.encode("utf-16-le")),
    ("utf16be.txt", SIMPLE.encode("utf-16-be")),
    ("cp1258.txt", cp1258(SIMPLE)),
    ("tcvn3-bytes.txt", tcvn3(SIMPLE).encode("latin-1")),
    ("tcvn3-as-utf8.txt", tcvn3(SIMPLE).encode("utf-8")),
    ("vni-bytes.txt", "".join(_VNI.get(c, c) for c in SIMPLE).encode("cp1252")),
    ("vni-as-utf8.txt", "".join(_VNI.get(c, c) for c in SIMPLE).encode("utf-8")),
])
def test_text_files_in_any_encoding(tmp_path, name, data):
    source = tmp_path / name
    source.write_bytes(data)
    plan = import_source(source).data
    assert plan["title"] == "Triển khai công tác cải cách hành chính năm 2025"
    assert plan["issuer"]["name"] == "ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN"
    assert plan["signature"]["name"] == "Nguyễn Văn An"
    assert plan["body"][0]["items"][1]["item"] == "Đẩy mạnh ứng dụng công nghệ thông tin trong quản lý."


@pytest.mark.parametrize("data, words", [
    ("Hello wörld, café, naïve, façade: a Latin-1 shopping list.".encode("latin-1"), "the encoding is the problem"),
    (bytes(range(256)) * 4, "not a text file"),
])
def test_unknown_encoding_says_so(tmp_path, data, words):
    source = tmp_path / "x.txt"
    source.write_bytes(data)
    out = tmp_path / "x.yaml"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 2 and words in result.output and not out.exists()
    assert len(result.output.strip().splitlines()) == 1
