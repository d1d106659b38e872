"""``vbgen import``: turn an existing plan (.docx, or text copied from a PDF or web page) into plan YAML.

The pipeline: :mod:`.sources` reads paragraphs and tables in order, :mod:`.cleanup` repairs the
text, :mod:`.document` cuts it into header, opening, body, closing, Nơi nhận, signature and
appendices (read by :mod:`.header`, :mod:`.body`, :mod:`.signature`, :mod:`.tables`), and
:mod:`.writer` writes tidy YAML with a comment wherever the importer guessed.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import VbgenError, warn
from ..i18n import _
from ..output import write_atomic
from .document import Imported, fill_in, import_source


def import_yaml(source: str | Path) -> str:
    """The plan YAML for ``source``, validated against the plan model (nothing written)."""
    return imported_yaml(source)[0]


def imported_plan_data(source: str | Path) -> tuple[str, dict, list[str], list[str]]:
    """(plan YAML, its data as loaded, fields the importer guessed, required fields not found) for
    ``source``: what :func:`vbgen.sources.open_plan` needs to accept a Word file where YAML is expected."""
    imported, text, data = _import(source)
    mark = fill_in("")  # "FILL IN: " in the language the notes were written in
    guessed = sorted(k for k, note in imported.notes.items() if not note.startswith(mark))
    _warn_unplaced(source, imported)
    return text, data, guessed, list(imported.missing)


def _import(source: str | Path):
    """(Imported, YAML text, the data that text holds) for ``source``; any failure is one VbgenError line,
    never a traceback. The data is what the YAML loads to (the writer's strings load back exactly), so it
    is validated without reading the text again."""
    from .writer import plan_tree, render

    try:
        imported = import_source(source)
        tree = plan_tree(imported)
        return imported, render(imported, tree), tree
    except VbgenError:
        raise
    except RecursionError:
        raise VbgenError(_("the file nests too deeply to be read; save it again from Word"), file=str(source)) from None
    except Exception as exc:  # never a traceback: name the failure, say what to do
        raise VbgenError(_("import could not read this file ({error}); please report it with the file; meanwhile "
                           "copy its text into a .txt file and import that").format(
                               error=f"{exc.__class__.__name__}: {str(exc)[:120]}"), file=str(source)) from None


def _warn_unplaced(source, imported) -> None:
    if imported.unplaced:
        first = " ".join(imported.unplaced[0][1].split())
        warn(_("{file}: {count} passage(s) could not be placed in the plan (first, line {line}: “{text}”); they are "
               "written as comments under 'NOT PLACED' at the end of the YAML").format(
                   file=source, count=len(imported.unplaced), line=imported.unplaced[0][0], text=first[:60]))


def imported_yaml(source: str | Path) -> tuple[str, list[str]]:
    """(plan YAML for ``source``, required fields the source did not give).

    Those fields are written empty with a "FILL IN" comment: make-plan refuses them until the clerk
    fills them in. Everything else is validated against the plan model here (nothing written).
    """
    from ..loader import validate_plan

    imported, text, tree = _import(source)
    data = dict(tree)
    for field_path in imported.missing:  # stand-ins, so that the rest is still checked
        *parents, key = field_path.split(".")
        node = data
        for name in parents:
            node[name] = node = dict(node[name])
        node[key] = "…"
    validate_plan(data, f"{source} (imported)")
    _warn_unplaced(source, imported)
    return text, list(imported.missing)


def default_output(source: str | Path) -> Path:
    """Beside the source, same name, .yaml."""
    return Path(source).with_suffix(".yaml")


def import_plan(source: str | Path, out_path: str | Path | None = None, force: bool = False) -> Path:
    """Import ``source`` and write the plan YAML to ``out_path`` (atomically; never overwriting
    an existing file unless ``force``). Raises VbgenError on unreadable or non-plan input."""
    out = Path(out_path) if out_path else default_output(source)
    if Path(source).resolve() == out.resolve():
        raise VbgenError(_("the output would replace the source; choose another -o path"), file=str(out))
    if out.exists() and not force:
        from ..errors import OutputExistsError
        raise OutputExistsError(_("already exists; use --force to overwrite it, or -o to choose another name"),
                                file=str(out))
    text, missing = imported_yaml(source)
    written = write_atomic(out, text, force=force)
    if missing:
        warn(_("{file}: not found in the source, left empty: {fields}; fill them in (see the FILL IN comments), "
               "then run make-plan").format(file=written, fields=", ".join(missing)))
    return written


__all__ = ["Imported", "import_source", "import_yaml", "imported_yaml", "imported_plan_data", "import_plan", "default_output"]
