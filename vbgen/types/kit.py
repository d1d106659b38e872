"""The template kit behind ``vbgen templates list|show|new``: what types there are, what a type takes,
and a copy of a working type to start a new one from."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Optional

from ..errors import VbgenError
from ..i18n import N_, _, gettext
from ..yamlio import dump_yaml
from .registry import ENV, BUILT_IN, DocumentType, find_type, search_path, type_listing
from .spec import BLOCKS

NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")

#: Plan keys every type takes (field → what it is), in the order a clerk writes them.
COMMON_FIELDS = {
    "rules": N_("state (NĐ 30/2020) or party (HD 36)"),
    "type": N_("the type's name"),
    "issuer": N_("cơ quan ban hành: name, abbreviation, parent, full_name"),
    "number": N_("số (leave out for a draft)"),
    "place": N_("địa danh"),
    "date": N_("ngày ban hành, YYYY-MM-DD (leave out for a draft)"),
    "title": N_("trích yếu"),
}
BLOCK_FIELDS = {"authority": "authority", "basis": "basis", "opening": "opening", "addressees": "addressees",
                "body": "body", "articles": "body", "closing": "closing", "appendices": "appendices"}
END_FIELDS = {"signature": N_("quyền hạn, chức vụ, họ tên người ký"), "recipients": N_("Nơi nhận"),
              "archive": N_("the Lưu line (VT, drafting unit)")}


def listing_rows() -> list[tuple[str, str, str, str]]:
    """(type, rule sets, where it comes from, description) for every type on the search path."""
    rows = []
    used_from = {}
    for kind, used in type_listing():
        if used:
            used_from[kind.key] = kind.origin
    for kind, used in sorted(type_listing(), key=lambda pair: (pair[0].key, not pair[1])):
        origin = kind.origin if used else _("{origin} (overridden by {folder})").format(
            origin=kind.origin, folder=used_from[kind.key])
        rows.append((kind.key, ", ".join(kind.rule_sets), origin, kind.spec.description))
    return rows


def list_text() -> str:
    """The table ``vbgen templates list`` prints."""
    rows = [(str(_("TYPE")), str(_("RULES")), str(_("FROM")), str(_("DESCRIPTION"))), *listing_rows()]
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
    lines = [f"{kind.key}: {kind.spec.description}",
             "  " + _("from: {origin} ({file})").format(origin=kind.origin, file=kind.data_file)]
    for rules in kind.rule_sets:
        v = kind.values(rules)
        line = _("{rules}: tên loại {type_name}, ký hiệu {abbreviation}, {title_form} title").format(
            rules=rules, type_name=v.type_name or _("(none)"), abbreviation=v.abbreviation or _("(issuer only)"),
            title_form=v.title_form)
        lines.append(f"  {line}" + (f"; {v.source}" if v.source else ""))
    blocks = kind.values(kind.rule_sets[0] if kind.rule_sets else "state").blocks
    lines.append("  " + _("blocks:"))
    lines += [f"    {b}: {gettext(BLOCKS[b])}" for b in blocks]
    fields = {**COMMON_FIELDS, **{BLOCK_FIELDS[b]: BLOCKS[b] for b in blocks if b in BLOCK_FIELDS}, **END_FIELDS}
    lines.append("  " + _("fields:"))
    lines += [f"    {name}: {gettext(what)}" for name, what in fields.items()]
    rules = kind.rule_sets[0] if kind.rule_sets else "state"
    lines.append("\n" + _("# Example ({rules} rules): save as a .yaml file and run `vbgen make-plan FILE`").format(
        rules=rules))
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
        raise VbgenError(_("{name} is not a type name; use lower-case letters, digits and '-' "
                           "(e.g. chuong-trinh)").format(name=repr(name)), field="NAME")
    kind = find_type(source)
    base = Path(folder) if folder else default_user_dir()
    if base is None:
        raise VbgenError(_("say where to put it: --dir DIR, or set {variable} to your templates folder").format(
            variable=ENV), field="--dir")
    if not base.is_dir():
        raise VbgenError(_("the folder does not exist; create it first"), file=str(base))
    target = base / name
    if target.exists() and not force:
        raise VbgenError(_("already exists; use --force to replace it, or choose another NAME"), file=str(target))
    tmp = base / f".{name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        for rules in kind.rule_sets:
            shutil.copyfile(kind.template_file(rules), tmp / f"{rules}.docx")
        text = kind.data_file.read_text(encoding="utf-8")
        comment = _("# Copied from {type} ({origin}); edit the values below.").format(type=kind.key,
                                                                                     origin=kind.origin)
        (tmp / "type.yaml").write_text(f"{comment}\n" + text, encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target
