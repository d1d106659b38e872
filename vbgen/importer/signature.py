"""Nơi nhận (recipients, notes, the Lưu line) and the signature block (quyền hạn, chức vụ, họ tên)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cleanup import is_noise
from .header import is_caps
from .patterns import PATTERNS
from .sources import Line


@dataclass
class EndMatter:
    """Recipients (str, or ("note", text)), the Lưu content and the signature fields."""

    recipients: list = field(default_factory=list)
    archive: str | None = None
    collective: str | None = None
    mode: str | None = None
    on_behalf_of: str | None = None
    title: str | None = None
    name: str | None = None
    leftover: list[str] = field(default_factory=list)


def signature_prefix(text: str) -> dict | None:
    """The quyền hạn prefix entry ("TM.", "KT.", "T/M" …) that ``text`` starts with."""
    stripped = text.strip()
    for entry in PATTERNS["signature_prefixes"]:
        prefix = entry["prefix"]
        if stripped.upper().startswith(prefix) and is_caps(stripped):
            return entry
    return None


def is_end_start(text: str) -> bool:
    """Does this line start the end matter (Nơi nhận or the signature block)?"""
    return text.startswith(PATTERNS["recipients_label"]) or signature_prefix(text) is not None


_ARCHIVE = re.compile(r"^-?\s*Lưu\s*:?\s*(.*)$")


def parse_end(lines: list[Line]) -> EndMatter:
    """Read the lines from "Nơi nhận" (or the signature) to the end of the block."""
    end = EndMatter()
    recipients: list = []
    sig_lines: list[str] = []
    in_recipients = False
    for line in lines:
        text = line.text.strip()
        if is_noise(text) or line.cells is not None:
            continue
        label = PATTERNS["recipients_label"]
        if text.startswith(label):
            in_recipients = True
            rest = text[len(label):].lstrip(" :")
            if rest:
                if signature_prefix(rest):
                    sig_lines.append(rest)
                else:
                    recipients.append(rest)
            continue
        archive = _ARCHIVE.match(text)
        if archive and (text.startswith("-") or in_recipients):
            end.archive = archive.group(1).rstrip(" .")
            in_recipients = False
            continue
        if text.startswith(("-", "+", "•")) and (in_recipients or not sig_lines):
            recipients.append(text.lstrip("-+• ").strip())
            in_recipients = True
            continue
        if signature_prefix(text) or (sig_lines and is_caps(text)):
            sig_lines.append(text)
            continue
        if is_caps(text) and not sig_lines and end.archive:
            sig_lines.append(text)
            continue
        if sig_lines and _looks_like_name(text):
            end.name = text
            continue
        if in_recipients:
            last = recipients[-1] if recipients else None
            if isinstance(last, str) and (text[:1].islower() or not last.rstrip().endswith((";", ",", ".", ":"))):
                recipients[-1] += " " + text
            else:
                recipients.append(("note", text))
            continue
        if is_caps(text):
            sig_lines.append(text)
            continue
        if _looks_like_name(text) and end.name is None:
            end.name = text
            continue
        end.leftover.append(text)
    end.recipients = [r if isinstance(r, tuple) else r.rstrip(" ;,.") for r in recipients]
    _read_signature(end, sig_lines)
    return end


def _looks_like_name(text: str) -> bool:
    """"Hoàng Thu Trang", "Đại tá Nguyễn Văn A": a few words, mostly capitalised, no digits."""
    words = text.split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return (1 < len(words) <= 8 and capitalised >= 0.6 * len(words) and words[-1][:1].isupper()
            and not is_caps(text) and not re.search(r"[\d:;,()]", text) and not text.startswith(("-", "+")))


def _read_signature(end: EndMatter, lines: list[str]) -> None:
    """TM. X / KT. Y / TITLE: the last upper-case line is the title; a prefixed line starts
    the collective or the mode, and lines before the next prefix continue it (wrapped)."""
    if not lines:
        return
    lines = [" ".join(l.split()) for l in lines]
    end.title = lines[-1] if not signature_prefix(lines[-1]) or len(lines) == 1 else None
    body = lines[:-1] if end.title else lines
    current = None
    for text in body:
        entry = signature_prefix(text)
        if entry:
            rest = text[len(entry["prefix"]):].strip(" .")
            if entry.get("collective"):
                end.collective, current = rest, "collective"
            else:
                end.mode, end.on_behalf_of, current = entry["mode"], rest, "mode"
        elif current == "collective":
            end.collective = f"{end.collective} {text}"
        elif current == "mode":
            end.on_behalf_of = f"{end.on_behalf_of} {text}"
    if end.title and signature_prefix(end.title):  # a lone "TM. X" line
        entry = signature_prefix(end.title)
        rest = end.title[len(entry["prefix"]):].strip(" .")
        end.title = None
        if entry.get("collective"):
            end.collective = rest
        else:
            end.mode, end.on_behalf_of = entry["mode"], rest
