"""Output paths, atomic writes and file hashes (the manifest itself: manifest.py).

Windows' rules are kept here, once: its path limits (259 characters for a file, 247 for a
folder, 218 for a workbook Excel is to open), its "file in use" answers (WinError 32/33),
its reserved names, and hidden dot-files. `WINDOWS` says whether they apply; a test sets it
to check the Windows branches on any system."""
from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
import unicodedata
from collections.abc import Iterable
from pathlib import Path

WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                    *(f"lpt{i}" for i in range(1, 10))}
# The temporary file atomic_write writes beside its target: .<name, cut to keep the whole no
# longer than the target's>.<8 random>.<pid>-<host tag>.tmp, so that a build removes only the
# temporary files of processes that are gone.
# (mkstemp's names had 8 characters from [a-z0-9_] and no owner: files left by older versions
# match too, and are removed as before.)
TEMP_PATTERN = re.compile(
    r"^\..+\.[a-z0-9_]{8}(?:\.(?P<pid>\d{1,10})-(?P<host>[0-9a-f]{4}))?\.tmp$")
STALE_FOREIGN_TEMP = 3600.0  # seconds: a temporary file of another host older than this is left over
MAX_NAME_BYTES = 255  # one path component, on every common file system (NTFS: 255 UTF-16 units)
WINDOWS = os.name == "nt"  # Windows' path limits and hidden files apply (tests set it)
WINDOWS_MAX_PATH = 259  # characters of a whole path (MAX_PATH 260 with its final NUL); Word
# and Excel keep this limit even where Windows has long paths turned on
WINDOWS_MAX_FOLDER = 247  # CreateDirectory: MAX_PATH less room for an 8.3 name (248 with NUL)
EXCEL_MAX_PATH = 218  # Excel refuses to open a workbook whose full path is longer
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_TEMP_EXTRA = len(".") + len(".12345678.4294967295-abcd.tmp")  # what _temp_name adds at most
# Windows' answers (winerror) that mean "another program has the file open".
WINERROR_IN_USE = {32: "sharing violation", 33: "lock violation"}
WINERROR_ACCESS_DENIED = 5  # also a replace onto a file another program holds open
WINERROR_TOO_LONG = {206}  # ERROR_FILENAME_EXCED_RANGE
WINERROR_PATH_NOT_FOUND = 3  # also what a too long path gets from many calls
# Waits between tries when a file is held (antivirus, OneDrive, the Explorer preview pane
# hold a file for a moment): about 3 seconds in all before giving up.
RETRY_WAITS = (0.1, 0.2, 0.4, 0.8, 1.5)
# Which program a user should close, by the file's type.
PROGRAMS = {".docx": "Word atau WPS Writer", ".doc": "Word atau WPS Writer",
            ".xlsx": "Excel atau WPS Spreadsheets", ".xls": "Excel atau WPS Spreadsheets",
            ".pdf": "pembaca PDF", ".zip": "Explorer atau program arsip",
            ".json": "Notepad atau penyunting teks", ".toml": "Notepad atau penyunting teks"}
SHORTEN_HINT = ("Perpendek jalurnya: singkatan_satker yang lebih pendek di sheet Identitas, "
                "folder kerja yang lebih dekat ke akar drive (misalnya C:\\ZI), atau folder "
                "hasil lain dengan --out.")


def slug(text: str, fallback: str = "satker") -> str:
    """A folder name safe on every system, and the same for the same name on every run.

    >>> slug("KPU Kota Bengkulu")
    'kpu-kota-bengkulu'
    >>> slug("CON"), slug("Lpt9."), slug("Kanwil . ")   # Windows' reserved names, final dots
    ('satker-con', 'satker-lpt9', 'kanwil')

    A name with no letter or digit zidoc can use ("北京", "...", "") gets the fallback and a
    short hash of the name, so two such satkers never share a folder:
    >>> slug("北京") != slug("上海") and slug("北京").startswith("satker-")
    True
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    if result in WINDOWS_RESERVED:
        return f"{fallback}-{result}"
    if not result:
        # NFC and case folded: the same name typed on another computer finds the same folder.
        key = unicodedata.normalize("NFC", text).strip().casefold()
        return f"{fallback}-{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
    return result


def user_cache_folder(*parts: str) -> Path | None:
    """zidoc's cache folder for this user, created private: `%LOCALAPPDATA%\\zidoc\\cache` on
    Windows, `~/Library/Caches/zidoc` on macOS, `$XDG_CACHE_HOME/zidoc` (`~/.cache/zidoc`)
    elsewhere. Never a shared folder such as C:\\Temp, where another user could plant files
    zidoc would load: None when the folder cannot be made, or (POSIX) is not a real folder
    of this user that only this user may write."""
    import stat
    import sys

    env = os.environ
    try:
        if WINDOWS:
            local = env.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
            base = Path(local) / "zidoc" / "cache"
        elif sys.platform == "darwin":
            base = Path.home() / "Library" / "Caches" / "zidoc"
        else:
            xdg = env.get("XDG_CACHE_HOME", "")
            base = (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "zidoc"
        folder = base.joinpath(*parts)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name != "nt":
            info = folder.lstat()
            if (not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid()
                    or info.st_mode & 0o022):
                return None
    except (OSError, RuntimeError, KeyError):  # no home folder, read-only disk ...
        return None
    return folder


# Environment variables Windows' OneDrive sets to the folders it syncs.
SYNC_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
# Folder names of sync clients (OneDrive for work "OneDrive - <organisation>", Dropbox, Google
# Drive), for roots no variable names (SharePoint libraries synced beside them, other PCs).
_SYNC_NAMES = re.compile(r"^(onedrive( - .+)?|dropbox|google drive|my drive)$", re.IGNORECASE)


def synced_root(folder: Path) -> Path | None:
    """The synced folder (OneDrive, SharePoint, Dropbox ...) that holds `folder`, or None.
    The folder lock protects one computer only: two PCs syncing one folder do not see each
    other's lock in time."""
    try:
        target = Path(os.path.abspath(folder))
    except (OSError, ValueError):  # pragma: no cover
        return None
    for variable in SYNC_VARIABLES:
        root = os.environ.get(variable)
        if root and os.path.isabs(root):
            root_path = Path(os.path.abspath(root))
            if target == root_path or root_path in target.parents:
                return root_path
    for parent in (target, *target.parents):
        if _SYNC_NAMES.match(parent.name):
            return parent
    return None


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
    from zidoc.fs.process import host_name

    return hashlib.sha256((host_name() if host is None else host).encode("utf-8", "replace")
                          ).hexdigest()[:4]


def _temp_name(path: Path) -> Path:
    """`.<name>.<8 random>.<pid>-<host>.tmp`, the name cut so that the temporary name is no
    longer than the target's (or the shortest it can be): a path that fits Windows' limit
    keeps fitting while it is written."""
    tail = f".{secrets.token_hex(4)}.{os.getpid()}-{host_tag()}.tmp"
    keep = max(1, len(path.name) - len(tail) - 1)
    return path.parent / f".{path.name[:keep].rstrip(' .') or '_'}{tail}"


def temp_length() -> int:
    """The length of the shortest temporary name (this process's)."""
    return len(_temp_name(Path("x")).name)


def temp_beside(path: Path) -> Path:
    """A temporary name beside `path` that remove_stale_temps recognises (for a writer that
    needs a file name, e.g. openpyxl's save); move it into place with `commit`."""
    return _temp_name(path)


def _temp_is_orphan(path: Path, match: re.Match) -> bool:
    """A temporary file whose writer is gone: its process no longer runs on this computer,
    or (another computer) it is older than an hour. Old-style names (no owner) count as left
    over, as before."""
    from zidoc.fs.process import pid_alive

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


def full_length(path: Path | str) -> int:
    """Characters of `path` as Windows counts them (made absolute first)."""
    return len(os.path.abspath(path))


def is_workbook_name(name: str) -> bool:
    return name.lower().endswith((".xlsx", ".xlsm"))


MIN_ROOM = 24  # characters: below this a name shortened to fit says nothing to its reader


def name_room(folder: Path, name: str = "") -> int | None:
    """How many characters a file name like `name` may have inside `folder` under Windows'
    limits; None when they do not apply (not Windows). A workbook gets Excel's limit when
    the folder leaves room for it (see excel_problem when it does not)."""
    if not WINDOWS:
        return None
    base = full_length(folder) + 1
    if is_workbook_name(name) and EXCEL_MAX_PATH - base >= MIN_ROOM:
        return EXCEL_MAX_PATH - base
    return WINDOWS_MAX_PATH - base


def excel_problem(path: Path) -> str | None:
    """A note when Excel (on Windows) cannot open the workbook `path` where it is."""
    if not WINDOWS or not is_workbook_name(path.name):
        return None
    length = full_length(path)
    if length <= EXCEL_MAX_PATH:
        return None
    return (f"Excel tidak dapat membuka {path} di tempatnya: jalurnya {length} karakter, "
            f"batas Excel {EXCEL_MAX_PATH}. Salin berkas itu ke folder yang lebih pendek untuk "
            "membukanya.")


def fit_name(name: str, room: int | None, keep: str = "") -> str:
    """`name` shortened to `room` characters when it is longer: its extension (or the ending
    `keep`, e.g. '-diperiksa.xlsx') kept and a short hash of the whole name added, so that
    the result is the same on every run and two long names stay different.

    >>> fit_name("laporan-pelaksanaan-zi-2024.docx", 26)
    'laporan-pelaks-db8ef4.docx'
    >>> fit_name("sk-tim-zi-2024.docx", 26)
    'sk-tim-zi-2024.docx'
    """
    if room is None or len(name) <= room:
        return name
    ending = keep if keep and name.endswith(keep) else Path(name).suffix
    if len(ending) > 16:
        ending = ""
    tag = "-" + hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:6]
    stem = name[: len(name) - len(ending)][: max(1, room - len(tag) - len(ending))]
    return stem.rstrip(" .-") + tag + ending


def long_path_message(path: Path | str, length: int | None = None,
                      limit: int = WINDOWS_MAX_PATH) -> str:
    """Why a path is too long for Windows, and how to shorten it (Indonesian)."""
    length = full_length(path) if length is None else length
    return (f"jalur {path} terlalu panjang untuk Windows ({length} karakter; paling banyak "
            f"{limit}). {SHORTEN_HINT}")


def folder_problem(folder: Path, names: Iterable[str] = ()) -> str | None:
    """Why `folder` (and the files `names` in it) cannot be made under Windows' limits, or
    None; checked before any folder is created."""
    if not WINDOWS:
        return None
    length = full_length(folder)
    if length > WINDOWS_MAX_FOLDER:
        return long_path_message(folder, length, WINDOWS_MAX_FOLDER)
    for name in names:
        if (why := _windows_path_problem(folder, name)) is not None:
            return why
    return None


def _windows_path_problem(folder: Path, name: str) -> str | None:
    base = full_length(folder) + 1
    written = base + max(len(name), temp_length())  # the temporary name beside it
    if written > WINDOWS_MAX_PATH:
        return long_path_message(Path(folder) / name, written, WINDOWS_MAX_PATH)
    return None


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
    if WINDOWS:
        return folder_problem(folder, [name])
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


class FileInUse(PermissionError):
    """A file another program holds open (Word, Excel, WPS, the Explorer preview ...): what
    `replace` raises once its retries are spent, naming the real file."""


def real_file(exc: OSError) -> str | None:
    """The file an OS error is about, as the user knows it: never zidoc's temporary name
    (an error while moving a temporary file into place names its target)."""
    name, other = exc.filename, getattr(exc, "filename2", None)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    if isinstance(other, bytes):
        other = os.fsdecode(other)
    if name is not None and other is not None and TEMP_PATTERN.match(Path(str(name)).name):
        return str(other)
    return None if name is None else str(name)


def in_use(exc: OSError) -> bool:
    """Whether `exc` says another program has the file open (WinError 32/33, or a replace
    refused until the end of its retries)."""
    return isinstance(exc, FileInUse) or getattr(exc, "winerror", None) in WINERROR_IN_USE


def too_long(exc: OSError) -> bool:
    """Whether `exc` says the path is too long (WinError 206; WinError 3 on a path past
    Windows' limit; ENAMETOOLONG)."""
    import errno

    winerror = getattr(exc, "winerror", None)
    if winerror in WINERROR_TOO_LONG or exc.errno == errno.ENAMETOOLONG:
        return True
    target = real_file(exc)
    return (winerror == WINERROR_PATH_NOT_FOUND and target is not None
            and full_length(target) > WINDOWS_MAX_PATH)


def program_for(path: Path | str | None) -> str | None:
    """The program that opens a file of this type ('Excel atau WPS Spreadsheets'), or None."""
    return None if path is None else PROGRAMS.get(Path(str(path)).suffix.lower())


def in_use_reason(path: Path | str | None) -> str:
    """Why a file is refused when another program holds it, naming the program that fits
    its type.

    >>> in_use_reason("rekap-zi-2024.xlsx")
    'sedang dibuka di program lain: Excel atau WPS Spreadsheets, atau panel pratinjau Explorer'
    """
    program = program_for(path) or "Word, Excel, WPS"
    return f"sedang dibuka di program lain: {program}, atau panel pratinjau Explorer"


def os_reason(exc: OSError) -> str:
    """Why the file system said no, in Indonesian (the OS's own text is often English):
    Windows' meaning first (winerror), then errno."""
    import errno

    target = real_file(exc)
    if in_use(exc):
        return in_use_reason(target)
    if too_long(exc):
        length = full_length(target) if target is not None else 0
        if length > WINDOWS_MAX_PATH and (WINDOWS or getattr(exc, "winerror", None)):
            return (f"jalurnya terlalu panjang untuk Windows: {length} karakter, paling banyak "
                    f"{WINDOWS_MAX_PATH}")
        return "nama atau jalurnya terlalu panjang"
    if getattr(exc, "winerror", None) == WINERROR_PATH_NOT_FOUND:
        return "folder tidak ada"
    reasons = {
        errno.ENOSPC: "ruang disk penuh",
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


def os_advice(exc: OSError) -> str:
    """The next step for an OS refusal (one Indonesian sentence)."""
    if in_use(exc):
        program = program_for(real_file(exc)) or "program yang membukanya"
        return (f"Tutup berkas itu di {program} (juga panel pratinjau Explorer), lalu jalankan "
                "lagi.")
    if too_long(exc):
        return SHORTEN_HINT
    return "Periksa izin folder dan ruang disk, lalu jalankan lagi."


def _mb(size: int) -> str:
    return f"{size / (1 << 20):.1f} MB".replace(".", ",")


def owner_files(path: Path, present: set[str] | None = None) -> list[str]:
    """The owner files beside `path` that say it is open in an editor: Word's and WPS's
    `~$name` (Word drops the name's first one or two characters), LibreOffice's
    `.~lock.name#`. `present`: the folder's names in lower case, when already listed."""
    name = path.name
    candidates = {f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"}
    if present is None:
        try:
            present = {p.name.lower() for p in path.parent.iterdir()}
        except OSError:
            return []
    return sorted(c for c in candidates if c.lower() in present)


def held(exc: OSError) -> bool:
    """Windows' answer when another program holds the file, which may pass in a moment:
    WinError 32/33, or 5 (access denied: what replacing a file open in Word gets). A
    PermissionError without a winerror (POSIX) is a real permission problem: no waiting."""
    return in_use(exc) or getattr(exc, "winerror", None) == WINERROR_ACCESS_DENIED


def retried(action, *args):
    """`action(*args)`, tried again with growing waits (about 3 s in all, RETRY_WAITS) while
    the file is held: an antivirus, OneDrive or the Explorer preview pane hold a file for a
    moment. Other errors are raised at once."""
    for wait in (*RETRY_WAITS, None):
        try:
            return action(*args)
        except OSError as exc:
            if wait is None or not held(exc):
                raise
            time.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


def replace(source: str | Path, target: Path) -> None:
    """os.replace, tried again while Windows refuses it (see `retried`). A file still held
    at the end (open in Word) raises FileInUse naming `target`, never the temporary name."""
    try:
        retried(os.replace, source, target)
    except OSError as exc:
        if held(exc) and Path(target).exists():
            raise FileInUse(exc.errno, exc.strerror, str(target)) from exc
        _name_target(exc, target)
        raise


def _name_target(exc: OSError, target: Path) -> None:
    """Make an error on a temporary file name the file the user knows."""
    try:
        exc.filename, exc.filename2 = str(target), None
    except (AttributeError, TypeError):  # pragma: no cover - a read-only exception type
        pass


def set_hidden(path: Path, hidden: bool = True) -> None:
    """zidoc's own dot-files (the lock, temporary files) hidden in Explorer, as they are
    on other systems; a no-op off Windows. Never fails: it is only cosmetic."""
    if not WINDOWS:
        return
    try:
        _file_attributes(path, hidden)
    except Exception:  # noqa: BLE001 - cosmetic
        pass


def _file_attributes(path: Path, hidden: bool) -> None:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32
    hidden_flag = 0x2  # FILE_ATTRIBUTE_HIDDEN
    attributes = kernel32.GetFileAttributesW(str(path))
    if attributes == 0xFFFFFFFF:  # INVALID_FILE_ATTRIBUTES
        return
    wanted = attributes | hidden_flag if hidden else attributes & ~hidden_flag
    if wanted != attributes:
        kernel32.SetFileAttributesW(str(path), wanted or 0x80)  # FILE_ATTRIBUTE_NORMAL


def stage(path: Path, data: bytes) -> Path:
    """Write `data` to a new temporary file beside `path` (flushed to disk) and return it;
    `commit` moves it into place. On any failure nothing is left behind.

    The file is created with mode 0666 so that the process umask applies as for any other
    file (no chmod, no umask change: both race with other threads, and a chmod would copy a
    read-only flag on Windows)."""
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(100):
            tmp = _temp_name(path)
            try:
                fd = os.open(tmp, flags, 0o666)
                break
            except FileExistsError:
                continue
        else:  # pragma: no cover - 100 random names all taken
            raise FileExistsError(f"no free temporary name beside {path}")
    except OSError as exc:
        _name_target(exc, path)
        raise
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        discard(tmp)
        if isinstance(exc, OSError):
            _name_target(exc, path)
        raise
    set_hidden(tmp)
    return tmp


def discard(tmp: Path) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def commit(tmp: Path, path: Path) -> None:
    """Move a staged file into place; on failure the staged file is removed."""
    set_hidden(tmp, False)  # the attribute would move with the file
    try:
        replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise
    set_hidden(path, False)  # checked again: a document staff cannot see is a lost one


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
