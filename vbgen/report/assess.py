"""Judging a target (chỉ tiêu): the rate (tỷ lệ) and the verdict (Đạt / Không đạt) by its direction."""
from __future__ import annotations

from typing import Optional, Union

from babel.numbers import NumberFormatError, parse_decimal

from ..vnformat import LOCALE

Number = Union[int, float]


def as_number(value) -> Optional[float]:
    """A number from YAML or a sheet cell: 92.5, "92,5" (Vietnamese) or "92.5"; None if it is not one."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().rstrip("%").strip()
    if not text:
        return None
    for locale in (LOCALE, "en_US"):
        try:
            return float(parse_decimal(text, locale=locale, strict=True))
        except (NumberFormatError, ValueError):
            continue
    return None


def rate(planned: Optional[Number], actual: Optional[Number]) -> Optional[float]:
    """Tỷ lệ thực hiện (%): actual / planned × 100, rounded to one decimal; None when it has no meaning."""
    if planned is None or actual is None or planned == 0:
        return None
    return round(actual / planned * 100, 1)


def is_met(planned: Optional[Number], actual: Optional[Number], direction: str = "at_least") -> Optional[bool]:
    """Đạt: actual ≥ planned (at_least, e.g. 100 % đơn vị) or actual ≤ planned (at_most, e.g. 0 điểm
    nóng); None when either is missing."""
    if planned is None or actual is None:
        return None
    return actual >= planned if direction == "at_least" else actual <= planned
