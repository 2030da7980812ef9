"""The meeting pack at scale (issue 21), run on demand.

    python benchmarks/bench_rapat.py prepare DIR [--meetings 50] [--people 30] [--photos 12]

writes into DIR a working folder (config.toml, templates) with

- `rapat-50x30.xlsx`: the example workbook with 50 meetings of 30 invitees each (1,500 rows
  of Peserta), every meeting with its minutes' points;
- `tanpa-rapat.xlsx`: the same workbook without the Rapat and Peserta sheets (the baseline:
  the rest of the build);
- `foto.xlsx` and `bukti/2024/rapat/R-01/`: twelve 4000 x 3000 phone-like photos of about
  4 MB each (noise, so that JPEG cannot shrink them), for meeting R-01.

Then time the builds as whole processes, side by side (farm-bench), e.g.:

    farm-bench -n 5 --timeout 600 -- python -m zidoc build DIR/rapat-50x30.xlsx --out DIR/o1 \\
        --vs 'python -m zidoc build DIR/tanpa-rapat.xlsx --out DIR/o2'

and `python benchmarks/bench_rapat.py sizes DIR` prints the sizes of the photos and of the
dokumentasi written from them (build `foto.xlsx` first: `python -m zidoc build
DIR/foto.xlsx --out DIR/o3 --only rapat`, from DIR)."""
from __future__ import annotations

import argparse
import datetime
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "pipeline"))

PHOTO_SIZE = (4000, 3000)


def _replace(wb, name: str, header: list[str], rows: list[list]) -> None:
    index = wb.sheetnames.index(name)
    del wb[name]
    ws = wb.create_sheet(name, index)
    ws.append(header)
    for row in rows:
        ws.append(row)


def meetings_workbook(source: Path, target: Path, meetings: int, people: int) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(source)
    start = datetime.date(2024, 1, 8)
    rapat = []
    for n in range(1, meetings + 1):
        day = start + datetime.timedelta(days=7 * (n - 1))
        rapat.append([f"R-{n:02d}", day, "09.00 - 11.30", "Ruang Rapat KPU Kota Bengkulu",
                      f"Rapat koordinasi ke-{n}\nEvaluasi pelaksanaan rencana aksi",
                      None, f"{n}/PR.01-Und/2024", None, None,
                      "\n".join(f"Pembahasan butir {k} rapat ke-{n}." for k in range(1, 6)),
                      "Kesimpulan pertama.\nKesimpulan kedua.",
                      "Tindak lanjut pertama.\nTindak lanjut kedua.", "Pegawai 5", "P1"])
    _replace(wb, "Rapat", ["kode", "tanggal", "waktu", "tempat", "acara", "pimpinan",
                           "nomor_undangan", "tanggal_undangan", "sifat", "pembahasan",
                           "kesimpulan", "tindak_lanjut", "notulis", "area"], rapat)
    peserta = [[f"R-{n:02d}", f"Peserta {k} Rapat {n}", f"Jabatan peserta {k}", None,
                "Instansi" if k % 5 == 0 else None]
               for n in range(1, meetings + 1) for k in range(1, people + 1)]
    _replace(wb, "Peserta", ["rapat", "nama", "jabatan", "nip", "instansi"], peserta)
    wb.save(target)


def without_meetings(source: Path, target: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(source)
    for name in ("Rapat", "Peserta"):
        del wb[name]
    wb.save(target)


def phone_photos(folder: Path, count: int) -> None:
    """Photos of about 4 MB: a gradient under strong noise (a phone's 12 MP JPEG)."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    noise = Image.effect_noise(PHOTO_SIZE, 22).convert("L")
    for n in range(1, count + 1):
        base = Image.linear_gradient("L").resize(PHOTO_SIZE).rotate(n * 30)
        image = Image.merge("RGB", (Image.blend(base, noise, 0.5), noise,
                                    Image.blend(noise, base, 0.3)))
        image.save(folder / f"foto_kegiatan_{n:02d}.jpg", quality=80)


def prepare(folder: Path, meetings: int, people: int, photos: int) -> None:
    from zidoc.config import load_config
    from zidoc.workbook.starter import write_example_workbook

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "config.toml", folder / "config.toml")
    shutil.copytree(REPO / "templates" / "docx", folder / "templates" / "docx",
                    dirs_exist_ok=True)
    example = folder / "contoh.xlsx"
    write_example_workbook(example, load_config(folder / "config.toml"))
    meetings_workbook(example, folder / "rapat-50x30.xlsx", meetings, people)
    without_meetings(example, folder / "tanpa-rapat.xlsx")
    shutil.copy(example, folder / "foto.xlsx")
    phone_photos(folder / "bukti" / "2024" / "rapat" / "R-01", photos)
    for path in sorted(folder.glob("*.xlsx")):
        print(path, path.stat().st_size, "bytes")


def sizes(folder: Path) -> None:
    photos = sorted((folder / "bukti" / "2024" / "rapat" / "R-01").glob("*.jpg"))
    total = sum(p.stat().st_size for p in photos)
    print(f"{len(photos)} photos, {total / 1e6:.1f} MB ({total / len(photos) / 1e6:.2f} MB each)")
    for docx in sorted(folder.glob("o*/2024/*/rapat/R-01/dokumentasi-R-01*.docx")):
        print(f"{docx}: {docx.stat().st_size / 1e6:.2f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("prepare", "sizes"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--meetings", type=int, default=50)
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--photos", type=int, default=12)
    args = parser.parse_args()
    if args.what == "prepare":
        prepare(args.folder, args.meetings, args.people, args.photos)
    else:
        sizes(args.folder)


if __name__ == "__main__":
    main()
