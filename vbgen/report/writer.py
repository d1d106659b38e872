"""Report data → tidy YAML with comments saying what to fill in; the ``vbgen report`` command's work."""
from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..i18n import N_, gettext
from ..output import refuse_overwrite, write_atomic
from ..yamlio import dump_yaml

ORDER = ("rules", "type", "report_on", "period", "issuer", "number", "symbol", "place", "date", "year", "title",
         "addressees", "opening", "sections", "closing", "signature", "recipients", "archive", "results",
         "previous", "targets", "tasks", "units", "summary", "charts", "layout")
#: Keys of targets and tasks written even when empty, so that other tools find them to fill.
KEEP_EMPTY = ("unit", "planned", "actual", "lead", "deadline", "status", "result")
COMMENTS = {  # marked for translation: written with gettext
    "report_on": N_("the plan reported on (paths relative to this file)"),
    "addressees": N_("Kính gửi: the body the plan says to report to"),
    "sections": N_("I–V: write each section's entries under items (text:, dash:, item: …); "
                   "the tasks below go into the section with results: true"),
    "targets": N_("chỉ tiêu: fill in actual (a number when planned is one; a percentage 0–100); "
                  "direction: at_least (actual ≥ planned is Đạt) or at_most (actual ≤ planned); "
                  "a target without a planned number takes met: true or false"),
    "tasks": N_("nhiệm vụ: status is done, in_progress or not_started; result is what was done"),
    "summary": N_("roll-up figures per target id (read by programs; not printed)"),
}


def _map(data: dict, order=None) -> CommentedMap:
    out = CommentedMap()
    keys = [k for k in (order or data) if k in data] + [k for k in data if order and k not in order]
    for key in keys:
        value = data[key]
        if value is None and key not in KEEP_EMPTY:
            continue
        out[key] = _plain(value)
    return out


def _plain(value):
    if isinstance(value, dict):
        return _map(value)
    if isinstance(value, list):
        seq = CommentedSeq()
        seq.extend(_plain(v) for v in value)
        return seq
    return value


def report_yaml(data: dict, heading: str) -> str:
    """The report as YAML text: ``heading`` (comment lines) first, then the keys in a clerk's order."""
    out = _map(data, ORDER)
    for key, comment in COMMENTS.items():
        if key in out:
            out.yaml_set_comment_before_after_key(key, before=gettext(comment))
    wrapped = [part for line in heading.splitlines() for part in (textwrap.wrap(line, 98) or [""])]
    lines = "".join(f"# {line}\n" if line else "#\n" for line in wrapped)
    return lines + dump_yaml(out)


@dataclass
class Written:
    """What a report command wrote, and what it has to say (the due date …)."""

    yaml: Path
    xlsx: Optional[Path]
    messages: list[str]


def write_outputs(out: Path, text: str, xlsx: Optional[Path], book, force: bool, sources) -> None:
    """Write the YAML (and the workbook), refusing first so that nothing is half-written."""
    refuse_overwrite(out, force=force, sources=sources)
    if xlsx is None:
        write_atomic(out, text, force=force, sources=sources)
        return
    refuse_overwrite(xlsx, force=force, sources=sources)
    new_sheet = not xlsx.exists()
    write_atomic(xlsx, lambda tmp: book.save(str(tmp)), force=force, sources=sources)
    try:
        write_atomic(out, text, force=force, sources=sources)
    except BaseException:
        if new_sheet:  # the pair is written whole or not at all
            xlsx.unlink(missing_ok=True)
        raise
