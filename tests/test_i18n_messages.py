"""What a clerk reads in Vietnamese from each swept area of vbgen (`--lang vi`), run through the real
commands; the English text of the same commands is left to the area's own tests."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import FIXTURES
from test_companions import BAC_KAN
from test_report import BANG_LANG, write_report
from test_templates_lint import fixture, split_title
from vbgen.cli import cli
from vbgen.i18n import set_language


@pytest.fixture(autouse=True)
def english_after():
    """Each test chooses its language with --lang; nothing chosen outlives it."""
    before = set_language(None)
    yield
    set_language(before)


def vi(*args):
    return CliRunner().invoke(cli, ["--lang", "vi", *map(str, args)], prog_name="vbgen")


# -- document types: templates list/show/new/lint -----------------------------------------------------------

def test_templates_show_in_vietnamese():
    result = vi("templates", "show", "ke-hoach")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "  nguồn: built-in (" in out
    assert "  state: tên loại KẾ HOẠCH, ký hiệu KH, trích yếu dạng named" in out
    assert "    basis: căn cứ ban hành (các dòng chữ nghiêng)" in out
    assert "    number: số văn bản (bỏ trống nếu là dự thảo)" in out
    assert "# Ví dụ (thể thức state): lưu thành tệp .yaml rồi chạy `vbgen make-plan TÊN-TỆP`" in out
    assert "leave out" not in out and "Example" not in out


def test_templates_list_headings_in_vietnamese():
    first = vi("templates", "list").output.splitlines()[0]
    assert first.split() == ["LOẠI", "THỂ", "THỨC", "NGUỒN", "MÔ", "TẢ"]


def test_unknown_type_and_bad_name_in_vietnamese(tmp_path):
    result = vi("templates", "show", "nope")
    assert result.exit_code == 2
    assert "vbgen: type: không có loại văn bản 'nope'; hãy dùng một trong các loại: " in result.output
    result = vi("templates", "new", "Chuong Trinh", "--from", "ke-hoach", "--dir", tmp_path)
    assert result.exit_code == 2
    assert "'Chuong Trinh' không dùng được làm tên loại văn bản" in result.output
    assert not any(tmp_path.iterdir())


def test_templates_lint_finding_in_vietnamese(tmp_path):
    path = fixture(tmp_path, split_title)
    result = vi("templates", "lint", path)
    assert result.exit_code == 1
    assert (f"{path}: đoạn 3 «{{{{r title }}}}»: chỗ điền {{{{r title }}}} bị Word tách thành 2 đoạn chữ"
            in result.output)


# -- companions: make-decision, make-cover-letter --------------------------------------------------------

def test_make_decision_without_issued_by_in_vietnamese(tmp_path):
    plan = tmp_path / "kh.yaml"
    text = BAC_KAN.read_text(encoding="utf-8")
    plan.write_text(text[:text.index("issued_by:")], encoding="utf-8")
    result = vi("make-decision", plan)
    assert result.exit_code == 2
    assert result.output == (f"vbgen: {plan}: issued_by: kế hoạch chưa có mục 'issued_by:' (số, ngày và người ký "
                             "Quyết định); hãy thêm vào để tạo Quyết định ban hành\n")
    assert not list(tmp_path.glob("*.docx"))


# -- CLI help of templates, serve, make-decision, make-cover-letter, --templates ---------------------------

def test_help_of_the_newer_commands_in_vietnamese():
    listing = vi("--help").output
    assert "make-decision      Tạo Quyết định ban hành kế hoạch." in listing
    assert "serve              Mở trang web để soạn và kiểm tra văn bản." in listing
    decision = " ".join(vi("make-decision", "--help").output.split())
    assert "Tạo Quyết định ban hành kế hoạch PLAN_FILE" in decision
    assert "<tên>.quyet-dinh.docx" in decision and "Thư mục chứa các loại văn bản của bạn" in decision
    assert "Where to write" not in decision and "A folder of your own" not in decision
    serve = " ".join(vi("serve", "--help").output.split())  # help is wrapped at any space
    assert "Cổng mạng trang web dùng." in serve and "bấm Ctrl+C để dừng" in serve
    new = " ".join(vi("templates", "new", "--help").output.split())
    assert "Sao chép một loại văn bản" in new and "[bắt buộc]" in new and "[required]" not in new
    assert "list (liệt kê)" in vi("templates", "--help").output


def test_click_path_check_in_vietnamese(tmp_path):
    result = vi("make-decision", "-o", tmp_path, tmp_path / "kh.yaml")
    assert result.exit_code == 2
    assert f"Lỗi: Giá trị không hợp lệ cho '-o' / '--output': '{tmp_path}' là một thư mục, không phải tệp" \
        in result.output


# -- vbgen serve: its terminal lines (the page itself is Vietnamese by design) -----------------------------

def test_serve_speaks_vietnamese_by_default_and_english_when_asked(monkeypatch, tmp_path):
    import waitress

    monkeypatch.setattr(waitress, "serve", lambda app, **kw: None)
    run = CliRunner().invoke
    result = run(cli, ["serve", "--host", "0.0.0.0"])
    assert "vbgen: trang web đang chạy tại http://0.0.0.0:8000/ (Ctrl+C để dừng)" in result.output
    assert "vbgen: --host khác 127.0.0.1: mọi máy trong mạng đều mở được trang này" in result.output
    result = run(cli, ["--lang", "en", "serve"])
    assert "vbgen: the web page is running at http://127.0.0.1:8000/ (Ctrl+C stops it)" in result.output
    result = vi("serve", "--folder", tmp_path / "khong-co")
    assert result.exit_code == 2
    assert (f"vbgen: {tmp_path / 'khong-co'}: --folder: không phải là thư mục; hãy chỉ ra thư mục chứa các tệp "
            "kế hoạch YAML") in result.output


# -- opening a .docx safely (check, import, templates lint) --------------------------------------------------

def test_a_file_that_is_not_word_is_refused_in_vietnamese(tmp_path):
    pdf = tmp_path / "cong-van.docx"
    pdf.write_bytes(b"%PDF-1.7\n")
    result = vi("templates", "lint", pdf)
    assert result.exit_code == 2
    assert result.output == (f"vbgen: {pdf}: là tệp PDF, không phải tệp Word; hãy dùng tệp .docx gốc, hoặc chép "
                             "chữ trong tệp PDF vào một tệp .txt để dùng với vbgen import\n")
    old = tmp_path / "cu.docx"
    old.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512))
    assert "là tệp Word kiểu cũ (.doc)" in vi("templates", "lint", old).output


# -- rule profiles: a layout: choice outside the rules --------------------------------------------------------

def test_layout_outside_the_rules_in_vietnamese(tmp_path):
    plan = tmp_path / "ke-hoach.yaml"
    text = (FIXTURES / "state-plan.yaml").read_text(encoding="utf-8")
    plan.write_text(text + "layout:\n  margins_mm: {left: 25}\n", encoding="utf-8")
    line = len(plan.read_text(encoding="utf-8").splitlines())
    result = vi("make-plan", plan)
    assert result.exit_code == 2
    assert (f"vbgen: {plan}, dòng {line}: layout.margins_mm.left: 25 nằm ngoài mức quy định cho lề trái (mm) "
            "(từ 30 đến 35, theo NĐ 30/2020, Phụ lục I, mục I.3); hãy chọn giá trị trong khoảng đó hoặc bỏ mục "
            "này") in result.output
    assert not plan.with_suffix(".docx").exists()


# -- reports: vbgen report's skeleton comments and messages, a bad figure -----------------------------------

def test_report_skeleton_speaks_vietnamese(tmp_path):
    out = tmp_path / "bao-cao.yaml"
    result = vi("report", BANG_LANG, "--period", "năm 2025", "-o", out)
    assert result.exit_code == 0, result.output
    assert "hạn: trước ngày" in result.output and "due:" not in result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Báo cáo năm 2025 về Kế hoạch số 08/KH-UBND")
    assert "# Tạo bằng lệnh: vbgen report xa-bang-lang.yaml --period \"năm 2025\"\n" in text
    assert "# chỉ tiêu: điền actual (số thực hiện" in text and "fill in" not in text
    data = YAML(typ="safe").load(text)  # the keys stay the program's
    assert data["period"] == "năm 2025" and {"targets", "tasks", "sections"} <= set(data)


def test_bad_report_figure_in_vietnamese(tmp_path):
    path = write_report(tmp_path / "d", share=120)
    result = vi("make-plan", path, "-o", tmp_path / "d.docx")
    assert result.exit_code == 2
    assert result.output.startswith(f"vbgen: {path}, dòng 13: targets[1].actual: 120 không phải tỷ lệ phần trăm")
    assert not (tmp_path / "d.docx").exists()


# -- plan validation: every mistake at once, in the clerk's words (issue 12's "done when") --------------------

def test_every_mistake_of_a_broken_plan_in_vietnamese_from_the_locale(tmp_path):
    text = (FIXTURES / "state-plan.yaml").read_text(encoding="utf-8")
    for old, new in (("title: Thực hiện", "titel: Thực hiện"), ("date: 2025-03-05", "date: 2025-02-30"),
                     ("number: 5", "number: -3"), ("signature:", "singature:"), ("  name: SỞ NỘI VỤ", "  name:")):
        text = text.replace(old, new, 1)
    text += "layout:\n  body_size: to\n"
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    lines = {}  # the first line each key is on
    for i, row in enumerate(text.splitlines(), 1):
        for key in ("  name:", "number:", "date:", "titel:", "singature:", "  body_size:"):
            if row.startswith(key):
                lines.setdefault(key, i)
    env = {"LANG": "vi_VN.UTF-8", "VBGEN_LANG": None, "LC_ALL": None, "LC_MESSAGES": None}
    result = CliRunner().invoke(cli, ["make-plan", str(broken)], env=env, prog_name="vbgen")
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"vbgen: {broken}, dòng {lines[key]}: {message}" for key, message in (
        ("  name:", "issuer.name (tên cơ quan ban hành): đang để trống; hãy điền vào"),
        ("number:", "number (số văn bản): số văn bản phải từ 1 trở lên; nếu là dự thảo thì bỏ trống"),
        ("date:", "date (ngày ban hành): ngày 30/02/2025 không có thật; viết một ngày có thật theo dạng "
                  "năm-tháng-ngày (ví dụ 2025-02-28)"),
        ("titel:", "titel: không phải là tên mục vbgen biết; có phải ý bạn là title?"),
        ("singature:", "singature: không phải là tên mục vbgen biết; có phải ý bạn là signature?"),
        ("  body_size:", "layout.body_size: phải là một số"))]
    assert not broken.with_suffix(".docx").exists()


def test_yaml_syntax_error_in_vietnamese(tmp_path):
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text("rules: state\ntitle: Kế hoạch: năm 2026\n", encoding="utf-8")
    result = vi("make-plan", plan)
    assert result.exit_code == 2
    assert result.output == (f"vbgen: {plan}, dòng 2: lỗi cú pháp YAML: không được có cặp 'tên: giá trị' ở chỗ "
                             "này; đoạn chữ có ': ' hoặc kết thúc bằng ':' phải đặt trong dấu nháy kép\n")


# -- check: findings, the summary line, and --json with its English keys ---------------------------------------

@pytest.fixture
def narrow_margin(tmp_path):
    """The state fixture made into a .docx whose first section has a 20 mm left margin (the rules want 30–35)."""
    from docx import Document
    from docx.shared import Mm

    out = tmp_path / "ke-hoach.docx"
    assert CliRunner().invoke(cli, ["make-plan", str(FIXTURES / "state-plan.yaml"), "-o", str(out)]).exit_code == 0
    doc = Document(str(out))
    doc.sections[0].left_margin = Mm(20)
    doc.save(str(out))
    return out


def test_check_finding_in_vietnamese(narrow_margin):
    result = vi("check", narrow_margin)
    assert result.exit_code == 1
    assert (f"{narrow_margin}: page.margins [lỗi] tại thiết lập trang (phần 1): đang là lề trái 20 mm; cần là lề trái "
            "30–35 mm (NĐ 30/2020, Phụ lục I, mục I.3)") in result.output
    assert f"{narrow_margin}: 1 lỗi, 0 cảnh báo (thể thức state)" in result.output


def test_check_json_keeps_english_keys_and_values_programs_read(narrow_margin):
    import json

    data = json.loads(vi("check", "--json", narrow_margin).output)
    finding = next(f for f in data["files"][0]["findings"] if f["rule"] == "page.margins")
    assert set(finding) == {"file", "rule", "severity", "where", "found", "wanted", "source"}
    assert finding["severity"] == "violation" and data["files"][0]["rules"] == "state"
    assert finding["found"] == "lề trái 20 mm" and finding["where"] == "thiết lập trang (phần 1)"


# -- import: the YAML comments it writes and its warning --------------------------------------------------------

PLAN_TEXT = """\
ỦY BAN NHÂN DÂN
XÃ BẰNG LÃNG
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bằng Lãng, ngày 05 tháng 3 năm 2025
KẾ HOẠCH
Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Phát huy sức mạnh khối đại đoàn kết toàn dân tộc.
II. NỘI DUNG
1. Tổ chức ngày hội tại các thôn.
"""


def test_import_comments_and_warning_in_vietnamese(tmp_path):
    source, out = tmp_path / "kh.txt", tmp_path / "kh.yaml"
    source.write_text(PLAN_TEXT, encoding="utf-8")
    result = vi("import", source, "-o", out)
    assert result.exit_code == 0, result.output
    assert (f"vbgen: {out}: không tìm thấy trong tệp gốc nên để trống: signature.title, signature.name; hãy điền "
            "vào (xem các chú thích CẦN ĐIỀN), rồi chạy make-plan") in result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"# Kế hoạch được chuyển đổi bằng 'vbgen import' từ {source}.\n")
    assert "  name: ''  # CẦN ĐIỀN: họ tên người ký; không tìm thấy\n" in text
    assert "archive: VT  # không thấy dòng 'Lưu:'; hãy kiểm tra lại\n" in text
    assert YAML(typ="safe").load(text)["signature"] == {"title": "", "name": ""}  # keys stay the program's


def test_import_refuses_a_pdf_in_vietnamese(tmp_path):
    pdf = tmp_path / "kh.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    result = vi("import", pdf)
    assert result.exit_code == 2
    assert "không đọc trực tiếp tệp PDF; hãy mở tệp PDF, chép toàn bộ chữ vào một tệp .txt" in result.output


# -- rendering: a user's template that cannot be filled in -------------------------------------------------------

def test_broken_user_template_in_vietnamese(tmp_path):
    from test_types import broken_user_plan

    folder, plan = broken_user_plan(tmp_path)
    result = vi("make-plan", plan)
    assert result.exit_code == 2
    assert f"vbgen: {folder / 'state.docx'}: không điền được mẫu (" in result.output
    assert f"hãy chạy `vbgen templates lint {folder / 'state.docx'}` để tìm đoạn có lỗi" in result.output
