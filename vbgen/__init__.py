"""vbgen: Vietnamese official plans and reports (Kế hoạch, Báo cáo) as exact .docx drafts."""
__version__ = "0.1.0"
