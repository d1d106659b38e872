"""A rendered example survives real LibreOffice: converted to PDF, its text and page numbers are right."""
import os
import shutil
import subprocess

import pytest

from conftest import EXAMPLES

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

needs_tools = pytest.mark.skipif(
    not (SOFFICE and PDFTOTEXT) and not os.environ.get("CI"),
    reason="LibreOffice and poppler-utils are not installed (CI installs them)")


def pdf_text(pdf, page=None):
    args = [PDFTOTEXT, "-layout"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@needs_tools
def test_example_converts_to_pdf_with_right_text_and_page_numbers(tmp_path):
    from vbgen.render import make_plan

    assert SOFFICE and PDFTOTEXT, "CI must install libreoffice-writer-nogui and poppler-utils"
    docx = make_plan(EXAMPLES / "bac-kan-2025" / "ke-hoach-tinh.yaml", tmp_path / "ke-hoach-tinh.docx")
    profile_dir = tmp_path / "lo-profile"
    proc = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile_dir}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                          capture_output=True, text=True, timeout=240)
    pdf = tmp_path / "ke-hoach-tinh.pdf"
    assert pdf.exists(), proc.stdout + proc.stderr
    text = " ".join(pdf_text(pdf).split())
    for expected in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 21/KH-UBND",
                     "Bắc Kạn, ngày 16 tháng 01 năm 2025", "KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU",
                     "nghiêm túc triển khai thực hiện./.", "Nơi nhận:", "- Lưu: VT, HCTC&QTTV, Lựu.",
                     "TM. ỦY BAN NHÂN DÂN", "Hoàng Thu Trang"]:
        assert expected in text, expected
    pages = pdf_text(pdf).count("\f")
    assert pages >= 3
    first = [line.strip() for line in pdf_text(pdf, 1).splitlines() if line.strip()]
    second = [line.strip() for line in pdf_text(pdf, 2).splitlines() if line.strip()]
    assert second[0] == "2", "page 2 starts with its number, centred in the top margin"
    assert first[0] != "1" and "1" not in first[:1], "page 1 shows no number"
