"""Writing outputs safely: never overwrite without ``force``; write through a temp file + rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Union

from .errors import OutputExistsError, VbgenError

Payload = Union[bytes, str, Callable[[Path], None]]


def refuse_overwrite(path: str | Path, *, force: bool = False, sources: Iterable[str | Path] = ()) -> None:
    """Raise unless ``path`` may be written: it must not be one of the ``sources`` (the command's own
    input, even with --force) and must not exist unless ``force``."""
    path = Path(path)
    if any(path.resolve() == Path(source).resolve() for source in sources):
        raise VbgenError("is the input file itself; choose another output name with -o", file=str(path))
    if path.exists() and not force:
        raise OutputExistsError("already exists; use --force to overwrite it, or -o to choose another name",
                                file=str(path))


def write_atomic(path: str | Path, payload: Payload, *, force: bool = False,
                 sources: Iterable[str | Path] = ()) -> Path:
    """Write ``payload`` to ``path`` atomically.

    ``payload`` is bytes, text (UTF-8), or a function that writes the file at the path it is
    given. Refuses to replace one of the ``sources`` (the input) at all, and an existing file
    unless ``force``; on any failure the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    refuse_overwrite(path, force=force, sources=sources)
    if not path.parent.exists():
        raise VbgenError("the folder does not exist; create it first or choose another -o path",
                         file=str(path.parent))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        if callable(payload):
            payload(tmp_path)
        elif isinstance(payload, bytes):
            tmp_path.write_bytes(payload)
        else:
            tmp_path.write_text(payload, encoding="utf-8")
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return path
