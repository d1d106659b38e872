"""YAML reading with line numbers (libyaml through :mod:`vbgen.yamlfast`, else ruamel.yaml) and tidy
YAML writing.

Reading is hardened for files written by hand or pasted together: characters a Word document cannot
hold are dropped with a warning naming file:line (and the field, inside a value); nesting deeper than
:data:`MAX_DEPTH` and aliases that expand beyond :data:`MAX_ALIAS_VALUES` values ("billion laughs")
are refused with their line; an impossible date (2025-02-30) stays text for validation to name; a
header name folded from several lines is warned about (:data:`HEADER_NAMES`).
"""
from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import Any, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent
from ruamel.yaml.scalarstring import LiteralScalarString

from . import yamlfast
from .errors import VbgenError, format_message, warn
from .i18n import N_, _, gettext

MAX_DEPTH = 64
"""Deepest nesting of lists and groups accepted (a plan needs about 20)."""
MAX_BYTES = 64 << 20
"""Largest YAML file read (a plan of 10,000 tasks is about 1 MB); /dev/zero must not fill the memory."""
MAX_ALIAS_VALUES = 100_000
"""How many values aliases (``*name``) may add to a file when expanded."""

# Control characters XML cannot hold: a vertical tab or form feed (Word's line and page breaks, when
# text is pasted) becomes a line break; the others, invisible anyway, are dropped.
_CONTROL = {**{c: None for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}, 0x0B: "\n", 0x0C: "\n"}
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters a .docx (XML 1.0) cannot hold, besides the vertical tab and form feed turned into line breaks."""
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not accept in a file (it would stop with "special characters are not allowed")."""


def clean_text(text: str) -> str:
    """Unicode NFC, without the characters a .docx cannot hold."""
    return unicodedata.normalize("NFC", _NOT_XML.sub("", text.translate(_CONTROL)))


def _codes(chars: Sequence[str]) -> str:
    names = sorted({f"U+{ord(c):04X}" for c in chars})
    return ", ".join(names[:5]) + (" …" if len(names) > 5 else "")


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that notes multi-line folded scalars and keeps impossible dates as text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.folded: set[int] = set()

    def construct_folded_str(self, node: Any) -> Any:
        value = self.construct_yaml_str(node)
        start, end = node.start_mark.line, node.end_mark.line
        if node.style in (None, '"', "'") and end > start:
            self.folded.add(start + 1)
        elif node.style == ">" and str(value).strip().count("\n") == 0 and end - start > 2:
            self.folded.add(start + 1)
        return value

    def construct_date_or_text(self, node: Any) -> Any:
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:  # 2025-02-30: validation says "30/02/2025 is not a real date" with its line
            return str(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:str", _Constructor.construct_folded_str)
_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_date_or_text)


def _line(node: Any, key: Any) -> int | None:
    """The line (1-based) of ``key`` in a ruamel map or of item ``key`` in a list; a key merged in from
    an alias (``<<: *base``) has none of its own here, so the map's own line."""
    try:
        return (node.lc.key(key) if isinstance(node, CommentedMap) else node.lc.item(key))[0] + 1
    except (KeyError, IndexError, TypeError):
        return node.lc.line + 1 if node.lc.line is not None else None


def _check_shape(data: Any, file: str) -> None:
    """Refuse aliases that expand beyond MAX_ALIAS_VALUES values, naming the line where they do."""
    sizes: dict[int, int] = {}
    distinct = 0

    def size(node: Any, owner: Any, place: Any) -> int:
        nonlocal distinct
        key = id(node)
        if key in sizes:
            return sizes[key]
        sizes[key] = 1  # a recursive alias (&a [*a]) counts once instead of looping
        distinct += 1
        total = 1
        if isinstance(node, CommentedMap):
            children: Any = zip(ordereddict.values(node), ordereddict.keys(node))
        elif isinstance(node, CommentedSeq):
            children = zip(node, range(len(node)))
        else:
            children = ()
        for child, child_place in children:
            if isinstance(child, (CommentedMap, CommentedSeq)):
                total += size(child, node, child_place)
            else:
                total += 1
            if total > MAX_ALIAS_VALUES + distinct:
                line = 1 if owner is None else _line(owner, place)  # looked up only when it is needed
                raise VbgenError(_("aliases (*name) here expand to more than {count} values; write the values "
                                   "out instead of repeating aliases").format(count=f"{MAX_ALIAS_VALUES:,}"),
                                 file=file, line=line)
        sizes[key] = total
        return total

    size(data, None, None)


_UNCLEAN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters :func:`clean_text` changes besides the NFC normalisation (a quick test first)."""


def _clean(value: Any, file: str, field: str, line: Any, seen: set[int]) -> Any:
    """``value`` with every string cleaned (NFC, no characters XML cannot hold), keeping line info;
    a dropped character is warned about with file:line:field. ``line`` is the line or a function
    giving it (looked up only for a warning)."""
    if isinstance(value, str):
        if not _UNCLEAN.search(value) and unicodedata.is_normalized("NFC", value):
            return value if type(value) is str or isinstance(value, LiteralScalarString) else str(value)
        cleaned = clean_text(value)
        dropped = _NOT_XML.findall(value)
        if dropped:
            warn(format_message(_("dropped {count} character(s) a Word document cannot hold ({codes}); check "
                                  "the text there").format(count=len(dropped), codes=_codes(dropped)),
                                file, line() if callable(line) else line, field or None))
        if isinstance(value, LiteralScalarString):
            return LiteralScalarString(cleaned)
        return cleaned
    if id(value) in seen:
        return value
    if isinstance(value, CommentedMap):
        seen.add(id(value))
        for key, item in list(ordereddict.items(value)):
            name = f"{field}.{key}" if field else str(key)
            new = _clean(item, file, name, lambda key=key: _line(value, key), seen)
            if new is not item:
                value[key] = new
    elif isinstance(value, CommentedSeq):
        seen.add(id(value))
        for i, item in enumerate(value):
            new = _clean(item, file, f"{field}[{i}]", lambda i=i: _line(value, i), seen)
            if new is not item:
                value[i] = new
    return value


def _strip_raw(text: str, file: str) -> str:
    """Remove characters YAML refuses in a file (pasted control characters, U+FFFE …), each warned
    about with its line; NUL bytes stop the reading (a UTF-16 or binary file, not YAML text)."""
    if not _NOT_YAML.search(text):
        return text
    nul = text.find("\x00")
    if nul >= 0:
        raise VbgenError(_("contains a NUL character (U+0000), which plan text cannot hold; delete it "
                           "(it usually comes from pasting)"), file=file, line=text.count("\n", 0, nul) + 1)
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        bad = _NOT_YAML.findall(line)
        if bad:
            warn(format_message(_("dropped {count} invisible control character(s) ({codes}), which a plan "
                                  "cannot hold; check the text there").format(count=len(bad), codes=_codes(bad)),
                                file, number))
            lines[number - 1] = _NOT_YAML.sub("", line)
    return "\n".join(lines)


_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|(?:^|(?<=\s))#[^\n]*|[\[\]{}]', re.M)
_DEEP_BLOCK = re.compile(r"^ {%d}|(?:- +){%d}" % (2 * MAX_DEPTH, MAX_DEPTH), re.M)


def _deep_sample(text: str) -> str | None:
    """The start of ``text`` that may nest deeper than MAX_DEPTH, or None when it cannot: up to the
    bracket past that depth (YAML scans a flow collection to its end before it yields anything, in
    time growing with the square of its depth), or all of it when it is indented very deep."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:  # too few brackets to nest that deep
        return text if _DEEP_BLOCK.search(text) else None
    depth = 0
    for match in _BRACKETS.finditer(text):
        if len(match.group()) != 1:
            continue  # a double-quoted text or a comment
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            return text[:match.end()]
    return text if _DEEP_BLOCK.search(text) else None


def _check_depth(text: str, file: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before building anything (deep nesting is slow to scan
    and would overflow Python's stack); only texts that might be that deep are parsed for it."""
    sample = _deep_sample(text)
    if sample is None:
        return
    depth = 0
    try:
        for event in YAML(typ="rt").parse(io.StringIO(sample)):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise VbgenError(_("is nested more than {depth} levels deep; a plan needs far fewer: "
                                       "check the indentation and the brackets").format(depth=MAX_DEPTH),
                                     file=file, line=event.start_mark.line + 1)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return  # a syntax error: the real load reports it with its line


#: The YAML reader's own problems a clerk meets most (translated when shown; others stay as it says them).
_PROBLEMS = (N_("mapping values are not allowed here"), N_("found character '\\t' that cannot start any token"),
             N_("found unexpected end of stream"))


def _syntax_error(exc: MarkedYAMLError, file: str) -> VbgenError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = exc.problem or exc.context or "invalid YAML"
    hint = _("check indentation, colons and quotes")
    if "mapping values are not allowed" in problem:
        hint = _("text containing ': ' or ending with ':' must be put in double quotes")
    elif "'\\t'" in problem:
        hint = _("indent with spaces, not tabs")
    elif "found duplicate key" in problem:
        hint = _("a key may appear only once in a group; keep one of them")
    elif "found undefined alias" in problem:
        hint = _("define the anchor (&name) before using *name, or write the value out")
    shown = gettext(problem) if problem in _PROBLEMS else problem
    return VbgenError(_("YAML syntax error: {problem}; {hint}").format(problem=shown, hint=hint),
                      file=file, line=line)


HEADER_NAMES = (("issuer", "name"), ("issuer", "parent"))
"""Fields printed line by line in the header, where a line break the clerk typed matters."""


def _warn_folded_names(data: Any, folded: set[int], file: str) -> None:
    """Warn when a header name was written over several lines and YAML joined them into one."""
    for group, key in HEADER_NAMES:
        owner = data.get(group) if isinstance(data, CommentedMap) else None
        if not isinstance(owner, CommentedMap) or key not in owner or not isinstance(owner[key], str):
            continue
        try:
            line = owner.lc.value(key)[0] + 1
        except KeyError:  # merged in from an alias: not written here
            continue
        if line in folded and "\n" not in owner[key].strip():
            warn(format_message(_("the name runs over two lines and YAML joins them into one (\"{joined}\"); to "
                                  "print it on two lines write it in double quotes with \\n where the line "
                                  "breaks (\"ỦY BAN NHÂN DÂN\\nXÃ BẰNG VÂN\"), or put | after '{key}:' and the "
                                  "lines below it").format(joined=" ".join(owner[key].split()), key=key),
                                file, line, f"{group}.{key}"))


def read_text(path: str | Path) -> str:
    """The text of a UTF-8 file; VbgenError naming the path when it cannot be read."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise VbgenError(_("is larger than {size} MB, far more than any plan; check that it is the right "
                               "file").format(size=MAX_BYTES >> 20), file=str(path))
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data.count(b"\x00") * 10 > len(data):
            raise VbgenError(_("is not UTF-8 text (it looks like UTF-16 or a binary file); "
                               "save it as UTF-8 text"), file=str(path), line=1)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            raise VbgenError(_("not UTF-8 text (first at this line); save the file as UTF-8"),
                             file=str(path), line=line) from None
    except FileNotFoundError:
        raise VbgenError(_("file not found; check the path"), file=str(path)) from None
    except IsADirectoryError:
        raise VbgenError(_("is a folder, not a file; give the path of a .yaml file"), file=str(path)) from None
    except OSError as exc:
        hint = _("check that you may read it") if exc.errno in (1, 13) else _("check the path")
        raise VbgenError(_("cannot read the file ({reason}); {hint}").format(reason=exc.strerror, hint=hint),
                         file=str(path)) from None


def read_yaml(path: str | Path) -> Any:
    """Read a YAML file, keeping line numbers; raise VbgenError on unreadable or bad YAML."""
    file = str(path)
    text = _strip_raw(read_text(path), file)
    _check_depth(text, file)
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    fast = yamlfast.load(text, yaml.constructor)
    try:
        data, folded, aliased = fast if fast is not None else \
            (yaml.load(io.StringIO(text)), yaml.constructor.folded, True)
    except MarkedYAMLError as exc:
        raise _syntax_error(exc, file) from None
    except RecursionError:
        raise VbgenError(_("is nested too deeply (more than {depth} levels); check the indentation and the "
                           "brackets").format(depth=MAX_DEPTH), file=file) from None
    except Exception as exc:  # ruamel raises a few non-marked errors (duplicate keys, …)
        raise VbgenError(_("YAML error: {problem}").format(problem=str(exc).splitlines()[0] if str(exc) else ""),
                         file=file) from None
    if aliased:  # without aliases nothing can expand
        _check_shape(data, file)
    data = _clean(data, file, "", 1, set())
    _warn_folded_names(data, folded, file)
    return data


def line_of(data: Any, loc: Sequence[Any]) -> int | None:
    """Best line number (1-based) for the value at ``loc`` inside ruamel ``data``."""
    node, line = data, None
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            line = _line(node, key)
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line = _line(node, key)
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


def load_package_data(text: str) -> Any:
    """Parse one of vbgen's own data files (profiles, glossaries, patterns, type words) with libyaml's C
    parser: a hundred times faster than the pure-Python reader at start-up. These files are written by
    vbgen's developers, not clerks; tests/test_package_data.py checks each reads as ruamel's YAML 1.2 reader
    reads it."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
