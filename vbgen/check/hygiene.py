"""Text hygiene (chuẩn mã chữ): legacy Vietnamese encodings and non-NFC text.

Before Unicode (TCVN 6909:2001), Vietnamese was typed in 8-bit encodings shown through special
fonts: TCVN3/ABC (.VnTime) and VNI (VNI-Times). Opened with a Unicode font such text turns into
"Céng hoµ x· héi" or "Coäng hoøa xaõ hoäi". These are detected here, character by character.
Wrong letters such as "ƣ" for "ư" are in ``vbgen.glyphs``, shared with the importer.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from ..glyphs import WRONG_LETTERS

# Characters that TCVN3 uses for Vietnamese letters and that never occur in Vietnamese Unicode text.
TCVN3_MARKS = set("µ¶·¸¹»¼½¾¨©ª«¬®¡¢£¤¥¦§ÆÇËÎÏÑÖ×ØÜÞßåæçëîïñöøûüþ÷")
# Characters VNI puts after a base letter (tone and vowel marks), likewise foreign to Vietnamese.
VNI_MARKS = set("äëïöüøåæñÄËÏÖÜØÅÆÑ")
# Strong evidence of TCVN3 rather than VNI.
TCVN3_ONLY = set("µ¶·¸¹»¼½¾¨©ª«¬®")
LEGACY_THRESHOLD = 2
LEGACY_MARKS = frozenset(TCVN3_MARKS | VNI_MARKS)
_ANY_MARK = re.compile("[" + re.escape("".join(sorted(LEGACY_MARKS))) + "]")
_ANY_SUSPECT = re.compile("[" + re.escape("".join(sorted(LEGACY_MARKS | set(WRONG_LETTERS)))) + "]")


# Marks that are also common symbols in Unicode text (quotes, ©, ×): they count only inside a word.
SYMBOLS = set("«»©®×÷")


def _in_word(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    letter_before = before.isascii() and before.isalpha()
    letter_after = after.isascii() and after.isalpha()
    if text[i] in SYMBOLS:
        return letter_before and letter_after
    return letter_before or letter_after


def looks_clean(text: str) -> bool:
    """Unicode NFC text without a legacy-encoding mark or a wrong letter (one scan for both): nothing for
    the hygiene rules to say of it, or of any line of it."""
    return _ANY_SUSPECT.search(text) is None and is_nfc(text)


def legacy_encoding(text: str) -> Optional[str]:
    """'TCVN3 (ABC)' or 'VNI' when ``text`` looks like legacy-encoded Vietnamese, else None."""
    if not _ANY_MARK.search(text):
        return None  # the common case: no mark character at all (one regex scan, in C)
    marks = [c for i, c in enumerate(text) if (c in TCVN3_MARKS or c in VNI_MARKS) and _in_word(text, i)]
    if len(marks) < LEGACY_THRESHOLD:
        return None
    if any(c in TCVN3_ONLY for c in marks):
        return "TCVN3 (ABC)"
    vni = sum(c in VNI_MARKS for c in marks)
    return "VNI" if vni * 2 >= len(marks) else "TCVN3 (ABC)"


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)
