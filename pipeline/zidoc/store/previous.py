"""Last year's values from last year's build: its archive zip, else its manifest.json."""
from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from zidoc.store.files import MANIFEST, read_manifest


@dataclass(frozen=True)
class LastYear:
    nilai_akhir: Decimal
    persen: dict[str, Decimal]  # per kode, as last year's manifest recorded it
    source: Path  # the manifest or archive it came from


def archive_name(tahun: int, slug: str) -> str:
    return f"arsip-zi-{tahun}-{slug}.zip"


def read_archived_manifest(path: Path) -> dict | None:
    try:
        with zipfile.ZipFile(path) as archive:
            return json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None


def _percent(value) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() and 0 <= number <= 100 else None


def last_year(out_root: Path, tahun: int, slug: str) -> LastYear | None:
    """Values of year `tahun - 1` for the same satker, or None when there is no usable record.

    The archive wins over the folder: it is what was submitted, the folder may have been
    rebuilt since with --paksa."""
    folder = out_root / str(tahun - 1) / slug
    candidates = [
        (folder / archive_name(tahun - 1, slug), read_archived_manifest),
        (folder / MANIFEST, lambda p: read_manifest(p.parent)),
    ]
    for path, read in candidates:
        if not path.is_file():
            continue
        manifest = read(path)
        nilai = manifest.get("nilai") if isinstance(manifest, dict) else None
        if not isinstance(nilai, dict) or manifest.get("tahun") != tahun - 1:
            continue
        akhir = _percent(nilai.get("akhir"))
        if akhir is None:
            continue
        raw = nilai.get("persen") if isinstance(nilai.get("persen"), dict) else {}
        persen = {k: v for k, v in ((k, _percent(v)) for k, v in raw.items()) if v is not None}
        return LastYear(akhir, persen, path)
    return None
