"""The end of a document: the body's last paragraph, Nơi nhận (recipients) and the signature block
(chữ ký: quyền hạn, chức vụ, họ tên), however they are laid out: a two-column table, rows of a table,
tab- or space-aligned paragraphs (read as a pseudo-table by ``header_lines.split_tabbed_closing``),
plain paragraphs, or a text box.
"""
from __future__ import annotations

import re

from .components import (ADDRESSEES_LABEL, APPENDIX, RECIPIENTS_LABEL, SIGNING_PREFIX, Components, is_rule_line,
                         is_upper)
from .docx_reader import ParagraphInfo

SIGNATURE_WORDS = 10  # a signature line (quyền hạn, chức vụ, họ tên) is short


def _short(p: ParagraphInfo) -> bool:
    return 0 < len(p.stripped.split()) <= SIGNATURE_WORDS and not p.stripped.endswith((".", ";", ":", ","))


def _signature_block(lines: list[ParagraphInfo]) -> list[ParagraphInfo]:
    """Upper-case lines (quyền hạn, chức vụ) then the signer's name: up to the first line not in capitals."""
    block = []
    for p in lines:
        if not p.stripped:
            continue
        if RECIPIENTS_LABEL.match(p.stripped) or APPENDIX.match(p.stripped) or not _short(p):
            break
        block.append(p)
        if not is_upper(p.stripped):
            break
    return block if block and is_upper(block[0].stripped) else []


def find_closing(paragraphs: list[ParagraphInfo], found: Components) -> None:
    """Body, Nơi nhận and the signature block, whether they are a two-column table, rows of a table,
    tab- or space-aligned paragraphs, plain paragraphs or a text box."""
    if found.summary:
        start = found.summary[-1].index + 1
    elif found.type_name is not None:
        start = found.type_name.index + 1
    else:  # no tên loại found: skip the centred title-like lines after the header
        start = found.header_end
        while start < len(paragraphs) and paragraphs[start].cell is None and (
                not paragraphs[start].stripped or paragraphs[start].alignment == "center"):
            start += 1
    label = next((p for p in paragraphs[start:] if RECIPIENTS_LABEL.match(p.stripped)), None)
    first_prefix = next((p for p in paragraphs[start:]
                         if SIGNING_PREFIX.match(p.stripped) and is_upper(p.stripped) and _short(p)), None)
    signature_above_label: list[ParagraphInfo] = []
    if first_prefix is None and label is not None and label.cell is None:
        # No prefix (the head signs directly) and no table: the short lines right above "Nơi nhận",
        # starting in capitals (chức vụ) and ending with the name.
        for p in reversed(paragraphs[start:label.index]):
            if not p.stripped:
                continue
            if p.cell is not None or not _short(p) or (p.alignment == "both" and not p.manual_alignment):
                break
            signature_above_label.insert(0, p)
        while signature_above_label and not is_upper(signature_above_label[0].stripped):
            signature_above_label.pop(0)
        if len(signature_above_label) < 2 or is_upper(signature_above_label[-1].stripped):
            signature_above_label = []
    ends = [p for p in (label, first_prefix) if p is not None] + signature_above_label[:1]
    end_paragraph = min(ends, key=lambda p: p.index) if ends else None
    end = end_paragraph.index if end_paragraph is not None else len(paragraphs)
    if end_paragraph is not None and end_paragraph.cell is not None:  # closing table: body stops at its start
        while end > start and paragraphs[end - 1].cell is not None \
                and paragraphs[end - 1].cell[0] == end_paragraph.cell[0]:
            end -= 1
    body = []
    in_addressees = False
    for p in paragraphs[start:end]:
        if p.cell is not None:
            continue
        if APPENDIX.match(p.stripped) and p.alignment == "center":
            break
        if ADDRESSEES_LABEL.match(p.stripped) and not body:
            found.addressees.append(p)
            in_addressees = True
            continue
        # A Kính gửi line: "- …", or, right after an empty "Kính gửi:" or a line ending ";", any line
        # that is not justified running text (a recipient typed without its dash).
        more = found.addressees and (found.addressees[-1].stripped.endswith(";")
                                     or ADDRESSEES_LABEL.sub("", found.addressees[-1].stripped).strip(" :") == "")
        if in_addressees and p.alignment != "both" and (p.stripped.startswith("-") or more):
            found.addressees.append(p)
            continue
        in_addressees = False
        if p.stripped and not is_rule_line(p):
            body.append(p)
    found.body = body
    if label is not None:
        found.recipients_label = label
        found.recipients = _recipient_lines(paragraphs, label)
    signature: list[ParagraphInfo] = []
    if label is not None and label.cell is not None:
        table, row, column = label.cell
        # The other column(s) of the closing table, from the label's row down (a table may put the
        # label and the signing line in one row and the list and the name in the next).
        signature = _signature_block([p for p in paragraphs if p.cell is not None and p.cell[0] == table
                                      and p.cell[1] >= row and p.cell[2] != column and p.stripped])
    if not signature and signature_above_label:
        signature = signature_above_label
    if not signature and first_prefix is not None:
        if first_prefix.cell is not None:
            table, row, column = first_prefix.cell
            signature = _signature_block([p for p in paragraphs[first_prefix.index:] if p.cell is not None
                                          and p.cell[0] == table and p.cell[2] == column and p.stripped])
        else:
            signature = _signature_block(paragraphs[first_prefix.index:])
    if not signature and found.recipients:  # the head signs below the Nơi nhận list, without a prefix
        after = found.recipients[-1].index + 1
        signature = _signature_block([p for p in paragraphs[after:after + 12] if p.cell is None])
        if len(signature) < 2:
            signature = []
    found.signature = signature


def _recipient_lines(paragraphs: list[ParagraphInfo], label: ParagraphInfo) -> list[ParagraphInfo]:
    """The Nơi nhận lines under the label: the rest of its cell and the same column of the rows below
    (tables split by rows), or the paragraphs after it up to the Lưu line."""
    if label.cell is not None:
        table, row, column = label.cell
        return [p for p in paragraphs if p.cell is not None and p.cell[0] == table and p.cell[2] == column
                and p.cell[1] >= row and p.index > label.index and p.stripped]
    items: list[ParagraphInfo] = []
    for p in paragraphs[label.index + 1:]:
        if not p.stripped:
            if items:
                break
            continue
        if p.cell is not None or (not p.stripped.startswith("-") and items
                                  and re.match(r"^-?\s*Lưu\b", items[-1].stripped)):
            break
        if SIGNING_PREFIX.match(p.stripped) and is_upper(p.stripped):
            break
        items.append(p)
    return items
