"""Document types as data (issue 10): the search path, the built-in types, and the installed package."""
import os
import shutil
import stat
import subprocess
import sys
from configparser import ConfigParser
from fnmatch import fnmatch
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import ROOT
from docxutil import all_paragraphs, find
from vbgen.cli import cli
from vbgen.types import ENV, all_types, find_type
from vbgen.types.kit import example_data
from vbgen.yamlio import dump_yaml

TYPES = ["bao-cao", "cong-van", "ke-hoach", "quyet-dinh", "thong-bao", "to-trinh"]


def run(*args, env=None):
    return CliRunner().invoke(cli, list(map(str, args)), env=env)


@pytest.fixture(autouse=True)
def no_user_types(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    yield
    from vbgen.types import use_template_dirs
    use_template_dirs([])


def render_example(tmp_path, key, rules, **changes):
    data = {**example_data(find_type(key), rules), **changes}
    plan = tmp_path / f"{key}-{rules}.yaml"
    plan.write_text(dump_yaml(data), encoding="utf-8")
    result = run("make-plan", plan, "--force")
    assert result.exit_code == 0, result.output
    return Document(str(plan.with_suffix(".docx")))


def test_list_shows_the_six_built_in_types():
    result = run("templates", "list")
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.output.splitlines()[1:]}
    assert sorted(rows) == TYPES
    assert all("state, party" in row and "built-in" in row for row in rows.values())


def test_all_types_exposes_each_types_data_for_check():
    kinds = {t.key: t for t in all_types()}
    assert kinds["quyet-dinh"].entry("state").name == "QUYẾT ĐỊNH"
    assert kinds["quyet-dinh"].entry("state").abbreviation == "QĐ"
    assert "articles" in kinds["quyet-dinh"].entry("state").blocks
    assert kinds["cong-van"].entry("state").abbreviation is None
    assert kinds["cong-van"].entry("party").abbreviation == "CV"
    assert kinds["cong-van"].entry("state").title_form == "subject"
    assert kinds["to-trinh"].entry("party").abbreviation == "TTr"


@pytest.mark.parametrize("key", TYPES)
@pytest.mark.parametrize("rules", ["state", "party"])
def test_every_type_renders_its_show_example(tmp_path, key, rules):
    doc = render_example(tmp_path, key, rules)
    kind = find_type(key).entry(rules)
    texts = [p.text for p in all_paragraphs(doc)]
    if kind.name:
        assert kind.name in texts
    number = doc.tables[0].cell(1, 0).paragraphs[0].text
    assert (f"{kind.abbreviation}-" if rules == "state" else f"-{kind.abbreviation}/") in number \
        if kind.abbreviation else "UBND-VX" in number or "-ĐU" in number


def test_quyet_dinh_state_form(tmp_path):
    doc = render_example(tmp_path, "quyet-dinh", "state")
    authority = find(doc, "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BẰNG LÃNG", exact=True)
    assert all(r.bold for r in authority.runs if r.text.strip())
    decide = find(doc, "QUYẾT ĐỊNH:", exact=True)
    assert decide.alignment == 1 and all(r.bold for r in decide.runs if r.text.strip())
    texts = [p.text for p in all_paragraphs(doc)]
    assert texts.index("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BẰNG LÃNG") < texts.index("QUYẾT ĐỊNH:")
    basis = find(doc, "Căn cứ Luật Tổ chức")
    assert texts.index(basis.text) < texts.index("QUYẾT ĐỊNH:") and basis.runs[0].italic
    for n in (1, 2, 3):
        article = find(doc, f"Điều {n}.")
        assert article.runs[0].text.strip() == f"Điều {n}." and article.runs[0].bold
        assert not article.runs[-1].bold
    assert find(doc, "Điều 3.").text.endswith("./.")
    assert "- Như Điều 3;" in texts and "Số:" in doc.tables[0].cell(1, 0).text


def test_quyet_dinh_party_form(tmp_path):
    doc = render_example(tmp_path, "quyet-dinh", "party")
    line = find(doc, "ĐẢNG ỦY XÃ BẰNG LÃNG QUYẾT ĐỊNH", exact=True)
    assert all(r.bold for r in line.runs if r.text.strip())
    assert "- Như Điều 3," in [p.text for p in all_paragraphs(doc)]


def test_cong_van_subject_under_the_number_and_no_type_name(tmp_path):
    doc = render_example(tmp_path, "cong-van", "state")
    cell = doc.tables[0].cell(1, 0)
    assert cell.paragraphs[0].text == "Số:       /UBND-VX"
    subject = [p for p in cell.paragraphs if p.text.startswith("V/v")][0]
    assert subject.text == "V/v tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026"
    assert subject.runs[0].font.size.pt == 12 and not subject.runs[0].bold and not subject.runs[0].italic
    texts = [p.text for p in all_paragraphs(doc)]
    assert "Kính gửi: Các thôn trên địa bàn xã." in texts and "- Như trên;" in texts
    assert not any(t in texts for t in ("CÔNG VĂN", "KẾ HOẠCH"))
    party = render_example(tmp_path, "cong-van", "party")
    cell = party.tables[0].cell(1, 0)
    assert cell.paragraphs[0].text.endswith("-CV/ĐU")
    subject = [p for p in cell.paragraphs if p.text.startswith("Tổ chức Ngày hội")][0]
    assert subject.runs[0].italic and subject.runs[0].font.size.pt == 12


def test_to_trinh_party_says_kinh_trinh(tmp_path):
    doc = render_example(tmp_path, "to-trinh", "party")
    texts = [p.text for p in all_paragraphs(doc)]
    assert "Kính trình: Các thôn trên địa bàn xã." in texts and "- Như trên," in texts


def test_a_block_the_type_lacks_is_an_error(tmp_path):
    data = example_data(find_type("quyet-dinh"), "state")
    plan = tmp_path / "qd.yaml"
    plan.write_text(dump_yaml({**data, "addressees": ["Sở Nội vụ"]}), encoding="utf-8")
    result = run("make-plan", plan)
    assert result.exit_code == 2
    assert "qd.yaml:" in result.output and "addressees: a Quyết định has no addressees block" in result.output
    assert not plan.with_suffix(".docx").exists()


# ---------------------------------------------------------------- the search path


def user_type(folder: Path, name="chuong-trinh", type_name="CHƯƠNG TRÌNH", source="ke-hoach") -> Path:
    """A user type copied from a built-in one with `templates new`, its tên loại changed."""
    result = run("templates", "new", name, "--from", source, "--dir", folder)
    assert result.exit_code == 0, result.output
    data = folder / name / "type.yaml"
    text = data.read_text(encoding="utf-8")
    old = find_type(source).spec.type_name
    data.write_text(text.replace(f"type_name: {old}", f"type_name: {type_name}")
                    .replace("abbreviation: KH", "abbreviation: CTr"), encoding="utf-8")
    return folder / name


def test_user_folder_from_environment_overrides_a_built_in_type(tmp_path, monkeypatch):
    user = tmp_path / "mine"
    user.mkdir()
    user_type(user, "bao-cao", "BÁO CÁO NHANH", source="bao-cao")
    monkeypatch.setenv(ENV, str(user))
    listing = run("templates", "list").output
    assert f"bao-cao     state, party  {user}" in listing
    assert f"built-in ({'overridden by ' + str(user)})" in listing
    doc = render_example(tmp_path, "bao-cao", "state")
    assert "BÁO CÁO NHANH" in [p.text for p in all_paragraphs(doc)]


def test_templates_option_and_plan_key(tmp_path):
    user = tmp_path / "mine"
    user.mkdir()
    user_type(user)
    data = {**example_data(find_type("ke-hoach"), "state"), "type": "chuong-trinh"}
    plan = tmp_path / "plans" / "ct.yaml"
    plan.parent.mkdir()
    plan.write_text(dump_yaml(data), encoding="utf-8")
    assert "unknown document type 'chuong-trinh'" in run("make-plan", plan).output
    result = run("make-plan", plan, "--templates", user)
    assert result.exit_code == 0, result.output
    assert "CHƯƠNG TRÌNH" in [p.text for p in all_paragraphs(Document(str(plan.with_suffix(".docx"))))]
    plan.write_text(dump_yaml({**data, "templates": "../mine"}), encoding="utf-8")  # relative to the plan
    result = run("make-plan", plan, "--force")
    assert result.exit_code == 0, result.output
    number = Document(str(plan.with_suffix(".docx"))).tables[0].cell(1, 0).paragraphs[0].text
    assert number.endswith("/CTr-UBND")
    plan.write_text(dump_yaml({**data, "templates": "../nowhere"}), encoding="utf-8")
    result = run("make-plan", plan, "--force")
    assert result.exit_code == 2 and "ct.yaml:" in result.output and "templates:" in result.output


def test_templates_new_refuses_to_overwrite_and_names_bad_input(tmp_path):
    user = tmp_path / "mine"
    user.mkdir()
    user_type(user)
    again = run("templates", "new", "chuong-trinh", "--from", "ke-hoach", "--dir", user)
    assert again.exit_code == 2 and "already exists" in again.output
    assert run("templates", "new", "Chương Trình", "--from", "ke-hoach", "--dir", user).exit_code == 2
    assert "unknown document type" in run("templates", "new", "x", "--from", "nope", "--dir", user).output
    assert "--dir" in run("templates", "new", "x", "--from", "ke-hoach").output


def test_broken_user_type_yaml_names_file_and_line(tmp_path, monkeypatch):
    user = tmp_path / "mine"
    user.mkdir()
    folder = user_type(user)
    (folder / "type.yaml").write_text("running_name: Chương trình\ntitle_form: sideways\n", encoding="utf-8")
    monkeypatch.setenv(ENV, str(user))
    result = run("templates", "list")
    assert result.exit_code == 2 and f"{folder / 'type.yaml'}:2: title_form" in result.output


def test_show_prints_fields_and_an_example(tmp_path):
    result = run("templates", "show", "cong-van")
    assert result.exit_code == 0
    assert "addressees: Kính gửi" in result.output and "type: cong-van" in result.output
    assert "state: tên loại (none), ký hiệu (issuer only), subject title" in result.output
    assert run("templates", "show", "nope").exit_code == 2


def test_a_type_whose_template_libreoffice_saved_still_renders(tmp_path):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    user = tmp_path / "mine"
    user.mkdir()
    folder = user_type(user)
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
                    str(folder / "state.docx")], check=True, capture_output=True, timeout=120)
    shutil.copyfile(out / "state.docx", folder / "state.docx")
    assert run("templates", "lint", folder / "state.docx").exit_code == 0
    data = {**example_data(find_type("ke-hoach"), "state"), "type": "chuong-trinh", "templates": str(user)}
    plan = tmp_path / "ct.yaml"
    plan.write_text(dump_yaml(data), encoding="utf-8")
    result = run("make-plan", plan)
    assert result.exit_code == 0, result.output
    assert "CHƯƠNG TRÌNH" in [p.text for p in all_paragraphs(Document(str(plan.with_suffix(".docx"))))]


# ---------------------------------------------------------------- the installed package


def test_package_data_ships_every_template_file():
    """setup.cfg's package_data globs cover every type folder file (an install would miss the others)."""
    config = ConfigParser()
    config.read(ROOT / "setup.cfg")
    globs = [g.strip() for g in config["options.package_data"]["vbgen.templates"].split(",")]
    files = [p.relative_to(ROOT / "templates").as_posix() for p in (ROOT / "templates").rglob("*")
             if p.is_file() and p.suffix in (".docx", ".yaml")]
    assert files and all(any(fnmatch(f, g) for g in globs) for f in files), files
    assert "vbgen.types" in config["options"]["packages"]


def _installed_copy(site: Path) -> None:
    """The package as pip lays it out (package_dir: vbgen.templates = templates), without the source tree."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "vbgen", site / "vbgen", ignore=ignore)
    shutil.copytree(ROOT / "templates", site / "vbgen" / "templates", ignore=ignore)


def _snapshot(folder: Path) -> dict:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*")}


def test_new_type_in_a_user_folder_renders_through_a_read_only_installed_package(tmp_path):
    site = tmp_path / "site-packages"
    _installed_copy(site)
    user = tmp_path / "mine"
    user.mkdir()
    user_type(user)
    plan = tmp_path / "work" / "ct.yaml"
    plan.parent.mkdir()
    plan.write_text(dump_yaml({**example_data(find_type("ke-hoach"), "state"), "type": "chuong-trinh"}),
                    encoding="utf-8")
    for path in [site, *site.rglob("*")]:  # read-only (as root the snapshot below is what proves it)
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    before = _snapshot(site)
    env = {**os.environ, "PYTHONPATH": str(site), ENV: str(user), "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        done = subprocess.run([sys.executable, "-m", "vbgen", "make-plan", str(plan)], cwd=plan.parent, env=env,
                              capture_output=True, text=True, timeout=120)
        listing = subprocess.run([sys.executable, "-m", "vbgen", "templates", "list"], cwd=plan.parent, env=env,
                                 capture_output=True, text=True, timeout=120)
    finally:
        for path in [site, *site.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    assert done.returncode == 0, done.stderr
    assert f"chuong-trinh  state, party  {user}" in listing.stdout
    where = subprocess.run([sys.executable, "-c", "import vbgen.types as t; print(t.built_in_dir())"],
                           cwd=plan.parent, env=env, capture_output=True, text=True).stdout.strip()
    assert where == str(site / "vbgen" / "templates")
    assert _snapshot(site) == before
    doc = Document(str(plan.with_suffix(".docx")))
    assert "CHƯƠNG TRÌNH" in [p.text for p in all_paragraphs(doc)]


def test_lint_knows_exactly_the_names_the_renderer_provides(tmp_path):
    from docxtpl import DocxTemplate

    from vbgen.profile import effective_profile
    from vbgen.render.document import template_context
    from vbgen.render.header import header_context
    from vbgen.render.signature import signature_context
    from vbgen.render.slots import MAIN_SLOTS, PARTIAL_SLOTS
    from vbgen.sources import open_plan

    plan_file = tmp_path / "qd.yaml"
    plan_file.write_text(dump_yaml(example_data(find_type("quyet-dinh"), "state")), encoding="utf-8")
    plan = open_plan(plan_file)
    kind, profile = find_type(plan.type), effective_profile(plan)
    context = template_context(plan, profile, kind.values("state"), DocxTemplate(kind.template("state")))
    assert set(context) == MAIN_SLOTS
    assert set(header_context(plan, profile)) | {"subject_line"} == PARTIAL_SLOTS["header"]
    assert set(signature_context(plan, profile)) == PARTIAL_SLOTS["signature"]


def broken_user_plan(tmp_path: Path) -> tuple[Path, Path]:
    """(the folder of a user type whose state.docx has an {%p if %} without its endif, a plan of that type)."""
    user = tmp_path / "mine"
    user.mkdir()
    folder = user_type(user)
    doc = Document(str(folder / "state.docx"))
    next(p for p in doc.paragraphs if p.text == "{{r title }}").runs[0].text = "{%p if title %}"  # no endif
    doc.save(str(folder / "state.docx"))
    data = {**example_data(find_type("ke-hoach"), "state"), "type": "chuong-trinh", "templates": str(user)}
    plan = tmp_path / "ct.yaml"
    plan.write_text(dump_yaml(data), encoding="utf-8")
    return folder, plan


def test_a_broken_user_template_is_one_line_not_a_traceback(tmp_path):
    folder, plan = broken_user_plan(tmp_path)
    result = run("make-plan", plan)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"vbgen: {folder / 'state.docx'}: the template cannot be filled in" in result.output
    assert f"vbgen templates lint {folder / 'state.docx'}" in result.output
    assert not plan.with_suffix(".docx").exists()


def test_user_data_stays_text_in_a_user_template(tmp_path):
    """Sandboxed, autoescaping Jinja: Jinja and XML in plan data come out as the same characters."""
    doc = render_example(tmp_path, "thong-bao", "state", title="{{ 7*7 }} <b>&amp; {% if x %}")
    assert "{{ 7*7 }} <b>&amp; {% if x %}" in [p.text for p in all_paragraphs(doc)]


def test_a_type_as_a_pair_of_files(tmp_path, monkeypatch):
    user = tmp_path / "mine"
    user.mkdir()
    shutil.copyfile(ROOT / "templates" / "thong-bao" / "party.docx", user / "thong-bao-ket-luan-party.docx")
    (user / "thong-bao-ket-luan.yaml").write_text(
        "description: Thông báo kết luận\ntype_name: THÔNG BÁO KẾT LUẬN\nrunning_name: Thông báo kết luận\n"
        "abbreviation: TB\n", encoding="utf-8")
    (user / "ke-hoach.yaml").write_text("not: a type\n", encoding="utf-8")  # a plan beside its output
    (user / "ke-hoach.docx").write_bytes(b"")
    monkeypatch.setenv(ENV, str(user))
    kind = find_type("thong-bao-ket-luan")
    assert kind.rule_sets == ("party",) and find_type("ke-hoach").origin == "built-in"
    doc = render_example(tmp_path, "thong-bao-ket-luan", "party")
    assert "THÔNG BÁO KẾT LUẬN" in [p.text for p in all_paragraphs(doc)]
    result = run("make-plan", tmp_path / "thong-bao-ket-luan-party.yaml", "--force")
    assert result.exit_code == 0
    data = example_data(kind, "party")
    plan = tmp_path / "s.yaml"
    plan.write_text(dump_yaml({**data, "rules": "state"}), encoding="utf-8")
    result = run("make-plan", plan)
    assert result.exit_code == 2 and "has no template for 'state' rules (it has: party" in result.output


def test_a_unit_of_a_parent_with_its_own_types_folder_renders_without_more_settings(tmp_path):
    """The parent's `templates:` folder carries over to the derived plan (no VBGEN_TEMPLATES needed)."""
    user = tmp_path / "mine"
    user.mkdir()
    user_type(user)
    data = {**example_data(find_type("ke-hoach"), "state"), "type": "chuong-trinh", "templates": "../mine"}
    parent = tmp_path / "plans" / "ct.yaml"
    parent.parent.mkdir()
    parent.write_text(dump_yaml(data), encoding="utf-8")
    unit = tmp_path / "plans" / "xa.yaml"
    unit.write_text(dump_yaml({
        "parent": "ct.yaml", "issuer": {"name": "ỦY BAN NHÂN DÂN\nXÃ BẰNG LÃNG", "abbreviation": "UBND",
                                        "level": "commune", "area": "xã Bằng Lãng"},
        "place": "Bằng Lãng", "year": 2025,
        "signature": {"collective": "ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": "Trần B"},
        "archive": "VT"}), encoding="utf-8")
    result = run("make-plan", unit)
    assert result.exit_code == 0, result.output
    texts = [p.text for p in all_paragraphs(Document(str(unit.with_suffix(".docx"))))]
    assert "CHƯƠNG TRÌNH" in texts
