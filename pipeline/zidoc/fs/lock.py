"""One build at a time per output folder: a lock file created with O_EXCL (portable: Windows,
network shares, no fcntl).

The lock file `.zidoc-lock` holds who took it: pid, the process's start time, host, user,
time (JSON). A second build waits briefly, then says who holds it. A lock left by a killed
process (a console window closed during a build) is taken over: on the same host when its pid
no longer runs or now belongs to a process started after the one that wrote the lock
(Windows reuses ids quickly), from another host when it is older than STALE_AGE (a build
holds the lock for seconds, never an hour). On Windows the lock file is hidden, like the dot-file
it is elsewhere.

Takeover is itself safe against two builds taking over at once: the stale lock is renamed to a
unique name first (only one rename can succeed), then removed."""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from zidoc.fs.process import host_name, pid_alive, process_started, user_name

LOCK_NAME = ".zidoc-lock"
WAIT = 5.0  # seconds a second build waits for the lock before giving up
POLL = 0.05
STALE_AGE = 3600.0  # seconds: a lock from another host older than this is stale
UNREADABLE_AGE = 5.0  # seconds: an empty/garbled lock older than this was left half-written
START_TOLERANCE = 1.0  # seconds: start times read twice for one process differ by less


class LockBusy(Exception):
    """Another build holds the folder; the message is for the user (Indonesian)."""


@dataclass(frozen=True)
class Holder:
    pid: int | None
    host: str
    user: str
    time: str  # ISO, UTC
    started: float | None = None  # the holder's process start (seconds since the epoch)

    def describe(self) -> str:
        who = f"pengguna {self.user or '?'} di komputer {self.host or '?'}"
        if self.pid is not None:
            who += f" (proses {self.pid})"
        return f"{who}, sejak {self.time or '?'}"


def read_holder(path: Path) -> Holder | None:
    """The lock's content, or None when it is unreadable (being written, or garbled)."""
    try:
        raw = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict):
        return None
    pid = raw.get("pid")
    started = raw.get("started")
    return Holder(pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
                  str(raw.get("host", "")), str(raw.get("user", "")), str(raw.get("time", "")),
                  float(started) if isinstance(started, (int, float))
                  and not isinstance(started, bool) else None)


def _age(path: Path) -> float | None:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return None


def is_stale(path: Path, holder: Holder | None) -> bool:
    if holder is None:  # a process killed between creating and filling it
        age = _age(path)
        return age is not None and age > UNREADABLE_AGE
    if holder.host == host_name() and holder.pid is not None:
        if not pid_alive(holder.pid):
            return True
        return _reused(holder)
    age = _age(path)
    return age is not None and age > STALE_AGE


def _reused(holder: Holder) -> bool:
    """The holder's pid runs, but is a process started after the holder (the id reused)."""
    if holder.started is None or holder.pid == os.getpid():
        return False
    now = process_started(holder.pid)
    return now is not None and now > holder.started + START_TOLERANCE


class FolderLock:
    """`with FolderLock(folder):` ... one build in `folder` at a time. Raises LockBusy (with
    who holds it) after `wait` seconds."""

    def __init__(self, folder: Path, wait: float | None = None):
        self.folder = folder
        self.path = folder / LOCK_NAME
        self.wait = WAIT if wait is None else wait
        self.token = os.urandom(8).hex()
        self.held = False

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, *_exc) -> None:
        self.release()

    def _content(self) -> bytes:
        return json.dumps({
            "pid": os.getpid(), "started": process_started(os.getpid()),
            "host": host_name(), "user": user_name(),
            "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "token": self.token,
        }, ensure_ascii=True).encode("ascii")

    def _try_create(self) -> bool:
        flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(self.path, flags, 0o666)
        except FileExistsError:
            return False
        except PermissionError:
            # Windows: a lock file being deleted by its holder refuses a new one for a moment.
            if os.name == "nt" and self.path.exists():  # pragma: no cover
                return False
            raise
        try:
            os.write(fd, self._content())
        finally:
            os.close(fd)
        from zidoc.fs.files import set_hidden

        set_hidden(self.path)
        return True

    def _take_over(self) -> None:
        """Move a stale lock out of the way (one rename wins) and delete it."""
        aside = self.folder / f"{LOCK_NAME}.{os.urandom(4).hex()}.stale"
        try:
            os.replace(self.path, aside) if os.name == "nt" else os.rename(self.path, aside)
        except OSError:
            return  # another build took it over first, or its holder removed it
        try:
            os.unlink(aside)
        except OSError:  # pragma: no cover
            pass

    def acquire(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.wait
        while True:
            if self._try_create():
                self.held = True
                return
            holder = read_holder(self.path)
            stale = is_stale(self.path, holder)
            # Check once more that it is the same stale lock before moving it.
            if stale and read_holder(self.path) == holder:
                self._take_over()
                if time.monotonic() < deadline:
                    continue  # try to create it again at once
            if time.monotonic() >= deadline:
                who = holder.describe() if holder is not None else "zidoc lain"
                raise LockBusy(
                    f"Folder {self.folder} sedang dipakai oleh zidoc lain: {who}. Tunggu sampai "
                    "penyusunan itu selesai, lalu jalankan lagi. Bila tidak ada yang sedang "
                    f"menyusun, hapus berkas {self.path.name} di folder itu."
                )
            time.sleep(POLL)

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        holder_raw = None
        try:
            holder_raw = json.loads(self.path.read_bytes().decode("utf-8"))
        except (OSError, ValueError):
            pass
        # Only our own lock: a lock taken over from us (we were thought dead) is not ours.
        if isinstance(holder_raw, dict) and holder_raw.get("token") == self.token:
            from zidoc.fs.files import retried

            try:  # an antivirus or the indexer may hold it for a moment (Windows)
                retried(os.unlink, self.path)
            except OSError:  # still held: the next build sees our process gone and takes it
                pass
