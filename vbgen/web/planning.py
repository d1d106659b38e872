"""Lập kế hoạch on the web page: the parent plan into a job folder, the form's unit file beside it,
then the library derives, renders and explains (vbgen.derive, vbgen.render), as ``make-plan --explain``.
"""
from __future__ import annotations

import io
import shutil
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import VbgenError, VbgenWarning, format_message
from .folder import PlanEntry
from .jobs import Job
from .preview import Preview, make_preview
from .unitform import PARENT_FILE, UNIT_FILE, Outline, field_label, outline, unit_yaml

PLAN_DOCX = "ke-hoach.docx"
CHANGES_FILE = "thay-doi.txt"
SOURCE_NOTE = "nguon.txt"   # the parent's name as the clerk chose it, for the pages
IMPORT_NOTES = "ghi-chu.txt"  # what the importer could not find in an uploaded parent


@dataclass
class PlanResult:
    """A rendered unit plan: the .docx, the explanation text, warnings and the preview."""

    docx: Path
    changes: str
    warnings: list[str] = field(default_factory=list)
    preview: Preview = field(default_factory=Preview)


def collect_warnings(function, *args):
    """Run ``function`` and return (its result, the VbgenWarning texts it issued)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", VbgenWarning)
        result = function(*args)
    return result, [str(w.message) for w in caught if issubclass(w.category, VbgenWarning)]


def parent_from_folder(job: Job, entry: PlanEntry) -> Outline:
    """Copy the chosen plan into the job folder (a unit file is copied as its derived plan, so that its
    own parents are not needed) and return its outline."""
    from ..derive import write_derived

    target = job.path(PARENT_FILE)
    if entry.derived:
        collect_warnings(write_derived, entry.path, target, True)
    else:
        shutil.copyfile(entry.path, target)
    job.path(SOURCE_NOTE).write_text(entry.name, encoding="utf-8")
    return parent_outline(job)


def parent_from_docx(job: Job, source: Path, filename: str) -> tuple[Outline, list[str]]:
    """Import an uploaded .docx ``source`` (the province's plan; ``filename`` as the clerk named it) into
    the job folder as the parent plan.

    Fields the importer could not find get the stand-in "…" (listed in the returned notes): the
    unit's plan needs the parent's body, title, number and date, not its signer.
    """
    from ..importer import imported_yaml
    from ..yamlio import YAML, dump_yaml

    try:
        text, missing = collect_warnings(imported_yaml, source)[0]
    except VbgenError as error:
        raise VbgenError(error.message, file=filename) from None
    except Exception as error:
        raise unreadable(error, filename) from None
    if missing:
        data = YAML(typ="rt").load(io.StringIO(text))
        for path in missing:
            *parents, key = path.split(".")
            node = data
            for name in parents:
                node = node[name]
            node[key] = "…"
        text = dump_yaml(data)
    job.path(PARENT_FILE).write_text(text, encoding="utf-8")
    job.path(SOURCE_NOTE).write_text(filename, encoding="utf-8")
    notes = [f"Văn bản tải lên không có {path}; tạm ghi “…” vào kế hoạch cấp trên." for path in missing]
    job.path(IMPORT_NOTES).write_text("\n".join(notes), encoding="utf-8")
    return parent_outline(job), notes


_outlines: dict[tuple, Outline] = {}  # (parent copy, size, mtime) → outline: a job's parent is read once


def parent_outline(job: Job) -> Outline:
    """The outline of the parent already in the job folder."""
    from ..derive import load_derived

    path = job.path(PARENT_FILE)
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _outlines:
        if len(_outlines) > 200:
            _outlines.clear()
        _outlines[key] = outline(collect_warnings(load_derived, path)[0].plan)
    return _outlines[key]


def source_name(job: Job) -> str:
    """The parent's name as the clerk chose it."""
    note = job.file(SOURCE_NOTE)
    return note.read_text(encoding="utf-8") if note else PARENT_FILE


def import_notes(job: Job) -> list[str]:
    """What the importer could not find in the uploaded parent (one line each)."""
    notes = job.file(IMPORT_NOTES)
    return [line for line in notes.read_text(encoding="utf-8").splitlines() if line] if notes else []


def make_unit_plan(job: Job, data: dict, preview: bool = True) -> PlanResult:
    """Write the unit file ``data`` beside the parent, derive and render the unit's plan, explain the
    changes and (``preview``) make the PDF and page images. Raises VbgenError."""
    from ..derive import load_derived
    from ..derive.explain import explain
    from ..render import render_plan

    unit_path = job.path(UNIT_FILE)
    for old in (PLAN_DOCX, CHANGES_FILE, "ke-hoach.pdf"):
        job.path(old).unlink(missing_ok=True)
    unit_path.write_text(unit_yaml(data), encoding="utf-8")
    result, issued = collect_warnings(load_derived, unit_path)
    docx, rendered = collect_warnings(render_plan, result.plan, job.path(PLAN_DOCX), True, [unit_path])
    text = explain(result, UNIT_FILE)
    job.path(CHANGES_FILE).write_text(text, encoding="utf-8")
    notes = list(dict.fromkeys(result.warnings + issued + rendered))
    shown = Preview(note="") if not preview else make_preview(docx, job.folder.parent / "lo-profile")
    return PlanResult(docx, text, notes, shown)


def guard_upload(path: Path, filename: str) -> None:
    """Refuse an uploaded file that is not a safe Word package (zip bomb, DTD/XXE, .doc, PDF …) before any
    reader parses it (vbgen.docxsafe); the message names the clerk's ``filename``."""
    from ..docxsafe import package_parts

    try:
        package_parts(path)
    except VbgenError as error:
        raise VbgenError(error.message, file=filename) from None


def unreadable(error: Exception, filename: str) -> VbgenError:
    """The error for an upload the library could not read at all (not a .docx, or damaged)."""
    return VbgenError(f"không đọc được văn bản này ({error.__class__.__name__}); hãy mở bằng Word, lưu lại "
                      "dạng .docx (Word Document) rồi tải lên lại", file=filename)


def clerk_message(error: VbgenError, job: Optional[Job] = None) -> str:
    """One line for the page: the form field's label when the error is in the unit file the form made,
    else the file's name (never the private folder's path), line and field as the library gave them."""
    file = Path(error.file).name if error.file else ""
    if file == UNIT_FILE:
        label = field_label(error.field)
        where = f"{label} ({error.field})" if label else (error.field or "Phiếu thông tin đơn vị")
        return f"{where}: {str(error.message)}"
    if file == PARENT_FILE and job is not None:
        file = source_name(job)
    return format_message(str(error.message), file or None, error.line, error.field)
