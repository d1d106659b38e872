"""Commands that make documents from plan files: make-plan, make-decision, make-cover-letter, derive, batch."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import VbgenError
from ..i18n import _
from .group import cli, fail, templates_option


@cli.command("make-plan", short_help=_("Make the .docx of a plan or unit file."),
             help=_("Render PLAN_FILE (a plan YAML, or a unit file with parent:) as a .docx draft."))
@templates_option
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help=_("Where to write the .docx, or a .pdf (default: beside the YAML, same name, .docx)."))
@click.option("-f", "--force", is_flag=True, help=_("Overwrite the output if it exists."))
@click.option("--pdf", is_flag=True, help=_("Also write a PDF beside the .docx (needs LibreOffice)."))
@click.option("--explain", is_flag=True,
              help=_("For a derived plan (parent:), also write every change made to <name>.changes.txt."))
def make_plan(plan_file: Path, output: Path | None, force: bool, pdf: bool, explain: bool) -> None:
    """Render a plan YAML or unit file as a .docx draft (and a PDF)."""
    from ..render import default_output, make_plan as run

    try:
        if explain:  # derive once, render that plan, then write the explanation beside it
            from ..render.document import make_explained_plan
            if pdf:
                from ..pdf import soffice
                soffice()
            written, changes = make_explained_plan(plan_file, output or default_output(plan_file), force)
            click.echo(str(changes))
            if pdf:
                from ..pdf import convert_to_pdf
                click.echo(str(written))
                written = convert_to_pdf([written], force=force)[0]
        else:
            written = run(plan_file, output, force=force, pdf=pdf)
    except VbgenError as error:
        fail(error)
    if written.suffix == ".pdf":
        click.echo(str(written.with_suffix(".docx")))
    click.echo(str(written))


def _companion(name: str, short: str, summary: str, output_help: str):
    @cli.command(name, short_help=short, help=summary)
    @click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=output_help)
    @click.option("-f", "--force", is_flag=True, help=_("Overwrite the output if it exists."))
    @templates_option
    def command(plan_file: Path, output: Path | None, force: bool) -> None:
        from ..render import companions

        try:
            click.echo(str(getattr(companions, name.replace("-", "_"))(plan_file, output, force)))
        except VbgenError as error:
            fail(error)
    return command


_companion("make-decision", _("Make the Quyết định that issues a plan."),
           _("The Quyết định ban hành for PLAN_FILE (its issued_by:), with the plan attached on a new page: "
             "one .docx."),
           _("Where to write the .docx (default: beside the YAML, <name>.quyet-dinh.docx)."))
_companion("make-cover-letter", _("Make the công văn that sends a plan out."),
           _("The công văn triển khai for PLAN_FILE (its cover_letter:), to the bodies its tasks name."),
           _("Where to write the .docx (default: beside the YAML, <name>.cong-van.docx)."))


@cli.command("derive", short_help=_("Derive a unit's plan from its parent's, as YAML."),
             help=_("Derive a lower body's plan from its parent's (UNIT_FILE has parent:) and "
                               "write it as YAML."))
@templates_option
@click.argument("unit_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help=_("Where to write the derived plan YAML (an ordinary plan make-plan accepts)."))
@click.option("-f", "--force", is_flag=True, help=_("Overwrite the output if it exists."))
@click.option("--explain", is_flag=True, help=_("Print every change derivation made."))
def derive(unit_file: Path, output: Path, force: bool, explain: bool) -> None:
    """Derive a unit's plan from its parent's and write it as YAML."""
    from ..derive import emit_warnings, explain as explain_text, write_derived
    from ..output import require_suffix

    try:
        require_suffix(output, (".yaml", ".yml"))
        result = write_derived(unit_file, output, force=force)
    except VbgenError as error:
        fail(error)
    emit_warnings(result.warnings)
    if explain:
        click.echo(explain_text(result, unit_file), nl=False)
    click.echo(str(output))


@cli.command("batch", short_help=_("Make every unit's draft from one unit template."),
             help=_("Make every unit's draft from UNIT_TEMPLATE (a unit file with parent:) for the units of a "
                    "table or of a province: exit 0 when all are done, 1 when some failed."))
@click.argument("unit_template", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--units", "units_table", type=click.Path(dir_okay=False, path_type=Path),
              help=_("The units: a table (.xlsx or .csv), one row per unit (columns: name, kind, signer, number, "
                     "date, place, recipients, file)."))
@click.option("--province", help=_("The units: every xã, phường and đặc khu of a province (2025 list), "
                                   "e.g. \"Thái Nguyên\"."))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help=_("The folder for the .docx files and manifest.csv/manifest.json (created if needed)."))
@click.option("--pdf", is_flag=True, help=_("Also write a PDF of each (one LibreOffice run for all)."))
@click.option("-j", "--jobs", type=click.IntRange(min=1), help=_("Worker processes (default: every core)."))
@click.option("-f", "--force", is_flag=True, help=_("Render every unit again, replacing existing files."))
def batch(unit_template: Path, units_table: Path | None, province: str | None, output: Path, pdf: bool,
          jobs: int | None, force: bool) -> None:
    """Make every unit's draft from one unit template."""
    from ..batch import run_batch
    from ..progress import ProgressBar
    from ..unitlist import units_from_province, units_from_table

    try:
        if bool(units_table) == bool(province):
            raise VbgenError(_("give the units either with --units TABLE or with --province NAME (one of them)"),
                             field="--units")
        units = units_from_table(units_table) if units_table else units_from_province(province)
        with ProgressBar() as bar:
            result = run_batch(unit_template, units, output, pdf=pdf, jobs=jobs, force=force, progress=bar.update)
    except VbgenError as error:
        fail(error)
    for failed in result.failed:
        click.echo(f"vbgen: {failed.unit}: {failed.error}", err=True)
    warned = sum(bool(r.warnings) for r in result.results)
    summary = result.summary()
    if warned:
        summary = _("{summary}; {count} with warnings (see manifest.csv)").format(summary=summary, count=warned)
    click.echo(summary, err=True)
    click.echo(str(result.manifests[0]))
    sys.exit(1 if result.failed else 0)
