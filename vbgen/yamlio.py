"""YAML reading with line numbers (ruamel.yaml) and tidy YAML writing."""
from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import Any, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from .errors import VbgenError


# Control characters XML cannot hold: a vertical tab or form feed (Word's line and page breaks, when
# text is pasted) becomes a line break; the others, invisible anyway, are dropped.
_CONTROL = {**{c: None for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}, 0x0B: "\n", 0x0C: "\n"}


def clean_text(text: str) -> str:
    """Unicode NFC, without the control characters a .docx cannot hold."""
    return unicodedata.normalize("NFC", text.translate(_CONTROL))


def _nfc(value: Any) -> Any:
    """Return ``value`` with every string cleaned (NFC, no control characters), keeping line info."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, CommentedMap):
        for key in list(value.keys()):
            value[key] = _nfc(value[key])
        return value
    if isinstance(value, CommentedSeq):
        for i, item in enumerate(value):
            value[i] = _nfc(item)
        return value
    return value


def read_yaml(path: str | Path) -> Any:
    """Read a YAML file, keeping line numbers; raise VbgenError on unreadable or bad YAML."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise VbgenError("file not found; check the path", file=str(path)) from None
    except UnicodeDecodeError:
        raise VbgenError("not UTF-8 text; save the file as UTF-8", file=str(path)) from None
    except OSError as exc:
        raise VbgenError(f"cannot read the file ({exc.strerror})", file=str(path)) from None
    yaml = YAML(typ="rt")
    try:
        data = yaml.load(io.StringIO(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        hint = "check indentation, colons and quotes"
        if "mapping values are not allowed" in problem:
            hint = "text containing ': ' or ending with ':' must be put in double quotes"
        elif "'\\t'" in problem:
            hint = "indent with spaces, not tabs"
        raise VbgenError(f"YAML syntax error: {problem}; {hint}",
                         file=str(path), line=line) from None
    except Exception as exc:  # ruamel raises a few non-marked errors (duplicate keys, …)
        raise VbgenError(f"YAML error: {exc}".splitlines()[0], file=str(path)) from None
    return _nfc(data)


def line_of(data: Any, loc: Sequence[Any]) -> int | None:
    """Best line number (1-based) for the value at ``loc`` inside ruamel ``data``."""
    node, line = data, None
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            pos = node.lc.key(key)
            line = pos[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            pos = node.lc.item(key)
            line = pos[0] + 1
            node = node[key]
        else:
            if line is None and isinstance(node, (CommentedMap, CommentedSeq)) and node.lc.line is not None:
                line = node.lc.line + 1
            break
    return line


def dump_yaml(data: Any) -> str:
    """Serialise plain data as readable block-style YAML (Unicode kept, wide lines)."""
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
