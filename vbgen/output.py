"""Writing outputs safely: never overwrite without ``force``; write through a temp file + rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, Union

from .errors import OutputExistsError, VbgenError

Payload = Union[bytes, str, Callable[[Path], None]]


def write_atomic(path: str | Path, payload: Payload, *, force: bool = False) -> Path:
    """Write ``payload`` to ``path`` atomically.

    ``payload`` is bytes, text (UTF-8), or a function that writes the file at the path it is
    given. Refuses to replace an existing file unless ``force``; on any failure the temporary
    file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputExistsError("already exists; use --force to overwrite it, or -o to choose another name",
                                file=str(path))
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
