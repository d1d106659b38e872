"""Translation (bản dịch): every text a clerk reads, in Vietnamese or English, through gettext.

Mark a message with ``_()`` and fill it with named placeholders so a translator can reorder them::

    from vbgen.i18n import _
    raise VbgenError(_("the parent plan {path} does not exist").format(path=...))

``_()`` is lazy: it returns a proxy that looks the text up in the catalog of the *current* language
each time it is turned into text (``str()``, ``.format()``, an f-string, ``click.echo``), so a
message defined when a module is imported (a click help text, a table of headings) still follows
``--lang`` given later. ``"".join`` and ``json`` need real text: pass ``str(_(…))`` to them.

The language is, in order: :func:`set_language` (the CLI's ``--lang``), ``VBGEN_LANG``, the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``vi_*`` → Vietnamese), else English. The catalogs are
compiled into the package: ``vbgen/locale/<lang>/LC_MESSAGES/vbgen.mo`` (see docs/i18n.md).
"""
from __future__ import annotations

import functools
import gettext as _gettext
import os
from importlib import resources
from typing import Optional

from babel.support import LazyProxy

DOMAIN = "vbgen"
LANGUAGES = ("vi", "en")
DEFAULT = "en"
#: Environment variables naming the locale, in the order POSIX gives them precedence.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_chosen: Optional[str] = None


def normalize(value: Optional[str]) -> Optional[str]:
    """``"vi"`` / ``"en"`` for a language or locale name (``vi_VN.UTF-8``, ``VI``, ``en-US``); else None."""
    if not value:
        return None
    code = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0].split("@")[0]
    return code if code in LANGUAGES else None


def set_language(language: Optional[str]) -> Optional[str]:
    """Choose the language (``"vi"``, ``"en"``, or None to follow the environment again).

    Returns the language chosen before, so a caller can put it back.
    """
    global _chosen
    previous = _chosen
    if language is not None and normalize(language) is None:
        raise ValueError(f"unknown language {language!r}; use one of: {', '.join(LANGUAGES)}")
    _chosen = normalize(language)
    return previous


def chosen_language() -> Optional[str]:
    """The language set with :func:`set_language` (None: the environment decides)."""
    return _chosen


def current_language() -> str:
    """The language texts are shown in now (see the module docstring for the order)."""
    if _chosen:
        return _chosen
    explicit = os.environ.get("VBGEN_LANG")
    if explicit and normalize(explicit):
        return normalize(explicit)
    for name in LOCALE_VARIABLES:
        value = os.environ.get(name)
        if value:  # the first one set decides, as for any program reading the locale
            return normalize(value) or DEFAULT
    return DEFAULT


@functools.lru_cache(maxsize=None)
def translations(language: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``language`` (English is the msgids themselves)."""
    mo = resources.files("vbgen") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if language == DEFAULT or not mo.is_file():
        return _gettext.NullTranslations()
    with mo.open("rb") as handle:
        return _gettext.GNUTranslations(handle)


def gettext(message: str) -> str:
    """``message`` translated now into the current language (plain ``str``)."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, translated now (Vietnamese has one form)."""
    return translations(current_language()).ngettext(singular, plural, n)


def _(message: str) -> LazyProxy:
    """``message`` translated when it is used (lazy; see the module docstring)."""
    return LazyProxy(gettext, message, enable_cache=False)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it (translate later with :func:`gettext`)."""
    return message


def _click_messages() -> None:  # never called: puts click's own messages a clerk sees into the catalog
    for message in (N_("Usage:"), N_("Options"), N_("Commands"), N_("Error: {message}"),
                    N_("Try '{command} {option}' for help."), N_("Missing argument"), N_("Missing option"),
                    N_("Missing parameter"), N_("Missing command."), N_("No such option {name!r}."),
                    N_("No such command {name!r}."), N_("Invalid value for {param_hint}: {message}"),
                    N_("Invalid value: {message}"), N_("Show this message and exit."),
                    N_("Show the version and exit."), N_("%(prog)s, version %(version)s"), N_("Aborted!"),
                    N_("default: {default}"), N_("required"), N_("file"), N_("directory"), N_("path"),
                    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a file."),
                    N_("{name} {filename!r} is a directory."), N_("{name} {filename!r} is not readable."),
                    N_("{name} {filename!r} is not writable."), N_("{value} is not in the range {range}.")):
        ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1)
        ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1)
        ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1)
        ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1)


def translate_click() -> None:
    """Let click's own texts (Usage:, Options, Error: …, Missing argument …) follow the language.

    click looks its texts up with :mod:`gettext` in each of its modules; those lookups are pointed at
    vbgen's catalog (texts it does not hold stay English). An option's help is made into plain text
    when the option is made (before ``--lang`` is read), so it is looked up again when help is shown.
    """
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser,
                   click.types):
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    if not getattr(click.Option.get_help_record, "_vbgen", False):
        plain = click.Option.get_help_record

        def get_help_record(self, ctx):  # click freezes an option's help when it is made: look it up now
            kept = self.help
            self.help = gettext(str(kept)) if kept else kept
            try:
                return plain(self, ctx)
            finally:
                self.help = kept

        get_help_record._vbgen = True
        click.Option.get_help_record = get_help_record


__all__ = ["_", "N_", "gettext", "ngettext", "set_language", "chosen_language", "current_language",
           "normalize", "translations", "translate_click", "LANGUAGES"]
