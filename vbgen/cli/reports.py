"""The Báo cáo cycle: ``vbgen report`` and ``vbgen rollup``."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import VbgenError
from ..i18n import _
from .group import cli, fail


@cli.command("report", short_help=_("Write the skeleton of the Báo cáo on a plan, for one period."),
             help=_("Write the skeleton of the Báo cáo on PLAN_FILE (a plan or a unit file) for one period, "
                    "and print its due date."))
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--period", required=True, help=_('Kỳ báo cáo, e.g. "6 tháng đầu năm 2025".'))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help=_("Where to write the report YAML (default: beside PLAN_FILE, <name>.bao-cao.yaml)."))
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path),
              help=_("Also write the targets and tasks as an Excel sheet to fill in."))
@click.option("--results", type=click.Path(dir_okay=False, path_type=Path),
              help=_("A filled sheet (from --xlsx): its figures go into the report."))
@click.option("-f", "--force", is_flag=True, help=_("Overwrite the outputs if they exist."))
def report(plan_file: Path, period: str, output: Path | None, xlsx: Path | None, results: Path | None,
           force: bool) -> None:
    """Write the Báo cáo skeleton (vbgen.report.commands.make_report)."""
    from ..report.commands import make_report

    try:
        written = make_report(plan_file, period, output, xlsx, results, force)
    except VbgenError as error:
        fail(error)
    _show(written)


@cli.command("rollup", short_help=_("Roll the units' reports up into the parent's report."),
             help=_("Roll the units' REPORTS (files or folders) on plans derived from PLAN_FILE up into its "
                    "issuer's report."))
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help=_("Where to write the parent's report YAML (default: beside PLAN_FILE, <name>.tong-hop.yaml)."))
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path),
              help=_("Also write the figures as a sheet."))
@click.option("-f", "--force", is_flag=True, help=_("Overwrite the outputs if they exist."))
def rollup(plan_file: Path, reports: tuple[Path, ...], output: Path | None, xlsx: Path | None, force: bool) -> None:
    """Roll up the units' reports (vbgen.report.commands.make_rollup)."""
    from ..report.commands import make_rollup

    try:
        written = make_rollup(plan_file, list(reports), output, xlsx, force)
    except VbgenError as error:
        fail(error)
    _show(written)


def _show(written) -> None:
    """What a report command says (the due date, who it goes to …), then the files it wrote."""
    for line in written.messages:
        click.echo(line)
    for path in (written.yaml, written.xlsx):
        if path:
            click.echo(str(path))
