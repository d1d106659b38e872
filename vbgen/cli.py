"""The ``vbgen`` command line: a thin layer over the library (every command is callable from Python)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import VbgenError


def fail(error: VbgenError) -> None:
    """Print one clear line and exit with the error's code (2 for bad input)."""
    click.echo(f"vbgen: {error}", err=True)
    sys.exit(error.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vbgen")
def cli() -> None:
    """vbgen: Kế hoạch and Báo cáo drafts in exact state (NĐ 30/2020) and Party (HD 36) format."""


@cli.command("make-plan")
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the .docx (default: beside the YAML, same name).")
@click.option("-f", "--force", is_flag=True, help="Overwrite the output if it exists.")
def make_plan(plan_file: Path, output: Path | None, force: bool) -> None:
    """Render PLAN_FILE (a plan YAML) as a .docx draft."""
    from .render import make_plan as run

    try:
        written = run(plan_file, output, force=force)
    except VbgenError as error:
        fail(error)
    click.echo(str(written))


def main() -> None:
    cli(prog_name="vbgen")
