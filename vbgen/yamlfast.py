"""Fast YAML reading for :func:`vbgen.yamlio.read_yaml`: libyaml (PyYAML's C parser) builds the node
tree, and this module turns it into the same ruamel ``CommentedMap``/``CommentedSeq`` data, with the
same line and column of every key and item, that ruamel's pure-Python round-trip loader gives.

It covers what plans are written with (block and flow maps and lists, plain and quoted text, numbers,
dates, true/false, anchors and aliases) under YAML 1.2's rules, as ruamel reads them. Anything else
(a syntax error, a duplicate key, a merge key ``<<``, a tag of its own, a ``%YAML`` directive, a key
that is not plain text) returns None: the caller then reads the file with ruamel, which gives its usual result or
error message and line.
"""
from __future__ import annotations

import gc
import re
from typing import Any

try:  # PyYAML built with libyaml; without it every file goes through ruamel
    import yaml
    from yaml.cyaml import CParser
except ImportError:  # pragma: no cover - PyYAML is a dependency, libyaml nearly always in its wheel
    CParser = None

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.nodes import ScalarNode as RuamelScalar
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.tag import Tag

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_TYPED = {f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null", "timestamp")}
_DIRECTIVE = re.compile(r"^%", re.M)
"""A ``%YAML`` directive may ask for YAML 1.1's types: such texts are left to ruamel."""


class _Unsupported(Exception):
    """Something this reader leaves to ruamel."""


if CParser is not None:
    class _Resolver(yaml.resolver.BaseResolver):
        """YAML 1.2's implicit types, with ruamel's own patterns ("yes" and "on" stay text)."""

    _Resolver.yaml_implicit_resolvers = {}
    for _tag, _pattern, _first in (
            ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
            ("float", r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
                |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
                |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
                |[-+]?\.(?:inf|Inf|INF)
                |\.(?:nan|NaN|NAN))$""", "-+0123456789."),
            ("int", r"""^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$""",
             "-+0123456789"),
            ("merge", r"^(?:<<)$", "<"),
            ("null", r"^(?: ~|null|Null|NULL| )$", ["~", "n", "N", ""]),
            ("timestamp", r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                (?:[Tt]|[ \t]+)[0-9][0-9]?
                :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", "0123456789"),
            ("value", r"^(?:=)$", "=")):
        _Resolver.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern, re.X), list(_first))

    class _Composer(CParser, _Resolver):
        """libyaml's parser composing nodes, with YAML 1.2's types."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _Resolver.__init__(self)

        def resolve(self, kind: Any, value: str, implicit: Any) -> str:
            """PyYAML's resolution without its path resolvers (this reader has none), for speed."""
            if kind is yaml.ScalarNode:
                if implicit[0]:
                    for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                        if pattern.match(value):
                            return tag
                return _STR
            return _SEQ if kind is yaml.SequenceNode else _MAP


class _Builder:
    """Turns libyaml nodes into ruamel round-trip data with line info; ``folded`` collects the lines
    (1-based) of text written over several lines that YAML joined, as ruamel's constructor does."""

    def __init__(self, constructor: Any) -> None:
        self.constructor = constructor  # ruamel's, for numbers, dates, true/false and null
        self.folded: set[int] = set()
        self.built: dict[int, Any] = {}
        self.aliased = False

    def build(self, node: Any) -> Any:
        """The data of ``node`` (an alias gives the very object its anchor built)."""
        key = id(node)
        if key in self.built:
            self.aliased = True  # an alias: the guard against alias bombs has work to do
            return self.built[key]
        tag = node.tag
        if tag == _STR and isinstance(node, yaml.ScalarNode):
            return self.text(node)
        if tag == _MAP and isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if tag == _SEQ and isinstance(node, yaml.SequenceNode):
            return self.sequence(node)
        if tag in _TYPED and isinstance(node, yaml.ScalarNode):
            return self.constructor.construct_object(
                RuamelScalar(Tag(suffix=tag), node.value, style=node.style or None), deep=True)
        raise _Unsupported(tag)

    def text(self, node: Any) -> str:
        style, value = node.style, node.value
        start, end = node.start_mark.line, node.end_mark.line
        if style == "|":
            return LiteralScalarString(value)
        if end > start:
            if style in ("", '"', "'"):
                self.folded.add(start + 1)
            elif style == ">" and value.strip().count("\n") == 0 and end - start > 2:
                self.folded.add(start + 1)
        return value

    def mapping(self, node: Any) -> CommentedMap:
        data = CommentedMap()
        self.built[id(node)] = data
        mark = node.start_mark
        data.lc.line, data.lc.col = mark.line, mark.column
        lines = data.lc.data = {} if node.value else None
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (_STR, *_TYPED):
                raise _Unsupported("key")
            key = key_node.value if key_node.tag == _STR else self.build(key_node)
            if key in data:
                raise _Unsupported("duplicate key")  # ruamel names it, with its line
            ordereddict.__setitem__(data, key, self.build(value_node))
            key_mark, value_mark = key_node.start_mark, value_node.start_mark
            lines[key] = [key_mark.line, key_mark.column, value_mark.line, value_mark.column]
        data._ok.update(ordereddict.keys(data))  # its own keys (none merged in), as ruamel notes them
        return data

    def sequence(self, node: Any) -> CommentedSeq:
        data = CommentedSeq()
        self.built[id(node)] = data
        mark = node.start_mark
        data.lc.line, data.lc.col = mark.line, mark.column
        lines = data.lc.data = {} if node.value else None
        for index, item in enumerate(node.value):
            if item.tag != _STR and not item.value and isinstance(item, yaml.ScalarNode):
                raise _Unsupported("empty item")  # ruamel puts it on the next line: let it say which
            data.append(self.build(item))
            lines[index] = [item.start_mark.line, item.start_mark.column]
        return data


def load(text: str, constructor: Any) -> tuple[Any, set[int], bool] | None:
    """``(data, folded lines, whether an alias was used)`` read by libyaml, or None when ruamel
    should read ``text``."""
    if CParser is None or _DIRECTIVE.search(text):
        return None
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new maps and lists, none of them garbage: no collection meanwhile
    try:
        composer = _Composer(text)
        try:
            node = composer.get_single_node()
        finally:
            composer.dispose()
        builder = _Builder(constructor)
        data = None if node is None else builder.build(node)
        return data, builder.folded, builder.aliased
    except (yaml.YAMLError, _Unsupported, RecursionError, ValueError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()
