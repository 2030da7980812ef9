"""`zidoc bukti`'s files for one satker, written all-or-nothing under the folder's build lock:
the register (and, with `kemas`, the pack) are written beside their targets first, names and
free space checked before the first byte; only when both are complete are they moved into
place."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from zidoc.bukti.pack import PackError, pack_name, write_pack
from zidoc.bukti.register import Register
from zidoc.bukti.sheet import register_bytes, register_name
from zidoc.formatting import angka, persen


@dataclass
class EvidenceOutput:
    folder: Path
    written: list[Path] = field(default_factory=list)
    packed: int = 0  # evidence files in the pack
    failures: list[str] = field(default_factory=list)


def write_evidence(register: Register, folder: Path, satker: str = "", kemas: bool = False,
                   wait: float | None = None, after: Callable[[], object] | None = None
                   ) -> EvidenceOutput:
    """Write the register (and the pack) into `folder`; on any failure nothing is written.
    `after`: called under the lock once both are in place (the manifest's record)."""
    from zidoc.fs.files import (
        commit,
        deferred_interrupt,
        discard,
        name_problem,
        os_reason,
        remove_stale_temps,
        space_problem,
        stage,
        temp_beside,
    )
    from zidoc.fs.lock import FolderLock, LockBusy

    result = EvidenceOutput(folder)
    names = [register_name(register.tahun)] + ([pack_name(register.tahun)] if kemas else [])
    data = register_bytes(register, folder, satker)
    try:
        with FolderLock(folder, wait):
            remove_stale_temps(folder)
            problems = [why for name in names if (why := name_problem(folder, name))]
            needed = len(data) * 2 + (sum(f.size or 0 for q in register.questions
                                          for f in q.files) if kemas else 0)
            if not problems and (why := space_problem(folder, needed)):
                problems.append(why)
            if problems:
                result.failures += [f"{why} Tidak ada berkas yang ditulis di {folder}."
                                    for why in problems]
                return result
            staged: dict[str, Path] = {}
            try:
                staged[names[0]] = stage(folder / names[0], data)
                if kemas:
                    staged[names[1]] = temp_beside(folder / names[1])
                    result.packed = write_pack(staged[names[1]], register, names[0], data)
                with deferred_interrupt():
                    for name in names:
                        commit(staged.pop(name), folder / name)
                        result.written.append(folder / name)
                if after is not None:
                    after()
            except (OSError, PackError) as exc:
                reason = str(exc) if isinstance(exc, PackError) else (
                    f"{getattr(exc, 'filename', None) or folder} tidak dapat ditulis "
                    f"({os_reason(exc)}). Bila berkas itu sedang dibuka di Excel, tutup "
                    "lalu jalankan lagi.")
                written = (" Berkas yang sudah dipindahkan: "
                           + ", ".join(p.name for p in result.written) + "."
                           if result.written else f" Tidak ada berkas yang ditulis di {folder}.")
                result.failures.append(reason + written)
            finally:
                for tmp in staged.values():
                    discard(tmp)
    except LockBusy as exc:
        result.failures.append(f"{exc} Tidak ada berkas yang ditulis.")
    return result


def summary_lines(register: Register, output: EvidenceOutput | None = None,
                  satker: str = "") -> list[str]:
    """The block `zidoc bukti` prints per satker (Indonesian)."""
    lines = [f"Bukti dukung {satker} tahun {register.tahun} ({register.folder}):".replace(
        "  ", " ")]
    for s in (*register.areas, register.total):
        label = s.kode or "Jumlah"
        lines.append(f"  {label:<7}lengkap {s.lengkap}/{s.terjawab} terjawab "
                     f"({persen(s.persen_lengkap)})")
    lines.append(f"  jawaban bernilai tanpa berkas: {register.positive_without_files}")
    lines.append(f"  rujukan rusak atau ditolak: {register.broken}")
    size = sum(s for _, s in register.unreferenced)
    lines.append(f"  berkas tidak dirujuk: {len(register.unreferenced)}"
                 + (f" ({angka(Decimal(size) / 1048576)} MB)" if register.unreferenced else ""))
    if output is not None:
        for path in output.written:
            lines.append(f"  ditulis: {path}")
        if output.packed:
            lines.append(f"  {output.packed} berkas bukti dikemas.")
    return lines
