"""The unit form (phiếu thông tin đơn vị): what a clerk types in the page becomes a unit file.

:func:`outline` lists the parent plan's tasks and targets (nhiệm vụ, chỉ tiêu) for the form's "drop"
boxes; :func:`unit_data` turns the form's plain strings into the unit-file dict (the keys of
``vbgen/derive/unit.py``); :func:`unit_yaml` writes it with ruamel's *safe* dumper, so text typed in a
field (``{{ … }}``, ``!!python/…``, ``key: value``) stays text: it is never read as YAML or Jinja.
"""
from __future__ import annotations

import datetime as _dt
import io
import re
from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from ruamel.yaml import YAML

from ..errors import VbgenError
from ..model import Plan

PARENT_FILE = "cap-tren.yaml"   # the copy of the parent plan, beside the unit file
UNIT_FILE = "don-vi.yaml"       # the unit file the form makes
LEVELS = {"province": "Cấp tỉnh", "district": "Cấp huyện (trước 01/7/2025)", "commune": "Cấp xã, phường, đặc khu",
          "unit": "Cơ quan, đơn vị"}
MODES = {"": "Ký trực tiếp (không có)", "KT": "KT. (ký thay)", "TL": "TL. (thừa lệnh)",
         "TUQ": "TUQ. (thừa ủy quyền)", "Q": "Q. (quyền)"}
ADDITION_KINDS = ("item", "dash", "plus", "text")
MAX_FIELD = 2000     # characters in one field
MAX_LINES = 100      # lines in a list field (Nơi nhận, own tasks, own targets)

#: Each form field: (unit-file key path, label the clerk reads).
FIELDS = {
    "co_quan": ("issuer.name", "Tên cơ quan (dòng tiêu đề)"),
    "ten_day_du": ("issuer.full_name", "Tên đầy đủ trong câu văn"),
    "ten_ngan": ("issuer.short_name", "Tên ngắn"),
    "viet_tat": ("issuer.abbreviation", "Chữ viết tắt trong ký hiệu"),
    "cap": ("issuer.level", "Cấp"),
    "dia_ban": ("issuer.area", "Địa bàn"),
    "so": ("number", "Số"),
    "dia_danh": ("place", "Địa danh"),
    "ngay": ("date", "Ngày ban hành"),
    "nam": ("year", "Năm (khi chưa có ngày)"),
    "trich_yeu": ("title", "Trích yếu"),
    "tap_the": ("signature.collective", "Thay mặt tập thể (TM.)"),
    "hinh_thuc": ("signature.mode", "Hình thức ký"),
    "thay_mat": ("signature.on_behalf_of", "Ký thay cho (chức vụ người đứng đầu)"),
    "chuc_vu": ("signature.title", "Chức vụ người ký"),
    "nguoi_ky": ("signature.name", "Họ tên người ký"),
    "noi_nhan": ("recipients", "Nơi nhận"),
    "luu": ("archive", "Lưu"),
    "so_ngay": ("lead_days", "Số ngày báo cáo trước thời hạn của cấp trên"),
    "bo_nhiem_vu": ("changes.tasks.drop", "Nhiệm vụ bỏ"),
    "bo_chi_tieu": ("changes.targets.drop", "Chỉ tiêu bỏ"),
    "nhiem_vu_moi": ("changes.tasks.add", "Nhiệm vụ riêng của đơn vị"),
    "chi_tieu_moi": ("changes.targets.add", "Chỉ tiêu riêng của đơn vị"),
}
LABELS = {path: label for path, label in FIELDS.values()} | {
    "issuer": "Cơ quan ban hành", "signature": "Người ký", "changes": "Nội dung"}


@dataclass(frozen=True)
class Entry:
    """A task or target of the parent (for the drop boxes): its id, role, text and heading."""

    id: str
    role: str
    text: str
    where: str


@dataclass(frozen=True)
class Outline:
    """What the form needs to know of the parent plan."""

    title: str
    issuer: str
    level: Optional[str]
    tasks: list[Entry]
    targets: list[Entry]
    kinds: dict  # role → the body kind the parent writes that role with (item, dash …)


def outline(plan: Plan) -> Outline:
    """The parent's tasks and targets (those with an id), in order, and the kind each role is written as."""
    from ..derive.tree import walk_with_path, where_of

    entries, kinds = [], {}
    for node, trail in walk_with_path(plan.body):
        if node.role and node.id:
            text = " ".join((node.content or node.label or "").split())
            entries.append(Entry(node.id, node.role, text, where_of(trail[:-1])))
        if node.role and node.kind in ADDITION_KINDS:
            kinds[node.role] = node.kind
    return Outline(plan.title or "", plan.issuer.running_name, plan.issuer.level,
                   [e for e in entries if e.role == "task"], [e for e in entries if e.role == "target"],
                   {"task": kinds.get("task", "item"), "target": kinds.get("target", "dash")})


def lower_level(level: Optional[str]) -> str:
    """The level a unit under ``level`` usually has (since 01/7/2025 a province's units are communes)."""
    return "commune" if level in ("province", "district", None) else "unit"


def defaults(parent: Outline, today: Optional[_dt.date] = None) -> dict:
    """The form's starting values for a unit under ``parent``."""
    return {"cap": lower_level(parent.level), "so_ngay": "5", "ngay": (today or _dt.date.today()).isoformat(),
            "hinh_thuc": "", "luu": "VT"}


def _text(values: Mapping[str, str], name: str) -> str:
    value = str(values.get(name) or "").replace("\r\n", "\n").replace("\r", "\n")
    if len(value) > MAX_FIELD:
        raise VbgenError(f"dài quá {MAX_FIELD} ký tự; hãy rút gọn", field=FIELDS[name][1])
    return value.strip()


def _lines(values: Mapping[str, str], name: str) -> list[str]:
    lines = [" ".join(line.split()) for line in _text(values, name).split("\n")]
    lines = [line for line in lines if line]
    if len(lines) > MAX_LINES:
        raise VbgenError(f"nhiều quá {MAX_LINES} dòng", field=FIELDS[name][1])
    return lines


def _one_line(values: Mapping[str, str], name: str) -> str:
    return " ".join(_text(values, name).split())


def _put(data: dict, path: str, value) -> None:
    """Set ``value`` at dotted ``path`` of ``data`` unless it is empty."""
    if value in ("", None, []):
        return
    *parents, key = path.split(".")
    for name in parents:
        data = data.setdefault(name, {})
    data[key] = value


def _number(values: Mapping[str, str]):
    text = _one_line(values, "so")
    return int(text) if text.isdigit() else text


def _date(values: Mapping[str, str]) -> Optional[_dt.date]:
    text = _one_line(values, "ngay")
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise VbgenError(f"“{text}” không phải ngày có thật; chọn ngày trong ô lịch (năm-tháng-ngày)",
                         field=FIELDS["ngay"][1]) from None


def _whole(values: Mapping[str, str], name: str, low: int, high: int) -> Optional[int]:
    text = _one_line(values, name)
    if not text:
        return None
    if not re.fullmatch(r"\d{1,4}", text) or not low <= int(text) <= high:
        raise VbgenError(f"“{text}” phải là số nguyên từ {low} đến {high}", field=FIELDS[name][1])
    return int(text)


def _drops(chosen: Sequence[str], entries: list[Entry], name: str) -> list[str]:
    known = [entry.id for entry in entries]
    unknown = [value for value in chosen if value not in known]
    if unknown:
        raise VbgenError("không có trong kế hoạch cấp trên; tải lại trang và chọn lại", field=FIELDS[name][1])
    return [entry_id for entry_id in known if entry_id in chosen]  # the parent's order, no repeats


def _additions(values: Mapping[str, str], name: str, role: str, parent: Outline) -> list[dict]:
    taken = {entry.id for entry in parent.tasks + parent.targets}
    prefix = "nv-don-vi" if role == "task" else "ct-don-vi"
    own = parent.tasks if role == "task" else parent.targets
    if not own and _lines(values, name):
        what = "nhiệm vụ" if role == "task" else "chỉ tiêu"
        raise VbgenError(f"kế hoạch cấp trên không có {what} nào (role: {role}) để thêm sau đó; hãy thêm vào "
                         "phiếu thông tin đơn vị (.yaml) với 'after:' hoặc 'under:'", field=FIELDS[name][1])
    added = []
    for number, line in enumerate(_lines(values, name), 1):
        node_id = f"{prefix}-{number}"
        while node_id in taken:
            node_id += "-1"
        added.append({"id": node_id, parent.kinds[role]: line})
    return added


def unit_data(values: Mapping[str, str], dropped_tasks: Sequence[str], dropped_targets: Sequence[str],
              parent: Outline) -> dict:
    """The unit-file dict of a filled form (plain strings, numbers and a date; empty fields left out).

    Raises VbgenError naming the form field (its Vietnamese label) for a value that cannot be used.
    """
    data: dict = {"parent": PARENT_FILE}
    issuer_name = "\n".join(_lines(values, "co_quan")).upper()
    _put(data, "issuer.name", issuer_name)
    for name in ("ten_day_du", "ten_ngan", "viet_tat", "dia_ban"):
        _put(data, FIELDS[name][0], _one_line(values, name))
    level = _one_line(values, "cap")
    if level not in LEVELS:
        raise VbgenError("hãy chọn một cấp trong danh sách", field=FIELDS["cap"][1])
    _put(data, "issuer.level", level)
    _put(data, "number", _number(values))
    _put(data, "place", _one_line(values, "dia_danh"))
    date = _date(values)
    _put(data, "date", date)
    if date is None:
        _put(data, "year", _whole(values, "nam", 1945, 2100))
    _put(data, "title", _one_line(values, "trich_yeu"))
    mode = _one_line(values, "hinh_thuc")
    if mode not in MODES:
        raise VbgenError("hãy chọn một hình thức ký trong danh sách", field=FIELDS["hinh_thuc"][1])
    for name in ("tap_the", "thay_mat", "chuc_vu"):
        _put(data, FIELDS[name][0], _one_line(values, name).upper())
    _put(data, "signature.mode", mode)
    _put(data, "signature.name", _one_line(values, "nguoi_ky"))
    _put(data, "recipients", _lines(values, "noi_nhan"))
    _put(data, "archive", _one_line(values, "luu"))
    _put(data, "lead_days", _whole(values, "so_ngay", 0, 60))
    _put(data, "changes.tasks.drop", _drops(dropped_tasks, parent.tasks, "bo_nhiem_vu"))
    _put(data, "changes.targets.drop", _drops(dropped_targets, parent.targets, "bo_chi_tieu"))
    _put(data, "changes.tasks.add", _additions(values, "nhiem_vu_moi", "task", parent))
    _put(data, "changes.targets.add", _additions(values, "chi_tieu_moi", "target", parent))
    return data


def unit_yaml(data: dict) -> str:
    """``data`` as YAML text, written by the safe dumper (plain strings, numbers, dates, lists, dicts only)."""
    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False
    yaml.width = 100
    out = io.StringIO()
    yaml.dump(data, out)
    return ("# Phiếu thông tin đơn vị do trang vbgen serve tạo; dùng được với: vbgen make-plan don-vi.yaml\n"
            + out.getvalue())


def field_label(field: Optional[str]) -> Optional[str]:
    """The form label of a unit-file field path (``signature.name`` → "Họ tên người ký"), or None."""
    if not field:
        return None
    key = re.sub(r"\[\d+\]|\.\d+", "", field)
    while key:
        if key in LABELS:
            return LABELS[key]
        key = key.rpartition(".")[0]
    return None


def form_values(data: dict) -> dict:
    """The form's values for a unit-file dict (to show a form again from a unit file the page made)."""
    values = {}
    for name, (path, _label) in FIELDS.items():
        node = data
        for key in path.split("."):
            node = node.get(key) if isinstance(node, dict) else None
        if node is None or name.startswith("bo_"):
            continue
        if isinstance(node, list):
            node = "\n".join(str(next((v for k, v in item.items() if k in ADDITION_KINDS), ""))
                             if isinstance(item, dict) else str(item) for item in node)
        values[name] = node.isoformat() if isinstance(node, _dt.date) else str(node)
    return values
