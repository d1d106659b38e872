"""Finding the .docx templates: templates/<type>-<rules>.docx and the shared partials."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import VbgenError

_SOURCE_TREE = Path(__file__).resolve().parent.parent / "templates"


def templates_dir() -> Path:
    """The templates folder: the source tree's ``templates/`` or the installed ``vbgen.templates``."""
    if (_SOURCE_TREE / "partials").is_dir():
        return _SOURCE_TREE
    return Path(str(resources.files("vbgen.templates")))


def template_path(doc_type: str, rules: str) -> Path:
    """The main template for a document type and rule set, e.g. ke-hoach-state.docx."""
    path = templates_dir() / f"{doc_type}-{rules}.docx"
    if not path.is_file():
        available = sorted(p.stem for p in templates_dir().glob("*.docx"))
        raise VbgenError(f"no template for type {doc_type!r} with {rules!r} rules yet "
                         f"(available: {', '.join(available)})", field="type")
    return path


def partial_path(name: str) -> Path:
    """A shared partial: 'header' or 'signature'."""
    return templates_dir() / "partials" / f"{name}.docx"
