"""Output paths, atomic writes and file hashes (the manifest itself: manifest.py)."""
from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
import unicodedata
from pathlib import Path

WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                    *(f"lpt{i}" for i in range(1, 10))}
# The temporary file atomic_write writes beside its target (mkstemp's names had 8 characters
# from [a-z0-9_] too, so files left by older versions match as well).
TEMP_PATTERN = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
REPLACE_ATTEMPTS = 4  # the first try and 3 more
REPLACE_WAIT = 0.2  # seconds between tries


def slug(text: str, fallback: str = "satker") -> str:
    """'KPU Kota Bengkulu' -> 'kpu-kota-bengkulu'; safe as a folder name on every system."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    if not result or result in WINDOWS_RESERVED:
        result = f"{fallback}-{result}" if result else fallback
    return result


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _temp_name(path: Path) -> Path:
    return path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete the temporary files a killed zidoc left in `folder` (only zidoc's own pattern,
    .<name>.<8 characters>.tmp). Returns the files removed."""
    removed = []
    try:
        candidates = [p for p in folder.iterdir() if TEMP_PATTERN.match(p.name)]
    except OSError:
        return removed
    for path in candidates:
        try:
            if path.is_file():
                path.unlink()
                removed.append(path)
        except OSError:  # in use (another build) or not ours to delete: leave it
            pass
    return removed


def replace(source: str | Path, target: Path, attempts: int = REPLACE_ATTEMPTS) -> None:
    """os.replace, tried again after a short wait when Windows refuses it: an antivirus or
    the search indexer may hold the file for a moment. A file open in Word stays refused."""
    for attempt in range(attempts):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(REPLACE_WAIT)


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then move it into place.

    The file is created with mode 0666 so that the process umask applies as for any other
    file (no chmod, no umask change: both race with other threads, and a chmod would copy a
    read-only flag on Windows)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = _temp_name(path)
        try:
            fd = os.open(tmp, flags, 0o666)
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - 100 random names all taken
        raise FileExistsError(f"no free temporary name beside {path}")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
