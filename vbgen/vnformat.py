"""Vietnamese formatting of numbers (babel), dates (the padding rule), and the Số line."""
from __future__ import annotations

import datetime as dt

from babel.numbers import format_decimal, format_percent

LOCALE = "vi_VN"


def number(value: float | int, decimals: int = 2) -> str:
    """1250000 → '1.250.000'; 98.5 → '98,5' (Vietnamese separators, via babel)."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def percent(value: float | int, decimals: int = 2) -> str:
    """98.5 → '98,5%' (``value`` is in percent, not a fraction)."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "") + "%"
    return format_percent(value / 100, format=pattern, locale=LOCALE)


def quantity(value: float | int, unit: str | None) -> str:
    """A number with its unit: (98.5, '%') → '98,5%'; (1250000, 'đồng') → '1.250.000 đồng'."""
    if unit == "%":
        return percent(value)
    text = number(value)
    return f"{text} {unit}" if unit else text


def day_text(day: int) -> str:
    """Days always take two digits: 5 → '05'."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero ('01', '02'); 3 to 12 do not (NĐ 30/2020, PL I, II.4)."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(place: str, date: dt.date | None, fmt: str, draft_day: str = "     ",
              draft_month: str = "     ", year: int | None = None) -> str:
    """The place-and-date line; a missing date leaves day and month blank (a draft)."""
    if date is None:
        return fmt.format(place=place, day=draft_day, month=draft_month,
                          year=year if year else "     ")
    return fmt.format(place=place, day=day_text(date.day), month=month_text(date.month), year=date.year)


def short_date(date: dt.date) -> str:
    """Dates in running text: 16/01/2025, 25/5/2025 (day two digits, month padded only for 1 and 2)."""
    return f"{day_text(date.day)}/{month_text(date.month)}/{date.year}"


def number_text(number: int | None, draft: str = "      ") -> str:
    """Document numbers below 10 take a leading zero: 5 → '05'. None (a draft) → blanks."""
    if number is None:
        return draft
    return f"{number:02d}"
