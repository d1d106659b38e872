"""The Vietnamese catalog is complete and compiled: every message marked in the code has a
translation in the .mo shipped in the package, with the same placeholders."""
from __future__ import annotations

import io
import string
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "vbgen"
PO = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "vbgen.po"
MO = PO.with_suffix(".mo")


def extracted() -> dict:
    """msgid (or (singular, plural)) → "file:line", extracted from the source as pybabel does."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(PACKAGE), method_map, options_map):
        found.setdefault(message, f"vbgen/{filename}:{lineno}")
    return found


def _as_dict(catalog) -> dict:
    def key(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value
    return {key(m.id): key(m.string) for m in catalog if m.id}


def compiled() -> dict:
    with open(MO, "rb") as handle:
        return _as_dict(read_mo(handle))


def names(text: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_messages_are_extracted_from_every_area_a_clerk_reads():
    sources = " ".join(extracted().values())
    for module in ("vbgen/cli/plans.py", "vbgen/errors.py", "vbgen/derive/engine.py", "vbgen/derive/explain.py",
                   "vbgen/loader.py", "vbgen/model.py", "vbgen/yamlio.py", "vbgen/docxsafe.py", "vbgen/profile.py",
                   "vbgen/types/kit.py", "vbgen/types/lint.py", "vbgen/render/companions.py", "vbgen/web/__init__.py",
                   "vbgen/check/finding.py", "vbgen/check/rules_header.py", "vbgen/check/report.py",
                   "vbgen/importer/writer.py", "vbgen/importer/document.py", "vbgen/report/writer.py"):
        assert module in sources, f"no message of {module} is marked for translation"


def test_every_marked_message_has_a_vietnamese_translation():
    catalog = compiled()
    missing = []
    for message, where in extracted().items():
        translation = catalog.get(message)
        texts = translation if isinstance(translation, (tuple, list)) else [translation]
        if not translation or not all(texts):
            missing.append(f"{where}: {message!r}")
    assert not missing, ("messages without a Vietnamese translation (run pybabel extract/update, translate "
                         "in vbgen.po, pybabel compile; see docs/i18n.md):\n" + "\n".join(missing))


def test_translations_keep_the_placeholders():
    wrong = []
    for message, translation in compiled().items():
        ids = message if isinstance(message, tuple) else (message,)
        texts = translation if isinstance(translation, (tuple, list)) else [translation]
        allowed = set().union(*(names(i) for i in ids))
        for text in texts:
            if (names(text) - allowed) or (len(ids) == 1 and names(text) != allowed):
                wrong.append(f"{message!r} → {text!r}")
            if "%(" in ids[0] and sorted(ids[0].count(k) for k in ("%(prog)s", "%(version)s")) != sorted(
                    text.count(k) for k in ("%(prog)s", "%(version)s")):
                wrong.append(f"{message!r} → {text!r}")
    assert not wrong, "translations whose {placeholders} differ from the message:\n" + "\n".join(wrong)


def test_compiled_catalog_is_up_to_date_with_the_po():
    with open(PO, "rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    fresh = _as_dict(read_mo(buffer))
    assert fresh == compiled(), "vbgen.mo is older than vbgen.po: run pybabel compile -d vbgen/locale -D vbgen"


def test_no_fuzzy_or_obsolete_entries_hide_in_the_po():
    with open(PO, "rb") as handle:
        catalog = read_po(handle)
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, f"fuzzy entries (check the translation and remove '#, fuzzy'): {fuzzy}"


def test_the_catalog_is_part_of_the_package():
    setup = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    assert "locale/*/LC_MESSAGES/*.mo" in setup
    from importlib import resources
    assert (resources.files("vbgen") / "locale" / "vi" / "LC_MESSAGES" / "vbgen.mo").is_file()
