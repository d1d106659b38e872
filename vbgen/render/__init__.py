"""Generation: a validated Plan becomes a .docx (header, body, tables, signature, phụ lục, page setup).

    from vbgen.render import make_plan
    make_plan("examples/bac-kan-2025/ke-hoach-tinh.yaml")   # writes ke-hoach-tinh.docx beside it
"""
from .document import default_output, make_plan, render_document, render_plan

__all__ = ["default_output", "make_plan", "render_document", "render_plan"]
