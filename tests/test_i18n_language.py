"""Choosing the language (--lang, VBGEN_LANG, the locale) and what a clerk then reads: help, errors,
warnings and the list of changes in Vietnamese; English stays as it was."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from test_derive_plan import DISTRICT, family
from vbgen import i18n
from vbgen.cli import cli
from vbgen.errors import VbgenError
from vbgen.i18n import _, current_language, set_language

LOCALE = ("VBGEN_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def clean_env(monkeypatch):
    """No language chosen anywhere: each test sets what it needs."""
    for name in LOCALE:
        monkeypatch.delenv(name, raising=False)
    before = set_language(None)
    yield monkeypatch
    set_language(before)


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, prog_name="vbgen")


@pytest.fixture
def broken(tmp_path):
    """A plan whose number is not a number, and the line it is on."""
    path = tmp_path / "ke-hoach.yaml"
    shutil.copy(FIXTURES / "state-plan.yaml", path)
    text = path.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("number:"))
    path.write_text("\n".join("number: -3" if i == line else row
                              for i, row in enumerate(text.splitlines(), 1)) + "\n", encoding="utf-8")
    return path, line


# -- which language -------------------------------------------------------------------------------------

@pytest.mark.parametrize("env, expected", [
    ({}, "en"),
    ({"LANG": "vi_VN.UTF-8"}, "vi"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "vi_VN.UTF-8"}, "vi"),
    ({"LANG": "vi_VN.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),       # LC_ALL wins over LANG
    ({"LANG": "vi_VN.UTF-8", "VBGEN_LANG": "en"}, "en"),        # VBGEN_LANG wins over the locale
    ({"LANG": "de_DE.UTF-8", "VBGEN_LANG": "vi"}, "vi"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),                             # no catalog: English
])
def test_language_from_the_environment(clean_env, env, expected):
    for name, value in env.items():
        clean_env.setenv(name, value)
    assert current_language() == expected


def test_set_language_wins_and_rejects_unknown_languages(clean_env):
    clean_env.setenv("LANG", "vi_VN.UTF-8")
    set_language("en")
    assert current_language() == "en"
    with pytest.raises(ValueError):
        set_language("fr")


def test_messages_made_at_import_time_follow_the_language_chosen_later(clean_env):
    heading = _("Warnings")  # as a module-level table would hold it
    assert str(heading) == "Warnings"
    set_language("vi")
    assert str(heading) == "Cảnh báo" and f"{heading}" == "Cảnh báo"
    assert _("{file}:{line}: ").format(file="a.yaml", line=3) == "a.yaml, dòng 3: "


# -- errors ---------------------------------------------------------------------------------------------

def test_error_line_in_vietnamese_names_file_line_and_field(clean_env):
    set_language("vi")
    error = VbgenError("ngày 30/02 không có thật; viết theo dạng 2025-02-28", file="ke-hoach.yaml",
                       line=12, field="date")
    assert str(error) == ("ke-hoach.yaml, dòng 12: date (ngày ban hành): ngày 30/02 không có thật; "
                          "viết theo dạng 2025-02-28")
    set_language("en")
    assert str(error).startswith("ke-hoach.yaml:12: date: ")


def test_make_plan_error_in_vietnamese_from_lang(clean_env, broken):
    path, line = broken
    result = run("make-plan", path, env={"LANG": "vi_VN.UTF-8"})
    assert result.exit_code == 2
    assert f"vbgen: {path}, dòng {line}: number (số văn bản): " in result.output
    assert "Traceback" not in result.output
    assert not path.with_suffix(".docx").exists()
    english = run("make-plan", path)
    assert f"vbgen: {path}:{line}: number: " in english.output


def test_lang_option_beats_the_locale_and_does_not_outlive_the_command(clean_env, broken):
    path, line = broken
    result = run("--lang", "en", "make-plan", path, env={"LANG": "vi_VN.UTF-8"})
    assert f"{path}:{line}: number: " in result.output
    result = run("--lang", "vi", "make-plan", path)
    assert f"{path}, dòng {line}: " in result.output
    assert current_language() == "en" and i18n.chosen_language() is None


def test_lang_option_after_the_command_too(clean_env, broken):
    path, line = broken
    result = run("make-plan", path, "--lang", "vi")
    assert f"{path}, dòng {line}: number (số văn bản): " in result.output
    assert "Thiếu tham số 'PLAN_FILE'" in run("make-plan", "--lang", "vi").output
    assert "--lang [vi|en]  Ngôn ngữ của thông báo" in run("--lang", "vi", "--help").output


def test_cli_level_message_in_vietnamese(clean_env, tmp_path):
    result = run("--lang", "vi", "check", tmp_path / "a.docx", "-o", tmp_path / "b.docx")
    assert result.exit_code == 2
    assert "-o chỉ dùng cùng --fix" in result.output


# -- help -----------------------------------------------------------------------------------------------

def test_help_in_vietnamese(clean_env):
    result = run("--lang", "vi", "--help")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("Cách dùng: vbgen")
    assert "Tùy chọn:" in out and "Lệnh:" in out
    assert "Tạo tệp .docx từ kế hoạch hoặc tệp của đơn vị." in out
    assert "Hiện hướng dẫn này rồi thoát." in out  # click's own option help, too
    sub = run("make-plan", "--help", env={"LANG": "vi_VN.UTF-8"}).output
    assert "Ghi đè tệp kết quả nếu đã có." in sub and "Overwrite" not in sub
    english = run("make-plan", "--help").output
    assert "Overwrite the output if it exists." in english and "Usage:" in english


def test_click_usage_errors_in_vietnamese(clean_env):
    result = run("--lang", "vi", "make-plan")
    assert result.exit_code == 2
    assert "Lỗi: Thiếu tham số 'PLAN_FILE'." in result.output
    assert "Gõ 'vbgen make-plan --help' để xem hướng dẫn." in result.output


# -- derivation: warnings and the list of changes ---------------------------------------------------------

def test_reform_warning_in_vietnamese(clean_env, tmp_path):
    plans = family(tmp_path)
    plans["huyen"].write_text(DISTRICT.replace("date: 2025-01-24", "date: 2025-09-15"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "vi", "make-plan", str(plans["huyen"]), "-o",
                                      str(tmp_path / "h.docx")])
    assert result.exit_code == 0
    assert "cảnh báo: cơ quan ban hành là cơ quan cấp huyện (Ủy ban nhân dân huyện Chợ Đồn)" in result.stderr
    assert "cấp huyện đã kết thúc hoạt động từ 01/7/2025" in result.stderr


def test_explain_in_vietnamese_and_english(clean_env, tmp_path):
    plans = family(tmp_path)
    vi = run("--lang", "vi", "derive", plans["huyen"], "-o", tmp_path / "d.yaml", "--explain").output
    assert "Những thay đổi khi xây dựng kế hoạch từ kế hoạch cấp trên:" in vi
    assert "== Thời hạn báo cáo được đưa lên sớm hơn:" in vi
    assert "“trước ngày 25/5/2025” → “trước ngày 20/5/2025” (sớm hơn 5 ngày)" in vi
    assert "== Nơi nhận: 1" in vi and "thêm “UBND tỉnh (b/c)” lên đầu" in vi
    en = run("derive", plans["huyen"], "-o", tmp_path / "e.yaml", "--explain").output
    assert "== Report deadlines moved earlier:" in en and "(5 days earlier)" in en
    assert "Thời hạn báo cáo được" not in en


def test_derivation_error_in_vietnamese(clean_env, tmp_path):
    plans = family(tmp_path)
    text = plans["huyen"].read_text(encoding="utf-8")
    plans["huyen"].write_text(text.replace("parent: tinh.yaml", "parent: khong-co.yaml"), encoding="utf-8")
    result = run("--lang", "vi", "derive", plans["huyen"], "-o", tmp_path / "d.yaml")
    assert result.exit_code == 2
    assert f"{plans['huyen']}, dòng 1: parent (kế hoạch cấp trên): không tìm thấy kế hoạch cấp trên " \
           "“khong-co.yaml”" in result.output
    assert not (tmp_path / "d.yaml").exists()
