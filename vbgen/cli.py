"""The ``vbgen`` command line: a thin layer over the library (every command is callable from Python)."""
from __future__ import annotations

import signal
import sys
import threading
import warnings
from pathlib import Path

import click

from . import __version__
from .errors import VbgenError, VbgenWarning
from .i18n import LANGUAGES, _, chosen_language, set_language, translate_click

translate_click()


def fail(error: VbgenError) -> None:
    """Print one clear line per problem and exit with the error's code (2 for bad input)."""
    for line in str(error).splitlines() or [""]:
        click.echo(f"vbgen: {line}", err=True)
    sys.exit(error.exit_code)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl+C so that a half-written output is removed on the way out."""


def _terminate(_signum, _frame) -> None:
    raise Terminated()


class OneLineGroup(click.Group):
    """The vbgen group: click's own usage errors, Ctrl+C and SIGTERM end in one line like the rest.

    Each command starts a fresh record of the files it reads (it never writes over one of them),
    ignores SIGXFSZ so that a file size limit is an error it can report, not a crash, and takes
    SIGTERM like Ctrl+C (the output being written is removed; exit 143).
    """

    def invoke(self, ctx: click.Context):
        from .output import reading_scope

        _shown.clear()
        handlers = {}
        if threading.current_thread() is threading.main_thread():
            if hasattr(signal, "SIGXFSZ"):
                handlers[signal.SIGXFSZ] = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
                handlers[signal.SIGTERM] = signal.signal(signal.SIGTERM, _terminate)
        try:
            with reading_scope():
                return super().invoke(ctx)
        finally:
            for signum, handler in handlers.items():
                signal.signal(signum, handler)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            command = " ".join(["vbgen"] + (exc.ctx.command_path.split()[1:] if exc.ctx else []))
            message = " ".join(exc.format_message().split())
            words = click.exceptions._  # click's own texts, in the chosen language
            click.echo("vbgen: " + words("Error: {message}").format(message=message) + " "
                       + words("Try '{command} {option}' for help.").format(command=command, option="--help"),
                       err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"vbgen: {' '.join(exc.format_message().split())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort as exc:  # Ctrl+C or SIGTERM: whatever was being written is removed
            click.echo("vbgen: " + _("interrupted; no output was written"), err=True)
            sys.exit(128 + (signal.SIGTERM if isinstance(exc.__cause__, Terminated) else signal.SIGINT))
        except OSError as exc:  # a broken pipe or the like outside any file vbgen names
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"vbgen: {where}{exc.strerror or exc}", err=True)
            sys.exit(2)
        sys.exit(code if isinstance(code, int) else 0)


_python_showwarning = warnings.showwarning
_shown: set[str] = set()  # warnings already printed by this command (a file read twice warns once)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """VbgenWarnings are one plain line on stderr (each once per command); other warnings keep
    Python's format."""
    if issubclass(category, VbgenWarning):
        if str(message) not in _shown:
            _shown.add(str(message))
            click.echo(f"vbgen: {message}", err=True)
    else:
        _python_showwarning(message, category, filename, lineno, file, line)


def _use_templates(ctx, param, value) -> None:
    from .types import use_template_dirs

    use_template_dirs(value)


templates_option = click.option(
    "--templates", "templates_dirs", multiple=True, expose_value=False, callback=_use_templates,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help=_("A folder of your own document types, searched before VBGEN_TEMPLATES and the built-in ones "
           "(may be given more than once)."))


def _choose_language(_ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """--lang: set as soon as it is parsed (before --help is shown)."""
    if value:
        set_language(value)


def _lang_option() -> click.Option:
    return click.Option(["--lang"], type=click.Choice(LANGUAGES), is_eager=True, expose_value=False,
                        callback=_choose_language,
                        help=_("Language of messages and help (default: VBGEN_LANG, else the locale, e.g. "
                               "LANG=vi_VN.UTF-8; else English)."))


class _Group(OneLineGroup):
    def main(self, *args, **kwargs):
        """Run the command; the language --lang chose lasts until its last message is shown."""
        before = chosen_language()
        try:
            return super().main(*args, **kwargs)
        finally:
            set_language(before)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        """Every command takes --lang too (``vbgen make-plan ke-hoach.yaml --lang vi``)."""
        if not any(p.name == "lang" for p in cmd.params):
            cmd.params.append(_lang_option())
        super().add_command(cmd, name)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]},
             help=_("vbgen: Kế hoạch and Báo cáo drafts in exact state (NĐ 30/2020) and Party (HD 36) "
                    "format."), params=[_lang_option()])
@click.version_option(__version__, prog_name="vbgen", message=_("%(prog)s, version %(version)s"),
                      help=_("Show the version and exit."))
def cli() -> None:
    warnings.simplefilter("always", VbgenWarning)
    warnings.showwarning = _show_warning


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
    from .render import default_output, make_plan as run

    try:
        if explain:  # derive once, render that plan, then write the explanation beside it
            from .render.document import make_explained_plan
            if pdf:
                from .pdf import soffice
                soffice()
            written, changes = make_explained_plan(plan_file, output or default_output(plan_file), force)
            click.echo(str(changes))
            if pdf:
                from .pdf import convert_to_pdf
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
        from .render import companions

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
    from .derive import emit_warnings, explain as explain_text, write_derived
    from .output import require_suffix

    try:
        require_suffix(output, (".yaml", ".yml"))
        result = write_derived(unit_file, output, force=force)
    except VbgenError as error:
        fail(error)
    emit_warnings(result.warnings)
    if explain:
        click.echo(explain_text(result, unit_file), nl=False)
    click.echo(str(output))


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
def check(files: tuple[Path, ...], rules: str | None, as_json: bool, fix: bool, output: Path | None,
          force: bool) -> None:
    """Check .docx files against the rules (exit 0 clean, 1 violations, 2 unreadable)."""
    from .check.report import run_check, run_fix

    try:
        if fix:
            from .output import require_suffix
            require_suffix(output, (".docx",))
            if len(files) != 1:
                raise VbgenError(_("--fix takes exactly one FILE"), field="FILES")
            sys.exit(run_fix(files[0], output, rules, force, as_json, click.echo))
        if output is not None:
            raise VbgenError(_("-o needs --fix (plain check writes no file); add --fix or leave out -o"),
                             field="-o")
        sys.exit(run_check(files, rules, as_json, click.echo))
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
    from .importer import import_plan
    from .output import require_suffix

    try:
        require_suffix(output, (".yaml", ".yml"))
        written = import_plan(source, output, force=force)
    except VbgenError as error:
        fail(error)
    click.echo(str(written))


@cli.group("templates", short_help=_("Document types and their Word templates."),
           help=_("Document types and their Word templates: list, show, new, lint."))
def templates() -> None:
    """The ``templates`` commands (template kit)."""


@templates.command("list", help=_("Every document type: rule sets, where it comes from (built-in or your "
                                   "folder), what it is."))
@templates_option
def templates_list() -> None:
    """List the document types."""
    from .types.kit import list_text

    try:
        click.echo(list_text(), nl=False)
    except VbgenError as error:
        fail(error)


@templates.command("show", help=_("The fields TYPE takes, with an example plan YAML."))
@click.argument("type_name", metavar="TYPE")
@templates_option
def templates_show(type_name: str) -> None:
    """Show one document type."""
    from .types.kit import show_text

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
    from .types.kit import new_type

    try:
        click.echo(str(new_type(name, source, folder, force)))
    except VbgenError as error:
        fail(error)


@templates.command("lint", help=_("Find docxtpl traps in a template or type folder: exit 0 clean, 1 findings, "
                                   "2 unreadable."))
@click.argument("path", type=click.Path(path_type=Path))
def templates_lint(path: Path) -> None:
    """Lint templates."""
    from .types.lint import lint_path

    try:
        findings = lint_path(path)
    except VbgenError as error:
        fail(error)
    for finding in findings:
        click.echo(str(finding))
    sys.exit(1 if findings else 0)


@cli.command("serve", short_help=_("Start the local web page for clerks."),
             help=_("Start the local web page (Lập kế hoạch, Kiểm tra văn bản) in Vietnamese; Ctrl+C stops it."))
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help=_("The port to listen on."))
@click.option("--folder", type=click.Path(file_okay=False, path_type=Path),
              help=_("The folder whose plan YAML files the page offers as parent plans."))
@click.option("--host", default="127.0.0.1", show_default=True,
              help=_("The address to listen on (another address opens the page to the network)."))
def serve(port: int, folder: Path | None, host: str) -> None:
    """Start the local web page."""
    from .web import serve as run

    try:
        run(port=port, folder=folder, host=host, echo=click.echo)
    except VbgenError as error:
        fail(error)
    except OSError as error:  # the port is taken, or the address is not this machine's
        fail(VbgenError(_("cannot listen on {host}:{port} ({reason}); choose another --port").format(
            host=host, port=port, reason=error.strerror or error), field="--port"))


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
    from .batch import run_batch
    from .progress import ProgressBar
    from .unitlist import units_from_province, units_from_table

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
    from .report.commands import make_report

    try:
        written = make_report(plan_file, period, output, xlsx, results, force)
    except VbgenError as error:
        fail(error)
    for line in written.messages:
        click.echo(line)
    for path in (written.yaml, written.xlsx):
        if path:
            click.echo(str(path))


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
    from .report.commands import make_rollup

    try:
        written = make_rollup(plan_file, list(reports), output, xlsx, force)
    except VbgenError as error:
        fail(error)
    for line in written.messages:
        click.echo(line)
    for path in (written.yaml, written.xlsx):
        if path:
            click.echo(str(path))


def main() -> None:
    cli(prog_name="vbgen")
