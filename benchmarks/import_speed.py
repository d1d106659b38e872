"""How `vbgen import` grows with its input: a plan's body repeated to ~0.2, 2 and 20 MB of text (.txt) and
~0.5, 5 and 50 MB (.docx, with a task table), timed end to end (read, cut, YAML written). Import must stay
linear: each 10× step should take about 10× the time. Validating the plan model (vbgen.model) is timed
apart: its duplicate-id check is quadratic in the number of ids (see the report).

Run: python benchmarks/import_speed.py [--quick] [--no-validate]   (--quick stops at the 10× size)
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vbgen.importer import _import  # noqa: E402
from vbgen.loader import validate_plan  # noqa: E402

HEAD = """ỦY BAN NHÂN DÂN
TỈNH BẮC KẠN
Số: 21/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Kạn, ngày 16 tháng 01 năm 2025

KẾ HOẠCH
Triển khai công tác cải cách hành chính năm 2025

Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
"""
SECTION = """{roman}. NHIỆM VỤ TRỌNG TÂM SỐ {n}
1. Nâng cao chất lượng phục vụ người dân và doanh nghiệp trên địa bàn tỉnh, bảo đảm đúng hạn.
- Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành tham mưu triển khai, hoàn thành trong quý II/2025.
- Các cơ quan, đơn vị tăng cường kỷ luật, kỷ cương hành chính; thực hiện thường xuyên.
2. Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động của cơ quan nhà nước.
a) Giao Sở Khoa học và Công nghệ chủ trì triển khai các nền tảng số dùng chung của tỉnh.
b) Thời gian thực hiện: trong năm 2025.
"""
TAIL = """Trên đây là Kế hoạch triển khai công tác cải cách hành chính năm 2025 của tỉnh./.

Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""


def _roman(n: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n % 10]


def make_text(target_bytes: int) -> str:
    parts, size, n = [HEAD], len(HEAD.encode()), 0
    while size < target_bytes:
        block = SECTION.format(roman=_roman(n), n=n + 1)
        parts.append(block)
        size += len(block.encode())
        n += 1
    parts.append(TAIL)
    return "".join(parts)


def make_docx(path: Path, target_bytes: int) -> Path:
    """A .docx whose document.xml is about ``target_bytes``: paragraphs and one task table per section.
    The XML is written directly (python-docx's add_paragraph slows down as the body grows)."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    from docx import Document

    def para(text: str) -> str:
        return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    def table(rows: list[list[str]]) -> str:
        cells = "".join("<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows)
        return f"<w:tbl><w:tblGrid>{'<w:gridCol/>' * len(rows[0])}</w:tblGrid>{cells}</w:tbl>"

    parts = [para(line) for line in HEAD.splitlines()]
    size, n = 0, 0
    while size < target_bytes:
        block = "".join(para(line) for line in SECTION.format(roman=_roman(n), n=n + 1).splitlines())
        block += table([["STT", "Nội dung", "Chủ trì", "Thời gian"],
                        ["1", f"Nhiệm vụ {n + 1}: rà soát thủ tục hành chính", "Sở Nội vụ", "Quý II"],
                        ["2", "Số hóa hồ sơ, kết quả giải quyết", "Các sở, ngành", "Năm 2025"]])
        parts.append(block)
        size += len(block.encode())
        n += 1
    parts += [para(line) for line in TAIL.splitlines()]
    empty = io.BytesIO()
    Document().save(empty)
    with zipfile.ZipFile(empty) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                head, _, rest = data.decode("utf-8").partition("<w:body>")
                data = (head + "<w:body>" + "".join(parts) + rest[rest.index("<w:sectPr"):]).encode("utf-8")
            zout.writestr(info, data)
    return path


VALIDATE = "--no-validate" not in sys.argv


def timed(path: Path) -> tuple[float, float]:
    """(CPU seconds to read, cut and write the YAML text; CPU seconds to validate the plan model). CPU time,
    not wall time: the machine is shared, and wall time measures the neighbours too."""
    start = time.process_time()
    _imported, _text, data = _import(path)
    middle = time.process_time()
    if VALIDATE:
        validate_plan(dict(data), path)
    return middle - start, time.process_time() - middle


def main() -> None:
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        print("kind  size(MB)  import(CPU s)  s/MB  validate(CPU s)")
        for mb in (0.2, 2, 20)[: 2 if quick else 3]:
            path = folder / f"plan-{mb}.txt"
            path.write_text(make_text(int(mb * 2**20)), encoding="utf-8")
            seconds, check = timed(path)
            real = path.stat().st_size / 2**20
            print(f"txt   {real:8.1f}  {seconds:13.1f}  {seconds / real:5.2f}  {check:15.1f}")
        for mb in (0.5, 5, 50)[: 2 if quick else 3]:
            path = make_docx(folder / f"plan-{mb}.docx", int(mb * 2**20))
            import zipfile
            real = zipfile.ZipFile(path).getinfo("word/document.xml").file_size / 2**20
            seconds, check = timed(path)
            print(f"docx  {real:8.1f}  {seconds:13.1f}  {seconds / real:5.2f}  {check:15.1f}  (document.xml size)")


if __name__ == "__main__":
    main()
