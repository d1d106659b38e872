"""Reading a report YAML: validation with file:line errors, the figures checked, results and previous applied."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..errors import VbgenError
from ..i18n import _
from ..loader import field_path, validate_as
from ..yamlio import line_of, read_yaml
from .assess import as_number
from .model import Report


def figure_error(message: str, path, data, loc: tuple) -> VbgenError:
    """A VbgenError at ``loc`` of YAML ``data`` read from ``path``."""
    return VbgenError(message, file=str(path), line=line_of(data, loc), field=field_path(loc))


def check_figure(value: Any, planned, unit, fail: Callable[[str], VbgenError]) -> Any:
    """A filled-in figure as a number when the plan sets a number (``planned``), checked; else as given.
    ``fail(message)`` makes the error, placed where the figure was read."""
    if value is None or value == "" or planned is None:
        return value
    number = as_number(value)
    if number is None:
        raise fail(_("{value!r} is not a number, but the plan sets a number here ({planned:g}); "
                     "write digits only, e.g. 92,5 or 92.5").format(value=value, planned=planned))
    if unit == "%" and not 0 <= number <= 100:
        raise fail(_("{number:g} is not a percentage from 0 to 100; check the figure").format(number=number))
    return int(number) if number.is_integer() else number


def _check_ids(report: Report, path, data) -> None:
    for key in ("targets", "tasks"):
        seen: set[str] = set()
        for i, item in enumerate(getattr(report, key)):
            if item.id in seen:
                raise figure_error(_("duplicate id {id!r}; give each target and task once").format(id=item.id),
                                   path, data, (key, i, "id"))
            seen.add(item.id)


def validate_report(data: Any, path: str | Path) -> Report:
    """Validate YAML ``data`` read from ``path`` as a Report; figures are checked and made numbers."""
    report = validate_as(Report, data, path, str(_("a report (report_on:, period:, issuer: …)")))
    _check_ids(report, path, data)
    for i, target in enumerate(report.targets):
        where = ("targets", i, "actual")
        target.actual = check_figure(target.actual, target.planned, target.unit,
                                     lambda message, where=where: figure_error(message, path, data, where))
    return report


def load_report(path: str | Path, results: str | Path | None = None, data: Any = None) -> Report:
    """Read a report YAML (``data`` if already read); fill it from its ``results:`` sheet (or
    ``results``, relative to the cwd)."""
    path = Path(path)
    data = read_yaml(path) if data is None else data
    report = validate_report(data, path)
    sheet = Path(results) if results else (path.parent / report.results if report.results else None)
    if sheet is not None:
        from .excel import fill_from_sheet
        fill_from_sheet(report, sheet)
    return report


def previous_figures(report: Report, path: str | Path) -> dict[str, Any]:
    """Target id → actual of the ``previous:`` report (same unit, earlier period), or {}."""
    if not report.previous:
        return {}
    earlier = load_report(Path(path).parent / report.previous)
    return {t.id: t.actual for t in earlier.targets}
