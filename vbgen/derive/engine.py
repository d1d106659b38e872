"""Derivation (xây dựng kế hoạch thực hiện): parent plan + unit file → the unit's own plan.

:func:`derive` takes the parent's Plan and a validated unit file and returns the derived Plan, the
list of every change made (for :mod:`vbgen.derive.explain`) and warnings for the clerk.
:func:`load_derived` reads a unit file, follows ``parent:`` (a cascade: the parent may be a unit
file too) and derives.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from pydantic import ValidationError

from ..errors import VbgenError
from ..i18n import _
from ..loader import validate_plan
from ..types.registry import plan_dirs
from ..model import Node, Plan
from ..profile import load_profile
from ..yamlio import read_yaml
from .deadlines import is_report, move_deadlines
from .parents import parent_derivation
from .glossary import Entry, Glossary, derivation_data, fill, shipped_entries, shipped_glossary_names
from .scope import (area_kind, area_of, citation, level_of, lower_first, reform_warnings,
                    type_running_name, upper_first)
from .structure import REPORT_UPWARD_ID, Change, StructureChanges
from .tree import find_node, locate, walk_with_path, where_of
from .unit import UnitFile, is_unit_data, validate_unit

TEXT_FIELDS = ("section", "item", "dash", "plus", "text", "label", "lead", "deadline")
#: The text fields of a task table's row (AppendixRow): a group heading or a task's cells.
ROW_FIELDS = ("group", "content", "lead", "support", "deadline", "result", "note")


@dataclass
class Derivation:
    """The derived plan, every change, and warnings for the clerk."""

    plan: Plan
    changes: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _copy(model):
    """A deep copy of a body node or an appendix (the parent's stays as it is): its data validated again,
    four times faster than ``model_copy(deep=True)`` (the models hold only data, no aliases)."""
    return type(model).model_validate(model.model_dump())


class _Deriver(StructureChanges):
    def __init__(self, parent: Plan, unit_file: UnitFile):
        self.parent, self.uf, self.unit = parent, unit_file, unit_file.unit
        self.changes: list[Change] = []
        self.warnings: list[str] = []
        # The unit's own text (added nodes, overridden fields) is not re-scoped nor moved.
        self.own_nodes: set[int] = set()
        self.own_fields: set[tuple[int, str]] = set()
        self.body = [_copy(n) for n in parent.body if n.id != REPORT_UPWARD_ID]
        self._drop_report_upward(self.body)
        self.rules = self.unit.rules or parent.rules
        area, parent_area = area_of(self.unit.issuer), area_of(parent.issuer)
        self.values = {
            "area": area, "parent_area": parent_area,
            "area_kind": area_kind(area, self.unit.issuer.level),
            "name": self.unit.issuer.running_name, "parent_name": parent.issuer.running_name,
            "short_name": self.unit.issuer.short_name or self.unit.issuer.running_name,
        }

    # -- text ------------------------------------------------------------------------------------
    def _texts(self, with_names: bool = False):
        """(getter, setter, where, node[, field name]) for every piece of body text derivation may rewrite."""
        for node, trail in walk_with_path(self.body):
            if id(node) in self.own_nodes:
                continue
            where = where_of(trail)
            for name in TEXT_FIELDS:
                if getattr(node, name) is not None and (id(node), name) not in self.own_fields:
                    out = ((lambda n=node, f=name: getattr(n, f)),
                           (lambda v, n=node, f=name: setattr(n, f, v)), where, node)
                    yield out + (name,) if with_names else out
            for i in range(len(node.support) if (id(node), "support") not in self.own_fields else 0):
                out = ((lambda n=node, j=i: n.support[j]),
                       (lambda v, n=node, j=i: n.support.__setitem__(j, v)), where, node)
                yield out + ("support",) if with_names else out

    def _tables(self):
        """(table, where, node) for every task table of the plan: those inside the body (``node``
        is the body node holding it) and the appendices (``node`` None)."""
        for node, trail in walk_with_path(self.body):
            if node.table is not None and id(node) not in self.own_nodes:
                yield node.table, _("{where} › table").format(where=where_of(trail)), node
        for appendix in self.appendices:
            yield appendix, _("appendix “{title}”").format(title=appendix.title), None

    def _cells(self):
        """(getter, setter, where, row, field name) for every non-empty cell of every task table."""
        for table, where, _node in self._tables():
            for row in self._rows(table.rows):
                for name in ROW_FIELDS:
                    if getattr(row, name):
                        yield ((lambda r=row, f=name: getattr(r, f)),
                               (lambda v, r=row, f=name: setattr(r, f, v)), where, row, name)

    def _replace_texts(self) -> None:
        for i, item in enumerate(self.unit.changes.replace):
            count = 0
            texts = [t[:3] for t in self._texts()] + [t[:3] for t in self._cells()]
            for get, put, where in texts:
                text = get()
                if item.find in text:
                    count += text.count(item.find)
                    put(text.replace(item.find, item.with_))
                    self.changes.append(Change("text", where, f"“{item.find}” → “{item.with_}”", get()))
            if not count:
                self._unmatched(_("the text '{text}' is not in the parent plan; copy it exactly from the "
                                  "parent (or remove this entry)").format(text=item.find),
                                ("changes", "replace", i, "find"))

    def _unmatched(self, message: str, loc: tuple) -> None:
        if self.unit.unmatched == "warning":
            self.warnings.append(str(self.uf.error(message, *loc)))
        else:
            raise self.uf.error(_("{message}; or set 'unmatched: warning'").format(message=message), *loc)

    def glossary(self) -> Glossary:
        lines = [self.uf.line("changes", "glossary", i) for i in range(len(self.unit.changes.glossary))]
        own = [Entry(e.find, e.with_, source=str(self.uf.path), line=line)
               for e, line in zip(self.unit.changes.glossary, lines)]
        shipped: list[Entry] = []
        for name in self._glossary_names():
            shipped += shipped_entries(name, self.values)
        return Glossary(own + shipped)

    def _glossary_names(self) -> list[str]:
        if self.unit.glossaries is not None:
            known = shipped_glossary_names()
            for i, name in enumerate(self.unit.glossaries):
                if name not in known:
                    raise self.uf.error(_("no glossary named '{name}'; use one of: {known}").format(
                        name=name, known=", ".join(known)), "glossaries", i)
            return self.unit.glossaries
        parent_level, level = level_of(self.parent.issuer), self.unit.issuer.level
        if parent_level is None:
            raise self.uf.error(_("cannot tell the parent's level; add issuer.level to the parent plan or "
                                  "name the glossaries here (glossaries: [state-province-district])"), "parent")
        name = derivation_data()["routes"][self.rules].get(f"{parent_level}-{level}")
        if name is None:
            self.warnings.append(_("{file}: no shipped glossary for {parent_level} → {level}; names are "
                                   "kept; add your own under changes.glossary").format(
                                       file=self.uf.path, parent_level=parent_level, level=level))
            return []
        return [name]

    def _rescope(self, glossary: Glossary) -> None:
        counts = {e: 0 for e in glossary.entries}
        for appendix in self.appendices:
            appendix.title, _hits = glossary.apply(appendix.title)
        sources = [(get, put, where) for get, put, where, _ in self._texts()]
        sources += [(get, put, where) for get, put, where, _row, _name in self._cells()]
        sources.append((lambda: self.closing or "", lambda v: setattr(self, "closing", v), str(_("closing"))))
        for get, put, where in sources:
            new, hits = glossary.apply(get())
            if hits:
                put(new)
            for hit in hits:
                counts[hit.entry] += 1
                self.changes.append(Change("replace", where, f"“{hit.matched}” → “{hit.replaced}”",
                                           hit.sentence))
        for i, entry in enumerate(self.unit.changes.glossary):
            own = next((e for e in counts if e.find == entry.find and e.source == str(self.uf.path)), None)
            if own is None or not counts[own]:
                self._unmatched(_("the glossary entry '{text}' matches nothing in the parent plan; check its "
                                  "spelling (or remove it)").format(text=entry.find),
                                ("changes", "glossary", i, "find"))

    def _rows(self, rows):
        for row in rows:
            yield row
            yield from self._rows(row.rows)

    def _move_deadlines(self) -> list[str]:
        phrases: dict[str, str] = {}  # the parent's date → its longest phrase
        last_node: Optional[Node] = None
        texts = [(get, put, where, node, name == "deadline" and is_report(node.content or ""))
                 for get, put, where, node, name in self._texts(with_names=True)]
        for table, where, node in self._tables():  # a report row's deadline cell
            for row in self._rows(table.rows):
                if row.deadline and is_report(row.content or ""):
                    texts.append(((lambda r=row: r.deadline), (lambda v, r=row: setattr(r, "deadline", v)),
                                  where, node, True))
        order = {id(n): i for i, (n, _trail) in enumerate(walk_with_path(self.body))}  # document order
        for get, put, where, node, report in texts:
            new, moved = move_deadlines(get(), self.unit.lead_days, report=report)
            if moved:
                put(new)
                if node is not None and (last_node is None or order[id(node)] > order[id(last_node)]):
                    last_node = node
            for item in moved:
                if len(item.phrase) > len(phrases.get(item.before.lower(), "")):
                    phrases[item.before.lower()] = lower_first(item.phrase)
                self.changes.append(Change("deadline", where, _("“{before}” → “{after}” ({days} days earlier)")
                                           .format(before=item.before, after=item.after,
                                                   days=self.unit.lead_days), item.sentence))
        if phrases and last_node is not None:
            self._add_report_upward(last_node, list(phrases.values()))
        return list(phrases.values())

    def _add_report_upward(self, after: Node, phrases: list[str]) -> None:
        text = fill(derivation_data()[self.rules]["report_upward"], {
            "issuer": upper_first(self.unit.issuer.running_name),
            "parent": self.parent.issuer.running_name, "deadlines": ", ".join(phrases)})
        kind = after.kind if after.kind in ("item", "dash", "plus", "text") else "dash"
        node = Node.model_validate({kind: text, "id": REPORT_UPWARD_ID})
        holder, index, _node = find_node(self.body, after.id) if after.id else locate(self.body, after)
        holder.insert(index + 1, node)
        self.changes.append(Change("add", str(_("report upward")), str(_(
            "added the unit's own duty to report upward, by the parent's deadlines")), text))

    # -- the whole -------------------------------------------------------------------------------
    def run(self) -> Derivation:
        unit, parent = self.unit, self.parent
        self.appendices = [_copy(a) for a in parent.appendices]
        self.closing = parent.closing
        self._section_changes(unit.changes.sections)
        self._role_changes("target", unit.changes.targets, "targets")
        self._role_changes("task", unit.changes.tasks, "tasks")
        self._replace_texts()
        glossary = self.glossary()
        self._rescope(glossary)
        self._move_deadlines()

        title = unit.title or self._scoped_title(glossary)
        if not unit.title:
            self.changes.append(Change("title", str(_("title")), f"“{parent.title}” → “{title}”", title))
        doc_type = type_running_name(self.rules, unit.type or parent.type, plan_dirs(parent))
        if doc_type is None:
            known = ", ".join(load_profile(self.rules).document_types or {})
            raise self.uf.error(_("unknown document type '{type}'; use one of: {known}").format(
                type=unit.type or parent.type, known=known), "type")
        opening = unit.opening or [fill(derivation_data()[self.rules]["opening"], {
            "parent_doc": citation(parent), "issuer": unit.issuer.running_name, "type": doc_type,
            "type_lower": doc_type.lower(), "title": lower_first(title)})]
        note = (_("cites the parent plan in full") if parent.number is not None else
                _("cites the parent plan, which has no number yet: add its number and date when it is issued"))
        self.changes.append(Change("opening", str(_("opening")), str(note), opening[0]))
        closing = unit.closing or (self.closing or None)
        if closing and not unit.closing and lower_first(parent.title) in closing:
            closing = closing.replace(lower_first(parent.title), lower_first(title))
        report_to = (parent.issuer.short_name or parent.issuer.running_name) + \
            derivation_data()["report_to_parent_suffix"]
        suffix = derivation_data()["report_to_parent_suffix"]
        same = {report_to.casefold(), (parent.issuer.running_name + suffix).casefold()}
        recipients = [report_to] + [r for r in unit.recipients
                                    if not (isinstance(r, str) and r.casefold() in same)]
        self.changes.append(Change("recipients", str(_("recipients")),
                                   _("added “{recipient}” first").format(recipient=report_to), report_to))
        data = {
            "rules": self.rules, "type": unit.type or parent.type,
            "issuer": unit.issuer.model_dump(exclude_none=True), "number": unit.number, "symbol": unit.symbol,
            "place": unit.place, "date": unit.date, "year": unit.year or (None if unit.date else parent.draft_year),
            "title": title, "basis": (list(parent.basis) if unit.keep_parent_basis else []) + list(unit.basis),
            "opening": opening, "addressees": unit.addressees,
            "body": [n.model_dump(exclude_defaults=True) for n in self.body],
            "closing": closing, "signature": unit.signature.model_dump(exclude_none=True),
            "recipients": [r if isinstance(r, str) else r.model_dump() for r in recipients],
            "archive": unit.archive,
            "appendices": [a.model_dump() for a in self.appendices],
            "layout": (unit.layout or parent.layout).model_dump(exclude_none=True),
            "templates": parent.templates,  # the parent's own types folder (already resolved to a full path)
        }
        data = {k: v for k, v in data.items() if v is not None}
        try:
            plan = Plan.model_validate(data)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            message = first["msg"].replace("Value error, ", "")
            if first["loc"] and first["loc"][0] in self.uf.data:  # the unit's own value (number, …)
                raise self.uf.error(message, *first["loc"][:1]) from None
            raise VbgenError(_("the derived plan is not valid: {message}; check the changes").format(
                message=message),
                             file=str(self.uf.path), field=".".join(str(p) for p in first["loc"])) from None
        self.warnings += reform_warnings(plan, str(self.uf.path))
        return Derivation(plan, self.changes, self.warnings)

    def _scoped_title(self, glossary: Glossary) -> str:
        title, hits = glossary.apply(self.parent.title)
        area = self.values["area"]
        if area and area.lower() not in title.lower():
            title = fill(derivation_data()[self.rules]["title_scope"], {"title": title, "area": area})
        return title


def derive(parent: Plan, unit_file: UnitFile) -> Derivation:
    """Derive the unit's plan from its parent's. Raises VbgenError (file:line) on a bad change."""
    return _Deriver(parent, unit_file).run()


def load_derived(path: str | Path, data: Any = None, _chain: tuple[Path, ...] = ()) -> Derivation:
    """Read ``path`` (or use its already-read YAML ``data``): a unit file is derived from its parent
    (recursively); a plain plan is returned as is."""
    path = Path(path)
    if data is None and _chain:  # a parent given as the province's .docx: imported on the fly
        from ..sources import is_word_file, open_word_plan
        if is_word_file(path):
            return Derivation(open_word_plan(path))
    data = read_yaml(path) if data is None else data
    if not is_unit_data(data):
        return Derivation(validate_plan(data, path))
    unit_file = validate_unit(data, path)
    here = path.resolve()
    parent_path = unit_file.parent_path
    if parent_path in _chain + (here,):
        chain = " → ".join(p.name for p in _chain + (here, parent_path))
        raise unit_file.error(_("the parents form a cycle ({chain}); a plan cannot derive from itself")
                              .format(chain=chain), "parent")
    if not parent_path.is_file():
        raise unit_file.error(_("the parent plan '{parent}' does not exist (looked for {path}); check the "
                                "path, relative to this file").format(parent=unit_file.unit.parent,
                                                                     path=parent_path), "parent")
    upper = parent_derivation(parent_path, _chain + (here,))  # read once per process (.parents)
    return derive(upper.plan, unit_file)
