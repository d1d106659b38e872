"""Batch (làm hàng loạt): one unit template and a list of units → every unit's draft, on all cores.

The unit template is a unit file (``parent:``) whose unit-specific values come from each unit:
the issuer (default ``ỦY BAN NHÂN DÂN`` / ``XÃ …``, ``PHƯỜNG …`` or ``ĐẶC KHU …``), ``place``, the
signer, number, date and extra recipients. Its text may hold these tokens, replaced for each unit
(plain text replacement, never template code):

``{unit}`` phường Bắc Kạn · ``{Unit}`` Phường Bắc Kạn · ``{UNIT}`` PHƯỜNG BẮC KẠN ·
``{unit_name}`` Bắc Kạn · ``{unit_kind}`` phường

The parent plan is read and validated once; each unit is derived from it and rendered in a worker
process. A unit that fails does not stop the others. OUTDIR/manifest.csv and manifest.json list every
unit (file, số, trích yếu, warnings, sha256); a re-run skips outputs that are up to date.
"""
from __future__ import annotations

import copy
import csv
import gc
import io
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from . import __version__
from .derive import derive
from .derive.parents import open_parent
from .derive.unit import is_unit_data, validate_unit
from .errors import VbgenError
from .workers import chunk_size, worker_pool
from .i18n import _
from .output import discovering, write_atomic
from .profile import effective_profile
from .render.document import render_document
from .render.header import number_line
from .model import Plan, plan_to_data
from .render.package import docx_bytes, sha256_of
from .unitlist import UnitRow
from .yamlio import read_yaml

MANIFEST_JSON, MANIFEST_CSV = "manifest.json", "manifest.csv"
MANIFEST_FIELDS = ["unit", "kind", "file", "pdf", "number", "title", "warnings", "sha256", "status", "error"]
#: Collect lxml trees held in reference cycles every this many units (keeps worker memory flat).
_GC_EVERY = 100


@dataclass
class UnitResult:
    """What became of one unit: status ``written``, ``up to date`` or ``failed`` (with ``error``)."""

    unit: str
    kind: str
    file: str
    pdf: str = ""
    number: str = ""
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""
    status: str = "failed"
    error: str = ""
    input_sha256: str = ""


@dataclass
class BatchResult:
    """Every unit's result, in the order of the unit list, and the manifests written."""

    results: list[UnitResult]
    manifests: list[Path]

    @property
    def failed(self) -> list[UnitResult]:
        return [r for r in self.results if r.status == "failed"]

    def summary(self) -> str:
        counts = {s: sum(r.status == s for r in self.results) for s in ("written", "up to date", "failed")}
        return _("{count} units: {written} written, {current} up to date, {failed} failed").format(
            count=len(self.results), written=counts["written"], current=counts["up to date"], failed=counts["failed"])


# -- the unit template ---------------------------------------------------------------------------

def tokens(unit: UnitRow, upper_name: Optional[str] = None) -> dict[str, str]:
    """The tokens a unit template may use, with this unit's values."""
    upper = f"{unit.kind.upper()} {upper_name}" if upper_name else unit.area.upper()
    return {"{unit}": unit.area, "{Unit}": unit.label, "{UNIT}": upper, "{unit_name}": unit.name,
            "{unit_kind}": unit.kind}


def _replace(value: Any, table: dict[str, str]) -> Any:
    if isinstance(value, str):
        for token, text in table.items():
            if token in value:
                value = value.replace(token, text)
        return value
    if isinstance(value, dict):
        for key in list(value):
            value[key] = _replace(value[key], table)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            value[i] = _replace(item, table)
    return value


def unit_data(template: Any, unit: UnitRow, upper_name: Optional[str] = None) -> Any:
    """The unit file data for ``unit``: the template with tokens replaced and the unit's own values.

    ``upper_name`` stands for the name in capitals (used with a stand-in name, see :func:`derived`)."""
    table = tokens(unit, upper_name)
    data = _replace(copy.deepcopy(template), table)
    if not data.get("issuer"):
        data["issuer"] = {"name": f"ỦY BAN NHÂN DÂN\n{table['{UNIT}']}", "full_name": f"Ủy ban nhân dân {unit.area}",
                          "short_name": f"UBND {unit.kind}", "abbreviation": "UBND", "level": "commune",
                          "area": unit.area}
    data["place"] = unit.place or data.get("place") or unit.name
    if unit.signer:
        data.setdefault("signature", {})["name"] = unit.signer
    if unit.number:
        data["number"] = int(unit.number)
    if unit.date:
        data["date"] = unit.date
    if unit.recipients:
        data["recipients"] = list(data.get("recipients") or []) + unit.recipients
    return data


@dataclass
class _Job:
    template_path: Path
    template: Any
    parent: Any          # the parent's validated Plan, read once
    inputs_sha256: str   # of the template, its parents and vbgen's version
    outdir: Path


def _load_job(path: Path, outdir: Path) -> _Job:
    template = read_yaml(path)
    if not is_unit_data(template):
        raise VbgenError(_("a batch needs a unit template: a unit file with 'parent:' (the plan all units "
                           "implement)"),
                         file=str(path), line=1, field="parent")
    unit_file = validate_unit(_sample(template), path)
    parent, parent_files = open_parent(unit_file.parent_path, path)  # read once per process (derive.parents)
    files = [sha256_of(path.read_bytes())] + [sha for _name, sha in parent_files]
    inputs = sha256_of({"version": __version__, "files": files})
    return _Job(path, template, parent, inputs, outdir)


def _sample(template: Any) -> Any:
    return unit_data(template, UnitRow(name="Mẫu", kind="xã"))


def load_job(template_path: str | Path, outdir: str | Path) -> _Job:
    """The batch's shared state (template, parent plan); the parent (and its parents) is read once per
    process while its files are unchanged (:mod:`vbgen.derive.parents`)."""
    path = Path(template_path)
    if not path.is_file():
        raise VbgenError(_("file not found; check the path"), file=str(path))
    return _load_job(path.resolve(), Path(outdir).resolve())


def input_sha256(job: _Job, unit: UnitRow) -> str:
    return sha256_of({"inputs": job.inputs_sha256, "unit": unit.as_data()})


# -- one unit ------------------------------------------------------------------------------------

#: Stand-ins for a unit's name (and the name in capitals) while deriving once for many units.
NAME_MARK, UPPER_MARK = "\ue000", "\ue001"
_done_in_process = 0
_groups: dict[tuple, tuple[Optional[str], list[str]]] = {}


def _derive_direct(job: _Job, unit: UnitRow):
    derivation = derive(job.parent, validate_unit(unit_data(job.template, unit), job.template_path))
    return derivation.plan, list(derivation.warnings)


def _fill_names(text: str, unit: UnitRow, as_json: bool = False) -> str:
    name, upper = unit.name, unit.name.upper()
    if as_json:
        name, upper = json.dumps(name, ensure_ascii=False)[1:-1], json.dumps(upper, ensure_ascii=False)[1:-1]
    return text.replace(NAME_MARK, name).replace(UPPER_MARK, upper)


def derived(job: _Job, unit: UnitRow):
    """(plan, warnings) of ``unit``. Units that differ only in their name and kind (a province's list)
    share one derivation per kind: it is made once with a stand-in name, then each unit's name is put in. The first unit of each such
    group is also derived on its own and must give the same plan; otherwise (a name the glossary
    touches, say) every unit of the group is derived on its own."""
    if unit.signer or unit.number or unit.date or unit.place or unit.recipients:
        return _derive_direct(job, unit)  # a unit with values of its own: no group to share with
    key = (job.inputs_sha256, unit.kind)
    if key not in _groups:
        stand_in = UnitRow(name=NAME_MARK, kind=unit.kind)
        derivation = derive(job.parent, validate_unit(unit_data(job.template, stand_in, UPPER_MARK),
                                                      job.template_path))
        shared = json.dumps(plan_to_data(derivation.plan), ensure_ascii=False, default=str)
        plan, warnings = _derive_direct(job, unit)
        same = json.loads(_fill_names(shared, unit, as_json=True)) == json.loads(
            json.dumps(plan_to_data(plan), ensure_ascii=False, default=str))
        _groups[key] = (shared if same else None, list(derivation.warnings))
        return plan, warnings
    shared, warnings = _groups[key]
    if shared is None:
        return _derive_direct(job, unit)
    plan = Plan.model_validate(json.loads(_fill_names(shared, unit, as_json=True)))
    return plan, [_fill_names(w, unit) for w in warnings]


def render_unit(job: _Job, unit: UnitRow) -> UnitResult:
    """Derive, render and write one unit's .docx; a failure is recorded, never raised."""
    global _done_in_process
    result = UnitResult(unit=unit.label, kind=unit.kind, file=unit.file_name, input_sha256=input_sha256(job, unit))
    try:
        plan, warnings = derived(job, unit)
        blob = docx_bytes(render_document(plan))
        write_atomic(job.outdir / unit.file_name, blob, force=True, sources=[job.template_path])
        result.number = number_line(plan, effective_profile(plan))
        result.title = plan.title
        result.warnings = warnings
        result.sha256 = sha256_of(blob)
        result.status = "written"
    except VbgenError as error:
        result.error = f"{unit.source}: {error}" if unit.source else str(error)
    except Exception as error:  # a bug must not stop the other units: record it in one line
        result.error = _("{where}: internal error {kind}: {error}").format(where=unit.source,
                                                                             kind=type(error).__name__, error=error)
    _done_in_process += 1
    if _done_in_process % _GC_EVERY == 0:
        gc.collect()
    return result


_WORKER_JOB: Optional[_Job] = None


def _worker_init(template_path: str, outdir: str) -> None:
    """A worker process: its own job."""
    global _WORKER_JOB
    _WORKER_JOB = load_job(template_path, outdir)


def _worker_render(item: tuple[int, UnitRow]) -> tuple[int, UnitResult]:
    index, unit = item
    return index, render_unit(_WORKER_JOB, unit)


# -- the whole batch -----------------------------------------------------------------------------

def _manifest(outdir: Path) -> Optional[dict]:
    """The last run's manifest.json, when there is one written by vbgen batch."""
    try:
        with discovering():  # bookkeeping, not input: the run replaces it
            data = json.loads((outdir / MANIFEST_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("made_by") == "vbgen batch" else None


def _previous(outdir: Path) -> dict[str, dict]:
    """The last run's manifest records by file (empty when there is none)."""
    data = _manifest(outdir) or {}
    return {r.get("file"): r for r in data.get("units", []) if isinstance(r, dict)}


def _up_to_date(record: Optional[dict], path: Path, want_sha: str) -> bool:
    if not (record and record.get("input_sha256") == want_sha and record.get("status") != "failed"
            and path.is_file()):
        return False
    with discovering():  # an earlier output, looked at to see whether it is current
        return sha256_of(path.read_bytes()) == record.get("sha256")


def _plan_units(job: _Job, units: list[UnitRow], force: bool) -> tuple[list[UnitResult | None], list[int]]:
    previous = _previous(job.outdir)
    results: list[UnitResult | None] = [None] * len(units)
    todo = []
    for i, unit in enumerate(units):
        out = job.outdir / unit.file_name
        want = input_sha256(job, unit)
        record = previous.get(unit.file_name)
        if not force and _up_to_date(record, out, want):
            kept = {k: v for k, v in record.items() if k in UnitResult.__dataclass_fields__}
            results[i] = UnitResult(**{**kept, "status": "up to date", "error": ""})
        elif out.exists() and not force:
            results[i] = UnitResult(unit=unit.label, kind=unit.kind, file=unit.file_name, input_sha256=want,
                                    error=str(VbgenError(_("already exists and was not made from this data; "
                                                           "use --force to replace it"), file=str(out))))
        else:
            todo.append(i)
    return results, todo


def _run(job: _Job, units: list[UnitRow], todo: list[int], jobs: int, progress) -> dict[int, UnitResult]:
    done: dict[int, UnitResult] = {}
    items = [(i, units[i]) for i in todo]
    if jobs <= 1 or len(items) <= 1:
        for i, unit in items:
            done[i] = render_unit(job, unit)
            if progress:
                progress(len(done))
        return done
    workers = min(jobs, len(items))
    with worker_pool(workers, _worker_init, (str(job.template_path), str(job.outdir))) as pool:
        for i, result in pool.imap_unordered(_worker_render, items, chunksize=chunk_size(len(items), workers)):
            done[i] = result
            if progress:
                progress(len(done))
    return done


def _make_pdfs(results: list[UnitResult], outdir: Path, force: bool, progress) -> None:
    """PDFs of the units written now (and of up-to-date ones without a PDF yet), in one LibreOffice run."""
    from .pdf import convert_to_pdf, pdf_path

    wanted = [r for r in results if r.status != "failed"
              and (r.status == "written" or force or not pdf_path(outdir / r.file).is_file())]
    try:
        convert_to_pdf([outdir / r.file for r in wanted], force=True, progress=progress(len(wanted)))
    except VbgenError as error:
        for r in wanted:
            if not pdf_path(outdir / r.file).is_file():
                r.status, r.error = "failed", str(error)
    for r in results:
        if r.status != "failed" and pdf_path(outdir / r.file).is_file():
            r.pdf = pdf_path(r.file).name


def _may_write_manifests(outdir: Path) -> None:
    """Refuse a folder whose manifest files were not written by vbgen batch (they are replaced each run)."""
    json_path, csv_path = outdir / MANIFEST_JSON, outdir / MANIFEST_CSV
    if _manifest(outdir) is None and (json_path.exists() or csv_path.exists()):
        raise VbgenError(_("exists and was not written by vbgen batch; choose another -o folder"),
                         file=str(json_path if json_path.exists() else csv_path))


def write_manifests(results: list[UnitResult], outdir: Path, template: Path) -> list[Path]:
    """OUTDIR/manifest.json and manifest.csv (for upload into an e-office system)."""
    records = [asdict(r) for r in results]
    data = {"made_by": "vbgen batch", "vbgen": __version__, "template": str(template), "units": records}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    table = io.StringIO()
    writer = csv.DictWriter(table, MANIFEST_FIELDS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({**record, "warnings": " | ".join(record["warnings"])})
    json_path, csv_path = outdir / MANIFEST_JSON, outdir / MANIFEST_CSV
    _may_write_manifests(outdir)
    write_atomic(json_path, text, force=True)
    write_atomic(csv_path, "\ufeff" + table.getvalue(), force=True)  # BOM: Excel opens it as UTF-8
    return [csv_path, json_path]


def run_batch(template: str | Path, units: list[UnitRow], outdir: str | Path, *, pdf: bool = False,
              jobs: Optional[int] = None, force: bool = False,
              progress: Optional[Callable[[str, int, int], None]] = None) -> BatchResult:
    """Render every unit of ``units`` from unit template ``template`` into ``outdir`` (created if needed).

    ``jobs`` worker processes (default: every core); ``progress(stage, done, total)`` is called as
    units (stage "docx") and PDFs (stage "pdf") are done. Raises VbgenError only for problems that
    stop the whole batch (the template or its parent, LibreOffice missing for ``pdf``).
    """
    if pdf:
        from .pdf import soffice
        soffice()  # say so before rendering anything
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise VbgenError(_("is a file; -o must be a folder"), file=str(outdir))
    job = load_job(template, outdir)
    _may_write_manifests(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    results, todo = _plan_units(job, units, force)
    stage = (lambda name, total: (lambda done: progress(name, done, total))) if progress else (lambda *_: None)
    for i, result in _run(job, units, todo, jobs or os.cpu_count() or 1, stage("docx", len(todo))).items():
        results[i] = result
    if pdf:
        _make_pdfs(results, outdir, force, lambda total: stage("pdf", total))
    return BatchResult(results, write_manifests(results, outdir, Path(template)))
