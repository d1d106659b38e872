"""PDF through LibreOffice: many .docx files converted by one ``soffice`` process.

LibreOffice is started once per call with every file on its command line (and a private user
profile, so a LibreOffice the clerk has open is not disturbed); each PDF is written beside its .docx
through a temporary folder, so a failed conversion leaves nothing half-written.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Optional

from .errors import VbgenError
from .i18n import _
from .output import refuse_overwrite

#: Seconds LibreOffice may take: to start, and then per document.
START_SECONDS, PER_FILE_SECONDS = 120, 10


def soffice() -> str:
    """The LibreOffice executable; VbgenError (exit 2) with what to do when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise VbgenError(_("LibreOffice is not installed (no 'soffice' on PATH), so no PDF can be made; install "
                           "it (Debian/Ubuntu: apt install libreoffice-writer) or leave out --pdf"), field="--pdf")
    return found


def pdf_path(docx: str | Path) -> Path:
    """The PDF written for ``docx``: same folder, same name, .pdf."""
    return Path(docx).with_suffix(".pdf")


def convert_to_pdf(docx_files: Iterable[str | Path], force: bool = False,
                   progress: Optional[Callable[[int], None]] = None) -> list[Path]:
    """Convert every .docx to a PDF beside it, in one LibreOffice process; returns the PDFs.

    Refuses (before starting LibreOffice) to overwrite an existing PDF unless ``force``.
    ``progress(n)`` is called as each PDF is done. Raises VbgenError naming any file not converted.
    """
    files = [Path(f) for f in docx_files]
    if not files:
        return []
    program = soffice()
    for docx in files:
        refuse_overwrite(pdf_path(docx), force=force, sources=[docx])
    work_parent = files[0].resolve().parent
    with tempfile.TemporaryDirectory(prefix=".vbgen-pdf-", dir=work_parent) as work:
        work = Path(work)
        profile = work / "profile"
        command = [program, "--headless", "--norestore", "--nologo", f"-env:UserInstallation={profile.as_uri()}",
                   "--convert-to", "pdf", "--outdir", str(work / "out"), *[str(f.resolve()) for f in files]]
        timeout = START_SECONDS + PER_FILE_SECONDS * len(files)
        try:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                       env={**os.environ, "HOME": str(work)})
        except OSError as error:
            raise VbgenError(_("cannot start LibreOffice ({reason})").format(reason=error.strerror),
                             file=program) from None
        done = 0
        try:
            for line in process.stdout:  # "convert /x/a.docx -> /tmp/…/a.pdf using filter : writer_pdf_Export"
                if line.startswith("convert "):
                    done += 1
                    if progress:
                        progress(done)
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            raise VbgenError(_("LibreOffice did not finish within {seconds} s").format(seconds=timeout),
                             file=program) from None
        out = []
        for docx in files:
            made = work / "out" / pdf_path(docx.name)
            if not made.is_file():
                raise VbgenError(_("LibreOffice could not convert this file to PDF"), file=str(docx))
            target = pdf_path(docx)
            os.replace(made, target)
            out.append(target)
    return out
