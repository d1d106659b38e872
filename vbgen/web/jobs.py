"""Work folders (thư mục tạm) of the web page: one private temporary folder per piece of work.

Everything a request writes (a copy of the parent plan, the unit file, the .docx, the PDF, page
images, an upload) goes into a job folder under one private root (mode 0700, made with
``tempfile.mkdtemp``). A job is named by a random token; a request names a job only by that token
(checked against ``TOKEN_SHAPE``) and a file only by one of the names the server itself wrote
(``Job.file`` refuses anything else). Jobs older than ``ttl`` seconds are removed, and the whole root
when the server stops.
"""
from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{22}")
#: Only these names (and page images ``trang-N.png``) can be served from a job folder.
FILE_SHAPE = re.compile(r"(?:[a-z0-9-]+\.(?:yaml|docx|pdf|txt|xlsx)|trang-\d{1,3}\.png)")


@dataclass
class Job:
    """One piece of work: its token and private folder."""

    token: str
    folder: Path

    def path(self, name: str) -> Path:
        """Where the job keeps file ``name`` (one of the server's own names, never a user's)."""
        if not FILE_SHAPE.fullmatch(name):
            raise ValueError(f"not a job file name: {name!r}")
        return self.folder / name

    def file(self, name: str) -> Optional[Path]:
        """The existing file ``name`` of this job, or None (a bad or missing name)."""
        if not FILE_SHAPE.fullmatch(name):
            return None
        path = self.folder / name
        return path if path.is_file() else None


class JobStore:
    """The private root of all jobs; thread-safe; ``close()`` removes everything."""

    def __init__(self, ttl: float = 3600, max_jobs: int = 200):
        self.root = Path(tempfile.mkdtemp(prefix="vbgen-web-"))  # mode 0700: this user only
        self.ttl, self.max_jobs = ttl, max_jobs
        self._lock = threading.Lock()

    def new(self) -> Job:
        """A fresh job folder (old jobs are swept first)."""
        self.sweep()
        token = secrets.token_urlsafe(16)
        folder = self.root / token
        folder.mkdir(mode=0o700)
        return Job(token, folder)

    def get(self, token: str) -> Optional[Job]:
        """The job with ``token``, or None when the token is malformed, unknown or expired."""
        if not isinstance(token, str) or not TOKEN_SHAPE.fullmatch(token):
            return None
        folder = self.root / token
        if not folder.is_dir() or time.time() - folder.stat().st_mtime > self.ttl:
            return None
        return Job(token, folder)

    def sweep(self) -> None:
        """Remove expired jobs, and the oldest ones beyond ``max_jobs``."""
        with self._lock:
            if not self.root.is_dir():
                return
            folders = sorted((p for p in self.root.iterdir() if p.is_dir() and TOKEN_SHAPE.fullmatch(p.name)),
                             key=lambda p: p.stat().st_mtime)
            now = time.time()
            for number, folder in enumerate(folders):
                if now - folder.stat().st_mtime > self.ttl or len(folders) - number >= self.max_jobs:
                    shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        """Remove the root and every job in it."""
        shutil.rmtree(self.root, ignore_errors=True)


def scratch_folder(store: JobStore):
    """A temporary folder inside the private root for one request's upload, removed on exit."""
    return tempfile.TemporaryDirectory(prefix="tai-len-", dir=store.root)
