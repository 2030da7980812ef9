"""References in a bukti_dukung cell and the files they name (spec/bukti.md, "References").

>>> [(r.kind, r.text) for r in parse("SK Tim/SK 443.pdf; https://zi.example.go.id/ra\\nSK Nomor 443")]
[('path', 'SK Tim/SK 443.pdf'), ('link', 'https://zi.example.go.id/ra'), ('teks', 'SK Nomor 443')]
>>> parse("Rencana Aksi.pdf")[0].kind, parse("Laporan Monev TW1")[0].kind
('path', 'teks')

A path is looked up component by component: the exact name first, else the one name that
matches ignoring case. A symbolic link met on the way is followed when it points inside the
evidence folder (once: links inside a linked folder are not followed again) and refused when
it points outside; a link to a folder above itself (a loop) is not followed."""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field

from zidoc.bukti.scan import DIR, FILE, LINK, Tree, join

PATH, LINK_REF, TEKS = "path", "link", "teks"
_SEPARATORS = re.compile(r"[\n;]")
_LINK = re.compile(r"^https?://", re.IGNORECASE)
_HOST = re.compile(r"^https?://[^\s/?#]+", re.IGNORECASE)
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")
_ABSOLUTE = re.compile(r"^(?:[/\\]|[A-Za-z]:|[A-Za-z][A-Za-z0-9+.-]+:[/\\])")
MAX_HOPS = 40  # links followed while resolving one path: more is a loop


@dataclass(frozen=True)
class Reference:
    kind: str  # PATH, LINK_REF or TEKS
    text: str  # as written (trimmed)


def parse(cell: str | None) -> list[Reference]:
    """The references of one cell: split on line breaks and ';', each classified."""
    found = []
    for part in _SEPARATORS.split(cell or ""):
        text = part.strip()
        if not text:
            continue
        if _LINK.match(text):
            found.append(Reference(LINK_REF, text))
        elif "/" in text or "\\" in text or _EXTENSION.search(text):
            found.append(Reference(PATH, text))
        else:
            found.append(Reference(TEKS, text))
    return found


def link_problem(text: str) -> str | None:
    if _HOST.match(text):
        return None
    return f"tautan '{text}' tidak lengkap: tulis alamat situsnya, misalnya https://contoh.go.id/..."


@dataclass(frozen=True)
class Found:
    """One file a reference reaches: `shown` as the user reaches it (through a link's name),
    `real` where it lies (both relative to the evidence folder)."""
    shown: str
    real: str
    size: int


@dataclass
class Resolution:
    files: list[Found] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # warnings for the reference's cell
    outside: bool = False  # refused: nothing of it is listed or packed
    missing: bool = False  # matched nothing (or ambiguously)
    folder: bool = False  # the reference names a folder


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def _relative(tree: Tree, target: str) -> str | None:
    """`target` (a real path) relative to the evidence folder with '/', or None outside."""
    root = tree.real_root
    if target == root:
        return ""
    if os.path.normcase(target).startswith(os.path.normcase(root.rstrip(os.sep) + os.sep)):
        return target[len(root.rstrip(os.sep)) + 1:].replace(os.sep, "/")
    return None


def _follow(tree: Tree, path: str) -> tuple[str | None, str | None]:
    """(real relative path, None) of the link at `path`, or (None, why) when it points out."""
    try:
        target = os.path.realpath(tree.root / path)
    except (OSError, RuntimeError):  # pragma: no cover - realpath of a loop (strict modes)
        return None, "berputar"
    rel = _relative(tree, target)
    if rel is None:
        return None, "luar"
    return rel, None


def refused_reason(text: str) -> str | None:
    """Why a path reference may not be looked up at all (absolute, going up), or None."""
    if _ABSOLUTE.match(text):
        return "jalurnya mutlak (diawali / atau \\ atau huruf drive)"
    parts = re.split(r"[/\\]+", text)
    if any(p.strip() == ".." for p in parts):
        return "jalurnya naik ke folder di atasnya (..)"
    return None


def _suggest(tree: Tree, parent: str, name: str, whole: str) -> str | None:
    """The closest existing name: the same file name elsewhere, else a sibling close in
    spelling."""
    import difflib

    wanted = _fold(name)
    if "/" not in whole.replace("\\", "/"):
        same = sorted(p for p in tree.files if _fold(p.rpartition("/")[2]) == wanted)
        if same:
            return same[0]
    kids = tree.children.get(parent, {})
    folded = {_fold(k): k for k in kids}
    close = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.6)
    return join(parent, folded[close[0]]) if close else None


def resolve(tree: Tree, text: str) -> Resolution:
    """The files a path reference names (a folder: every file in it, at any depth)."""
    result = Resolution()
    why = refused_reason(text)
    if why is not None:
        result.outside = True
        result.problems.append(f"'{text}' ditolak: {why}, jadi berada di luar folder bukti; "
                               "tidak didaftar dan tidak dikemas. Tulis jalurnya mulai dari "
                               f"folder {tree.root.parent.name}/{tree.root.name}/, misalnya "
                               "SK Tim/SK 443.pdf.")
        return result
    parts = [p.strip() for p in re.split(r"[/\\]+", text) if p.strip() not in ("", ".")]
    if not tree.exists:
        result.missing = True
        result.problems.append(f"'{text}' tidak ditemukan: folder bukti {tree.root} belum ada. "
                               "Buat folder itu dan simpan berkas buktinya di sana.")
        return result
    real, shown, hops = "", "", 0
    kind = DIR
    for n, part in enumerate(parts):
        kids = tree.children.get(real, {})
        name = part if part in kids else None
        if name is None:
            matches = [k for k in kids if _fold(k) == _fold(part)]
            if len(matches) > 1:
                result.missing = True
                result.problems.append(
                    f"'{text}' cocok dengan beberapa nama yang hanya berbeda huruf besar/kecil "
                    f"({', '.join(sorted(join(shown, m) for m in matches))}); tulis namanya "
                    "persis.")
                return result
            name = matches[0] if matches else None
        if name is None:
            result.missing = True
            close = _suggest(tree, real, part, text)
            result.problems.append(f"berkas atau folder '{text}' tidak ditemukan di folder bukti"
                                   + (f"; mungkin maksudnya '{close}'?" if close else "."))
            return result
        shown = join(shown, name)
        kind = kids[name]
        path = join(real, name)
        if kind == LINK:
            hops += 1
            target, why = _follow(tree, path) if hops <= MAX_HOPS else (None, "berputar")
            if target is None:
                result.outside = why == "luar"
                result.missing = not result.outside
                result.problems.append(
                    f"'{text}' melewati tautan (symbolic link/junction) '{shown}' yang menunjuk "
                    "ke luar folder bukti; tidak didaftar dan tidak dikemas." if result.outside
                    else f"'{text}' melewati tautan '{shown}' yang berputar; tidak diikuti.")
                return result
            kind = FILE if target in tree.files else DIR if target in tree.dirs else None
            if kind is None:
                result.missing = True
                result.problems.append(f"'{text}': tautan '{shown}' menunjuk ke berkas yang "
                                       "tidak ada atau tidak dibaca.")
                return result
            path = target
        real = path
        if kind == FILE and n < len(parts) - 1:
            result.missing = True
            result.problems.append(f"'{text}' tidak ditemukan: '{shown}' adalah berkas, bukan "
                                   "folder.")
            return result
    if kind == FILE:
        result.files.append(Found(shown, real, tree.files[real]))
    else:
        result.folder = True
        result.files.extend(folder_files(tree, real, shown, result.problems))
        if not result.files and not result.problems:
            result.problems.append(f"folder '{text}' tidak berisi berkas.")
    return result


def folder_files(tree: Tree, real: str, shown: str, problems: list[str],
                 follow: bool = True) -> list[Found]:
    """Every file under the folder `real` (reached as `shown`), in name order. Links inside
    are followed once when they point inside and are not a loop; the others are named in
    `problems`."""
    found: list[Found] = []
    kids = tree.children.get(real, {})
    for name in sorted(kids):
        kind = kids[name]
        path, seen = join(real, name), join(shown, name)
        if kind == FILE:
            found.append(Found(seen, path, tree.files[path]))
        elif kind == DIR:
            found.extend(folder_files(tree, path, seen, problems, follow))
        elif follow:
            target, why = _follow(tree, path)
            if target is None:
                problems.append(f"tautan '{seen}' menunjuk ke luar folder bukti; tidak "
                                "didaftar dan tidak dikemas.")
            elif target in tree.files:
                found.append(Found(seen, target, tree.files[target]))
            elif target in tree.dirs:
                if target == "" or real == target or real.startswith(target + "/"):
                    problems.append(f"tautan '{seen}' menunjuk ke folder di atasnya (berputar); "
                                    "tidak diikuti.")
                else:
                    found.extend(folder_files(tree, target, seen, problems, follow=False))
    return found
