"""The naive docxtpl baseline the benchmarks compare vbgen with: one template, a loop and a table.

What a developer writes in an afternoon with docxtpl: the issuer, title and place in the header, one
paragraph per body node, the task table, the recipients; no rule profile, no derivation, no checks.
It is fed the same data as vbgen (the derived plan's texts), so the ratio measures vbgen's own cost.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docxtpl import DocxTemplate


def make_template(path: Path) -> Path:
    """Write the naive template (.docx with Jinja tags) to ``path``."""
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "{{ issuer }}"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n{{ place_date }}"
    doc.add_paragraph("{{ number }}")
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("{{ title }}")
    doc.add_paragraph("{%p for text in paragraphs %}")
    doc.add_paragraph("{{ text }}")
    doc.add_paragraph("{%p endfor %}")
    tasks = doc.add_table(rows=3, cols=5)
    for cell, label in zip(tasks.rows[0].cells, ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"]):
        cell.text = label
    tasks.cell(1, 0).text = "{%tr for t in tasks %}"
    for cell, key in zip(tasks.rows[2].cells, ["n", "content", "lead", "support", "deadline"]):
        cell.text = "{{ t.%s }}" % key
    tasks.add_row().cells[0].text = "{%tr endfor %}"
    doc.add_paragraph("Nơi nhận:")
    doc.add_paragraph("{%p for r in recipients %}")
    doc.add_paragraph("- {{ r }};")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{{ signer }}")
    doc.save(str(path))
    return path


def context(plan, tasks: list | None = None) -> dict:
    """The naive template's values from a vbgen Plan (its texts as vbgen renders them)."""
    rows = tasks if tasks is not None else [n for n in plan.nodes() if n.role == "task"]
    return {
        "issuer": plan.issuer.name, "place_date": f"{plan.place}, ngày … tháng … năm {plan.draft_year or ''}",
        "number": f"Số: {plan.number or ''}/KH", "title": plan.title,
        "paragraphs": [*plan.basis, *plan.opening, *(n.content for n in plan.nodes() if n.kind != "table"),
                       plan.closing or ""],
        "tasks": [{"n": i, "content": getattr(t, "content", ""), "lead": t.lead or "",
                   "support": ", ".join(t.support) if isinstance(t.support, list) else (t.support or ""),
                   "deadline": t.deadline or ""} for i, t in enumerate(rows, start=1)],
        "recipients": [r if isinstance(r, str) else r.note for r in plan.recipients],
        "signer": plan.signature.name,
    }


def render(template: Path, values: dict, out) -> None:
    """One naive render: open the template, fill it, save."""
    tpl = DocxTemplate(str(template))
    tpl.render(values, autoescape=True)
    tpl.save(out)
