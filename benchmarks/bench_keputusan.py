"""Timings of the two Keputusan with a large team and a long action plan (run on demand).

    python benchmarks/bench_keputusan.py [--members 500] [--actions 2000] [--repeat 5]

Builds the example workbook with a generated Tim and RencanaAksi (openpyxl), then times
read+validate (build.load) and rendering each document in memory; prints medians."""
from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "pipeline"))

MONTHS = ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des")


def write_workbook(path: Path, members: int, actions: int) -> None:
    import openpyxl
    from zidoc.config import load_config
    from zidoc.workbook.starter import write_example_workbook

    write_example_workbook(path, load_config(Path(__file__).resolve().parent.parent
                                             / "config.toml"))
    wb = openpyxl.load_workbook(path)
    for name in ("Tim", "RencanaAksi"):
        index = wb.sheetnames.index(name)
        del wb[name]
        wb.create_sheet(name, index)
    tim = wb["Tim"]
    tim.append(["nama", "nip", "jabatan", "kedudukan", "area"])
    tim.append(["Ketua Tim", "198001012005011001", "Sekretaris", "Ketua", None])
    for n in range(2, members + 1):
        birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=n * 13)
        nip = f"{birth:%Y%m%d}{birth.year + 25}{n % 12 + 1:02d}{n % 2 + 1}{n % 1000:03d}"
        tim.append([f"Pegawai {n}", nip, f"Jabatan {n}",
                    "Koordinator" if n < 8 else "Anggota", f"P{n % 6 + 1}"])
    aksi = wb["RencanaAksi"]
    aksi.append(["area", "kegiatan", "output", "target", "indikator", "penanggung_jawab",
                 *MONTHS])
    for n in range(actions):
        marks = ["x" if (n + i) % 5 == 0 or i == n % 12 else None for i in range(12)]
        aksi.append([f"P{n % 6 + 1}", f"Kegiatan nomor {n}", f"Output {n}", f"{n} dokumen",
                     "Terlaksana", "Pokja", *marks])
    wb.save(path)


def median_seconds(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from zidoc.build import load, render_documents
    from zidoc.config import load_config

    config = load_config(REPO / "config.toml")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "besar.xlsx"
        write_workbook(path, args.members, args.actions)
        loaded = load(path, config)
        assert loaded.workbook is not None, [str(p) for p in loaded.problems]
        wb, scores = loaded.workbook, loaded.scores
        print(f"Tim {args.members} anggota, RencanaAksi {args.actions} baris, "
              f"median dari {args.repeat} kali:")
        rows = [
            ("baca + validasi workbook", lambda: load(path, config)),
            ("render SK Tim", lambda: render_documents(wb, scores, config, ("sk-tim",))),
            ("render Rencana Aksi", lambda: render_documents(wb, scores, config,
                                                            ("rencana-aksi",))),
        ]
        for label, func in rows:
            print(f"  {label:<28} {median_seconds(func, args.repeat):7.3f} s")
        docs, _ = render_documents(wb, scores, config, ("sk-tim", "rencana-aksi"))
        for doc, data in docs.items():
            print(f"  ukuran {doc.output.format(tahun=wb.identitas.tahun):<32} "
                  f"{len(data) / 1024:7.0f} KiB")


if __name__ == "__main__":
    main()
