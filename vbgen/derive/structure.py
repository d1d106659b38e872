"""Changes to the parent's structure (bỏ, sửa, thêm): targets, tasks and the unit's own sections.

The unit drops, changes or adds targets (chỉ tiêu) and tasks (nhiệm vụ) by id, and drops or adds
sections (mục) of its own: a new top-level section ("IV. KINH PHÍ THỰC HIỆN": numbers are computed
when rendering, so the parent's later sections move down), or a section inside, after or before one of
the parent's. A place is named by an id or, for sections, by the heading as the parent writes it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..i18n import _
from ..model import Node
from .tree import find_node, find_sections

#: Ids of the sentence derivation adds for the unit's own duty to report upward; a cascade drops the
#: parent's (it is the parent's duty, not the child's) and adds its own.
REPORT_UPWARD_ID = "bao-cao-cap-tren"


@dataclass
class Change:
    """One change derivation made. ``kind``: replace, text, deadline, drop, add, override, title,
    opening, recipients, closing; ``where``: the heading it is under; ``sentence``: the text as derived."""

    kind: str
    where: str
    detail: str
    sentence: str = ""


def _noun(role: str) -> str:
    """"target" (chỉ tiêu), "task" (nhiệm vụ) or "section" (mục), in the current language."""
    return str({"target": _("target"), "task": _("task")}.get(role) or _("section"))


def _nouns(role: str) -> str:
    return str(_("targets")) if role == "target" else str(_("tasks"))


class StructureChanges:
    """Mixin of the deriver: drop, change and add nodes of ``self.body`` (needs ``uf``, ``changes``,
    ``own_nodes``, ``own_fields``)."""

    def _drop_report_upward(self, nodes: list[Node]) -> None:
        nodes[:] = [n for n in nodes if n.id != REPORT_UPWARD_ID]
        for n in nodes:
            self._drop_report_upward(n.items)

    # -- finding a place ---------------------------------------------------------------------------
    def _anchor(self, ref: str, loc: tuple, sections_only: bool = False):
        """(list holding it, index, node) for ``ref``: an id, else a section's heading (one only).

        ``sections_only``: the node must hold items (a section, or an item with sub-items)."""
        found = find_node(self.body, ref)
        if found is not None and not (sections_only and found[2].kind in ("text", "table")):
            return found
        matches = find_sections(self.body, ref)
        if len(matches) > 1:
            raise self.uf.error(_("{count} sections of the parent plan are headed '{heading}'; give the id of "
                                  "the one you mean (add id: to it in the parent plan)").format(
                                      count=len(matches), heading=ref), *loc)
        if not matches:
            message = (_("the parent plan has no section with id '{id}', nor one headed so; check the spelling")
                       if sections_only else
                       _("the parent plan has nothing with id '{id}' and no section headed so; check the id"))
            raise self.uf.error(message.format(id=ref), *loc)
        return matches[0]

    def _place(self, new: Node, addition, loc: tuple, default) -> str:
        """Insert ``new`` where ``addition`` says (after / before / under), else by ``default()``
        (a (list, index) to insert at). Returns the anchor as the clerk wrote it."""
        if addition.under:
            found = self._anchor(addition.under, loc + ("under",), sections_only=True)
            found[2].items.append(new)
        elif addition.after or addition.before:
            key = "after" if addition.after else "before"
            holder, index, _node = self._anchor(getattr(addition, key), loc + (key,))
            holder.insert(index + 1 if key == "after" else index, new)
        else:
            holder, index = default()
            holder.insert(index, new)
        return addition.after or addition.before or addition.under or ""

    def _check_new_id(self, new: Node, loc: tuple) -> None:
        for node in new.walk():
            if node.id and find_node(self.body, node.id):
                raise self.uf.error(_("the id '{id}' is already used in the parent plan; choose another")
                                    .format(id=node.id), *loc, "id")

    # -- sections ------------------------------------------------------------------------------------
    def _section_changes(self, changes) -> None:
        for i, ref in enumerate(changes.drop):
            holder, index, node = self._anchor(ref, ("changes", "sections", "drop", i), sections_only=True)
            del holder[index]
            self.changes.append(Change("drop", ref, _("dropped section '{id}': {text}").format(
                id=ref, text=node.content)))
        for i, addition in enumerate(changes.add):
            new = addition.as_node(None)
            loc = ("changes", "sections", "add", i)
            self._check_new_id(new, loc)
            anchor = self._place(new, addition, loc, lambda: (self.body, len(self.body)))
            self.own_nodes.update(id(n) for n in new.walk())
            self.changes.append(Change("add", anchor, _("added section: {text}").format(text=new.content),
                                       new.content))

    # -- targets and tasks ---------------------------------------------------------------------------
    def _role_changes(self, role: str, changes, key: str) -> None:
        noun = _noun(role)
        for i, node_id in enumerate(changes.drop):
            holder, index, node = self._lookup(node_id, role, ("changes", key, "drop", i))
            del holder[index]
            self.changes.append(Change("drop", node_id, _("dropped {noun} '{id}': {text}").format(
                noun=noun, id=node_id, text=node.content)))
        for i, override in enumerate(changes.override):
            holder, index, node = self._lookup(override.id, role, ("changes", key, "override", i, "id"))
            self._override(node, override)
        for i, addition in enumerate(changes.add):
            new = addition.as_node(role)
            loc = ("changes", key, "add", i)
            self._check_new_id(new, loc)

            def after_last(role=role, i=i):
                last = [(h, j) for h, j, _n in self._all_with_role(role)]
                if not last:
                    raise self.uf.error(_("the parent plan marks no {nouns} (role: {role}); say where the new "
                                          "{noun} goes with 'after' or 'under'").format(
                                              nouns=_nouns(role), noun=noun, role=role),
                                        "changes", key, "add", i)
                return last[-1][0], last[-1][1] + 1

            anchor = self._place(new, addition, loc, after_last)
            self.own_nodes.update(id(n) for n in new.walk())
            self.changes.append(Change("add", anchor, _("added {noun}: {text}").format(
                noun=noun, text=new.content), new.content))

    def _all_with_role(self, role: str, nodes: Optional[list[Node]] = None):
        for i, node in enumerate(self.body if nodes is None else nodes):
            if node.role == role:
                yield (self.body if nodes is None else nodes), i, node
            yield from self._all_with_role(role, node.items)

    def _lookup(self, node_id: str, role: str, loc: tuple):
        found = find_node(self.body, node_id)
        noun = _noun(role)
        if not found:
            known = [n.id for _h, _i, n in self._all_with_role(role)]
            if known:
                message = _("the parent plan has no {noun} with id '{id}' (its {nouns}: {known}); check the id")
            else:
                message = _("the parent plan has no {noun} with id '{id}' (it marks no {nouns}); check the id")
            raise self.uf.error(message.format(noun=noun, nouns=_nouns(role), id=node_id,
                                               known=", ".join(known)), *loc)
        if found[2].role != role:
            other = "tasks" if role == "target" else "targets"
            raise self.uf.error(_("'{id}' is not a {noun} in the parent plan; list it under changes.{key}")
                                .format(id=node_id, noun=noun, key=other), *loc)
        return found

    def _override(self, node: Node, override) -> None:
        values = override.model_dump(exclude={"id"}, exclude_none=True)
        if any(k in values for k in ("section", "item", "dash", "plus", "text")):
            for kind in ("section", "item", "dash", "plus", "text"):
                setattr(node, kind, None)
        for key, value in values.items():
            setattr(node, key, value)
            self.own_fields.add((id(node), key))
        detail = ", ".join(f"{k} = {v}" for k, v in values.items())
        self.changes.append(Change("override", override.id, _("changed '{id}': {detail}").format(
            id=override.id, detail=detail), node.content))
