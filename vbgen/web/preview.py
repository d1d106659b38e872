"""Pages as pictures (xem trước): .docx → PDF with LibreOffice → one PNG per page with pdftoppm.

Both tools are optional: without ``soffice`` there is no PDF and no picture, and the page says so.
One conversion runs at a time (LibreOffice's profile folder is shared by the server's conversions).
"""
from __future__ import annotations

import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

MAX_PAGES = 40
TIMEOUT = 180  # seconds for one conversion
_convert_lock = threading.Lock()


def soffice() -> Optional[str]:
    """The LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@dataclass
class Preview:
    """What :func:`make_preview` made: the PDF (or None), the page images, and why something is missing."""

    pdf: Optional[Path] = None
    pages: list[Path] = field(default_factory=list)
    note: str = ""


def to_pdf(docx: Path, profile_dir: Path) -> Optional[Path]:
    """Convert ``docx`` to a PDF beside it (LibreOffice, headless, its own profile); None if it fails."""
    command = soffice()
    if not command:
        return None
    pdf = docx.with_suffix(".pdf")
    pdf.unlink(missing_ok=True)
    with _convert_lock:
        subprocess.run([command, f"-env:UserInstallation={profile_dir.resolve().as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
                       capture_output=True, timeout=TIMEOUT, check=False)
    return pdf if pdf.is_file() else None


def to_pages(pdf: Path, resolution: int = 60) -> list[Path]:
    """``trang-1.png``, ``trang-2.png`` … beside ``pdf`` (at most MAX_PAGES); [] without pdftoppm."""
    command = shutil.which("pdftoppm")
    for old in pdf.parent.glob("trang-*.png"):
        old.unlink()
    if not command:
        return []
    subprocess.run([command, "-png", "-r", str(resolution), "-l", str(MAX_PAGES), str(pdf),
                    str(pdf.parent / "trang")], capture_output=True, timeout=TIMEOUT, check=False)
    pages = []
    for image in pdf.parent.glob("trang-*.png"):  # pdftoppm pads the numbers: trang-01.png
        number = int(image.stem.rpartition("-")[2])
        target = image.with_name(f"trang-{number}.png")
        image.rename(target)
        pages.append((number, target))
    return [path for _number, path in sorted(pages)]


def make_preview(docx: Path, profile_dir: Path) -> Preview:
    """The PDF and page images of ``docx``, or a note saying which tool is missing."""
    if not soffice():
        return Preview(note="Máy này chưa cài LibreOffice nên không xem trước được các trang và không có bản PDF; "
                            "hãy tải bản .docx về và mở bằng Word.")
    try:
        pdf = to_pdf(docx, profile_dir)
    except subprocess.TimeoutExpired:
        pdf = None
    if pdf is None:
        return Preview(note="LibreOffice không chuyển được văn bản sang PDF; hãy tải bản .docx về và mở bằng Word.")
    pages = to_pages(pdf)
    note = "" if pages else "Máy này chưa cài poppler-utils (pdftoppm) nên không xem trước được các trang."
    return Preview(pdf, pages, note)
