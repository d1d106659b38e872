"""``vbgen serve``: the local web page."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import VbgenError
from ..i18n import _
from .group import cli, fail


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
    from ..web import serve as run

    try:
        run(port=port, folder=folder, host=host, echo=click.echo)
    except VbgenError as error:
        fail(error)
    except OSError as error:  # the port is taken, or the address is not this machine's
        fail(VbgenError(_("cannot listen on {host}:{port} ({reason}); choose another --port").format(
            host=host, port=port, reason=error.strerror or error), field="--port"))
