"""A small, fast YAML emitter for the importer's output: block style, end-of-line comments, wrapped text.

ruamel's round-trip dumper takes seconds per megabyte; import must stay linear and quick on 20 MB sources,
so the plan is written here, line by line. Every string is written so that it loads back exactly (YAML 1.2
and 1.1 readers alike): plain when nothing in it could be read otherwise, else single- or double-quoted
with escapes (line separators, control characters). Long plain text is wrapped at spaces for reading.
"""
from __future__ import annotations

import datetime as dt
import re

WIDTH = 100


class Map(dict):
    """A mapping written in block style; ``comments`` maps a key to its end-of-line comment."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.comments: dict[str, str] = {}


class Flow(list):
    """A list of short scalars written on one line: ``[stt, content, lead]``."""


_PRINTABLE = re.compile("[^\t\n\r\x85\\u2028\\u2029\ufeff\\x20-\\x7e\\xa0-\\ud7ff\\ue000-\\ufffd\U00010000-\U0010ffff]")
_SPECIAL = re.compile("[\t\n\r\x85\\u2028\\u2029\ufeff]")
_INDICATOR_START = set("-?:,[]{}#&*!|>'\"%@`<= ")
_RESOLVES = re.compile(
    r"(?:~|null|true|false|yes|no|on|off|y|n)$"                # null and booleans (YAML 1.1 and 1.2)
    r"|[-+]?(?:\.?[0-9][0-9a-fA-FxXoObB_.:eE+-]*)$"            # numbers of every base, sexagesimal
    r"|[-+]?\.(?:inf|nan)$"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", re.IGNORECASE)         # dates and timestamps


def plain_ok(text: str) -> bool:
    """Can ``text`` be written as a plain scalar and load back as the same string?"""
    return bool(text) and text[0] not in _INDICATOR_START and text[-1] not in " :" and ": " not in text \
        and " #" not in text and not _SPECIAL.search(text) and not _PRINTABLE.search(text) \
        and not _RESOLVES.match(text)


def _escape(ch: str) -> str:
    code = ord(ch)
    named = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x85": "\\N", "\u2028": "\\L",
             "\u2029": "\\P", "\x00": "\\0"}
    if ch in named:
        return named[ch]
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


_DOUBLE_ESCAPES = re.compile("[\\\\\"]|" + _SPECIAL.pattern + "|" + _PRINTABLE.pattern)


def quoted(text: str) -> str:
    """``text`` single-quoted when that keeps it exactly, else double-quoted with escapes."""
    if not _SPECIAL.search(text) and not _PRINTABLE.search(text):
        return "'" + text.replace("'", "''") + "'"
    return '"' + _DOUBLE_ESCAPES.sub(lambda m: _escape(m.group(0)), text) + '"'


def _wrap(text: str, first: int, indent: int, any_word: bool = False) -> str:
    """A plain (or single-quoted, ``any_word``) scalar over several lines, folded back to single spaces
    when read: breaks only at a single space, in plain text only before a word that cannot start anything
    else."""
    if first + len(text) <= WIDTH:
        return text
    lines, start, budget, last = [], 0, WIDTH - first, -1
    for match in _BREAK.finditer(text):
        at = match.start()
        if not any_word and text[at + 1] in _INDICATOR_START:
            continue
        if at - start > budget and last > start:
            lines.append(text[start:last])
            start, budget = last + 1, WIDTH - indent
        last = at
    if len(text) - start > budget and last > start:
        lines.append(text[start:last])
        start = last + 1
    lines.append(text[start:])
    return ("\n" + " " * indent).join(lines)


_BREAK = re.compile(r"(?<=[^ ]) (?=[^ ])")


def scalar(value, first: int = 0, indent: int = 2) -> str:
    """One scalar as YAML text; ``first`` is the column it starts at, ``indent`` its continuation lines'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = str(value)
    if plain_ok(text):
        return _wrap(text, first, indent)
    text = quoted(text)
    return _wrap(text, first, indent, any_word=True) if text.startswith("'") else text


def _comment(out: list[str], comment: str | None) -> None:
    if comment:
        out[-1] += "  # " + comment


def _mapping(out: list[str], data: dict, indent: int, first_prefix: str | None = None) -> None:
    comments = getattr(data, "comments", {})
    for n, (key, value) in enumerate(data.items()):
        pad = first_prefix if (n == 0 and first_prefix is not None) else " " * indent
        head = f"{pad}{key}:"
        if isinstance(value, Flow):
            out.append(f"{head} [{', '.join(scalar(v) for v in value)}]")
        elif isinstance(value, dict) and value:
            out.append(head)
            _comment(out, comments.get(key))
            _mapping(out, value, indent + 2)
            continue
        elif isinstance(value, list) and value:
            out.append(head)
            _comment(out, comments.get(key))
            _sequence(out, value, indent + 2)
            continue
        elif isinstance(value, (dict, list)):
            out.append(f"{head} {'{}' if isinstance(value, dict) else '[]'}")
        else:
            out.append(f"{head} {scalar(value, len(head) + 1, indent + 2)}")
        _comment(out, comments.get(key))


def _sequence(out: list[str], items: list, indent: int) -> None:
    for item in items:
        prefix = " " * indent + "- "
        if isinstance(item, dict) and item:
            _mapping(out, item, indent + 2, first_prefix=prefix)
        elif isinstance(item, list) and item:
            out.append(prefix.rstrip())
            _sequence(out, item, indent + 2)
        else:
            out.append(prefix + scalar(item, len(prefix), indent + 2))


def dump(data: dict, header: str = "") -> str:
    """The YAML text of ``data`` (a :class:`Map` at the top), with ``header`` as comment lines first."""
    out = [f"# {line}" if line else "#" for line in header.splitlines()]
    _mapping(out, data, 0)
    return "\n".join(out) + "\n"
