"""``vbgen serve``: a local web page in Vietnamese for clerks (Flask, served by waitress).

- :mod:`.app`: the routes (Lập kế hoạch, Kiểm tra văn bản, Báo cáo), thin over the modules below;
- :mod:`.folder`: the plans of ``--folder`` a clerk can pick; :mod:`.jobs`: private work folders;
- :mod:`.unitform`: the form → a unit-file dict, written by the safe YAML dumper;
- :mod:`.planning`: derive, render and explain the unit's plan; :mod:`.preview`: PDF and page images;
- :mod:`.checking`: check an uploaded .docx and make the repaired copy.

    from vbgen.web import create_app, serve
    serve(port=8000, folder="examples")        # blocks; Ctrl+C stops it
"""
from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from typing import Callable, Optional

from ..errors import VbgenError
from ..i18n import _

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def create_app(folder=None, **options):
    """The Flask application (see :func:`vbgen.web.app.create_app`)."""
    from .app import create_app as make

    return make(folder, **options)


def serve(port: int = 8000, folder: Optional[str | Path] = None, host: str = "127.0.0.1",
          echo: Callable[[str], None] = print, threads: int = 4) -> None:
    """Serve the web page with waitress until interrupted. Raises VbgenError for a bad ``folder``."""
    if folder is not None and not Path(folder).is_dir():
        raise VbgenError(_("is not a folder; give the folder that holds the plan YAML files"), file=str(folder),
                         field="--folder")
    from waitress import serve as waitress_serve

    from ..i18n import chosen_language, set_language

    local = host in LOOPBACK
    language = chosen_language() or "vi"  # the page is Vietnamese unless --lang says otherwise
    set_language(language)  # for every thread of the server (a request sets it again and puts it back)
    app = create_app(Path(folder) if folder else None, allowed_hosts=LOOPBACK if local else None,
                     language=language)
    shown = f"[{host}]" if ":" in host else host
    echo("vbgen: " + _("the web page is running at {address} (Ctrl+C stops it)").format(
        address=f"http://{shown}:{port}/"))
    if not local:
        echo("vbgen: " + _("--host is not 127.0.0.1: every computer on the network can open this page"))
    main = threading.current_thread() is threading.main_thread()
    if main:  # `kill` also removes the private folder
        previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        waitress_serve(app, host=host, port=port, threads=threads, ident="vbgen")
    finally:
        app.extensions["vbgen_jobs"].close()
        if main:
            signal.signal(signal.SIGTERM, previous)


__all__ = ["create_app", "serve"]
