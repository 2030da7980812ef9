"""One build at a time per output folder: a lock file created with O_EXCL (portable: Windows,
network shares, no fcntl).

The lock file `.zidoc-lock` holds who took it: pid, host, user, time (JSON). A second build
waits briefly, then says who holds it. A lock left by a killed process is taken over: on the
same host when its pid no longer runs, from another host when it is older than STALE_AGE (a
build holds the lock for seconds, never an hour).

Takeover is itself safe against two builds taking over at once: the stale lock is renamed to a
unique name first (only one rename can succeed), then removed."""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

LOCK_NAME = ".zidoc-lock"
WAIT = 5.0  # seconds a second build waits for the lock before giving up
POLL = 0.05
STALE_AGE = 3600.0  # seconds: a lock from another host older than this is stale
UNREADABLE_AGE = 5.0  # seconds: an empty/garbled lock older than this was left half-written


class LockBusy(Exception):
    """Another build holds the folder; the message is for the user (Indonesian)."""


@dataclass(frozen=True)
class Holder:
    pid: int | None
    host: str
    user: str
    time: str  # ISO, UTC

    def describe(self) -> str:
        who = f"pengguna {self.user or '?'} di komputer {self.host or '?'}"
        if self.pid is not None:
            who += f" (proses {self.pid})"
        return f"{who}, sejak {self.time or '?'}"


def host_name() -> str:
    try:
        import socket

        return socket.gethostname()
    except OSError:  # pragma: no cover
        return ""


def user_name() -> str:
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name (some services): not a reason to fail
        return ""


def pid_alive(pid: int) -> bool:
    """Whether process `pid` runs on this machine (portable: os.kill(pid, 0) on POSIX, which
    would kill the process on Windows, so OpenProcess there)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    except OSError:
        return False
    return True


def read_holder(path: Path) -> Holder | None:
    """The lock's content, or None when it is unreadable (being written, or garbled)."""
    try:
        raw = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict):
        return None
    pid = raw.get("pid")
    return Holder(pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
                  str(raw.get("host", "")), str(raw.get("user", "")), str(raw.get("time", "")))


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
        return not pid_alive(holder.pid)
    age = _age(path)
    return age is not None and age > STALE_AGE


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
            "pid": os.getpid(), "host": host_name(), "user": user_name(),
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
            try:
                self.path.unlink()
            except OSError:  # pragma: no cover
                pass
