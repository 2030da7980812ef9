"""Generated workbooks for the benchmarks: other satker, other scores, long sheets."""
from __future__ import annotations

import random
from pathlib import Path

from zidoc.config import load_config
from zidoc.workbook.example import load_example
from zidoc.workbook.schema import RENCANA_AKSI, TIM

EXAMPLE = load_example()
AREA_CODES = load_config(Path(__file__).resolve().parent.parent / "config.toml").lke.areas


def _fill(ws, headers: tuple[str, ...], rows: list[dict]) -> None:
    """Replace the data rows of `ws` (header in row 1) with `rows`."""
    if ws.max_row > 1:
        ws.delete_rows(2, ws.max_row - 1)
    for row in rows:
        ws.append([row.get(h) for h in headers])


def _set_identitas(ws, values: dict) -> None:
    for key_cell, value_cell, *_ in ws.iter_rows(min_row=2):
        if key_cell.value in values:
            value_cell.value = values[key_cell.value]


def satker_variants(base: Path, folder: Path, count: int, seed: int = 6) -> list[Path]:
    """`count` copies of the example with other satker names and other percentages."""
    import openpyxl

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        wb = openpyxl.load_workbook(base)
        name = f"Kabupaten Contoh {n:03d}"
        _set_identitas(wb["Identitas"], {
            "nama_satker": f"Komisi Pemilihan Umum {name}",
            "singkatan_satker": f"KPU {name}",
            "penandatangan_jabatan": f"Ketua Komisi Pemilihan Umum {name}",
            "nilai_tahun_lalu": round(rng.uniform(60, 95), 2),
            "nilai_resmi": None,
        })
        for row in wb["Nilai"].iter_rows(min_row=2):
            if row[0].value:
                row[2].value = round(rng.uniform(55, 100), 2)
        path = folder / f"satker-{n:03d}.xlsx"
        wb.save(path)
        paths.append(path)
    return paths


def team(size: int) -> list[dict]:
    """A valid team of `size` members: the five leaders, then coordinators and members."""
    heads = ["Pengarah", "Penanggung Jawab", "Ketua", "Wakil Ketua", "Sekretaris"]
    nips = [m["nip"] for m in EXAMPLE.tim if m["nip"]]
    rows = []
    for n in range(1, size + 1):
        source = EXAMPLE.tim[(n - 1) % len(EXAMPLE.tim)]
        if n <= len(heads):
            kedudukan, area = heads[n - 1], None
        else:
            area = AREA_CODES[(n - 6) % 6]
            kedudukan = "Koordinator" if n - 6 < 6 else "Anggota"
        rows.append({
            "no": n, "nama": f"Pegawai {n}", "nip": nips[n % len(nips)],
            "pangkat_golongan": source["pangkat_golongan"] or None,
            "jabatan": source["jabatan"], "kedudukan": kedudukan, "area": area,
        })
    return rows


def action_plan(size: int) -> list[dict]:
    """`size` action rows, the example's actions repeated with a running number."""
    rows = []
    for n in range(size):
        aksi = EXAMPLE.rencana_aksi[n % len(EXAMPLE.rencana_aksi)]
        row = {k: v for k, v in aksi.items() if k != "bulan"}
        row["kegiatan"] = f"{aksi['kegiatan']} (kegiatan {n + 1})"
        if n >= len(EXAMPLE.rencana_aksi):  # each action its own code; the first keep theirs
            row["kode"] = f"{aksi['kode']}-{n + 1}"  # (the example's Realisasi names them)
        row.update({m: "x" for m in aksi["bulan"]})
        rows.append(row)
    return rows


def large(base: Path, target: Path, members: int | None = None, actions: int | None = None) -> Path:
    """The example with a team of `members` and an action plan of `actions` rows."""
    import openpyxl

    wb = openpyxl.load_workbook(base)
    if members is not None:
        _fill(wb["Tim"], TIM.headers, team(members))
    if actions is not None:
        _fill(wb["RencanaAksi"], RENCANA_AKSI.headers, action_plan(actions))
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target
