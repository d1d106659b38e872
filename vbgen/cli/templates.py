"""``vbgen templates list|show|new|lint``: the document types and their Word templates."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import VbgenError
from ..i18n import _
from .group import cli, fail, templates_option


@cli.group("templates", short_help=_("Document types and their Word templates."),
           help=_("Document types and their Word templates: list, show, new, lint."))
def templates() -> None:
    """The ``templates`` commands (template kit)."""


@templates.command("list", help=_("Every document type: rule sets, where it comes from (built-in or your "
                                   "folder), what it is."))
@templates_option
def templates_list() -> None:
    """List the document types."""
    from ..types.kit import list_text

    try:
        click.echo(list_text(), nl=False)
    except VbgenError as error:
        fail(error)


@templates.command("show", help=_("The fields TYPE takes, with an example plan YAML."))
@click.argument("type_name", metavar="TYPE")
@templates_option
def templates_show(type_name: str) -> None:
    """Show one document type."""
    from ..types.kit import show_text

    try:
        click.echo(show_text(type_name), nl=False)
    except VbgenError as error:
        fail(error)


@templates.command("new", help=_("Copy a working type into your templates folder as NAME, to edit in Word and "
                                  "in type.yaml."))
@click.argument("name")
@click.option("--from", "source", required=True, help=_("The type to copy (see `vbgen templates list`)."))
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
              help=_("Your templates folder (default: the first --templates or VBGEN_TEMPLATES folder)."))
@click.option("-f", "--force", is_flag=True, help=_("Replace NAME if it exists there."))
@templates_option
def templates_new(name: str, source: str, folder: Path | None, force: bool) -> None:
    """Copy a document type to start a new one."""
    from ..types.kit import new_type

    try:
        click.echo(str(new_type(name, source, folder, force)))
    except VbgenError as error:
        fail(error)


@templates.command("lint", help=_("Find docxtpl traps in a template or type folder: exit 0 clean, 1 findings, "
                                   "2 unreadable."))
@click.argument("path", type=click.Path(path_type=Path))
def templates_lint(path: Path) -> None:
    """Lint templates."""
    from ..types.lint import lint_path

    try:
        findings = lint_path(path)
    except VbgenError as error:
        fail(error)
    for finding in findings:
        click.echo(str(finding))
    sys.exit(1 if findings else 0)
