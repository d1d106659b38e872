"""The ``vbgen`` group: one-line errors and usage, signals, warnings, --lang and --templates for every command."""
from __future__ import annotations

import signal
import sys
import threading
import warnings
from pathlib import Path

import click

from .. import __version__
from ..errors import VbgenError, VbgenWarning
from ..i18n import LANGUAGES, _, chosen_language, set_language, translate_click

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
        from ..output import reading_scope

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
    from ..types import use_template_dirs

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
