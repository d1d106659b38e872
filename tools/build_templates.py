"""Bootstrap the .docx templates under templates/ (run once; afterwards edit them in Word).

    python tools/build_templates.py [--force]

Each document type is a folder ``templates/<type>/`` with ``type.yaml`` (its data: tên loại,
abbreviation, blocks …) and one Word template per rule set (``state.docx``, ``party.docx``). This
script writes only the .docx files; the type.yaml files are written by hand.

The templates hold structure and placeholders only ({{r name }} for formatted text, {{p name }}
for blocks, {%p if/for %} for optional or repeated lines). Every size, margin, width and line
length comes from the rule profiles (vbgen/profiles/*.yaml) at render time.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vbgen.docxml import bottom_border, remove_table_borders  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from slim_templates import slim  # noqa: E402

CENTER, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT


def _para(container, text="", align=CENTER, line=False, first=False):
    p = container.paragraphs[0] if first else container.add_paragraph()
    if text:
        p.add_run(text)
    p.alignment = align
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.0
    if line:
        bottom_border(p)
    return p


def _optional(container, name, align=CENTER, before=0):
    """An optional one-line slot: the paragraph disappears when ``name`` is empty."""
    _para(container, f"{{%p if {name} %}}", align=align)
    p = _para(container, f"{{{{r {name} }}}}", align=align)
    p.paragraph_format.space_before = Pt(before)
    _para(container, "{%p endif %}", align=align)


def _blank_document():
    doc = Document()
    doc._body.clear_content()
    return doc


def header() -> Document:
    doc = _blank_document()
    table = doc.add_table(rows=2, cols=2)
    remove_table_borders(table)
    left, right = table.cell(0, 0), table.cell(0, 1)
    _para(left, "{%p if issuer_parent %}", first=True)
    _para(left, "{{r issuer_parent }}")
    _para(left, "{%p endif %}")
    _para(left, "{{r issuer_name }}")
    _para(left, "{%p if issuer_mark %}")
    _para(left, "{{r issuer_mark }}")
    _para(left, "{%p else %}")
    _para(left, "", line=True)  # the short line under the issuer (state)
    _para(left, "{%p endif %}")
    _para(right, "{{r national_title }}", first=True)
    _para(right, "{%p if motto %}")
    _para(right, "{{r motto }}")
    _para(right, "{%p endif %}")
    _para(right, "", line=True)  # the line under Tiêu ngữ (state) or the Party heading
    number = _para(table.cell(1, 0), "{{r number_line }}", first=True)
    _optional(table.cell(1, 0), "subject_line", before=6)  # công văn: "V/v …" under the Số (ô 5b)
    date = _para(table.cell(1, 1), "{{r date_line }}", first=True)
    for p in (number, date):
        p.paragraph_format.space_before = Pt(6)
    return doc


def signature() -> Document:
    doc = _blank_document()
    table = doc.add_table(rows=1, cols=2)
    remove_table_borders(table)
    left, right = table.cell(0, 0), table.cell(0, 1)
    _para(left, "{{r recipients_label }}", align=LEFT, first=True)
    _para(left, "{%p for line in recipient_lines %}", align=LEFT)
    _para(left, "{{r line }}", align=LEFT)
    _para(left, "{%p endfor %}", align=LEFT)
    _para(right, "{%p for line in authority_lines %}", first=True)
    _para(right, "{{r line }}")
    _para(right, "{%p endfor %}")
    _para(right, "{%p for blank in signature_space %}")
    _para(right, "")
    _para(right, "{%p endfor %}")
    _para(right, "{{r signer_name }}")
    return doc


def _title_block(doc, rules: str) -> None:
    """Tên loại, trích yếu, the "(Ban hành kèm theo …)" line of an attached plan, the line under it."""
    type_name = _para(doc, "{{r type_name }}")
    type_name.paragraph_format.space_before = Pt(18)
    _para(doc, "{{r title }}")
    _optional(doc, "issued_with")
    if rules == "state":
        _para(doc, "", line=True)  # solid line under the trích yếu
    else:
        _para(doc, "{{r title_line }}")  # "-----" under the trích yếu


def _ending(doc) -> None:
    _para(doc, "{{p body }}", align=LEFT)
    _para(doc, "", align=LEFT).paragraph_format.space_after = Pt(6)  # room above the signature
    _para(doc, "{{p signature }}", align=LEFT)


def named(rules: str) -> Document:
    """Văn bản có tên loại (Mẫu 1.4): Kế hoạch, Báo cáo, Tờ trình, Thông báo …"""
    doc = _blank_document()
    _para(doc, "{{p header }}", align=LEFT)
    _title_block(doc, rules)
    _para(doc, "{{p addressees }}", align=LEFT)
    _ending(doc)
    return doc


def decision(rules: str) -> Document:
    """Quyết định (Mẫu 1.3): thẩm quyền line (state), căn cứ, "QUYẾT ĐỊNH:", Điều 1, 2, 3 …"""
    doc = _blank_document()
    _para(doc, "{{p header }}", align=LEFT)
    _title_block(doc, rules)
    if rules == "state":
        _para(doc, "{{r authority }}").paragraph_format.space_before = Pt(12)
    _para(doc, "{{p preamble }}", align=LEFT)
    _para(doc, "{{r decision_line }}").paragraph_format.space_before = Pt(6)
    _ending(doc)
    return doc


def letter(rules: str) -> Document:
    """Công văn (Mẫu 1.5): no tên loại; the trích yếu is in the header, under the Số."""
    doc = _blank_document()
    _para(doc, "{{p header }}", align=LEFT)
    _para(doc, "{{p addressees }}", align=LEFT)
    _ending(doc)
    return doc


#: type folder → the layout its templates take.
TYPES = {"ke-hoach": named, "bao-cao": named, "to-trinh": named, "thong-bao": named,
         "quyet-dinh": decision, "cong-van": letter}


def outputs() -> dict[str, Document]:
    files = {"partials/header.docx": header(), "partials/signature.docx": signature()}
    for folder, build in TYPES.items():
        for rules in ("state", "party"):
            files[f"{folder}/{rules}.docx"] = build(rules)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="overwrite existing templates")
    args = parser.parse_args()
    for name, doc in outputs().items():
        path = ROOT / "templates" / name
        if path.exists() and not args.force:
            print(f"skip {path} (exists; --force to rebuild)")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        doc.save(path)
        slim(path)  # without the stock template's unused table styles, Word 2010 copy and thumbnail
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
