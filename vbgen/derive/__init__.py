"""Derived plans (kế hoạch thực hiện của cấp dưới): a lower body derives its plan from its parent's.

- :mod:`.unit`: the unit file (``parent:`` + the unit's own data and changes) and its loading;
- :mod:`.glossary`: re-scoping names from the parent's level to the unit's (data in vbgen/glossaries);
- :mod:`.deadlines`: report deadlines moved earlier by the lead time;
- :mod:`.engine`: :func:`derive` and :func:`load_derived` (cascades through parents);
- :mod:`.explain`: the list of every change, for the clerk.
"""
from __future__ import annotations

from .engine import Change, Derivation, derive, load_derived, reform_warnings
from .scope import emit_warnings
from .explain import explain, write_explanation
from .unit import Unit, is_unit_data, load_unit

__all__ = ["Change", "Derivation", "derive", "load_derived", "reform_warnings", "explain",
           "write_explanation", "Unit", "is_unit_data", "load_unit", "write_derived", "load_unit_plan"]


def load_unit_plan(path, data=None):
    """The derived Plan of unit file ``path`` (its YAML ``data`` if already read; warnings issued as
    VbgenWarning); used by vbgen.loader."""
    result = load_derived(path, data)
    emit_warnings(result.warnings)
    return result.plan


def write_derived(unit_path, out_path, force: bool = False):
    """Derive the plan of ``unit_path`` and write it as an ordinary plan YAML at ``out_path``.

    Returns the :class:`Derivation`; nothing is written when derivation fails.
    """
    from ..model import plan_to_data
    from ..output import write_atomic
    from ..yamlio import dump_yaml

    result = load_derived(unit_path)
    text = dump_yaml(plan_to_data(result.plan))
    write_atomic(out_path, text, force=force, sources=[unit_path])
    return result
