"""The template kit behind ``vbgen templates list|show|new``: what types there are, what a type takes,
and a copy of a working type to start a new one from."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Optional

from ..errors import VbgenError
from ..yamlio import dump_yaml
from .registry import ENV, BUILT_IN, DocumentType, find_type, search_path, type_listing
from .spec import BLOCKS

NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")

#: Plan keys every type takes (field → what it is), in the order a clerk writes them.
COMMON_FIELDS = {
    "rules": "state (NĐ 30/2020) or party (HD 36)",
    "type": "the type's name",
    "issuer": "cơ quan ban hành: name, abbreviation, parent, full_name",
    "number": "số (leave out for a draft)",
    "place": "địa danh",
    "date": "ngày ban hành, YYYY-MM-DD (leave out for a draft)",
    "title": "trích yếu",
}
BLOCK_FIELDS = {"authority": "authority", "basis": "basis", "opening": "opening", "addressees": "addressees",
                "body": "body", "articles": "body", "closing": "closing", "appendices": "appendices"}
END_FIELDS = {"signature": "quyền hạn, chức vụ, họ tên người ký", "recipients": "Nơi nhận",
              "archive": "the Lưu line (VT, drafting unit)"}


def listing_rows() -> list[tuple[str, str, str, str]]:
    """(type, rule sets, where it comes from, description) for every type on the search path."""
    rows = []
    used_from = {}
    for kind, used in type_listing():
        if used:
            used_from[kind.key] = kind.origin
    for kind, used in type_listing():
        origin = kind.origin if used else f"{kind.origin} (overridden by {used_from[kind.key]})"
        rows.append((kind.key, ", ".join(kind.rule_sets), origin, kind.spec.description))
    return sorted(rows, key=lambda r: (r[0], "overridden" in r[2]))


def list_text() -> str:
    """The table ``vbgen templates list`` prints."""
    rows = [("TYPE", "RULES", "FROM", "DESCRIPTION"), *listing_rows()]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip()
                     for r in rows) + "\n"


def example_data(kind: DocumentType, rules: str) -> dict:
    """A small plan of type ``kind`` that renders: the fields its blocks take, filled with samples."""
    v = kind.values(rules)
    state = rules == "state"
    data = {"rules": rules, "type": kind.key,
            "issuer": {"name": "ỦY BAN NHÂN DÂN\nXÃ BẰNG LÃNG" if state else "ĐẢNG ỦY XÃ BẰNG LÃNG",
                       "parent": None if state else "ĐẢNG BỘ TỈNH THÁI NGUYÊN",
                       "full_name": "Ủy ban nhân dân xã Bằng Lãng" if state else "Đảng ủy xã Bằng Lãng",
                       "abbreviation": "UBND" if state else "ĐU"},
            "place": "Bằng Lãng", "year": 2026,
            "title": "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026"}
    data["issuer"] = {k: val for k, val in data["issuer"].items() if val}
    blocks = set(v.blocks)
    if "authority" in blocks:
        data["authority"] = "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BẰNG LÃNG" if state else None
    if "basis" in blocks:
        data["basis"] = ["Căn cứ Luật Tổ chức chính quyền địa phương năm 2025"]
    if "addressees" in blocks and v.defaults.recipients_first_with_addressees:
        data["addressees"] = ["Các thôn trên địa bàn xã"]
    if "articles" in blocks:
        data["body"] = [{"item": "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026 tại các thôn."},
                        {"item": "Quyết định này có hiệu lực kể từ ngày ký."},
                        {"item": "Văn phòng và các thôn chịu trách nhiệm thi hành Quyết định này."}]
    else:
        data["body"] = [{"section": "Mục đích, yêu cầu",
                         "items": ["Phát huy sức mạnh khối đại đoàn kết toàn dân tộc ở khu dân cư."]},
                        {"section": "Nội dung", "items": [{"dash": "Tổ chức ngày hội tại các thôn."}]}]
    if v.title_form == "subject" and state:
        data["symbol"] = "UBND-VX"  # a state công văn: issuer + drafting unit, no type abbreviation
    if "closing" in blocks and "articles" not in blocks and v.type_name:
        data["closing"] = f"Trên đây là {v.running_name} tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026"
    data["signature"] = ({"collective": "ỦY BAN NHÂN DÂN", "mode": "KT", "on_behalf_of": "CHỦ TỊCH",
                          "title": "PHÓ CHỦ TỊCH", "name": "Nguyễn Văn An"} if state else
                         {"collective": "ĐẢNG ỦY", "title": "BÍ THƯ", "name": "Nguyễn Văn An"})
    data["recipients"] = ["Các thôn"]
    data["archive"] = "VT" if state else "Văn phòng Đảng ủy"
    return {k: val for k, val in data.items() if val is not None}


def show_text(key: str) -> str:
    """What ``vbgen templates show TYPE`` prints: the type's data, the fields it takes, an example."""
    kind = find_type(key)
    lines = [f"{kind.key}: {kind.spec.description}", f"  from: {kind.origin} ({kind.data_file})"]
    for rules in kind.rule_sets:
        v = kind.values(rules)
        lines.append(f"  {rules}: tên loại {v.type_name or '(none)'}, ký hiệu {v.abbreviation or '(issuer only)'}"
                     f", {v.title_form} title" + (f"; {v.source}" if v.source else ""))
    blocks = kind.values(kind.rule_sets[0] if kind.rule_sets else "state").blocks
    lines.append("  blocks:")
    lines += [f"    {b}: {BLOCKS[b]}" for b in blocks]
    fields = {**COMMON_FIELDS, **{BLOCK_FIELDS[b]: BLOCKS[b] for b in blocks if b in BLOCK_FIELDS}, **END_FIELDS}
    lines.append("  fields:")
    lines += [f"    {name}: {what}" for name, what in fields.items()]
    rules = kind.rule_sets[0] if kind.rule_sets else "state"
    lines.append(f"\n# Example ({rules} rules): save as a .yaml file and run `vbgen make-plan FILE`")
    return "\n".join(lines) + "\n" + dump_yaml(example_data(kind, rules))


def default_user_dir() -> Optional[Path]:
    """Where ``templates new`` writes without --dir: the first --templates or VBGEN_TEMPLATES folder."""
    for folder, where in search_path():
        if where != BUILT_IN:
            return folder
    return None


def new_type(name: str, source: str, folder: Optional[str | Path] = None, force: bool = False) -> Path:
    """Copy type ``source`` (its type.yaml and templates) to ``folder/name`` to edit; returns that folder."""
    if not NAME.match(name):
        raise VbgenError(f"{name!r} is not a type name; use lower-case letters, digits and '-' "
                         "(e.g. chuong-trinh)", field="NAME")
    kind = find_type(source)
    base = Path(folder) if folder else default_user_dir()
    if base is None:
        raise VbgenError(f"say where to put it: --dir DIR, or set {ENV} to your templates folder", field="--dir")
    if not base.is_dir():
        raise VbgenError("the folder does not exist; create it first", file=str(base))
    target = base / name
    if target.exists() and not force:
        raise VbgenError("already exists; use --force to replace it, or choose another NAME", file=str(target))
    tmp = base / f".{name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        for rules in kind.rule_sets:
            shutil.copyfile(kind.template_file(rules), tmp / f"{rules}.docx")
        text = kind.data_file.read_text(encoding="utf-8")
        (tmp / "type.yaml").write_text(f"# Copied from {kind.key} ({kind.origin}); edit the values below.\n"
                                       + text, encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target
