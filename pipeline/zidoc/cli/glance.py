"""The result at a glance: one short block per built workbook, printed after a build.

The figures come from the manifest the build just wrote (the exact values next year's report
and the recap read): the final value, the change from last year, each predikat's thresholds
met or not (naming those not met), and the files written."""
from __future__ import annotations

from pathlib import Path

LABEL_WIDTH = 12


def _line(label: str, text: str) -> str:
    # Not indented: indented lines are the problem lines ("  Sheet!Cell: ...").
    return f"{label:<{LABEL_WIDTH}}: {text}"


def glance(source: Path, written: tuple[Path, ...] | list[Path]) -> list[str]:
    """The block for a workbook built into the folder of `written` (its files, in order);
    empty when nothing was written or the manifest cannot be read."""
    from zidoc.formatting import angka, selisih
    from zidoc.scoring import round2
    from zidoc.store.manifest import FILE_NAME, read_manifest

    if not written:
        return []
    folder = next((p.parent for p in written if p.name == FILE_NAME), written[0].parent)
    manifest = read_manifest(folder).manifest
    if manifest is None or manifest.nilai is None or manifest.nilai.akhir is None:
        return []
    nilai = manifest.nilai
    title = " ".join(str(part) for part in (manifest.satker or source.name,
                                            manifest.tahun or "") if part)
    lines = [f"== {title} =="]
    akhir = angka(nilai.akhir)
    if nilai.tahun_lalu is not None:
        change = round2(nilai.akhir) - round2(nilai.tahun_lalu)
        arah = "naik" if change > 0 else "turun" if change < 0 else "sama"
        akhir += f" (tahun lalu {angka(nilai.tahun_lalu)}: {arah} {selisih(change)})"
    lines.append(_line("Nilai akhir", akhir))
    for nama, met in nilai.predikat.items():
        if met:
            text = "syarat nilai terpenuhi"
        else:
            belum = nilai.syarat_belum.get(nama, ())
            text = "syarat nilai belum terpenuhi" + (f": {'; '.join(belum)}" if belum else "")
        lines.append(_line(nama, text))
    names = [p.relative_to(folder).as_posix() if p.is_relative_to(folder) else p.name
             for p in written if p.name != FILE_NAME]
    lines.append(_line("Berkas", f"{len(names)} berkas di {folder}"))
    # A subfolder's files (a meeting's pack, rapat/R-01/) in one line.
    listed: list[str] = []
    counts: dict[str, int] = {}
    for name in names:
        sub = name.rpartition("/")[0]
        if not sub:
            listed.append(name)
            continue
        if sub not in counts:
            counts[sub] = 0
            listed.append(sub)
        counts[sub] += 1
    lines.extend(f"- {item}/ ({counts[item]} berkas)" if item in counts else f"- {item}"
                 for item in listed)
    return lines
