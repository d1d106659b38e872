"""Writing outputs safely: never overwrite without ``force``, never a file the command read; write
through a temp file + rename, honouring the umask; no temp file left behind on a failure or a signal.

Every file this process opens for reading is recorded (a ``sys.addaudithook`` on ``open``), so "the
files a command read" is what its loaders actually opened — parents of parents, glossaries, results —
not what its arguments name. Reads are recorded inside a :func:`reading_scope` (the CLI opens one per
command).
"""
from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import re
import signal
import stat
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator, Union

from .errors import OutputExistsError, VbgenError
from .i18n import N_, _, gettext

Payload = Union[bytes, str, Callable[[Path], None]]

# --- what this process has read ------------------------------------------------------------------

_READS: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("vbgen_reads", default=None)
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


_DISCOVERING: contextvars.ContextVar[bool] = contextvars.ContextVar("vbgen_discovering", default=False)


def _audit(event: str, args: tuple) -> None:
    """Record a file opened for reading in the current :func:`reading_scope`."""
    if event != "open":
        return
    reads = _READS.get()
    if reads is None or _DISCOVERING.get():
        return
    path, mode, flags = args
    if not isinstance(path, (str, bytes, os.PathLike)):
        return  # an already open descriptor
    if isinstance(mode, str):
        if any(c in mode for c in "wax+"):
            return
    elif isinstance(flags, int) and flags & _WRITE_FLAGS:
        return
    try:
        reads.add(os.path.abspath(os.fsdecode(path)))
    except (TypeError, ValueError):  # pragma: no cover - odd path objects
        pass


sys.addaudithook(_audit)


def files_read() -> frozenset[str]:
    """The files read so far in the current :func:`reading_scope` (empty outside one)."""
    return frozenset(_READS.get() or ())


@contextlib.contextmanager
def reading_scope() -> Iterator[None]:
    """Record the files read inside this block (one command, one web request): :func:`write_atomic`
    inside it refuses to write over any of them. The CLI runs every command in one; a program that
    calls vbgen's library should wrap each job in one too."""
    token = _READS.set(set())
    try:
        yield
    finally:
        _READS.reset(token)


@contextlib.contextmanager
def discovering() -> Iterator[None]:
    """Files opened inside this block are only looked at to see what they are (a folder scanned for
    unit files), not used: they are not recorded as read, so a later command may write over them."""
    token = _DISCOVERING.set(True)
    try:
        yield
    finally:
        _DISCOVERING.reset(token)


def forget_read(path: str | Path) -> None:
    """``path`` was read but is left out of the result (an earlier output found in a scanned folder):
    it no longer counts as read, so it may be written over (with --force)."""
    reads = _READS.get()
    if reads is not None:
        reads.discard(os.path.abspath(os.fspath(path)))


def _same_file(a: os.stat_result, path: str) -> bool:
    try:
        b = os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _read_source(path: Path, sources: Iterable[str | Path]) -> str | None:
    """The file among ``sources`` and the files read that ``path`` is (same file), or None."""
    try:
        target = os.stat(path)
    except OSError:
        return None  # nothing there: nothing read can be written over
    for source in list(sources) + sorted(files_read()):
        if _same_file(target, os.fspath(source)):
            return os.fspath(source)
    return None


def refuse_overwrite(path: str | Path, *, force: bool = False, sources: Iterable[str | Path] = ()) -> None:
    """Raise unless ``path`` may be written: it must not be one of the ``sources`` nor any file this
    command has read (even with --force), and must not exist unless ``force``."""
    path = Path(path)
    source = _read_source(path, sources)
    if source is not None:
        if any(Path(s) == Path(source) for s in sources):
            message = _("is the input file itself; vbgen never writes over its input, even with --force; "
                        "choose another output name with -o")
        else:
            message = _("is a file this command reads; vbgen never writes over its input, even with "
                        "--force; choose another output name with -o")
        raise VbgenError(message, file=str(path))
    try:
        existing = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        existing = None
    except OSError as exc:  # a name too long, a loop of links …
        raise os_error(exc, path) from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise VbgenError(gettext(_IS_A_FOLDER), file=str(path))
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise VbgenError(_("is not an ordinary file (a device or a pipe); give a file name with -o"),
                         file=str(path))
    if existing is not None and not force:
        raise OutputExistsError(_("already exists; use --force to overwrite it, or -o to choose another name"),
                                file=str(path))


# --- temporary files -------------------------------------------------------------------------------

_MAX_NAME = 255  # bytes, the usual file name limit
_STALE_UNTAGGED_S = 3600


def _tmp_prefix(name: str) -> str:
    """'.out.docx.vbgen<pid>-' (the output's own name shortened when it is too long to carry it)."""
    tag = f".vbgen{os.getpid()}-"
    room = _MAX_NAME - len(tag) - 16
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return f".{name}{tag}"


_TAGGED = re.compile(r"\.(?P<name>.+)\.vbgen(?P<pid>\d+)-[a-z0-9_]{8}\.tmp")
_UNTAGGED = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")


def _temp_of(entry_name: str, name: str) -> tuple[bool, int | None]:
    """(is it a vbgen temp file for output ``name``, the process id it carries)."""
    match = _TAGGED.fullmatch(entry_name)
    if match and (match["name"] == name or (name.startswith(match["name"]) and len(os.fsencode(name)) > 200)):
        return True, int(match["pid"])
    match = _UNTAGGED.fullmatch(entry_name)
    return bool(match and match["name"] == name), None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 2 ** 31
    return True


def remove_stale_temps(path: str | Path) -> list[Path]:
    """Remove temporary files vbgen left beside ``path`` (its process was killed): those tagged with a
    process id that no longer runs, and untagged ones (older vbgen) more than an hour old."""
    path = Path(path)
    removed = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        ours, pid = _temp_of(entry.name, path.name)
        if not ours:
            continue
        try:
            stale = (not _alive(pid)) if pid is not None else time.time() - entry.stat().st_mtime > _STALE_UNTAGGED_S
            if stale and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _umask() -> int:
    """The process umask (read without changing it where /proc allows)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o22)
        os.umask(mask)
    return mask


_UMASK_LOCK = threading.Lock()


@contextlib.contextmanager
def _cleanup_on_signals(tmp_path: Path) -> Iterator[None]:
    """While the temp file exists, SIGTERM/SIGINT remove it before ending the process as usual."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}

    def handler(signum, frame):
        tmp_path.unlink(missing_ok=True)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGINT):
        current = signal.getsignal(signum)
        if current in (signal.SIG_DFL, signal.default_int_handler):
            previous[signum] = current
            signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, current in previous.items():
            signal.signal(signum, current)


_IS_A_FOLDER = N_("is a folder; give a file name with -o")
_NO_FOLDER = N_("the folder does not exist; create it first or choose another -o path")
_NOT_ALLOWED = N_("you may not write in this folder; choose another -o path")
_OS_HINTS = {  # what to do about an OS error while writing (translated when shown)
    errno.EACCES: _NOT_ALLOWED,
    errno.EPERM: _NOT_ALLOWED,
    errno.EROFS: N_("the folder is read-only; choose another -o path"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder; choose another -o path"),
    errno.ENOENT: _NO_FOLDER,
    errno.ENAMETOOLONG: N_("the file name is too long; choose a shorter -o name"),
    errno.ENOSPC: N_("the disk is full; free some space or choose another -o path"),
    errno.EFBIG: N_("the file is larger than this system allows (disk quota or file size limit); "
                    "free some space or raise the limit"),
    errno.EDQUOT: N_("the disk quota is used up; free some space or choose another -o path"),
    errno.EISDIR: _IS_A_FOLDER,
}
_OTHER_OS_ERROR = N_("check the path and try again")


def os_error(exc: OSError, path: Path) -> VbgenError:
    """One clerk-readable line for an OS error while writing ``path``."""
    hint = gettext(_OS_HINTS.get(exc.errno, _OTHER_OS_ERROR))
    return VbgenError(_("cannot write the file ({reason}); {hint}").format(reason=exc.strerror or exc, hint=hint),
                      file=str(path))


def write_atomic(path: str | Path, payload: Payload, *, force: bool = False,
                 sources: Iterable[str | Path] = ()) -> Path:
    """Write ``payload`` to ``path`` atomically.

    ``payload`` is bytes, text (UTF-8), or a function that writes the file at the path it is
    given. Refuses to replace one of the ``sources`` or any file read by this command at all, and
    an existing file unless ``force``; the new file gets the mode the umask gives (an overwritten
    file keeps its mode). On any failure or SIGTERM/SIGINT the temporary file is removed and ``path``
    is left as it was; OS errors become one VbgenError line naming the path.
    """
    path = Path(path)
    refuse_overwrite(path, force=force, sources=sources)
    if not path.parent.exists():
        raise VbgenError(gettext(_NO_FOLDER), file=str(path.parent))
    remove_stale_temps(path)
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    try:
        fd, tmp = tempfile.mkstemp(prefix=_tmp_prefix(path.name), suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise os_error(exc, path) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        with _cleanup_on_signals(tmp_path):
            if callable(payload):
                payload(tmp_path)
            elif isinstance(payload, bytes):
                tmp_path.write_bytes(payload)
            else:
                tmp_path.write_text(payload, encoding="utf-8")
            os.chmod(tmp_path, mode)
            os.replace(tmp_path, path)
    except OSError as exc:
        tmp_path.unlink(missing_ok=True)
        raise os_error(exc, path) from None
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return path


def require_suffix(path: str | Path | None, suffixes: tuple[str, ...]) -> None:
    """Refuse an output name whose extension is not one of ``suffixes`` (e.g. a .docx name for YAML)."""
    if path is not None and Path(path).suffix.lower() not in suffixes:
        raise VbgenError(_("this command does not write {suffix} files; give -o a name ending in {suffixes}").format(
            suffix=Path(path).suffix or "''", suffixes=" / ".join(suffixes)), file=str(path), field="-o")
