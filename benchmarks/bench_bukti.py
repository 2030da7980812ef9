"""The evidence limits of spec/bukti.md, measured (run on demand, not a test):

    python benchmarks/bench_bukti.py setup DIR     # a working folder: 20,000 files, 5 GB
    python benchmarks/bench_bukti.py scan DIR      # read bukti/2024/ (names and sizes)
    python benchmarks/bench_bukti.py walk DIR      # baseline: os.walk + lstat, nothing else
    python benchmarks/bench_bukti.py pack DIR      # pack the 2 GB folder `besar/` (zip)
    python benchmarks/bench_bukti.py copy DIR      # baseline: copy the same bytes (no zip)

`setup` writes DIR/kerja (config.toml, the example workbook whose LKE row P1.A.1 refers to the
folder `banyak/` and P1.A.2 to `besar/`) and DIR/kerja/bukti/2024/: `banyak/` holds 20,000
files in 40 folders (sparse: 19,996 empty and 4 of 1.25 GB, 5 GB in all) and `besar/` 2 GB in
8 sparse files (no disk space is used until packed). Time and memory are taken from outside
with farm-bench (see RESULTS.md, section "Bukti dukung"), e.g.

    farm-bench -n 5 -- python benchmarks/bench_bukti.py scan /tmp/bb --vs 'python benchmarks/bench_bukti.py walk /tmp/bb'
    farm-bench -n 3 -- python benchmarks/bench_bukti.py pack /tmp/bb --vs 'python benchmarks/bench_bukti.py copy /tmp/bb'
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "pipeline"))

FILES = 20_000
GB = 1 << 30


def setup(base: Path) -> None:
    import openpyxl
    from zidoc.config import load_config
    from zidoc.workbook.starter import write_example_workbook

    work = base / "kerja"
    root = work / "bukti" / "2024"
    (work / "inputs" / "2024").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "config.toml", work / "config.toml")
    workbook = work / "inputs" / "2024" / "contoh.xlsx"
    write_example_workbook(workbook, load_config(REPO / "config.toml"))
    book = openpyxl.load_workbook(workbook)
    ws = book["LKE"]
    heads = [c.value for c in ws[1]]
    for row, ref in ((2, "banyak/"), (3, "besar/")):
        ws.cell(row=row, column=heads.index("jenis") + 1, value="ya/tidak")
        ws.cell(row=row, column=heads.index("jawaban") + 1, value="Ya")
        ws.cell(row=row, column=heads.index("bukti_dukung") + 1, value=ref)
    book.save(workbook)
    for n in range(FILES):
        folder = root / "banyak" / f"folder {n // 500:02d}"
        if n % 500 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        with open(folder / f"berkas {n % 500:03d}.pdf", "wb") as handle:
            if n % 5000 == 0:
                handle.truncate(5 * GB // 4)  # sparse: 4 x 1.25 GB = 5 GB
    (root / "besar").mkdir(parents=True, exist_ok=True)
    for n in range(8):
        with open(root / "besar" / f"dokumen {n}.pdf", "wb") as handle:
            handle.truncate(2 * GB // 8)
    print(f"{work}: {FILES} berkas (5 GB) di banyak/, 2 GB di besar/")


def scan(base: Path) -> None:
    from zidoc.bukti.scan import scan as read

    tree = read(base / "kerja" / "bukti" / "2024")
    assert len(tree.files) == FILES + 8, len(tree.files)


def walk(base: Path) -> None:
    count = 0
    for folder, _dirs, files in os.walk(base / "kerja" / "bukti" / "2024"):
        for name in files:
            os.lstat(os.path.join(folder, name))
            count += 1
    assert count == FILES + 8


def _register(base: Path):
    from decimal import Decimal

    from zidoc.bukti.refs import resolve
    from zidoc.bukti.register import Item, QuestionEvidence, Register, Summary
    from zidoc.bukti.scan import scan as read

    root = base / "kerja" / "bukti" / "2024"
    files = resolve(read(root), "besar/").files
    items = tuple(Item("path", f.shown, f.real, f.size) for f in files)
    question = QuestionEvidence("P1", "P1.A.2", "", 1, "", "Ya", Decimal(1), "Lengkap",
                                items, "LKE!G3")
    return Register(2024, root, (question,), (), Summary("", ""), ())


def pack(base: Path) -> None:
    from zidoc.bukti.pack import write_pack

    target = base / "pack.zip"
    write_pack(target, _register(base), "daftar.xlsx", b"x")
    assert target.stat().st_size > 2 * GB
    target.unlink()


def copy(base: Path) -> None:
    register = _register(base)
    target = base / "copy.bin"
    with open(target, "wb") as out:
        for item in register.questions[0].files:
            with open(register.folder / item.real, "rb") as handle:
                shutil.copyfileobj(handle, out, 1 << 20)
    target.unlink()


if __name__ == "__main__":
    command, folder = sys.argv[1], Path(sys.argv[2])
    {"setup": setup, "scan": scan, "walk": walk, "pack": pack, "copy": copy}[command](folder)
