"""Decoding a text file whatever encoding an office saved it in.

UTF-8 (with or without BOM) and UTF-16 (with a BOM, or without one: told by where its zero bytes fall)
are read as they are. Other bytes are tried as the encodings Vietnamese offices used: Windows-1258, TCVN3
(ABC, the .VnTime fonts) and VNI (VNI-Times); the reading with the most Vietnamese letters and the least
debris wins. Text in TCVN3 or VNI characters saved as UTF-8 is converted too (:func:`repair_legacy`). When
no reading looks Vietnamese the file is refused with a line that says the encoding is the problem.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import VbgenError
from ..i18n import _

_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_VOWELS = "".join(sorted({unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in _TONES}))
_TONED = set(_VOWELS) - set("aăâeêioôơuưy")
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?[%s]{1,3}(?:ch|ng|nh|[cmnpt])?"
                       % _VOWELS)
_WORD = re.compile(r"[^\W\d_]+")
_NOT_TEXT = _("this is not a text file; give a .docx or a .txt")
_UNKNOWN = _("the text is not UTF-8 and reads as no Vietnamese encoding vbgen knows (Windows-1258, TCVN3/ABC, "
             "VNI); the encoding is the problem: open the file in Notepad or Word and save it as UTF-8 "
             "(Unicode), then import it again")


def _is_syllable(word: str) -> bool:
    if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False
    lower = word.lower()
    return bool(_SYLLABLE.fullmatch(lower)) and sum(ch in _TONED for ch in lower) <= 1


def score(text: str) -> int:
    """How Vietnamese a reading looks: words with non-ASCII letters that are Vietnamese syllables, minus
    twice those that are not (mixed case, two tones, impossible letters)."""
    good = bad = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        if _is_syllable(word):
            good += 1
        else:
            bad += 1
    return good - 2 * bad


def _utf16_order(sample: bytes) -> str | None:
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    if odd > 0.2 * half and even < 0.1 * odd:
        return "utf-16-le"
    if even > 0.2 * half and odd < 0.1 * even:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path: str = "") -> str:
    """The text of a file's bytes (see the module docstring); raises VbgenError naming ``path``."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise VbgenError(_UNKNOWN, file=path) from None
    if b"\x00" in data[:65536]:
        order = _utf16_order(data[:65536])
        if order is None:
            raise VbgenError(_NOT_TEXT, file=path)
        try:
            return data.decode(order)
        except UnicodeDecodeError:
            raise VbgenError(_NOT_TEXT, file=path) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from .cleanup import convert_legacy

    latin = data.decode("latin-1")
    readings = [unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")),
                fix_capitals(convert_legacy(latin, "tcvn3")),
                convert_legacy(data.decode("cp1252", errors="replace"), "vni")]
    best = max(readings, key=score)
    words = len(_WORD.findall(best))
    if score(best) < max(3, 0.05 * words):
        raise VbgenError(_UNKNOWN, file=path)
    return best


def repair_legacy(text: str) -> str:
    """Text typed in TCVN3 or VNI characters (then saved as Unicode) converted to Unicode; else as is."""
    from .cleanup import convert_legacy, detect_legacy

    legacy = detect_legacy(text)
    if not legacy:
        return text
    converted = convert_legacy(text, legacy)
    return fix_capitals(converted) if legacy == "tcvn3" else converted


def fix_capitals(text: str) -> str:
    """TCVN3 wrote capitals with the same codes as small letters in an upper-case font (.VnTimeH), so a
    converted heading reads "Kế HOạCH": a line whose Latin letters are all capitals is put in capitals."""
    out = []
    for line in text.split("\n"):
        ascii_letters = [ch for ch in line if "A" <= ch <= "Z" or "a" <= ch <= "z"]
        if len(ascii_letters) >= 2 and all(ch.isupper() for ch in ascii_letters):
            line = line.upper()
        out.append(line)
    return "\n".join(out)
