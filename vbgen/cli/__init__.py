"""The ``vbgen`` command line: a thin layer over the library (every command is callable from Python).

One module per family of commands; each only parses options, calls a library function and prints.
"""
from __future__ import annotations

from . import checking, plans, reports, serve, templates  # noqa: F401  (each adds its commands to cli)
from .group import OneLineGroup, Terminated, cli, fail

__all__ = ["cli", "main", "fail", "OneLineGroup", "Terminated"]


def main() -> None:
    cli(prog_name="vbgen")
