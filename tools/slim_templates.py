"""Drop what python-docx's stock template carries and no vbgen document uses (run by hand, once).

    python tools/slim_templates.py [templates/]      # rewrites every .docx under the folder

python-docx's default template gave each built-in template (and so every draft) 100 table styles
(Light Grid – Accent 1 …, 350 KB of styles.xml), a Word 2010 ``stylesWithEffects.xml`` copy of them
(440 KB) and Word's thumbnail of an empty page. A draft was 1 MB of XML that Word, LibreOffice,
``vbgen check`` and every e-office upload read for nothing. This keeps every paragraph, character
and numbering style, the latent-style list (Word's gallery), the document defaults, the default
table style and "Table Grid" (a clerk's usual table), plus any table style the template itself uses.
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KEEP_TABLE_STYLES = {"TableNormal", "TableGrid"}
DROP_PARTS = {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"}


def slim_styles(data: bytes, used: set[str]) -> bytes:
    root = etree.fromstring(data)
    for style in root.findall(f"{W}style"):
        if style.get(f"{W}type") == "table" and style.get(f"{W}default") not in ("1", "true") \
                and style.get(f"{W}styleId") not in KEEP_TABLE_STYLES | used:
            root.remove(style)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def without_targets(rels: bytes, targets: set[str]) -> bytes:
    """A .rels part without the relationships pointing at ``targets`` (names as written in Target)."""
    root = etree.fromstring(rels)
    for rel in list(root):
        if rel.get("Target", "").lstrip("/") in targets or rel.get("Target") in targets:
            root.remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def slim(path: Path) -> tuple[int, int]:
    """Rewrite ``path`` in place; (bytes of XML before, after)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
        infos = {info.filename: info for info in archive.infolist()}
    before = sum(len(v) for v in parts.values())
    used = set(re.findall(rb'<w:tblStyle w:val="([^"]+)"', b"".join(parts.values())))
    parts["word/styles.xml"] = slim_styles(parts["word/styles.xml"], {u.decode() for u in used})
    for name in DROP_PARTS & set(parts):
        del parts[name]
    parts["word/_rels/document.xml.rels"] = without_targets(parts["word/_rels/document.xml.rels"],
                                                            {"stylesWithEffects.xml"})
    parts["_rels/.rels"] = without_targets(parts["_rels/.rels"], {"docProps/thumbnail.jpeg"})
    types = etree.fromstring(parts["[Content_Types].xml"])
    for override in list(types):
        if override.get("PartName", "").lstrip("/") in DROP_PARTS:
            types.remove(override)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(infos[name], data, compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())
    return before, sum(len(v) for v in parts.values())


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "templates")
    for path in sorted(folder.rglob("*.docx")):
        before, after = slim(path)
        print(f"{path}: {before // 1024} KB of parts -> {after // 1024} KB")


if __name__ == "__main__":
    main()
