"""Writing a build's files without ever losing a draft the staff edited.

`manifest.json` records the sha256 of every document zidoc wrote. On a rebuild a document whose
bytes differ from that record (edited in Word since) is left alone and the new draft goes beside
it as `-v2` (then `-v3` ...). Before any document is replaced, a pending manifest names both the
old and the new hash, so a build killed half-way never makes zidoc's own file look edited.

A document open in an editor is never replaced: Word and WPS leave an owner file `~$name`
beside it, LibreOffice `.~lock.name#` (and with Word's AutoSave, WPS or LibreOffice the OS may
not lock the file itself), so the new draft goes beside it as `-v2`. A file that cannot be
replaced all the same (held by another program) is reported; the others are written.

On Windows every name is fitted to the folder's room under the path limit (fs.files), the
same way on every run, with room kept for `-v99`."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from zidoc.fs.files import (
    atomic_write,
    commit,
    deferred_interrupt,
    discard,
    fit_name,
    in_use,
    in_use_reason,
    name_room,
    os_reason,
    owner_files,
    program_for,
    relative_problem,
    remove_stale_temps,
    sha256_bytes,
    sha256_file,
    space_problem,
    stage,
    temp_beside,
)
from zidoc.store.manifest import FILE_NAME, DocumentEntry, Manifest, write_manifest

_VERSION = re.compile(r"^(?P<stem>.+)-v(?P<n>\d+)$")
VERSION_ROOM = len("-v99")  # kept free in a shortened name, so every version fits too


@dataclass(frozen=True)
class Draft:
    kind: str  # DocumentKind.kind
    name: str  # the base output name, e.g. laporan-pelaksanaan-zi-2024.docx
    data: bytes
    ringkasan: dict | None = None  # the document's exact figures, for its manifest entry


@dataclass
class WriteReport:
    entries: list[DocumentEntry] = field(default_factory=list)  # the manifest's "dokumen"
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # edited drafts kept, new drafts beside them
    failures: list[str] = field(default_factory=list)  # files that could not be written

    @property
    def ok(self) -> bool:
        return not self.failures


def versioned(name: str, n: int) -> str:
    """versioned('laporan-2024.docx', 2) -> 'laporan-2024-v2.docx'; n == 1 is the name itself.
    In a subfolder: versioned('rapat/R-01/notulen-R-01.docx', 2) ->
    'rapat/R-01/notulen-R-01-v2.docx'."""
    if n == 1:
        return name
    folder, _, base = name.rpartition("/")
    path = Path(base)
    return (folder + "/" if folder else "") + f"{path.stem}-v{n}{path.suffix}"


def draft_name(folder: Path, name: str, n: int = 1) -> str:
    """Version `n` of `name` in `folder`, shortened (always the same way) when Windows' path
    limit leaves too little room; see fs.files.fit_name."""
    sub, _, base = name.rpartition("/")  # a row's subfolder (rapat/R-01) stays as it is
    room = name_room(folder / sub if sub else folder, base)
    if room is None or len(base) + VERSION_ROOM <= room:
        return versioned(name, n)
    return versioned((sub + "/" if sub else "") + fit_name(base, room - VERSION_ROOM), n)


def version_of(name: str) -> int:
    match = _VERSION.match(Path(name).stem)
    return int(match["n"]) if match else 1


def base_of(name: str) -> str:
    """base_of('laporan-2024-v2.docx') -> 'laporan-2024.docx' (the name of version 1);
    base_of('rapat/R-01/notulen-R-01-v3.docx') -> 'rapat/R-01/notulen-R-01.docx'."""
    folder, _, base = name.rpartition("/")
    path = Path(base)
    match = _VERSION.match(path.stem)
    if not match:
        return name
    return (folder + "/" if folder else "") + f"{match['stem']}{path.suffix}"


def subfolder_of(name: str) -> str:
    """'rapat/R-01/notulen-R-01.docx' -> 'rapat/R-01'; '' for a file of the folder itself."""
    return name.rpartition("/")[0]


def recorded_hashes(entry: DocumentEntry | None) -> set[str]:
    """The hashes zidoc itself wrote for this file (a pending one included)."""
    return entry.hashes if entry is not None else set()


def current_hash(path: Path) -> str | None:
    try:
        return sha256_file(path)
    except OSError:
        return None


@dataclass
class _Plan:
    draft: Draft
    target: str  # file name chosen for the new draft
    new_hash: str
    edited: list[str]  # files of this kind that were changed since zidoc wrote them
    previous: DocumentEntry | None  # the entry of `target`, when zidoc wrote it before
    previous_hash: str | None  # the target's current hash, when it exists
    opened: dict[str, list[str]] = field(default_factory=dict)  # unedited but open: owners

    @property
    def kept(self) -> list[str]:
        """The files left in place for this draft (edited or open), lowest version first."""
        return sorted([*self.edited, *self.opened], key=version_of)


def _plan(folder: Path, draft: Draft, old: dict[str, DocumentEntry],
          present: set[str] | None = None) -> _Plan:
    edited: list[str] = []
    opened: dict[str, list[str]] = {}
    n = 1
    while True:
        name = draft_name(folder, draft.name, n)
        path = folder / name
        if not path.exists():
            return _Plan(draft, name, sha256_bytes(draft.data), edited, old.get(name), None,
                         opened)
        entry = old.get(name)
        now = current_hash(path)
        ours = now is not None and entry is not None and now in recorded_hashes(entry)
        owners = owner_files(path, present)
        if ours and not owners:
            return _Plan(draft, name, sha256_bytes(draft.data), edited, entry, now, opened)
        if ours:
            opened[name] = owners  # open in an editor: replacing it would lose its edits
        else:
            edited.append(name)  # edited since, unreadable, or not written by zidoc: keep it
        n += 1


def _edited_entry(name: str, kind: str, old: dict[str, DocumentEntry], newest: str,
                  built: str | None) -> DocumentEntry:
    entry = old.get(name) or DocumentEntry(jenis=kind, berkas=name)
    return replace(entry, sha256=entry.sha256 or entry.sha256_baru, sha256_baru=None,
                   dibuat=entry.dibuat or built, diubah=True, draf_baru=newest)


def write_outputs(folder: Path, drafts: list[Draft], manifest: Manifest,
                  previous: Manifest | None, extra: dict[str, bytes] | None = None,
                  order: tuple[str, ...] = ()) -> WriteReport:
    """Write `drafts` (protecting edited ones), `extra` plain files, then the manifest.

    All or nothing: every name is planned and checked (length, characters, free space) and
    every file is written to a temporary file beside its target before anything visible
    changes; a name too long or a full disk leaves the folder exactly as it was. Only then are
    the files moved into place (Ctrl+C held meanwhile). A file that refuses the move (open in
    Word on Windows) is reported and the others are still moved.

    `manifest` is the new manifest (its "dokumen" is filled in here); `previous` the one on
    disk (None when absent or broken). Entries of documents not rebuilt this time (--only) are
    kept while their file exists. `order` (document kinds) orders the manifest's entries, each
    kind's versions in turn."""
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(folder)  # left by a build that was killed (never a live one's)
    for sub in sorted({subfolder_of(d.name) for d in drafts} - {""}):
        remove_stale_temps(folder / sub)
    report = WriteReport()
    built = manifest.dibuat
    extra = extra or {}
    old_entries = list(previous.dokumen) if previous is not None else []
    old = {e.berkas: e for e in old_entries}
    try:
        present = {p.name.lower() for p in folder.iterdir()}
    except OSError:
        present = None
    # (a subfolder's owner files are looked for in that subfolder)
    plans = [_plan(folder, d, old, None if "/" in d.name else present) for d in drafts]
    edited = {p.target: [_edited_entry(name, p.draft.kind, old, p.target,
                                       previous.dibuat if previous is not None else None)
                         for name in p.edited]
                        + [replace(old[name], sha256=current_hash(folder / name),
                                   sha256_baru=None, draf_baru=p.target)
                           for name in p.opened]
              for p in plans}

    # Phase 0: every name and the free space checked before the first byte is written.
    files = [(p.target, p.draft.data) for p in plans] + list(extra.items())
    problems = [why for name in [*(n for n, _ in files), FILE_NAME]
                if (why := relative_problem(folder, name)) is not None]
    if not problems:
        needed = sum(len(data) for _, data in files) + 2 * len(manifest.to_bytes()) + (1 << 16)
        if (why := space_problem(folder, needed)) is not None:
            problems.append(why)
    if problems:
        report.failures += [f"{why} Tidak ada berkas yang ditulis di {folder}." for why in problems]
        return report

    # Phase 1: every file written beside its target; the first failure undoes them all.
    staged: dict[str, Path] = {}
    try:
        for name, data in files:
            try:
                staged[name] = stage(folder / name, data)
            except OSError as exc:
                report.failures.append(
                    f"{folder / name} tidak dapat ditulis ({_reason(exc)}). Tidak ada berkas "
                    f"yang ditulis di {folder}; perbaiki penyebabnya lalu jalankan lagi.")
                raise _Undo from None
    except BaseException:  # _Undo, Ctrl+C, anything: no temporary file stays behind
        for tmp in staged.values():
            discard(tmp)
        if report.failures:
            return report
        raise

    # Phase 2: a pending manifest that also accepts each new hash, so a kill between the
    # document moves and the final manifest leaves every file recognised as zidoc's.
    pending: list[DocumentEntry] = []
    for p in plans:
        entry = p.previous or DocumentEntry(jenis=p.draft.kind, berkas=p.target)
        pending += [*edited[p.target],
                    replace(entry, sha256=p.previous_hash, sha256_baru=p.new_hash)]
    targets = {p.target for p in plans} | {e for p in plans for e in [*p.edited, *p.opened]}
    kept = [e for e in old_entries if e.berkas not in targets]
    # Until the final manifest, the folder still describes the previous build (when there was
    # one: a manifest without a year, e.g. "{}", is no record of a build).
    base = previous if previous is not None and previous.tahun is not None else manifest
    pending_manifest = base.with_documents(pending + kept)
    manifest_before = _read_or_none(folder / FILE_NAME)
    try:
        write_manifest(folder, pending_manifest)
    except BaseException as exc:  # nothing moved yet: everything stays as it was
        for tmp in staged.values():
            discard(tmp)
        if not isinstance(exc, OSError):
            raise
        report.failures.append(_manifest_failure(folder, exc))
        return report

    # Phase 3: the moves. A file refused because it is open (Word on Windows) is reported and
    # the others still move; any other failure (a full disk on a network share, a name the
    # server refuses) puts back every file already moved: all or nothing.
    with deferred_interrupt():
        moved, refused, undone = _move_all(folder, staged, [n for n, _ in files])
        if undone is not None:
            _restore_manifest(folder, manifest_before)
            report.failures.append(undone)
            return report
        entries: list[DocumentEntry] = []
        for p in plans:
            path = folder / p.target
            entries += edited[p.target]
            if p.target in moved:
                entry = DocumentEntry(jenis=p.draft.kind, berkas=p.target, sha256=p.new_hash,
                                      dibuat=built, draf_untuk=p.kept[-1] if p.kept else None,
                                      ringkasan=p.draft.ringkasan)
                if p.edited:
                    report.notes.append(
                        f"{folder / p.edited[-1]} sudah diubah sejak disusun zidoc, jadi tidak "
                        f"ditimpa. Draf baru ditulis di sampingnya: {path}"
                    )
                for name, owners in p.opened.items():
                    report.notes.append(_opened_note(folder / name, owners, path))
                entries.append(entry)
                report.written.append(path)
            else:
                report.failures.append(refused[p.target])
                if p.previous is not None:  # unchanged on disk: keep what was recorded
                    entries.append(replace(p.previous, sha256=p.previous_hash, sha256_baru=None))
        for name in extra:
            if name in moved:
                report.written.append(folder / name)
            else:
                report.failures.append(refused[name])
        entries += [e for e in kept if (folder / e.berkas).exists()]
        rank = {kind: n for n, kind in enumerate(order)}
        # The folder's own files first, then each subfolder's (a meeting's pack) in turn; each
        # kind's files (one per period: tw1, tw2 ...) by name, each file's versions in turn.
        entries.sort(key=lambda e: (subfolder_of(e.berkas), rank.get(e.jenis, len(rank)),
                                    base_of(e.berkas), version_of(e.berkas)))
        report.entries = entries
        try:
            report.written.append(write_manifest(folder, manifest.with_documents(entries)))
        except OSError as exc:  # the pending manifest stays: it still recognises every file
            report.failures.append(_manifest_failure(folder, exc))
    return report


def _move_all(folder: Path, staged: dict[str, Path], names: list[str]
              ) -> tuple[set[str], dict[str, str], str | None]:
    """Move each staged file into place, keeping a hard link to the file it replaces (no
    copy, no extra space) until all are moved. Returns (moved names, {refused name: message},
    None) or, when a move failed for another reason than the file being open, everything put
    back and (set(), {}, message)."""
    moved: set[str] = set()
    refused: dict[str, str] = {}
    backups: dict[str, Path | None] = {}
    for name in names:
        path = folder / name
        backup = _link_aside(path)
        try:
            commit(staged.pop(name), path)
        except PermissionError as exc:
            refused[name] = _open_message(path, exc)
            if backup is not None:
                discard(backup)
            continue
        except OSError as exc:
            if backup is not None:
                discard(backup)
            for tmp in staged.values():
                discard(tmp)
            _put_back(folder, moved, backups)
            return set(), {}, (
                f"{path} tidak dapat ditulis ({os_reason(exc)}). Semua berkas di {folder} "
                "dikembalikan seperti semula; tidak ada berkas yang ditulis. Perbaiki "
                "penyebabnya lalu jalankan lagi.")
        moved.add(name)
        backups[name] = backup
    for backup in backups.values():
        if backup is not None:
            discard(backup)
    return moved, refused, None


def _link_aside(path: Path) -> Path | None:
    """A hard link to `path` under a temporary name (None when it does not exist or the file
    system has no hard links)."""
    if not path.exists():
        return None
    aside = temp_beside(path)
    try:
        os.link(path, aside)
    except (OSError, NotImplementedError, AttributeError):
        return None
    return aside


def _put_back(folder: Path, moved: set[str], backups: dict[str, Path | None]) -> None:
    for name in moved:
        path = folder / name
        backup = backups.get(name)
        try:
            if backup is not None:
                os.replace(backup, path)
            else:
                os.unlink(path)  # it did not exist before (or cannot be restored: see notes)
        except OSError:
            pass


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _restore_manifest(folder: Path, before: bytes | None) -> None:
    """The manifest as it was before this build (removed when there was none)."""
    try:
        if before is None:
            os.unlink(folder / FILE_NAME)
        else:
            atomic_write(folder / FILE_NAME, before)
    except OSError:  # the pending manifest stays: it recognises the old files too
        pass


class _Undo(Exception):
    """A staged write failed: undo the others."""


def _reason(exc: OSError) -> str:
    return os_reason(exc)


def _manifest_failure(folder: Path, exc: OSError) -> str:
    return (f"{folder / FILE_NAME} tidak dapat ditulis ({_reason(exc)}). Tutup "
            "berkas itu bila sedang dibuka, lalu jalankan 'zidoc build' lagi.")


def _open_message(path: Path, exc: OSError) -> str:
    if in_use(exc):
        return (f"{path} tidak dapat ditulis: {in_use_reason(path)}. Tutup berkas itu lalu "
                "jalankan 'zidoc build' lagi; berkas lain tetap ditulis.")
    program = program_for(path) or "Word, Excel, WPS"
    return (
        f"{path} tidak dapat ditulis: berkas itu sedang dibuka ({program}) atau folder tidak "
        "boleh ditulisi. Tutup berkasnya lalu jalankan 'zidoc build' lagi; berkas lain tetap "
        "ditulis."
    )


def _opened_note(path: Path, owners: list[str], new: Path) -> str:
    program = "LibreOffice" if owners[0].startswith(".~lock.") else (
        program_for(path) or "Word atau WPS")
    return (f"{path} sedang dibuka di {program} (ada berkas {owners[0]} di sampingnya), jadi "
            f"tidak ditimpa. Draf baru ditulis di sampingnya: {new}. Bila berkas itu tidak "
            f"sedang dibuka, hapus {owners[0]}.")
