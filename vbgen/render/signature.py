"""The signature block (quyền hạn, chức vụ, họ tên) and the recipients list (Nơi nhận)."""
from __future__ import annotations

import re

from .body import with_ending
from ..docxml import Runs
from ..model import Note, Plan, Signature
from ..profile import Section
from .style import cased, font


def authority_lines(signature: Signature, profile: Section) -> list[tuple[str, str]]:
    """(text, role) lines above the signature: 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'.

    role is 'authority' for a line with a prefix (TM./KT./…; T/M, K/T …) and 'title' for the
    signer's own title, which the Party profile sets in upright type.
    """
    s = profile.signature
    lines = []
    if signature.collective:
        lines.append((f"{s.prefixes['collective']}{s.separator}{signature.collective}", "authority"))
    if signature.mode:
        lines.append((f"{s.prefixes[signature.mode]}{s.separator}{signature.on_behalf_of}", "authority"))
    if signature.title:
        lines.append((signature.title, "title" if lines else "authority"))
    return lines


def recipient_texts(plan: Plan, profile: Section) -> list[tuple[str, bool]]:
    """Nơi nhận lines as (text, is_note): '- X;' (state) or '- X,' (Party), then the Lưu line."""
    spec = profile.recipients
    out = []
    for entry in plan.recipients:
        if isinstance(entry, Note):
            out.append((entry.note, True))
            continue
        name = re.sub(r"^\s*-\s*", "", entry)
        out.append((spec.item.prefix + with_ending(name, spec.item.end), False))
    archive = re.sub(r"^\s*-?\s*Lưu\s*:?\s*", "", plan.archive).rstrip(" .")
    out.append((spec.archive.format.format(archive=archive), False))
    return out


def signature_context(plan: Plan, profile: Section) -> dict:
    """Values for templates/partials/signature.docx."""
    s, r = profile.signature, profile.recipients
    item_font = font(profile, r.item)
    lines = []
    for text, role in authority_lines(plan.signature, profile):
        spec = s.authority if role == "authority" else s.title
        lines.append(Runs(cased(text, spec), font(profile, spec)))
    return {
        "recipients_label": Runs(r.label.text, font(profile, r.label)),
        "recipient_lines": [Runs(text, item_font.but(italic=is_note)) for text, is_note in recipient_texts(plan, profile)],
        "authority_lines": lines,
        "signature_space": list(range(int(s.blank_lines))),
        "signer_name": Runs(plan.signature.name, font(profile, s.name)),
    }
