"""`zidoc status`: what is in the output folder, per satker and document.

For each document: when zidoc generated it, whether it was edited since (its sha256 no longer
matches the manifest), whether a newer draft is waiting beside it, and whether it is archived."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from zidoc.registry import DOCUMENTS, DocumentKind, title_of
from zidoc.store.archive import archive_path, archived_manifest
from zidoc.store.drafts import current_hash, recorded_hashes
from zidoc.store.manifest import FILE_NAME, EvidenceSummary, Manifest, read_manifest


@dataclass(frozen=True)
class DocumentStatus:
    jenis: str
    berkas: str
    dibuat: str | None  # ISO time from the manifest
    ada: bool  # the file is on disk
    diubah: bool  # edited since zidoc wrote it (or not written by zidoc)
    draf_baru: str | None  # a newer draft waiting beside it
    arsip: str  # "ya", "tidak", "berubah" (differs from the archived copy), "-" (no archive)


@dataclass(frozen=True)
class SatkerStatus:
    tahun: int
    folder: Path
    satker: str
    dibuat: str | None
    arsip: Path | None  # the archive zip, when the year is archived
    diarsipkan: str | None  # when
    dokumen: tuple[DocumentStatus, ...]
    rusak: bool = False  # manifest.json is there but cannot be read
    lebih_baru: int | None = None  # the manifest's format, when a newer zidoc wrote it
    bukti: EvidenceSummary | None = None  # the build's evidence check, when the LKE has rows


def years(out_root: Path) -> list[int]:
    if not out_root.is_dir():
        return []
    return sorted(int(p.name) for p in out_root.iterdir() if p.is_dir() and p.name.isdigit())


def satker_status(folder: Path, manifest: Manifest, tahun: int) -> SatkerStatus:
    archived = archived_manifest(folder, tahun)
    record = archived.arsip if archived is not None else None
    in_zip = {e.berkas: e.sha256 for e in record.berkas} if record is not None else {}
    documents = []
    for entry in manifest.dokumen:
        now = current_hash(folder / entry.berkas)
        waiting = entry.draf_baru
        if not (waiting and (folder / waiting).is_file()):
            waiting = None
        if not archived:
            arsip = "-"
        elif entry.berkas not in in_zip:
            arsip = "tidak"
        else:
            arsip = "ya" if now == in_zip[entry.berkas] else "berubah"
        documents.append(DocumentStatus(
            jenis=entry.jenis or "",
            berkas=entry.berkas,
            dibuat=entry.dibuat or manifest.dibuat,
            ada=now is not None,
            diubah=now is not None and now not in recorded_hashes(entry),
            draf_baru=waiting,
            arsip=arsip,
        ))
    return SatkerStatus(
        tahun=tahun,
        folder=folder,
        satker=manifest.singkatan_satker or manifest.satker or folder.name,
        dibuat=manifest.dibuat,
        arsip=archive_path(folder, tahun) if archived else None,
        diarsipkan=record.diarsipkan if record is not None else None,
        dokumen=tuple(documents),
        lebih_baru=manifest.versi_format if manifest.newer else None,
        bukti=manifest.bukti,
    )


def collect(out_root: Path, tahun: int | None = None) -> list[SatkerStatus]:
    result = []
    for year in [tahun] if tahun is not None else years(out_root):
        root = out_root / str(year)
        if not root.is_dir():
            continue
        for folder in sorted(p for p in root.iterdir() if (p / FILE_NAME).is_file()):
            reading = read_manifest(folder)
            if reading.manifest is None:  # broken (absent is ruled out above)
                result.append(SatkerStatus(year, folder, folder.name, None, None, None, (),
                                           rusak=True))
            elif reading.manifest.tahun == year:
                result.append(satker_status(folder, reading.manifest, year))
    return result


def when(iso: str | None) -> str:
    """'2025-05-19T02:05:00+00:00' -> '19 Mei 2025 09.05' in local time."""
    from zidoc.formatting import tanggal

    if not iso:
        return "-"
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return f"{tanggal(moment.date())} {moment:%H.%M}"


def table(rows: list[list[str]], indent: str = "  ") -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [indent + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def report(statuses: list[SatkerStatus], documents: tuple[DocumentKind, ...] = DOCUMENTS
           ) -> list[str]:
    """Plain Indonesian lines, one block per satker; documents named by their registry title."""
    lines: list[str] = []
    for s in statuses:
        if lines:
            lines.append("")
        lines.append(f"Tahun {s.tahun} - {s.satker} ({s.folder})")
        if s.rusak:
            lines.append(f"  {FILE_NAME} rusak atau tidak dapat dibaca, jadi keadaan dokumennya "
                         "tidak diketahui. Aman untuk menjalankan 'zidoc build' lagi: dokumen "
                         "yang sudah diubah tetap disimpan dan draf baru ditulis di sampingnya.")
            continue
        if s.lebih_baru is not None:
            lines.append(f"  Catatan: {FILE_NAME} ditulis oleh zidoc yang lebih baru (format "
                         f"{s.lebih_baru}); bagian yang dikenal versi ini tetap dibaca. "
                         "Perbarui zidoc untuk keterangan selengkapnya.")
        if s.arsip:
            lines.append(f"  Sudah diarsipkan {when(s.diarsipkan)}: {s.arsip.name}")
        else:
            lines.append("  Belum diarsipkan.")
        if s.bukti is not None and s.bukti.terjawab is not None:
            line = f"  bukti: lengkap {s.bukti.lengkap} dari {s.bukti.terjawab} terjawab"
            if s.bukti.tanpa_berkas:
                line += f"; {s.bukti.tanpa_berkas} jawaban bernilai belum didukung berkas"
            lines.append(line + ".")
        rows = [["Dokumen", "Berkas", "Disusun", "Diubah sejak disusun", "Draf baru menunggu",
                 "Diarsipkan"]]
        for d in s.dokumen:
            edited = "berkas hilang" if not d.ada else "ya" if d.diubah else "tidak"
            archived = {"ya": "ya", "tidak": "tidak", "berubah": "ya, tetapi berubah sesudahnya",
                        "-": "belum"}[d.arsip]
            rows.append([title_of(d.jenis, documents), d.berkas, when(d.dibuat), edited,
                         d.draf_baru or "-", archived])
        lines += table(rows)
        waiting = [d for d in s.dokumen if d.draf_baru]
        for d in waiting:
            lines.append(f"  Catatan: draf baru {d.draf_baru} menunggu; bandingkan dengan "
                         f"{d.berkas} yang sudah diubah.")
    return lines
