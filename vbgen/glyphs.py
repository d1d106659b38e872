"""Wrong glyphs (ký tự sai) in Vietnamese text: one table for ``vbgen check`` and ``vbgen import``.

PDF extraction and some old fonts give "ƣ" (U+01A3, Latin "oi") where the text has "ư". Check
reports such letters (rule ``text.glyph``); import replaces them. Invisible characters (no-break
space, zero-width space, byte-order mark) are only replaced by import: Word documents use a
no-break space on purpose, so check does not report it.
"""
from __future__ import annotations

import re

#: Letters that are never right in Vietnamese text, and the letter meant.
WRONG_LETTERS: dict[str, str] = {"ƣ": "ư", "Ƣ": "Ư"}

_WRONG = re.compile("[" + "".join(WRONG_LETTERS) + "]")

#: Invisible or odd spacing characters, and what imported text should have instead.
INVISIBLE: dict[str, str] = {"\u00a0": " ", "\u200b": "", "\ufeff": ""}

#: Everything import replaces.
GLYPH_FIXES: dict[str, str] = {**WRONG_LETTERS, **INVISIBLE}


def wrong_letters(text: str) -> list[str]:
    """The wrong letters in ``text`` (each once, sorted): "ngƣời" → ["ƣ"]."""
    if not _WRONG.search(text):
        return []  # the common case, without a loop over the characters
    return sorted({c for c in text if c in WRONG_LETTERS})


def fix_glyphs(text: str) -> str:
    """``text`` with every wrong letter and invisible character replaced: "ngƣời\\u00a0dân" → "người dân"."""
    return text.translate(str.maketrans(GLYPH_FIXES))
