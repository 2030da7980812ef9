"""Unexpected internal errors: the traceback goes to a log file, the user gets one line."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from zidoc import __version__

EXIT_FILE = 1  # the file system refused (permissions, disk full): like invalid input
EXIT_INTERNAL = 3  # a bug in zidoc, not in the input (1: invalid input, 2: usage error)


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
            where = exc.filename or "berkas"
            click.echo(f"Tidak dapat menulis atau membaca {where} ({exc.strerror or exc}). "
                       "Periksa izin folder dan ruang disk, dan tutup dokumennya bila sedang "
                       "terbuka di Word, lalu jalankan lagi.", err=True)
            ctx.exit(EXIT_FILE)
        except Exception as exc:
            log = write_crash_log(exc, sys.argv)
            where = (f" Rinciannya disimpan di {log}; kirimkan berkas itu kepada pengelola zidoc."
                     if log else "")
            click.echo(f"Terjadi kesalahan internal di zidoc (bukan kesalahan isian Anda).{where}",
                       err=True)
            ctx.exit(EXIT_INTERNAL)


class GuardedGroup(CrashGuard, click.Group):
    """A click.Group with CrashGuard (combine CrashGuard with any other Group subclass)."""


def write_crash_log(exc: BaseException, argv: list[str]) -> Path | None:
    """Write `exc`'s traceback to zidoc-crash-<time>-<pid>.log in the system temp folder."""
    import tempfile
    import traceback
    from datetime import datetime

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = Path(tempfile.gettempdir()) / f"zidoc-crash-{stamp}-{os.getpid()}.log"
    text = (
        f"zidoc {__version__}\nperintah: {' '.join(argv)}\nfolder: {Path.cwd()}\n\n"
        + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    )
    try:
        path.write_text(text, encoding="utf-8")
    except OSError:
        return None
    return path
