"""`zidoc archive`: freeze a year into one zip per satker.

Each zip holds the documents as they are now (the staff's edited versions), a PDF/A of each,
the copy of the source workbook and the manifest with every sha256. The zip is deterministic
(sorted entries, fixed timestamps) and, once written, never rewritten: an archived year is
frozen."""
from __future__ import annotations

import io
import re
import tempfile
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from zidoc.fs.files import atomic_write, folder_problem, is_relative_name, sha256_bytes
from zidoc.fs.lock import FolderLock, LockBusy
from zidoc.store.manifest import (
    FILE_NAME,
    ArchivedFile,
    ArchiveRecord,
    DocumentEntry,
    Manifest,
    read_archived_manifest,
    read_manifest,
)
from zidoc.store.previous import archive_name

# PDF/A-2b through LibreOffice's PDF export filter (JSON filter options: LibreOffice 7.4+).
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_PDFAID = re.compile(rb"pdfaid:part(?:>|=[\"'])\s*[1-4]")


class ArchiveError(Exception):
    """Why nothing was archived, worded for the user."""


@dataclass
class ArchiveOutcome:
    created: list[Path] = field(default_factory=list)
    frozen: list[Path] = field(default_factory=list)  # archived before: left exactly as they were
    notes: list[str] = field(default_factory=list)  # newer drafts archived beside edited ones


def is_pdfa(pdf: bytes) -> bool:
    """True when the PDF's XMP metadata declares PDF/A conformance (pdfaid:part)."""
    return _PDFAID.search(pdf) is not None


def archive_path(folder: Path, tahun: int) -> Path:
    return folder / archive_name(tahun, folder.name)


def satker_folders(out_root: Path, tahun: int) -> list[tuple[Path, Manifest]]:
    """Every out_root/<tahun>/<slug>/ holding a readable manifest of that year, by name."""
    year = out_root / str(tahun)
    found = []
    if year.is_dir():
        for folder in sorted(p for p in year.iterdir() if p.is_dir()):
            manifest = read_manifest(folder).manifest
            if manifest is not None and manifest.tahun == tahun:
                found.append((folder, manifest))
    return found


def archived_manifest(folder: Path, tahun: int) -> Manifest | None:
    """The manifest inside the year's archive zip; None when there is no archive, or when it
    cannot be read (the zip itself is never rewritten)."""
    path = archive_path(folder, tahun)
    return read_archived_manifest(path).manifest if path.is_file() else None


def document_files(folder: Path, manifest: Manifest) -> list[tuple[DocumentEntry, Path]]:
    """The documents the manifest records that are on disk (edited ones and newer drafts),
    in the folder or a subfolder of it (a meeting's pack: rapat/<kode>/)."""
    return [(entry, folder / entry.berkas) for entry in manifest.dokumen
            if is_relative_name(entry.berkas) and (folder / entry.berkas).is_file()]


def deterministic_zip(files: dict[str, bytes]) -> bytes:
    """A zip of `files` whose bytes depend on the contents only."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


@dataclass
class _Pending:
    folder: Path
    manifest: Manifest
    documents: list[tuple[DocumentEntry, str, bytes]]  # (entry, file name, bytes now on disk)
    workbook: tuple[str, bytes]


def _collect(folder: Path, manifest: Manifest) -> _Pending:
    documents = [(entry, entry.berkas, path.read_bytes())
                 for entry, path in document_files(folder, manifest)]
    if not documents:
        raise ArchiveError(f"{folder}: tidak ada dokumen untuk diarsipkan. Jalankan 'zidoc build' "
                           "lebih dulu.")
    copy = manifest.sumber.salinan if manifest.sumber is not None else None
    if not isinstance(copy, str) or Path(copy).name != copy or not (folder / copy).is_file():
        raise ArchiveError(
            f"{folder}: salinan workbook sumber tidak ditemukan. Jalankan 'zidoc build' sekali "
            "lagi (dokumen yang sudah diubah tidak akan ditimpa), lalu arsipkan lagi."
        )
    return _Pending(folder, manifest, documents, (copy, (folder / copy).read_bytes()))


def _zip_files(item: _Pending, pdfs: dict[str, bytes], tahun: int, when: str) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    listing = []
    for entry, name, data in item.documents:
        pdf_name = str(Path(name).with_suffix(".pdf").as_posix())  # beside it, in its folder
        files[name] = data
        files[pdf_name] = pdfs[name]
        listing.append(ArchivedFile(berkas=name, isi="dokumen", jenis=entry.jenis,
                                    sha256=sha256_bytes(data)))
        listing.append(ArchivedFile(berkas=pdf_name, isi="pdf/a", jenis=entry.jenis,
                                    sha256=sha256_bytes(pdfs[name])))
    name, data = item.workbook
    files[name] = data
    listing.append(ArchivedFile(berkas=name, isi="workbook sumber", sha256=sha256_bytes(data)))
    arsip = ArchiveRecord(tahun=tahun, diarsipkan=when,
                          berkas=tuple(sorted(listing, key=lambda e: e.berkas)))
    files[FILE_NAME] = replace(item.manifest, arsip=arsip).to_bytes()
    return files


def archive_year(out_root: Path, tahun: int, convert=None) -> ArchiveOutcome:
    """Archive every satker folder of `tahun` not archived yet, with one LibreOffice run.

    Nothing is written unless every conversion succeeded. `convert` defaults to office.convert
    (same signature); tests may pass a stand-in."""
    from zidoc.store import office

    folders = satker_folders(out_root, tahun)
    if not folders:
        raise ArchiveError(
            f"Belum ada hasil untuk tahun {tahun} di {out_root / str(tahun)}. Jalankan "
            "'zidoc build' lebih dulu."
        )
    outcome = ArchiveOutcome()
    todo = []
    for folder, manifest in folders:
        if archive_path(folder, tahun).exists():
            outcome.frozen.append(archive_path(folder, tahun))
        else:
            todo.append((folder, manifest))
    if not todo:
        return outcome
    # Windows' path limit for every archive, before any conversion (the zip's name is fixed:
    # next year's build finds last year's figures by it).
    for folder, _manifest in todo:
        path = archive_path(folder, tahun)
        if (why := folder_problem(folder, [path.name])) is not None:
            raise ArchiveError(f"{why[0].upper()}{why[1:]} Tidak ada arsip yang ditulis.")
    if convert is None:
        if office.find_soffice() is None:
            raise ArchiveError(office.INSTALL_HINT)
        convert = office.convert
    with ExitStack() as locks:
        # Each folder's build lock, from reading the documents to writing the archive: a
        # build cannot change them meanwhile, nor write into the year once it is frozen.
        for folder, _manifest in todo:
            try:
                locks.enter_context(FolderLock(folder))
            except LockBusy as exc:
                raise ArchiveError(f"{exc} Tidak ada arsip yang ditulis.") from None
        # Read again under the locks: a build or another archive may have finished just before.
        frozen = [f for f, _m in todo if archive_path(f, tahun).exists()]
        outcome.frozen += [archive_path(f, tahun) for f in frozen]
        todo = [(folder, read_manifest(folder).manifest or manifest)
                for folder, manifest in todo if folder not in frozen]
        if todo:
            _archive(todo, tahun, convert, outcome)
    return outcome


def _archive(todo: list[tuple[Path, Manifest]], tahun: int, convert,
             outcome: ArchiveOutcome) -> None:
    from zidoc.store import office

    pending = [_collect(folder, manifest) for folder, manifest in todo]

    with tempfile.TemporaryDirectory(prefix="zidoc-arsip-") as tmp:
        inputs: list[tuple[_Pending, str, Path]] = []
        for n, item in enumerate(pending):
            for m, (_entry, name, data) in enumerate(item.documents):
                # A numbered copy: the same file names recur in every satker folder (and in
                # every meeting's subfolder), and LibreOffice never touches (or leaves lock
                # files beside) the staff's files.
                source = Path(tmp) / "dokumen" / f"{n:03d}-{m:04d}-{Path(name).name}"
                source.parent.mkdir(exist_ok=True)
                source.write_bytes(data)
                inputs.append((item, name, source))
        try:
            produced = convert([s for _, _, s in inputs], Path(tmp) / "pdf", PDFA_FILTER,
                               timeout=120 + 30 * len(inputs))
        except office.OfficeError as exc:
            raise ArchiveError(f"{exc} Tidak ada arsip yang ditulis.") from None
        pdfs: dict[int, dict[str, bytes]] = {}
        for (item, name, _source), pdf in zip(inputs, produced):
            data = pdf.read_bytes()
            if not is_pdfa(data):
                raise ArchiveError(
                    f"{item.folder / name}: LibreOffice tidak menghasilkan PDF/A. Perbarui "
                    "LibreOffice ke versi 7.4 atau yang lebih baru. Tidak ada arsip yang ditulis."
                )
            pdfs.setdefault(id(item), {})[name] = data

    when = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for item in pending:
        names = {name for _entry, name, _data in item.documents}
        for entry, name, _data in item.documents:
            if entry.draf_baru in names:
                outcome.notes.append(
                    f"Perhatian: {item.folder / name} sudah diubah dan draf yang lebih baru "
                    f"({entry.draf_baru}) belum dipakai; keduanya ikut diarsipkan."
                )
        target = archive_path(item.folder, tahun)
        atomic_write(target, deterministic_zip(_zip_files(item, pdfs[id(item)], tahun, when)))
        outcome.created.append(target)
