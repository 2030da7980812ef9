"""Output that never fails on a console that cannot encode a character.

A Windows console redirected to a file writes cp1252 or cp437, `LANG=C` may mean ASCII, and
workbook text (names, file names) can hold any character. Characters the console cannot show
are replaced ('?'), never a crash."""
from __future__ import annotations

import sys


def safe_streams() -> None:
    """Make stdout and stderr replace what their encoding cannot print."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or getattr(stream, "errors", "strict") != "strict":
            continue
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):  # a closed or exotic stream: leave it as it is
            pass
