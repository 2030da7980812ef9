"""Unexpected internal errors: the traceback goes to a log file, the user gets one line.

Nothing here may raise: a message that cannot be printed is printed with escapes, a log
that cannot be written is simply not named, and a failure inside the handler itself falls
back to one plain ASCII line."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from zidoc import __version__

EXIT_FILE = 1  # the file system refused (permissions, disk full): like invalid input
EXIT_INTERNAL = 3  # a bug in zidoc, not in the input (1: invalid input, 2: usage error)
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report a SIGINT
INTERRUPTED = ("Dihentikan (Ctrl+C). Berkas yang sudah selesai tetap utuh dan tidak ada berkas "
               "yang setengah tertulis; jalankan perintahnya lagi bila perlu.")


def safe_streams() -> None:
    """Let stdout/stderr print any text. A Windows console redirected to a file writes cp1252
    or cp437, `LANG=C` may mean ASCII, and workbook text or file names (bytes that are not
    UTF-8) can hold any character: what the console cannot show becomes '?', never an error."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", "strict") != "strict":
            continue  # already forgiving (or set by the user)
        try:
            stream.reconfigure(errors="replace")
        except Exception:  # noqa: BLE001 - not a TextIOWrapper (tests, redirected objects)
            pass


def say(text: str, err: bool = True) -> None:
    """click.echo that never raises."""
    try:
        click.echo(text, err=err)
        return
    except Exception:  # noqa: BLE001 - fall back to an ASCII line on the raw stream
        pass
    try:
        stream = sys.__stderr__ if err else sys.__stdout__
        stream.write(text.encode("ascii", "backslashreplace").decode("ascii") + "\n")
        stream.flush()
    except Exception:  # noqa: BLE001 - no console at all: nothing more to do
        pass


def describe_os_error(exc: OSError) -> str:
    from zidoc.fs.files import os_advice, os_reason, real_file

    where = real_file(exc) or "berkas"  # the file the user knows, never a temporary name
    return f"Tidak dapat menulis atau membaca {where} ({os_reason(exc)}). {os_advice(exc)}"


class CrashGuard:
    """Mixin for a click.Group: never a traceback. A file-system refusal (OSError) becomes one
    Indonesian line and exit status 1; any other exception that is not click's own becomes one
    line naming a log file with the traceback, and exit status 3."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except OSError as exc:  # the file system said no: permissions, disk full, open in Word
            try:
                say(describe_os_error(exc))
            except Exception:  # noqa: BLE001
                say("Tidak dapat menulis atau membaca sebuah berkas.")
            ctx.exit(EXIT_FILE)
        except MemoryError:
            say("Memori komputer tidak cukup untuk menyelesaikan perintah ini. Tutup program "
                "lain, atau periksa apakah workbook-nya memang sebesar itu.")
            ctx.exit(EXIT_FILE)
        except Exception as exc:
            report_crash(exc)
            ctx.exit(EXIT_INTERNAL)


def report_crash(exc: BaseException) -> None:
    """One Indonesian line naming the log (when it could be written). Never raises."""
    try:
        log = write_crash_log(exc, sys.argv)
    except Exception:  # noqa: BLE001
        log = None
    where = (f" Rinciannya disimpan di {log}; kirimkan berkas itu kepada pengelola zidoc."
             if log else "")
    say(f"Terjadi kesalahan internal di zidoc (bukan kesalahan isian Anda).{where}")


class GuardedGroup(CrashGuard, click.Group):
    """A click.Group with CrashGuard (combine CrashGuard with any other Group subclass)."""


def _safe(text: object) -> str:
    try:
        value = str(text)
    except Exception:  # noqa: BLE001
        return "?"
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def write_crash_log(exc: BaseException, argv: list[str]) -> Path | None:
    """Write `exc`'s traceback to zidoc-crash-<time>-<pid>.log in the system temp folder,
    created exclusively (never through someone else's file) and encoded so that any name
    fits. Returns None when it cannot be written."""
    import tempfile
    import traceback
    from datetime import datetime

    try:
        folder = Path.cwd()
    except OSError:  # the current folder was deleted
        folder = None
    try:
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    except Exception:  # noqa: BLE001
        details = f"{type(exc).__name__}\n"
    text = (f"zidoc {__version__}\nperintah: {' '.join(_safe(a) for a in argv)}\n"
            f"folder: {_safe(folder)}\n\n{_safe(details)}")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        base = Path(tempfile.gettempdir())
    except Exception:  # noqa: BLE001 - no usable temp folder
        return None
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    for n in range(20):
        path = base / f"zidoc-crash-{stamp}-{os.getpid()}{f'-{n}' if n else ''}.log"
        try:
            fd = os.open(path, flags, 0o600)
        except FileExistsError:
            continue
        except OSError:
            return None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("utf-8", "backslashreplace"))
        except OSError:
            try:
                os.unlink(path)
            except OSError:
                pass
            return None
        return path
    return None
