"""The explanation (bảng đối chiếu thay đổi): every change derivation made, for the clerk to check.

Plain text, one block per change, grouped by kind: each replacement with the sentence it was made in,
each moved deadline, each dropped, added or changed target and task, the title, opening and Nơi nhận.
"""
from __future__ import annotations

from pathlib import Path

from ..i18n import N_, _, gettext, ngettext
from ..output import write_atomic
from .engine import Change, Derivation

_HEADINGS = {
    "title": N_("Title (trích yếu)"),
    "opening": N_("Opening"),
    "drop": N_("Dropped"),
    "override": N_("Changed"),
    "add": N_("Added"),
    "text": N_("Text replaced"),
    "replace": N_("Names of bodies and areas re-scoped"),
    "deadline": N_("Report deadlines moved earlier"),
    "recipients": N_("Recipients (Nơi nhận)"),
}


def explain(result: Derivation, unit_path: str | Path | None = None) -> str:
    """The change list as text a clerk reads, in the current language."""
    lines = []
    if unit_path:
        lines.append(_("Changes made deriving the plan from the parent plan: {file}").format(file=unit_path))
    lines.append(ngettext("{count} change.", "{count} changes.", len(result.changes)).format(
        count=len(result.changes)))
    for kind, heading in _HEADINGS.items():
        group = [c for c in result.changes if c.kind == kind]
        if not group:
            continue
        lines += ["", f"== {gettext(heading)}: {len(group)}"]
        for number, change in enumerate(group, 1):
            lines.append(f"{number}. {change.detail}" + (f"  [{change.where}]" if change.where else ""))
            if change.sentence and change.sentence != change.detail:
                lines.append(f"   … {change.sentence}")
    if result.warnings:
        lines += ["", "== " + gettext("Warnings")] + [f"- {w}" for w in result.warnings]
    return "\n".join(lines) + "\n"


def changes_path(docx_path: str | Path) -> Path:
    """Where the explanation goes beside a rendered plan: ``<name>.changes.txt``."""
    docx_path = Path(docx_path)
    return docx_path.with_name(docx_path.stem + ".changes.txt")


def write_explanation(result: Derivation, docx_path: str | Path, unit_path: str | Path | None = None,
                      force: bool = False) -> Path:
    """Write the explanation beside ``docx_path`` (never over an existing file without ``force``)."""
    return write_atomic(changes_path(docx_path), explain(result, unit_path), force=force)


def prepare_explanation(unit_path: str | Path, docx_path: str | Path, force: bool = False) -> Derivation:
    """Derive the plan of unit file ``unit_path`` once, after checking that nothing is in the way.

    Before deriving: ``unit_path`` must be a unit file (``parent:``), and neither ``docx_path`` nor
    its explanation may exist unless ``force`` (nor be the unit file itself). Returns the
    :class:`Derivation` (its warnings already issued) for rendering and explaining; raises VbgenError.
    """
    from ..errors import VbgenError
    from ..output import refuse_overwrite
    from ..yamlio import read_yaml
    from .engine import load_derived
    from .scope import emit_warnings
    from .unit import is_unit_data

    if not is_unit_data(read_yaml(unit_path)):
        raise VbgenError(_("has no 'parent:', so nothing was derived; --explain is for derived plans "
                           "(leave it out to render this plan)"), file=str(unit_path))
    refuse_overwrite(docx_path, force=force, sources=[unit_path])
    refuse_overwrite(changes_path(docx_path), force=force, sources=[unit_path])
    result = load_derived(unit_path)
    emit_warnings(result.warnings)
    return result


__all__ = ["prepare_explanation", "Change", "explain", "changes_path",
           "write_explanation"]
