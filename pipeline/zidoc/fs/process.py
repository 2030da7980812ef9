"""This machine's processes, as the lock and the temporary files need them: the host's name,
the user, whether a process runs, and when it started (a reused id is told apart by it)."""
from __future__ import annotations

import os
from pathlib import Path


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


def process_started(pid: int) -> float | None:
    """When process `pid` started (seconds since the epoch), or None when it cannot be told.
    Linux: /proc; Windows: GetProcessTimes; elsewhere None (the pid alone is then trusted)."""
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        return _windows_process_started(pid)
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        boot = next(float(line.split()[1]) for line in
                    Path("/proc/stat").read_text(encoding="ascii").splitlines()
                    if line.startswith("btime "))
        ticks = int(stat[stat.rindex(")") + 2:].split()[19])  # field 22, starttime
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration, AttributeError):
        return None


def _windows_process_started(pid: int) -> float | None:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return None
    try:
        times = [wintypes.FILETIME() for _ in range(4)]
        if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return None
        created = times[0].dwHighDateTime << 32 | times[0].dwLowDateTime
        return (created - 116444736000000000) / 1e7  # 100 ns since 1601 -> seconds since 1970
    finally:
        kernel32.CloseHandle(handle)
