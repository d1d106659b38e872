"""The units of a batch (danh sách đơn vị): read from a clerk's table or from the official 2025 list.

A table (.xlsx or .csv, first row = column names, Vietnamese or English) has one row per unit:

==================  ============================  ==========================================
column              also accepted                 value
==================  ============================  ==========================================
``name``            ``tên``, ``tên đơn vị``       "Bắc Kạn" or "Phường Bắc Kạn" (required)
``kind``            ``loại``                      xã, phường or đặc khu (unless ``name`` starts with it)
``signer``          ``người ký``                  the signer's name (họ tên người ký)
``number``          ``số``                        the document number, digits only (blank: a draft)
``date``            ``ngày``                      2026-02-05 or 05/02/2026 (blank: a draft)
``place``           ``địa danh``                  địa danh in the date line (default: the unit's name)
``recipients``      ``nơi nhận``                  extra Nơi nhận lines, separated by ";" or new lines
``file``            ``tệp``                       output file name (default: e.g. phuong-bac-kan.docx)
==================  ============================  ==========================================

``--province`` takes the units of one province from the ``vietnam-provinces`` package (the list in force
since 01/7/2025: 34 provinces, 3,321 xã, phường and đặc khu).
"""
from __future__ import annotations

import csv
import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .errors import VbgenError
from .i18n import _
from .yamlio import clean_text

KINDS = ("xã", "phường", "đặc khu")

COLUMNS = {
    "name": ("name", "tên", "tên đơn vị", "đơn vị"),
    "kind": ("kind", "loại", "loại đơn vị"),
    "signer": ("signer", "người ký", "họ tên người ký"),
    "number": ("number", "số", "số văn bản"),
    "date": ("date", "ngày", "ngày ban hành"),
    "place": ("place", "địa danh"),
    "recipients": ("recipients", "nơi nhận", "nơi nhận thêm"),
    "file": ("file", "tệp", "tên tệp"),
}


@dataclass
class UnitRow:
    """One unit of a batch (đơn vị): its name and kind, and optional per-unit values."""

    name: str
    kind: str
    signer: Optional[str] = None
    number: Optional[str] = None
    date: Optional[_dt.date] = None
    place: Optional[str] = None
    recipients: list[str] = field(default_factory=list)
    file: Optional[str] = None
    source: str = ""  # where the row came from, for messages ("units.xlsx:7")

    @property
    def area(self) -> str:
        """'phường Bắc Kạn' (địa bàn, in running text)."""
        return f"{self.kind} {self.name}"

    @property
    def label(self) -> str:
        """'Phường Bắc Kạn' (the unit as a clerk names it)."""
        return self.area[:1].upper() + self.area[1:]

    @property
    def file_name(self) -> str:
        return self.file or f"{slug(self.area)}.docx"

    def as_data(self) -> dict:
        """The row as plain data (for the manifest and the up-to-date check)."""
        return {"name": self.name, "kind": self.kind, "signer": self.signer, "number": self.number,
                "date": self.date.isoformat() if self.date else None, "place": self.place,
                "recipients": self.recipients, "file": self.file_name}


def slug(text: str) -> str:
    """ASCII file-name form of Vietnamese text: 'phường Bắc Kạn' → 'phuong-bac-kan'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _split_kind(name: str, kind: Optional[str], where: str) -> tuple[str, str]:
    name = " ".join(name.split())
    lowered = name.lower()
    for k in sorted(KINDS, key=len, reverse=True):
        if lowered.startswith(k + " ") and (not kind or kind == k):
            return name[len(k) + 1:].strip(), k
    if not kind:
        raise VbgenError(_("say whether '{name}' is a xã, phường or đặc khu (column 'kind' / 'loại', or write "
                           "it before the name)").format(name=name), file=where, field="kind")
    return name, kind


def _date(value, where: str) -> Optional[_dt.date]:
    if value in (None, ""):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return _dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise VbgenError(_("'{text}' is not a date; write it as 05/02/2026 or 2026-02-05").format(text=text),
                     file=where, field="date")


def _number(value, where: str) -> Optional[str]:
    if value in (None, ""):
        return None
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
    if not text.isdigit() or int(text) <= 0:
        raise VbgenError(_("'{text}' is not a document number; write digits only (e.g. 21) or leave it "
                           "blank").format(text=text),
                         file=where, field="number")
    return text


def row_to_unit(values: dict, where: str) -> UnitRow:
    """A UnitRow from one row's values keyed by canonical column name."""
    def text(key):
        value = values.get(key)
        return clean_text(str(value)).strip() if value not in (None, "") else None

    if not text("name"):
        raise VbgenError(_("the unit's name is empty; fill in column 'name' / 'tên'"), file=where, field="name")
    kind = (text("kind") or "").lower() or None
    if kind and kind not in KINDS:
        raise VbgenError(_("kind '{kind}' is not one of: {kinds}").format(kind=kind, kinds=", ".join(KINDS)),
                         file=where, field="kind")
    name, kind = _split_kind(text("name"), kind, where)
    recipients = [r.strip() for r in re.split(r"[;\n]", text("recipients") or "") if r.strip()]
    file = text("file")
    if file and (Path(file).name != file or not file.lower().endswith(".docx")):
        raise VbgenError(_("'{name}' must be a plain file name ending in .docx").format(name=file), file=where,
                         field="file")
    return UnitRow(name=name, kind=kind, signer=text("signer"), number=_number(values.get("number"), where),
                   date=_date(values.get("date"), where), place=text("place"), recipients=recipients,
                   file=file, source=where)


def _columns(header: list, path: Path) -> dict[int, str]:
    known = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}
    out = {}
    for i, cell in enumerate(header):
        name = " ".join(str(cell or "").split()).lower()
        if not name:
            continue
        if name not in known:
            raise VbgenError(_("unknown column '{column}'; the columns are: {columns} (or tên, loại, người ký, số, "
                               "ngày, địa danh, nơi nhận, tệp)").format(column=cell, columns=", ".join(COLUMNS)),
                             file=str(path), line=1)
        out[i] = known[name]
    if "name" not in out.values():
        raise VbgenError(_("no column 'name' (or 'tên'): the first row must name the columns"), file=str(path),
                         line=1)
    return out


def _rows(path: Path) -> list[list]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                return list(csv.reader(handle))
        except UnicodeDecodeError:
            raise VbgenError(_("not UTF-8 text; save the table as 'CSV UTF-8' or as .xlsx"),
                             file=str(path)) from None
    if suffix == ".xlsx":
        from openpyxl import load_workbook
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # a damaged or non-Excel file: say so in one line
            raise VbgenError(_("cannot read this Excel file ({reason}); save it again as .xlsx").format(
                             reason=type(error).__name__),
                             file=str(path)) from None
        rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
        return rows
    raise VbgenError(_("a units table must be .xlsx or .csv"), file=str(path), field="--units")


def units_from_table(path: str | Path) -> list[UnitRow]:
    """Every unit of a clerk's table (.xlsx: the first sheet; .csv: UTF-8)."""
    path = Path(path)
    if not path.is_file():
        raise VbgenError(_("file not found; check the path"), file=str(path))
    rows = _rows(path)
    if not rows:
        raise VbgenError(_("the table is empty; the first row names the columns (name, kind …)"), file=str(path))
    columns = _columns(rows[0], path)
    units = []
    for number, row in enumerate(rows[1:], start=2):
        if all(cell in (None, "") for cell in row):
            continue
        values = {key: row[i] for i, key in columns.items() if i < len(row)}
        units.append(row_to_unit(values, f"{path}:{number}"))
    if not units:
        raise VbgenError(_("the table has no units below its first row"), file=str(path))
    _no_duplicate_files(units)
    return units


def _no_duplicate_files(units: list[UnitRow]) -> None:
    seen: dict[str, UnitRow] = {}
    for unit in units:
        other = seen.setdefault(unit.file_name.lower(), unit)
        if other is not unit:
            raise VbgenError(_("{unit} and {other} ({where}) would both be written to {file}; give one of them "
                               "its own name in column 'file'").format(unit=unit.label, other=other.label,
                                                                        where=other.source, file=unit.file_name),
                             file=unit.source, field="file")


def _province_key(name: str) -> str:
    name = clean_text(name).lower().strip()
    return re.sub(r"^(tỉnh|thành phố|tp\.?)\s+", "", name)


def units_from_province(province: str) -> list[UnitRow]:
    """The xã, phường and đặc khu of ``province`` ("Thái Nguyên", "Thành phố Hà Nội") from vietnam-provinces."""
    from vietnam_provinces import Province, Ward

    wanted = _province_key(province)
    found = [p for p in Province.iter_all() if _province_key(p.name) == wanted]
    if not found:
        names = sorted(p.name for p in Province.iter_all())
        raise VbgenError(_("no province '{province}' in the 2025 list; use one of: {names}").format(
                         province=province, names=", ".join(names)),
                         field="--province")
    source = f"vietnam-provinces:{found[0].name}"
    wards = sorted(Ward.iter_by_province(found[0].code), key=lambda w: w.code.value)
    repeated = {n for n in (w.codename for w in wards) if sum(x.codename == n for x in wards) > 1}
    units = []
    for ward in wards:
        kind = ward.division_type.value
        name = ward.name[len(kind) + 1:] if ward.name.lower().startswith(kind + " ") else ward.name
        stem = ward.codename.replace("_", "-")
        if ward.codename in repeated:  # two units of one name: the official code tells them apart
            stem += f"-{ward.code.value:05d}"
        units.append(UnitRow(name=name, kind=kind, file=f"{stem}.docx", source=f"{source}:{ward.name}"))
    return units


def all_units() -> list[UnitRow]:
    """Every xã, phường and đặc khu of the country (3,321 since 01/7/2025), province by province."""
    from vietnam_provinces import Province

    units = []
    for province in Province.iter_all():
        for unit in units_from_province(province.name):  # names repeat across provinces: prefix the province
            unit.file = f"{slug(province.name)}-{unit.file}"
            units.append(unit)
    return units
