"""Parents read once per process (vbgen.derive.parents): a unit file opened again is not re-reading,
re-validating and re-deriving its parents, yet an edited parent is read again, a returned plan is the
caller's own, warnings come on every call, and the parents still count as read by the command."""
from __future__ import annotations

import io
import os
import shutil
import warnings

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import EXAMPLES
from vbgen.cli import cli
from vbgen.derive import derive, load_derived, parents
from vbgen.derive.unit import load_unit
from vbgen.errors import VbgenError, VbgenWarning
from vbgen.model import plan_to_data
from vbgen.output import files_read, reading_scope
from vbgen.render import render_document
from vbgen.render.package import docx_bytes
from vbgen.sources import open_plan

TITLE = "Thực hiện công tác dân vận chính quyền năm 2025"


@pytest.fixture
def family(tmp_path):
    """xa-dong-lac.yaml → huyen-cho-don.yaml → ke-hoach-tinh.yaml (three levels), in a folder of their own."""
    folder = tmp_path / "bac-kan"
    folder.mkdir()
    for name in ("ke-hoach-tinh.yaml", "huyen-cho-don.yaml", "xa-dong-lac.yaml"):
        shutil.copy(EXAMPLES / "bac-kan-2025" / name, folder / name)
    parents.clear()
    yield folder
    parents.clear()


def vbgen_warnings(function, *args):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = function(*args)
    return result, [str(w.message) for w in caught if issubclass(w.category, VbgenWarning)]


def edit_keeping_stamp(path, old, new):
    """Change ``old`` to ``new`` (same length in bytes) and put the modification time back."""
    assert len(old.encode()) == len(new.encode())
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns


def test_second_open_uses_the_kept_parents(family, monkeypatch):
    first = open_plan(family / "xa-dong-lac.yaml")
    from vbgen.derive import engine

    def no_reading(*args, **kwargs):
        raise AssertionError("a parent was read, validated and derived again")

    monkeypatch.setattr(engine, "validate_plan", no_reading)  # only parents are plain plans here
    again = open_plan(family / "xa-dong-lac.yaml")
    assert plan_to_data(again) == plan_to_data(first)
    assert "xã Đồng Lạc" in again.title


def test_an_edited_grandparent_is_read_again_even_with_the_same_size_and_time(family):
    assert "2025" in open_plan(family / "xa-dong-lac.yaml").title
    edit_keeping_stamp(family / "ke-hoach-tinh.yaml", f"title: {TITLE}", f"title: {TITLE[:-4]}2026")
    plan = open_plan(family / "xa-dong-lac.yaml")
    assert "2026" in plan.title and "2025" not in plan.title


def test_an_edited_parent_is_read_again(family):
    before = open_plan(family / "xa-dong-lac.yaml")
    assert before.signature.name == "Lý Thị D"
    huyen = family / "huyen-cho-don.yaml"
    huyen.write_text(huyen.read_text(encoding="utf-8") + "closing: Huyện giao UBND các xã làm ngay.\n",
                     encoding="utf-8")
    closing = open_plan(family / "xa-dong-lac.yaml").closing
    assert closing.startswith("Huyện giao") and closing.endswith("làm ngay."), closing  # re-scoped to the xã


def test_a_broken_parent_is_an_error_each_time_and_is_read_again_once_mended(family):
    open_plan(family / "xa-dong-lac.yaml")
    huyen = family / "huyen-cho-don.yaml"
    good = huyen.read_text(encoding="utf-8")
    huyen.write_text(good.replace("lead_days:", "lead_dayz:"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(VbgenError) as caught:
            open_plan(family / "xa-dong-lac.yaml")
        assert caught.value.file.endswith("huyen-cho-don.yaml") and caught.value.line
        assert "lead_dayz" in str(caught.value)
    huyen.write_text(good, encoding="utf-8")
    assert "xã Đồng Lạc" in open_plan(family / "xa-dong-lac.yaml").title


def test_changing_a_returned_plan_changes_nothing_kept(family):
    unit = family / "xa-dong-lac.yaml"
    fresh = plan_to_data(open_plan(unit))
    plan = open_plan(unit)
    plan.title = "Đã sửa"
    plan.body[0].section = "ĐÃ SỬA"
    plan.body[1].items.clear()
    plan.recipients.append("Ai đó")
    plan.issuer.name = "KHÁC"
    assert plan_to_data(open_plan(unit)) == fresh

    parent, files = parents.open_parent(family / "huyen-cho-don.yaml", unit)
    assert [os.path.basename(name) for name, _sha in files] == ["huyen-cho-don.yaml", "ke-hoach-tinh.yaml"]
    parent.body.clear()
    parent.title = "Đã sửa"
    assert plan_to_data(open_plan(unit)) == fresh


def test_derive_leaves_its_parent_as_it_was(family):
    parent = load_derived(family / "huyen-cho-don.yaml").plan
    before = plan_to_data(parent)
    derive(parent, load_unit(family / "xa-dong-lac.yaml"))
    assert plan_to_data(parent) == before


def test_a_parents_warnings_come_on_every_call(family):
    huyen = family / "huyen-cho-don.yaml"
    text = huyen.read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.strip().startswith("name:") and "HUYỆN" in line)
    huyen.write_text(text.replace(name_line, "  name: ỦY BAN NHÂN DÂN\n    HUYỆN CHỢ ĐỒN"), encoding="utf-8")
    for _ in range(3):
        plan, said = vbgen_warnings(open_plan, family / "xa-dong-lac.yaml")
        folded = [m for m in said if "runs over two lines" in m]
        assert len(folded) == 1 and "huyen-cho-don.yaml" in folded[0], said
        assert "xã Đồng Lạc" in plan.title


def test_a_parents_warning_comes_in_the_language_of_each_call(family):
    from vbgen.i18n import set_language

    huyen = family / "huyen-cho-don.yaml"
    text = huyen.read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.strip().startswith("name:") and "HUYỆN" in line)
    huyen.write_text(text.replace(name_line, "  name: ỦY BAN NHÂN DÂN\n    HUYỆN CHỢ ĐỒN"), encoding="utf-8")
    before = set_language("en")
    try:
        _plan, english = vbgen_warnings(open_plan, family / "xa-dong-lac.yaml")
        set_language("vi")
        _plan, vietnamese = vbgen_warnings(open_plan, family / "xa-dong-lac.yaml")
    finally:
        set_language(before)
    assert any("runs over two lines" in m for m in english), english
    assert not any("runs over two lines" in m for m in vietnamese), vietnamese
    assert any("huyen-cho-don.yaml" in m and "HUYỆN CHỢ ĐỒN" in m for m in vietnamese), vietnamese


def test_the_cli_prints_a_parents_warning_on_every_command(family, tmp_path):
    huyen = family / "huyen-cho-don.yaml"
    text = huyen.read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.strip().startswith("name:") and "HUYỆN" in line)
    huyen.write_text(text.replace(name_line, "  name: ỦY BAN NHÂN DÂN\n    HUYỆN CHỢ ĐỒN"), encoding="utf-8")
    for i in range(2):
        out = tmp_path / f"xa-{i}.docx"
        result = CliRunner().invoke(cli, ["make-plan", str(family / "xa-dong-lac.yaml"), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert "runs over two lines" in result.output
        assert "xã Đồng Lạc".upper() in " ".join(p.text.upper() for p in Document(str(out)).paragraphs)


def test_the_reading_scope_records_kept_parents(family):
    unit = family / "xa-dong-lac.yaml"
    open_plan(unit)  # the parents are kept now
    with reading_scope():
        open_plan(unit)
        read = files_read()
    for name in ("xa-dong-lac.yaml", "huyen-cho-don.yaml", "ke-hoach-tinh.yaml"):
        assert str(family / name) in read, read


def test_the_cli_refuses_to_write_over_a_kept_grandparent(family):
    unit = family / "xa-dong-lac.yaml"
    open_plan(unit)
    grandparent = family / "ke-hoach-tinh.yaml"
    before = grandparent.read_bytes()
    result = CliRunner().invoke(cli, ["derive", str(unit), "-o", str(grandparent), "--force"])
    assert result.exit_code == 2, result.output
    assert "ke-hoach-tinh.yaml" in result.output
    assert grandparent.read_bytes() == before


def test_same_bytes_with_and_without_kept_parents(family):
    unit = family / "xa-dong-lac.yaml"
    parents.clear()
    cold = docx_bytes(render_document(open_plan(unit)))
    warm = docx_bytes(render_document(open_plan(unit)))
    parents.clear()
    again = docx_bytes(render_document(open_plan(unit)))
    assert cold == warm == again
    texts = [p.text for p in Document(io.BytesIO(warm)).paragraphs]
    assert f"{TITLE} trên địa bàn xã Đồng Lạc" in texts


def test_siblings_share_their_parent_and_a_cycle_is_still_refused(family):
    sibling = family / "xa-sibling.yaml"
    sibling.write_text((family / "xa-dong-lac.yaml").read_text(encoding="utf-8").replace("Đồng Lạc", "Bằng Vân")
                       .replace("ĐỒNG LẠC", "BẰNG VÂN"), encoding="utf-8")
    assert "Đồng Lạc" in open_plan(family / "xa-dong-lac.yaml").title
    assert "Bằng Vân" in open_plan(sibling).title
    # the district now derives from the commune: a cycle, even though the district's parent is kept
    huyen = family / "huyen-cho-don.yaml"
    text = huyen.read_text(encoding="utf-8")
    huyen.write_text(text.replace("parent: ke-hoach-tinh.yaml", "parent: xa-dong-lac.yaml"), encoding="utf-8")
    with pytest.raises(VbgenError) as caught:
        open_plan(family / "xa-dong-lac.yaml")
    assert "cycle" in str(caught.value) and caught.value.file.endswith(".yaml")


def test_a_word_parent_is_imported_once_and_still_warns(tmp_path):
    from test_import_word import plan_docx

    parents.clear()
    plan_docx(tmp_path / "ke-hoach-quan.docx")
    unit = tmp_path / "phuong.yaml"
    unit.write_text("parent: ke-hoach-quan.docx\nissuer:\n  name: \"ỦY BAN NHÂN DÂN\\nPHƯỜNG 1\"\n"
                    "  full_name: Ủy ban nhân dân Phường 1\n  abbreviation: UBND\n  level: commune\n"
                    "  area: Phường 1\nplace: Tp. Hồ Chí Minh\nsignature:\n  title: CHỦ TỊCH\n"
                    "  name: Trần Văn Cường\narchive: VT\n", encoding="utf-8")
    results = [vbgen_warnings(open_plan, unit) for _ in range(2)]
    for plan, said in results:
        assert any("imported on the fly" in m and "ke-hoach-quan.docx" in m for m in said), said
        assert plan.signature.name == "Trần Văn Cường"
    assert plan_to_data(results[0][0]) == plan_to_data(results[1][0])
    with reading_scope():
        vbgen_warnings(open_plan, unit)
        assert str(tmp_path / "ke-hoach-quan.docx") in files_read()
    parents.clear()


def test_the_glossary_gives_what_trying_every_entry_gives(monkeypatch):
    """A glossary tries only the entries whose text occurs in a text: the same result as trying every entry."""
    import re

    from vbgen.derive import glossary as g
    from vbgen.yamlio import read_yaml

    values = {"area": "xã Đồng Lạc", "parent_area": "huyện Chợ Đồn", "area_kind": "xã",
              "name": "Ủy ban nhân dân xã Đồng Lạc", "parent_name": "Ủy ban nhân dân huyện Chợ Đồn",
              "short_name": "UBND xã"}
    entries = [g.Entry("Sở", "Phòng", "test", tier=0), g.Entry("ß-Amt", "Büro", "test")]
    for name in g.shipped_glossary_names():
        entries += g.shipped_entries(name, values)
    texts = ["UBND TỈNH giao Sở Nội vụ; các sở, ngành và UBND các huyện, thành phố (tỉnhX không đổi).",
             "Quyết định số 81/QĐ-UBND ngày 3/2/2025 của UBND tỉnh; SỞ NỘI VỤ, Ủy ban nhân dân huyện Chợ Đồn.",
             "ss-Amt, SS-AMT, ß-Amt", ""]
    data = read_yaml(EXAMPLES / "bac-kan-2025" / "ke-hoach-tinh.yaml")
    stack = list(data["body"])
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            texts += [v for v in node.values() if isinstance(v, str)]
            stack += node.get("items") or []
    fast = [g.Glossary(entries).apply(t) for t in texts]

    def every_entry(tier, _text):
        return re.compile("|".join(f"(?P<e{i}>{g._case_pattern(e.find)})" for i, e in enumerate(tier.entries)))

    monkeypatch.setattr(g._Tier, "_regex", every_entry)
    slow = [g.Glossary(entries).apply(t) for t in texts]
    assert [(text, [(h.matched, h.replaced, h.sentence) for h in hits]) for text, hits in fast] == \
        [(text, [(h.matched, h.replaced, h.sentence) for h in hits]) for text, hits in slow]
    assert sum(len(hits) for _text, hits in fast) > 20
