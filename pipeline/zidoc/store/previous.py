"""Last year's values from last year's build: its archive zip, else its manifest.json."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from zidoc.store.manifest import (
    FILE_NAME,
    Manifest,
    read_archived_manifest,
    read_manifest,
)


@dataclass(frozen=True)
class LastYear:
    nilai_akhir: Decimal
    persen: dict[str, Decimal]  # per kode, as last year's manifest recorded it
    source: Path  # the manifest or archive it came from


def archive_name(tahun: int, slug: str) -> str:
    return f"arsip-zi-{tahun}-{slug}.zip"


def _percent(value: Decimal | None) -> Decimal | None:
    return value if value is not None and 0 <= value <= 100 else None


def _values(manifest: Manifest | None, tahun: int, source: Path) -> LastYear | None:
    if manifest is None or manifest.nilai is None or manifest.tahun != tahun:
        return None
    akhir = _percent(manifest.nilai.akhir)
    if akhir is None:
        return None
    persen = {k: v for k, v in manifest.nilai.persen.items() if _percent(v) is not None}
    return LastYear(akhir, persen, source)


def last_year(out_root: Path, tahun: int, slug: str) -> LastYear | None:
    """Values of year `tahun - 1` for the same satker, or None when there is no usable record
    (absent, broken, another year, or no final value).

    The archive wins over the folder: it is what was submitted, the folder may have been
    rebuilt since with --paksa."""
    folder = out_root / str(tahun - 1) / slug
    readings = [
        (folder / archive_name(tahun - 1, slug), read_archived_manifest),
        (folder / FILE_NAME, lambda p: read_manifest(p.parent)),
    ]
    for path, read in readings:
        if not path.is_file():
            continue
        reading = read(path)
        found = _values(reading.manifest, tahun - 1, path)
        if found is not None:
            return found
    return None
