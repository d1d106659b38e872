"""Finding document types: a search path of folders, each type a folder ``<type>/`` with ``type.yaml``
and one Word template per rule set (``state.docx``, ``party.docx``), or a pair of files beside each
other (``<type>.yaml`` + ``<type>-<rules>.docx``).

Search order (the first folder that has a type wins, so a user type overrides a built-in one of the
same name): the plan's own ``templates:`` folder, ``--templates DIR`` on the command line, the
folders in ``VBGEN_TEMPLATES`` (separated by ``os.pathsep``), then the built-in types.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from ..errors import VbgenError
from ..i18n import _
from ..profile import RULE_SETS, Section
from .spec import TypeSpec, for_rules

ENV = "VBGEN_TEMPLATES"
BUILT_IN = "built-in"
_SOURCE_TREE = Path(__file__).resolve().parent.parent.parent / "templates"
_command_line_dirs: list[Path] = []


def built_in_dir() -> Path:
    """The built-in types: the source tree's ``templates/`` or the installed ``vbgen.templates``."""
    if (_SOURCE_TREE / "partials").is_dir():
        return _SOURCE_TREE
    return Path(str(resources.files("vbgen.templates")))


def partial_path(name: str) -> Path:
    """A shared partial of the built-in types: 'header' or 'signature'."""
    return built_in_dir() / "partials" / f"{name}.docx"


def use_template_dirs(dirs: Iterable[str | Path]) -> None:
    """Folders given with ``--templates`` (searched before VBGEN_TEMPLATES and the built-in types)."""
    _command_line_dirs[:] = [_existing(Path(d), "--templates") for d in dirs]


def command_line_dirs() -> list[Path]:
    """The folders given with ``--templates`` (for a worker process to be given the same)."""
    return list(_command_line_dirs)


def _existing(folder: Path, where: str) -> Path:
    if not folder.is_dir():
        raise VbgenError(_("templates folder {folder} does not exist; create it or correct {where}").format(
            folder=repr(str(folder)), where=where), field=where)
    return folder.resolve()


def search_path(plan_dirs: Iterable[Path] = ()) -> list[tuple[Path, str]]:
    """(folder, where it was named) in search order, the built-in types last."""
    path = [(Path(d), "templates: in the plan") for d in plan_dirs]
    path += [(d, "--templates") for d in _command_line_dirs]
    env = os.environ.get(ENV, "")
    path += [(_existing(Path(d), ENV), ENV) for d in env.split(os.pathsep) if d.strip()]
    return path + [(built_in_dir(), BUILT_IN)]


@dataclass(frozen=True)
class DocumentType:
    """One document type (loại văn bản): its data (``spec``) and where its templates are."""

    key: str           # the plan's ``type:``, e.g. ke-hoach
    data_file: Path    # its type.yaml
    origin: str        # "built-in", or the folder it was found in
    spec: TypeSpec

    def template_file(self, rules: str) -> Path:
        if self.data_file.name == "type.yaml":
            return self.data_file.parent / f"{rules}.docx"
        return self.data_file.with_name(f"{self.key}-{rules}.docx")

    @property
    def rule_sets(self) -> tuple[str, ...]:
        """The rule sets this type has a template for."""
        return tuple(r for r in RULE_SETS if self.template_file(r).is_file())

    def template(self, rules: str) -> Path:
        """The Word template for ``rules``, or a clear error naming the rule sets it has."""
        path = self.template_file(rules)
        if not path.is_file():
            have = ", ".join(self.rule_sets) or _("none")
            raise VbgenError(_("type {type} has no template for {rules} rules (it has: {have}; add {file} to "
                               "{folder})").format(type=repr(self.key), rules=repr(rules), have=have,
                                                   file=path.name, folder=path.parent), field="type")
        return path

    def values(self, rules: str) -> Section:
        """The type's values under ``rules`` (tên loại, abbreviation, blocks …) as attributes."""
        return Section.wrap(for_rules(self.spec, rules))

    def entry(self, rules: str) -> Section:
        """The short entry the rule profile used to carry: name (tên loại), abbreviation, running_name."""
        v = self.values(rules)
        return Section(name=v.type_name, abbreviation=v.abbreviation, running_name=v.running_name,
                       blocks=v.blocks, title_form=v.title_form)


_cache: dict[Path, tuple[tuple[int, int], TypeSpec]] = {}


def _read_spec(path: Path) -> TypeSpec:
    """Parse and validate a type.yaml (cached until the file changes); errors name file and line."""
    from ..loader import validate_as  # the plan loader's file:line error reporting
    from ..yamlio import read_yaml

    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    spec = validate_as(TypeSpec, read_yaml(path), path, _("a type.yaml (type_name:, running_name: …)"))
    _cache[path] = (stamp, spec)
    return spec


def _types_in(folder: Path) -> Iterable[tuple[str, Path]]:
    """(key, data file) for every type in ``folder``: sub-folders with type.yaml, and <key>.yaml pairs."""
    for entry in sorted(folder.iterdir()):
        if entry.is_dir() and (entry / "type.yaml").is_file():
            yield entry.name, entry / "type.yaml"
        elif entry.suffix == ".yaml" and any((folder / f"{entry.stem}-{r}.docx").is_file() for r in RULE_SETS):
            yield entry.stem, entry


_listings: dict[tuple[tuple[Path, str], ...], tuple[list[tuple[str, bool]], tuple, list]] = {}
"""Type listings by search path: (what was looked at, its stamps then, the listing)."""


def _stamps(watched: list[tuple[str, bool]]) -> tuple:
    """The modification time of every watched folder and the time and size of every watched file:
    a type added, removed or edited (even inside an existing sub-folder) changes one of them."""
    out = []
    for path, is_file in watched:
        stat = os.stat(path)
        out.append((stat.st_mtime_ns, stat.st_size) if is_file else stat.st_mtime_ns)
    return tuple(out)


def type_listing(plan_dirs: Iterable[Path] = ()) -> list[tuple[DocumentType, bool]]:
    """Every type along the search path as (type, used): ``used`` is False for one a type of the same
    name earlier on the path overrides. The folders are listed again only when one of them, or one
    of their sub-folders or type files, has changed since the last call (a few stat calls)."""
    path = tuple(search_path(plan_dirs))
    cached = _listings.get(path)
    if cached is not None:
        try:
            if _stamps(cached[0]) == cached[1]:
                return list(cached[2])
        except OSError:  # something watched is gone: list again
            pass
    watched = [(str(folder), False) for folder, _ in path]
    for folder, _ in path:
        watched += [(str(entry), False) for entry in folder.iterdir() if entry.is_dir()]
    stamps = _stamps(watched)  # taken before listing: a change made meanwhile is seen next time
    seen: set[str] = set()
    out = []
    for folder, where in path:
        origin = BUILT_IN if where == BUILT_IN else str(folder)
        for key, data_file in _types_in(folder):
            watched.append((str(data_file), True))
            stamps += _stamps(watched[-1:])
            out.append((DocumentType(key, data_file, origin, _read_spec(data_file)), key not in seen))
            seen.add(key)
    _listings[path] = (watched, stamps, out)
    return list(out)


def all_types(plan_dirs: Iterable[Path] = ()) -> list[DocumentType]:
    """The types in use (built-in and user ones, overrides applied), by name.

    Each has ``key`` and ``values(rules)`` / ``entry(rules)`` with type_name (tên loại), abbreviation,
    running_name, title_form and blocks: what ``vbgen check`` reads to recognise a type.
    """
    return sorted((t for t, used in type_listing(plan_dirs) if used), key=lambda t: t.key)


def find_type(key: str, plan_dirs: Iterable[Path] = ()) -> DocumentType:
    """The type named ``key`` along the search path, or an error listing the known ones."""
    types = all_types(plan_dirs)
    for kind in types:
        if kind.key == key:
            return kind
    known = ", ".join(t.key for t in types)
    raise VbgenError(_("unknown document type {type}; use one of: {known} (or add a type folder: "
                       "see `vbgen templates new`)").format(type=repr(key), known=known), field="type")


def plan_dirs(plan) -> list[Path]:
    """The plan's own ``templates:`` folder, if it names one."""
    return [Path(plan.templates)] if getattr(plan, "templates", None) else []


def type_of(plan) -> DocumentType:
    """The type a plan says it is (``type:``), found along the search path."""
    return find_type(plan.type, plan_dirs(plan))


def profile_entries(rules: str) -> dict[str, Section]:
    """{type key: entry} for the rule profile's ``document_types`` (types found without a plan)."""
    return {t.key: t.entry(rules) for t in all_types()}


def bind_plan(plan, path: Optional[str | Path]) -> DocumentType:
    """Resolve the plan's ``templates:`` against its file's folder, then return its type, checking that
    the type has a template for the plan's rules and every block the plan fills in."""
    if getattr(plan, "templates", None) and path is not None:
        folder = (Path(path).parent / plan.templates).resolve()
        if not folder.is_dir():
            raise VbgenError(_("templates folder {folder} does not exist; create it or correct "
                               "'templates:' (a folder relative to the plan file)").format(folder=repr(str(folder))),
                             field="templates")
        plan.templates = str(folder)
    kind = type_of(plan)
    kind.template(plan.rules)
    blocks = set(kind.values(plan.rules).blocks)
    for field, block in (("addressees", "addressees"), ("appendices", "appendices"), ("basis", "basis")):
        if getattr(plan, field) and block not in blocks:
            raise VbgenError(_("a {type} has no {block} block; remove '{field}' or use a type that has "
                               "it").format(type=kind.spec.running_name, block=block, field=field), field=field)
    return kind
