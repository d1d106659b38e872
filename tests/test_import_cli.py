"""`vbgen import` end to end: Word files (layout tables, bold runs, legacy fonts), the command
line (output, --force, errors: exit 2 and nothing written)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from vbgen.cli import cli
from vbgen.importer import import_source
from vbgen.sources import open_plan

SEED_004 = __import__("reference").SEEDS / "004_63659504154f59a9.txt"
needs_seed = pytest.mark.skipif(not SEED_004.exists(), reason=f"reference seed {SEED_004.name} not available "
                                "(../shared/reference is not beside this clone)")


def _word_plan(path: Path) -> Path:
    """A small plan laid out as Word files are: header and signature tables, a bold label,
    a paragraph typed in a TCVN3 font (.VnTime), a task table inside the body."""
    doc = Document()
    header = doc.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].add_run("TRUNG TÂM ĐIỀU ĐỘ\nHỆ THỐNG ĐIỆN QUỐC GIA")
    left.add_paragraph().add_run("TRUNG TÂM ĐIỀU ĐỘ\nHỆ THỐNG ĐIỆN MIỀN NAM").bold = True
    left.add_paragraph("Số: 15/KH-ĐĐMN")
    right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    right.add_paragraph("Thành phố Hồ Chí Minh, ngày 01 tháng 03 năm 2024")
    doc.add_paragraph().add_run("KẾ HOẠCH").bold = True
    doc.add_paragraph().add_run("Công tác quốc phòng, quân sự địa phương").bold = True
    doc.add_paragraph("Căn cứ văn bản số 540/ĐĐQG-VP ngày 23/02/2024 của Trung tâm Điều độ HTĐ Quốc gia;")
    doc.add_paragraph("Trung tâm Điều độ HTĐ miền Nam xây dựng Kế hoạch công tác quốc phòng, quân sự năm 2024, như sau:")
    doc.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    legacy = doc.add_paragraph().add_run("- Cô thÓ hãa c¸c v¨n b¶n chØ ®¹o vÒ quèc phßng, qu©n sù.")
    legacy.font.name = ".VnTime"
    p = doc.add_paragraph()
    p.add_run("Thời gian:").bold = True
    p.add_run(" hoàn thành trong quý II/2024.")
    doc.add_paragraph("II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN")
    table = doc.add_table(rows=3, cols=5)
    for row, cells in zip(table.rows, [["STT", "Nội dung", "Thời gian", "Chủ trì", "Thực hiện"],
                                       ["I", "Công tác giáo dục quốc phòng - an ninh", "", "", ""],
                                       ["1", "Rà soát, lập danh sách cán bộ, đảng viên.", "Thường xuyên",
                                        "Lãnh đạo Trung tâm", "BCH Quân sự"]]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    doc.add_paragraph("Các phòng trong Trung tâm bố trí sắp xếp để CBCNV tham gia công tác huấn luyện./.")
    sign = doc.add_table(rows=1, cols=2)
    left, right = sign.rows[0].cells
    left.paragraphs[0].add_run("Nơi nhận:")
    left.add_paragraph("- BCH QS Quận 3 (để b/c);")
    left.add_paragraph("- Lưu: VT, TH.")
    right.paragraphs[0].add_run("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC").bold = True
    right.add_paragraph("")
    right.add_paragraph("Phan Sỹ Bách")
    doc.save(path)
    return path


def test_word_file_layout_tables_bold_runs_and_legacy_font(tmp_path):
    imported = import_source(_word_plan(tmp_path / "kh.docx"))
    data = imported.data
    assert data["issuer"]["name"] == "TRUNG TÂM ĐIỀU ĐỘ\nHỆ THỐNG ĐIỆN MIỀN NAM"  # the bold lines
    assert data["issuer"]["parent"] == "TRUNG TÂM ĐIỀU ĐỘ HỆ THỐNG ĐIỆN QUỐC GIA"
    assert (data["number"], data["symbol"], data["issuer"]["abbreviation"]) == (15, "KH-ĐĐMN", "ĐĐMN")
    assert data["title"] == "Công tác quốc phòng, quân sự địa phương"
    purpose = data["body"][0]["items"]
    assert purpose[0]["dash"] == "Cụ thể hóa các văn bản chỉ đạo về quốc phòng, quân sự."  # TCVN3 converted
    assert purpose[1]["label"] == "Thời gian:" and purpose[1]["text"] == "hoàn thành trong quý II/2024."
    section = data["body"][1]
    assert section["section"] == "NỘI DUNG VÀ THỜI GIAN THỰC HIỆN" and "appendices" not in data
    table = section["items"][0]["table"]  # the table stays in the body, under its section
    assert table["columns"] == ["stt", "content", "deadline", "lead", "support"]
    assert table["labels"] == {"support": "Thực hiện"}  # the other headings are the usual ones
    assert table["rows"][0]["group"] == "Công tác giáo dục quốc phòng - an ninh"
    assert table["rows"][0]["rows"][0] == {"content": "Rà soát, lập danh sách cán bộ, đảng viên.",
                                          "deadline": "Thường xuyên", "lead": "Lãnh đạo Trung tâm",
                                          "support": "BCH Quân sự"}
    assert data["closing"].startswith("Các phòng trong Trung tâm")
    assert data["recipients"] == ["BCH QS Quận 3 (để b/c)"] and data["archive"] == "VT, TH"
    assert data["signature"] == {"mode": "KT", "on_behalf_of": "GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC",
                                 "name": "Phan Sỹ Bách"}


@needs_seed
def test_cli_writes_a_plan_that_loads(tmp_path):
    out = tmp_path / "parent.yaml"
    result = CliRunner().invoke(cli, ["import", str(SEED_004), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(out)
    plan = open_plan(out)
    assert plan.number == 21 and plan.issuer.abbreviation == "UBND"
    text = out.read_text(encoding="utf-8")
    assert "# guessed" in text  # the importer says where it guessed
    assert any(n.role == "target" for n in plan.nodes()) and any(n.role == "task" for n in plan.nodes())


@needs_seed
def test_cli_never_overwrites_without_force(tmp_path):
    out = tmp_path / "parent.yaml"
    out.write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(SEED_004), "-o", str(out)])
    assert result.exit_code == 2
    assert "already exists" in result.output and "--force" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"
    result = CliRunner().invoke(cli, ["import", str(SEED_004), "-o", str(out), "--force"])
    assert result.exit_code == 0 and open_plan(out).number == 21


@pytest.mark.parametrize("name, content, message", [
    ("input.txt", "", "the file has no text"),
    ("input.txt", "Hello, this is a shopping list:\n- milk\n- bread\n", "does not look like a plan"),
    ("input.txt", "KẾ HOẠCH\nmột đoạn văn không có mục nào cả.\n", "no numbered sections"),
    ("plan.docx", b"PK\x03\x04 not really a zip", "damaged or truncated"),
    ("ke-hoach.pdf", b"%PDF-1.4 not really", "pdftotext"),
])
def test_cli_bad_input_one_line_exit_2_nothing_written(tmp_path, name, content, message):
    source = tmp_path / name
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content, encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert str(source) in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == [source]


def test_word_automatic_numbering_gives_the_structure(tmp_path):
    """Numbers and bullets Word draws itself are not in the text; the importer reads them from
    the numbering definitions (seed 004 wording)."""
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Thực hiện công tác dân vận chính quyền năm 2025")
    doc.add_paragraph("Căn cứ Kế hoạch số 141-KH/BDVTU ngày 27/12/2024 của Ban Dân vận Tỉnh ủy, Ủy ban nhân dân "
                      "tỉnh ban hành Kế hoạch thực hiện công tác dân vận chính quyền năm 2025 như sau:")
    doc.add_paragraph("MỤC ĐÍCH, YÊU CẦU", style="List Number")
    doc.add_paragraph("Tiếp tục nâng cao nhận thức cho cán bộ, đảng viên, công chức.", style="List Bullet")
    doc.add_paragraph("Tiếp tục đổi mới, nâng cao hiệu quả công tác dân vận.", style="List Bullet")
    doc.add_paragraph("TỔ CHỨC THỰC HIỆN", style="List Number")
    doc.add_paragraph("Giao Sở Nội vụ tham mưu, theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch.",
                      style="List Bullet")
    doc.add_paragraph("Nơi nhận:")
    doc.add_paragraph("- Lưu: VT.")
    doc.add_paragraph("CHỦ TỊCH")
    doc.add_paragraph("Hoàng Thu Trang")
    doc.save(tmp_path / "auto.docx")
    body = import_source(tmp_path / "auto.docx").data["body"]
    assert [n["section"] for n in body] == ["MỤC ĐÍCH, YÊU CẦU", "TỔ CHỨC THỰC HIỆN"]
    assert [c["dash"] for c in body[0]["items"]] == [
        "Tiếp tục nâng cao nhận thức cho cán bộ, đảng viên, công chức.",
        "Tiếp tục đổi mới, nâng cao hiệu quả công tác dân vận."]
    task = body[1]["items"][0]
    assert (task["role"], task["lead"]) == ("task", "Sở Nội vụ")

