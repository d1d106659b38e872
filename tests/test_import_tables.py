"""Importer: a table standing inside the body becomes a ``table`` node at its place (under its
section); tables after the signature, or right under a "Phụ lục" paragraph, stay appendices.
Fragments of corpus 10 (TTĐĐ HTĐ miền Nam, its .txt 'cell | cell' rendering) and corpus 01."""
from __future__ import annotations

import io

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from vbgen.importer import import_source, import_yaml
from vbgen.importer.body import build_tree, to_nodes
from vbgen.importer.sources import Line
from vbgen.sources import open_plan
from vbgen.render import render_plan
from vbgen.yamlio import YAML

HEAD = """TRUNG TÂM ĐIỀU ĐỘ / HỆ THỐNG ĐIỆN QUỐC GIA / TRUNG TÂM ĐIỀU ĐỘ /  HỆ THỐNG ĐIỆN MIỀN NAM /  / Số:            /KH-ĐĐMN / | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc /  /  /  / Thành phố Hồ Chí Minh, ngày 01 tháng 03 năm 2024

KẾ HOẠCH
Công tác quốc phòng, quân sự địa phương

Căn cứ văn bản số 540/ĐĐQG-VP ngày 23/02/2024 của Trung tâm Điều độ HTĐ Quốc gia về việc triển khai, thực hiện công tác quốc phòng, quân sự năm 2024;
Trung tâm Điều độ HTĐ miền Nam xây dựng Kế hoạch công tác quốc phòng, quân sự năm 2024, như sau:
I. MỤC ĐÍCH, YÊU CẦU
- Cụ thể hóa các văn bản chỉ đạo, kế hoạch về quốc phòng, quân sự của các cấp có thẩm quyền.
II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN
STT | Nội dung | Thời gian | Chủ trì | Thực hiện
I | Công tác giáo dục quốc phòng - an ninh |  |  | 
1 | Rà soát, lập danh sách cán bộ, đảng viên theo các đối tượng chưa được bồi dưỡng kiến thức QP&AN. | Thường xuyên | Lãnh đạo Trung tâm | BCH Quân sự, phòng Tổng hợp
II | Chế độ báo cáo |  |  | 
1 | BC sơ kết 6 tháng | Trước 10/5 | Lãnh đạo Trung tâm | BCH Quân sự, phòng Tổng hợp
2 | BC tổng kết năm | Trước 10/11 | Lãnh đạo Trung tâm | BCH Quân sự, phòng Tổng hợp
III. TỔ CHỨC THỰC HIỆN:
- BCH Quân sự Trung tâm có trách nhiệm thực hiện báo cáo kết quả công tác quốc phòng theo định kỳ.
Các phòng trong Trung tâm bố trí sắp xếp để CBCNV tham gia công tác huấn luyện ./.

Nơi nhận: / - BCH QS Quận 3 (để b/c); / - Lưu: VT, TH / | KT  GIÁM ĐỐC / PHÓ GIÁM ĐỐC /  /  / Phan Sỹ Bách
"""

# corpus 01: the appendix after the signature
APPENDIX = """
PHỤ LỤC
DANH MỤC NHIỆM VỤ TRIỂN KHAI THI HÀNH NGHỊ ĐỊNH QUY ĐỊNH VỀ PHÒNG THỦ DÂN SỰ
(Kèm theo Kế hoạch số 980/KH-UBND ngày 18/11/2025 của UBND tỉnh Nghệ An)
TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành
1 | Rà soát, kiện toàn Ban Chỉ huy phòng thủ dân sự các cấp | Bộ CHQS tỉnh | Các sở, ngành | Năm 2025
"""


def _plan_file(tmp_path, text: str):
    path = tmp_path / "kh.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _data(path) -> dict:
    return YAML(typ="safe").load(io.StringIO(import_yaml(path)))


def test_body_table_becomes_a_table_node_under_its_section(tmp_path):
    data = _data(_plan_file(tmp_path, HEAD))
    assert "appendices" not in data
    section = data["body"][1]
    assert section["section"] == "NỘI DUNG VÀ THỜI GIAN THỰC HIỆN"
    assert list(section["items"][0]) == ["table"]
    table = section["items"][0]["table"]
    # columns in the source's order, mapped by their headings; "Thực hiện" kept as the label
    assert table["columns"] == ["stt", "content", "deadline", "lead", "support"]
    assert table["labels"] == {"support": "Thực hiện"}
    assert [g["group"] for g in table["rows"]] == ["Công tác giáo dục quốc phòng - an ninh", "Chế độ báo cáo"]
    assert table["rows"][1]["rows"][0] == {"content": "BC sơ kết 6 tháng", "deadline": "Trước 10/5",
                                          "lead": "Lãnh đạo Trung tâm",
                                          "support": "BCH Quân sự, phòng Tổng hợp"}
    assert data["body"][2]["section"] == "TỔ CHỨC THỰC HIỆN:"  # the next section follows the table


def test_body_table_is_rendered_between_its_heading_and_the_next_section(tmp_path):
    yaml_path = tmp_path / "kh.yaml"
    yaml_path.write_text(import_yaml(_plan_file(tmp_path, HEAD)), encoding="utf-8")
    out = render_plan(open_plan(yaml_path), tmp_path / "kh.docx", force=True)
    blocks = list(Document(str(out)).iter_inner_content())
    heading = next(i for i, b in enumerate(blocks)
                   if isinstance(b, Paragraph) and b.text.endswith("NỘI DUNG VÀ THỜI GIAN THỰC HIỆN"))
    table = blocks[heading + 1]
    assert isinstance(table, Table)
    assert [c.text for c in table.rows[0].cells] == ["STT", "Nội dung", "Thời gian", "Chủ trì", "Thực hiện"]
    assert [c.text for c in table.rows[4].cells] == ["1", "BC sơ kết 6 tháng", "Trước 10/5", "Lãnh đạo Trung tâm",
                                                     "BCH Quân sự, phòng Tổng hợp"]
    assert table.rows[1].cells[1].paragraphs[0].runs[0].bold  # a group row
    after = blocks[heading + 2]
    assert isinstance(after, Paragraph) and after.text.startswith("III") and "TỔ CHỨC THỰC HIỆN" in after.text


def test_table_after_the_signature_stays_an_appendix(tmp_path):
    data = _data(_plan_file(tmp_path, HEAD + APPENDIX))
    assert data["body"][1]["items"][0]["table"]["rows"]  # the body table is still in the body
    [appendix] = data["appendices"]
    assert appendix["title"].startswith("DANH MỤC NHIỆM VỤ TRIỂN KHAI")
    assert appendix["rows"] == [{"content": "Rà soát, kiện toàn Ban Chỉ huy phòng thủ dân sự các cấp",
                                 "lead": "Bộ CHQS tỉnh", "support": "Các sở, ngành", "deadline": "Năm 2025"}]


def test_table_under_a_phu_luc_paragraph_in_the_body_is_an_appendix():
    lines = [Line(t, n) for n, t in enumerate(["II. NỘI DUNG", "Phụ lục các nhiệm vụ trọng tâm"], 1)]
    lines += [Line(" | ".join(c), n, cells=c) for n, c in enumerate(
        [["STT", "Nội dung", "Chủ trì"], ["1", "Rà soát quy chế", "Văn phòng"]], 3)]
    tables: list = []
    nodes = to_nodes(build_tree(lines), tables)
    assert nodes[0]["section"] == "NỘI DUNG" and "items" not in nodes[0]  # the paragraph is the title
    assert tables == [(3, [["STT", "Nội dung", "Chủ trì"], ["1", "Rà soát quy chế", "Văn phòng"]],
                       "Phụ lục các nhiệm vụ trọng tâm")]


def test_unknown_headings_are_kept_as_labels(tmp_path):
    text = HEAD.replace("STT | Nội dung | Thời gian | Chủ trì | Thực hiện",
                        "TT | Nội dung công việc | Thời gian | Chủ trì | Thực hiện | Kinh phí")
    text = text.replace("| Trước 10/5 | Lãnh đạo Trung tâm | BCH Quân sự, phòng Tổng hợp",
                        "| Trước 10/5 | Lãnh đạo Trung tâm | BCH Quân sự, phòng Tổng hợp | Ngân sách Trung tâm")
    path = _plan_file(tmp_path, text)
    table = _data(path)["body"][1]["items"][0]["table"]
    assert table["columns"] == ["stt", "content", "deadline", "lead", "support", "note"]
    assert table["labels"] == {"stt": "TT", "content": "Nội dung công việc", "support": "Thực hiện",
                               "note": "Kinh phí"}
    assert table["rows"][1]["rows"][0]["note"] == "Ngân sách Trung tâm"
    assert "column 'Kinh phí' read as 'note'" in import_yaml(path)  # the guess is a comment


def test_word_table_in_the_body_keeps_its_place(tmp_path):
    """The same in a .docx: the table element between the section headings."""
    doc = Document()
    for line in HEAD.split("II. NỘI DUNG")[0].splitlines()[2:]:
        doc.add_paragraph(line)
    doc.paragraphs[0].insert_paragraph_before("TRUNG TÂM ĐIỀU ĐỘ HỆ THỐNG ĐIỆN MIỀN NAM")
    doc.add_paragraph("II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN")
    table = doc.add_table(rows=3, cols=4)
    for row, cells in zip(table.rows, [["STT", "Nội dung", "Thời gian", "Chủ trì"],
                                       ["I", "Chế độ báo cáo", "", ""],
                                       ["1", "BC tổng kết năm", "Trước 10/11", "Lãnh đạo Trung tâm"]]):
        for cell, value in zip(row.cells, cells):
            cell.text = value
    doc.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    doc.add_paragraph("- BCH Quân sự Trung tâm có trách nhiệm thực hiện báo cáo theo định kỳ.")
    doc.add_paragraph("Nơi nhận:")
    doc.add_paragraph("- Lưu: VT, TH.")
    doc.add_paragraph("GIÁM ĐỐC")
    doc.add_paragraph("Phan Sỹ Bách")
    doc.save(tmp_path / "kh.docx")
    body = import_source(tmp_path / "kh.docx").data["body"]
    assert [n.get("section") for n in body] == ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG VÀ THỜI GIAN THỰC HIỆN",
                                                "TỔ CHỨC THỰC HIỆN"]
    table = body[1]["items"][0]["table"]
    assert table["columns"] == ["stt", "content", "deadline", "lead"]
    assert table["rows"] == [{"group": "Chế độ báo cáo", "rows": [
        {"content": "BC tổng kết năm", "deadline": "Trước 10/11", "lead": "Lãnh đạo Trung tâm"}]}]


UNIT = """\
parent: trung-tam.yaml
issuer: {name: "PHÒNG TỔNG HỢP", abbreviation: PTH, level: unit}
place: Thành phố Hồ Chí Minh
year: 2024
glossaries: []
signature: {title: TRƯỞNG PHÒNG, name: Nguyễn Văn C}
recipients: [Các tổ]
archive: VT
changes:
  replace:
    - {find: Lãnh đạo Trung tâm, with: Lãnh đạo Phòng}
"""


def test_imported_body_table_is_derived(tmp_path):
    """import → derive: the body table of the imported parent reaches the unit's plan, its cells
    changed by the unit's replacements, and the derived plan renders."""
    from vbgen.derive import load_derived

    parent = tmp_path / "trung-tam.yaml"
    parent.write_text(import_yaml(_plan_file(tmp_path, HEAD)), encoding="utf-8")
    (tmp_path / "phong.yaml").write_text(UNIT, encoding="utf-8")
    plan = load_derived(tmp_path / "phong.yaml").plan
    table = next(n for n in plan.nodes() if n.kind == "table").table
    assert [r.lead for g in table.rows for r in g.rows] == ["Lãnh đạo Phòng"] * 3
    out = render_plan(plan, tmp_path / "phong.docx", force=True)
    assert any("Lãnh đạo Phòng" in c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells)


def test_table_in_the_opening_is_kept_at_the_start_of_the_body(tmp_path):
    text = HEAD.replace("I. MỤC ĐÍCH, YÊU CẦU\n", "STT | Nội dung | Chủ trì\n1 | Rà soát quy chế | Văn phòng\n"
                                                  "I. MỤC ĐÍCH, YÊU CẦU\n")
    path = _plan_file(tmp_path, text)
    data = _data(path)
    assert data["body"][0]["table"]["rows"] == [{"content": "Rà soát quy chế", "lead": "Văn phòng"}]
    assert data["body"][1]["section"] == "MỤC ĐÍCH, YÊU CẦU"
    assert "stood before the first section" in import_yaml(path)
