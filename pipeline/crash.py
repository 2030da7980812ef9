"""Unexpected internal errors: the traceback goes to a log file, the user gets one line."""
from __future__ import annotations

import os
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from . import __version__


def write_crash_log(exc: BaseException, argv: list[str]) -> Path | None:
    """Write `exc`'s traceback to zidoc-crash-<time>-<pid>.log in the system temp folder."""
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
