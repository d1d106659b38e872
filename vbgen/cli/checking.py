"""Commands that read Word files someone else made: check and import."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..errors import VbgenError
from ..i18n import _
from .group import cli, fail, templates_option


@cli.command("check", short_help=_("Check .docx files against the format rules."),
             help=_("Check .docx FILES against NĐ 30/2020 (state) or HD 36 (Party): exit 0 clean, "
                              "1 violations, 2 unreadable."))
@templates_option
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rules", type=click.Choice(["state", "party"]),
              help=_("Rule set (default: party when the header says ĐẢNG CỘNG SẢN VIỆT NAM, else "
                     "state)."))
@click.option("--json", "as_json", is_flag=True, help=_("Print the findings as JSON."))
@click.option("--fix", is_flag=True, help=_("Write a repaired copy of FILE to -o (margins, fonts, sizes, "
                                            "date padding, Nơi nhận punctuation, page numbers) and report "
                                            "what is left."))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help=_("With --fix: the new file."))
@click.option("-f", "--force", is_flag=True, help=_("With --fix: overwrite -o if it exists."))
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help=_("Worker processes for many files (default: every core; a few files are checked in one)."))
def check(files: tuple[Path, ...], rules: str | None, as_json: bool, fix: bool, output: Path | None,
          force: bool, jobs: int | None) -> None:
    """Check .docx files against the rules (exit 0 clean, 1 violations, 2 unreadable)."""
    from ..check.report import run_check, run_fix

    try:
        if fix:
            from ..output import require_suffix
            require_suffix(output, (".docx",))
            if len(files) != 1:
                raise VbgenError(_("--fix takes exactly one FILE"), field="FILES")
            sys.exit(run_fix(files[0], output, rules, force, as_json, click.echo))
        if output is not None:
            raise VbgenError(_("-o needs --fix (plain check writes no file); add --fix or leave out -o"),
                             field="-o")
        sys.exit(run_check(files, rules, as_json, click.echo, jobs or os.cpu_count() or 1))
    except VbgenError as error:
        fail(error)


@cli.command("import", short_help=_("Turn an existing plan (.docx, text) into YAML."),
             help=_("Turn an existing plan (SOURCE: .docx, or text copied from a PDF or web page) "
                               "into plan YAML."))
@templates_option
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help=_("Where to write the plan YAML (default: beside SOURCE, same name, .yaml)."))
@click.option("-f", "--force", is_flag=True, help=_("Overwrite the output if it exists."))
def import_command(source: Path, output: Path | None, force: bool) -> None:
    """Import an existing plan (.docx or text) as plan YAML."""
    from ..importer import import_plan
    from ..output import require_suffix

    try:
        require_suffix(output, (".yaml", ".yml"))
        written = import_plan(source, output, force=force)
    except VbgenError as error:
        fail(error)
    click.echo(str(written))
