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
# The temporary file atomic_write writes beside its target: .<name>.<8 random>.<pid>-<host
# tag>.tmp, so that a build removes only the temporary files of processes that are gone.
# (mkstemp's names had 8 characters from [a-z0-9_] and no owner: files left by older versions
# match too, and are removed as before.)
TEMP_PATTERN = re.compile(
    r"^\..+\.[a-z0-9_]{8}(?:\.(?P<pid>\d{1,10})-(?P<host>[0-9a-f]{4}))?\.tmp$")
STALE_FOREIGN_TEMP = 3600.0  # seconds: a temporary file of another host older than this is left over
MAX_NAME_BYTES = 255  # one path component, on every common file system (NTFS: 255 UTF-16 units)
WINDOWS_MAX_PATH = 259  # characters of a whole path without long-path support
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_TEMP_EXTRA = len(".") + len(".12345678.4294967295-abcd.tmp")  # what _temp_name adds
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


def host_tag(host: str | None = None) -> str:
    """4 hex digits naming this computer in temporary file names."""
    from zidoc.fs.lock import host_name

    return hashlib.sha256((host_name() if host is None else host).encode("utf-8", "replace")
                          ).hexdigest()[:4]


def _temp_name(path: Path) -> Path:
    return path.parent / f".{path.name}.{secrets.token_hex(4)}.{os.getpid()}-{host_tag()}.tmp"


def temp_beside(path: Path) -> Path:
    """A temporary name beside `path` that remove_stale_temps recognises (for a writer that
    needs a file name, e.g. openpyxl's save); move it into place with `commit`."""
    return _temp_name(path)


def _temp_is_orphan(path: Path, match: re.Match) -> bool:
    """A temporary file whose writer is gone: its process no longer runs on this computer,
    or (another computer) it is older than an hour. Old-style names (no owner) count as left
    over, as before."""
    from zidoc.fs.lock import pid_alive

    if match["pid"] is None:
        return True
    if match["host"] == host_tag():
        return not pid_alive(int(match["pid"]))
    try:
        return time.time() - path.stat().st_mtime > STALE_FOREIGN_TEMP
    except OSError:
        return False


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete the temporary files a killed zidoc left in `folder` (only zidoc's own pattern,
    and only those whose process is gone: another build's files in progress are never
    touched). Returns the files removed."""
    removed = []
    try:
        candidates = [(p, m) for p in folder.iterdir() if (m := TEMP_PATTERN.match(p.name))]
    except OSError:
        return removed
    for path, match in candidates:
        try:
            if _temp_is_orphan(path, match) and path.is_file():
                path.unlink()
                removed.append(path)
        except OSError:  # in use (another build) or not ours to delete: leave it
            pass
    return removed


def display_name(name: str) -> str:
    """A file name as text that can always be printed and stored in JSON: bytes that were not
    UTF-8 (kept by Python as lone surrogates) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def safe_file_name(name: str, limit: int = MAX_NAME_BYTES - _TEMP_EXTRA) -> str:
    """`name` made writable everywhere: characters Windows refuses and undecodable bytes
    become '_', trailing dots/spaces go, and a name too long is shortened (its suffix kept,
    a short hash added so that two long names stay different)."""
    text = display_name(name).replace("\ufffd", "_")
    text = _WINDOWS_FORBIDDEN.sub("_", text).rstrip(" .") or "berkas"
    if len(text.encode("utf-8")) <= limit:
        return text
    suffix = Path(text).suffix if len(Path(text).suffix) <= 10 else ""
    tag = "-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    stem = text[: len(text) - len(suffix)]
    room = limit - len((tag + suffix).encode("utf-8"))
    while len(stem.encode("utf-8")) > room:
        stem = stem[:-1]
    return stem.rstrip(" .") + tag + suffix


def name_problem(folder: Path, name: str) -> str | None:
    """Why `name` cannot be written in `folder` (Indonesian), or None. Checked for every file
    of a build before the first byte is written."""
    try:
        os.fsencode(folder / name)
    except UnicodeError:
        return f"nama berkas {display_name(name)} tidak dapat disimpan oleh sistem berkas ini."
    if _WINDOWS_FORBIDDEN.search(name) or name.rstrip(" .") != name:
        return f"nama berkas {display_name(name)} memuat karakter yang ditolak Windows."
    encoded = len(name.encode("utf-8", "surrogateescape"))
    if encoded + _TEMP_EXTRA > MAX_NAME_BYTES or len(name) + _TEMP_EXTRA > MAX_NAME_BYTES:
        return (f"nama berkas {display_name(name)[:60]}... terlalu panjang ({encoded} byte; "
                f"paling banyak {MAX_NAME_BYTES - _TEMP_EXTRA}).")
    if os.name == "nt":  # pragma: no cover - Windows without long-path support
        full = len(str(Path(os.path.abspath(folder)) / name)) + _TEMP_EXTRA
        if full > WINDOWS_MAX_PATH:
            return (f"jalur {folder / name} terlalu panjang untuk Windows ({full} karakter; "
                    f"paling banyak {WINDOWS_MAX_PATH}). Pilih folder hasil yang lebih pendek "
                    "dengan --out.")
    return None


def is_relative_name(name: str) -> bool:
    """A file name or a relative path below a folder ("rapat/R-01/undangan-R-01.docx", "/"
    between the parts) that stays inside it: no absolute path, drive, "..", "." or empty
    part, no backslash. What a manifest may name (it is read from disk: never trusted)."""
    if not name or "\\" in name or ":" in name or name.startswith("/"):
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def relative_problem(folder: Path, name: str) -> str | None:
    """name_problem for a file name or a relative path ("rapat/R-01/undangan-R-01.docx"): each
    part checked as a name, the whole as a path."""
    if "/" not in name:
        return name_problem(folder, name)
    if not is_relative_name(name):
        return f"nama berkas {display_name(name)} tidak sah."
    parts = name.split("/")
    for n, part in enumerate(parts):
        problem = name_problem(folder.joinpath(*parts[:n]), part)
        if problem is not None:
            return problem
    return None


def space_problem(folder: Path, needed: int) -> str | None:
    """A message when the disk holding `folder` has less than `needed` bytes (plus a margin)
    free; None when it has room or cannot tell."""
    import shutil

    try:
        free = shutil.disk_usage(folder).free
    except (OSError, ValueError):
        return None
    margin = 1 << 20
    if free >= needed + margin:
        return None
    return (f"ruang disk di {folder} tidak cukup: perlu {_mb(needed + margin)}, tersisa "
            f"{_mb(free)}. Kosongkan ruang disk lalu jalankan lagi.")


def os_reason(exc: OSError) -> str:
    """Why the file system said no, in Indonesian (the OS's own text is often English)."""
    import errno

    reasons = {
        errno.ENOSPC: "ruang disk penuh",
        errno.ENAMETOOLONG: "nama atau jalurnya terlalu panjang",
        errno.EACCES: "tidak ada izin",
        errno.EPERM: "tidak ada izin",
        errno.EROFS: "disk atau folder hanya boleh dibaca",
        errno.ENOENT: "berkas atau folder tidak ada",
        errno.ENOTDIR: "bagian jalurnya berupa berkas, bukan folder",
        errno.EISDIR: "itu folder, bukan berkas",
        errno.EEXIST: "sudah ada berkas dengan nama itu",
        errno.EBUSY: "sedang dipakai program lain",
        errno.EIO: "kesalahan baca/tulis pada disk",
    }
    for name in ("EDQUOT",):
        if hasattr(errno, name):
            reasons[getattr(errno, name)] = "kuota disk habis"
    if exc.errno in reasons:
        return reasons[exc.errno]
    if isinstance(exc, PermissionError):
        return "tidak ada izin"
    return exc.strerror or type(exc).__name__


def _mb(size: int) -> str:
    return f"{size / (1 << 20):.1f} MB".replace(".", ",")


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


def stage(path: Path, data: bytes) -> Path:
    """Write `data` to a new temporary file beside `path` (flushed to disk) and return it;
    `commit` moves it into place. On any failure nothing is left behind.

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
    except BaseException:
        discard(tmp)
        raise
    return tmp


def discard(tmp: Path) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def commit(tmp: Path, path: Path) -> None:
    """Move a staged file into place; on failure the staged file is removed."""
    try:
        replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then move it into place."""
    commit(stage(path, data), path)


class deferred_interrupt:  # noqa: N801 - used as `with deferred_interrupt():`
    """Hold Ctrl+C (SIGINT) during a few renames that belong together; it takes effect
    (KeyboardInterrupt) right after the block. Only in the main thread; elsewhere a no-op."""

    def __enter__(self):
        import signal
        import threading

        self.pending = False
        self.installed = False
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            try:
                self.previous = signal.signal(signal.SIGINT, self._hold)
                self.installed = True
            except (ValueError, OSError):  # pragma: no cover - no signals here
                pass
        return self

    def _hold(self, _signum, _frame) -> None:
        self.pending = True

    def __exit__(self, *exc) -> None:
        import signal

        if self.installed:
            previous = self.previous if self.previous is not None else signal.default_int_handler
            signal.signal(signal.SIGINT, previous)
        if self.pending and exc[0] is None:
            raise KeyboardInterrupt
