"""The evaluator's pack `bukti-dukung-zi-<tahun>.zip`: `<area>/<indikator>/<no>/<file name>`
for every question with files, and the register at the root.

Deterministic (entries sorted by name, fixed timestamps and attributes), streamed (each file
copied in blocks: memory does not grow with the files' sizes) and valid on Windows (reserved
characters replaced, reserved device names prefixed, each path at most MAX_PATH characters,
a long name shortened with its extension kept).

>>> windows_name('laporan: "final"?.pdf'), windows_name('CON.txt'), windows_name('a. ')
('laporan_ _final__.pdf', '_CON.txt', 'a')
>>> entry_path(['P1', 'P1.A.1', '2'], 'x' * 300 + '.pdf')[-20:]
'xxxxxxx-c5aab184.pdf'
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import zipfile
from pathlib import Path, PurePosixPath

from zidoc.bukti.register import Register

MAX_PATH = 200  # characters of one entry's whole path
BLOCK = 1 << 20  # bytes copied at a time
TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold: the same bytes every run
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
# Already compressed: stored as they are (deflating them costs time and saves nothing).
STORED = {".pdf", ".jpg", ".jpeg", ".png", ".gif", ".zip", ".rar", ".7z", ".docx", ".xlsx",
          ".pptx", ".mp4", ".mp3", ".mov", ".avi", ".heic", ".webp", ".gz"}


def pack_name(tahun: int) -> str:
    return f"bukti-dukung-zi-{tahun}.zip"


def windows_name(name: str) -> str:
    """One path component as Windows accepts it."""
    text = _FORBIDDEN.sub("_", name).rstrip(" .") or "_"
    if text.split(".")[0].lower() in _RESERVED:
        text = "_" + text
    return text


def entry_path(folders: list[str], name: str) -> str:
    """`folders/name`, each part Windows-safe, at most MAX_PATH characters (the name is
    shortened, its extension kept and a short hash added so two long names stay apart)."""
    head = "/".join(windows_name(f) for f in folders)
    name = windows_name(name)
    full = f"{head}/{name}" if head else name
    if len(full) <= MAX_PATH:
        return full
    suffix = PurePosixPath(name).suffix
    suffix = suffix if len(suffix) <= 10 else ""
    tag = "-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    room = MAX_PATH - len(head) - 1 - len(tag) - len(suffix)
    stem = name[: len(name) - len(suffix)][: max(room, 1)].rstrip(" .") or "_"
    return f"{head}/{stem}{tag}{suffix}" if head else f"{stem}{tag}{suffix}"


def _unique(path: str, taken: set[str]) -> str:
    """`path`, or `stem (2).ext` ... when another file of the same question took it."""
    if path.casefold() not in taken:
        return path
    folder, _, name = path.rpartition("/")
    stem, suffix = os.path.splitext(name)
    n = 2
    while True:
        candidate = entry_path(folder.split("/"), f"{stem} ({n}){suffix}")
        if candidate.casefold() not in taken:
            return candidate
        n += 1


def entries(register: Register) -> list[tuple[str, str]]:
    """(entry name, real path relative to the evidence folder), sorted by entry name."""
    found = []
    for q in register.questions:
        taken: set[str] = set()
        for item in q.files:
            name = _unique(entry_path([q.area, q.indikator, str(q.no)], item.name), taken)
            taken.add(name.casefold())
            found.append((name, item.real))
    return sorted(found)


class PackError(Exception):
    """A file could not be packed; the message is for the user (Indonesian)."""


def _info(name: str, size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, TIMESTAMP)
    info.create_system = 0  # the same bytes on every system
    info.external_attr = 0
    info.compress_type = (zipfile.ZIP_STORED if PurePosixPath(name).suffix.lower() in STORED
                          else zipfile.ZIP_DEFLATED)
    info.file_size = size
    return info


def write_pack(target: Path, register: Register, register_name: str,
               register_data: bytes) -> int:
    """Write the pack to `target` (a temporary file the caller moves into place). Returns
    the number of evidence files packed. PackError when a file cannot be read."""
    real_root = os.path.realpath(register.folder)
    listed = entries(register)
    with zipfile.ZipFile(target, "w", allowZip64=True) as pack:
        pack.writestr(_info(register_name, len(register_data)), register_data)
        for name, real in listed:
            source = register.folder / real
            # Checked again when opened: nothing outside the evidence folder, ever.
            resolved = os.path.realpath(source)
            if not os.path.normcase(resolved).startswith(os.path.normcase(real_root + os.sep)):
                raise PackError(f"{source} kini menunjuk ke luar folder bukti; tidak dikemas.")
            try:
                size = os.path.getsize(resolved)
                with open(resolved, "rb") as handle, pack.open(
                        _info(name, size), "w", force_zip64=size >= zipfile.ZIP64_LIMIT) as out:
                    shutil.copyfileobj(handle, out, BLOCK)
            except OSError as exc:
                from zidoc.fs.files import os_reason

                raise PackError(f"{source} tidak dapat dibaca untuk dikemas "
                                f"({os_reason(exc)}).") from None
    return len(listed)
