"""A docxtpl template compiled once per process: its package bytes, its body prepared by docxtpl and
compiled by sandboxed Jinja. Rendering is then one Jinja call producing WordprocessingML text.

This replaces docxtpl's render → save → reopen round trip (and sub-documents that each open a
package) with text composition; the markup is the same as docxtpl writes for these templates.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

_BODY_TAGS = re.compile(r"</?w:body[^>]*>")
_SECT_PR = re.compile(r"<w:sectPr[ >].*?</w:sectPr>|<w:sectPr[^>]*/>", re.DOTALL)


def jinja() -> SandboxedEnvironment:
    """Sandboxed, autoescaping Jinja: data is only ever a value, never template code."""
    return SandboxedEnvironment(autoescape=True)


class CompiledTemplate:
    """One .docx template: ``package`` (its bytes) and its body as a compiled Jinja template."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.package = self.path.read_bytes()
        self.sha256 = hashlib.sha256(self.package).hexdigest()
        self._tpl = DocxTemplate(self.path)
        self._tpl.init_docx()
        source = self._tpl.patch_xml(self._tpl.get_xml())
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)  # as docxtpl does, for its error lines
        self._jinja = jinja().from_string(source)
        with zipfile.ZipFile(io.BytesIO(self.package)) as archive:
            document = archive.read("word/document.xml").decode("utf-8")
        self._head = document[:document.index("<w:body")]  # XML declaration and <w:document …>

    def render_body(self, context: dict) -> str:
        """The rendered ``w:body`` element as text (what docxtpl's build_xml returns)."""
        xml = self._jinja.render(context)
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(mark in xml for mark in "\t\a\n\f"):  # docxtpl's tab/paragraph/line/page marks in text
            xml = self._tpl.resolve_listing(xml)
        return xml

    def render_document(self, context: dict) -> str:
        """The whole rendered ``word/document.xml`` as text (parsed once, so no element is moved
        between lxml documents, which costs time quadratic in its size)."""
        body = _BODY_TAGS.sub("", self.render_body(context))
        return f"{self._head}<w:body>{body}</w:body></w:document>"

    def render_fragment(self, context: dict) -> Markup:
        """The rendered body's content without ``w:body`` and the section properties: a piece to place
        in another template (what a docxtpl sub-document inserts)."""
        return Markup(_SECT_PR.sub("", _BODY_TAGS.sub("", self.render_body(context))))


@lru_cache(maxsize=32)
def _compiled(path: str, mtime_ns: int, size: int) -> CompiledTemplate:
    return CompiledTemplate(Path(path))


def compiled(path: str | Path) -> CompiledTemplate:
    """The compiled template at ``path``, cached by path, modification time and size."""
    stat = os.stat(path)
    return _compiled(str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)
