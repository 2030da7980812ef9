"""`zidoc init`: a complete working folder from the installed package."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from zidoc.config import CONFIG_NAME, ConfigError, load_config, packaged_data
from zidoc.fs.files import atomic_write, commit, discard, temp_beside
from zidoc.lke import LKE_NAME

EXAMPLE_WORKBOOK = Path("inputs") / "2024" / "contoh-kpu-kota-bengkulu-2024.xlsx"


def _example_config(folder: Path, data: Path):
    """The folder's config.toml (its LKE codes and names go into the example workbook), or the
    packaged one when the folder's cannot be loaded."""
    try:
        return load_config(folder / CONFIG_NAME)
    except ConfigError:
        return load_config(data / CONFIG_NAME)


def init_workspace(folder: Path) -> Iterator[tuple[Path, bool]]:
    """Create config, the LKE structure (lke.toml), templates, the example workbook with its
    survey responses, and outputs/ in `folder`.

    Yields (path, created); an existing file is never overwritten."""
    from zidoc.workbook.example import SURVEI_FILE
    from zidoc.workbook.starter import write_example_survey, write_example_workbook

    data = packaged_data()
    folder.mkdir(parents=True, exist_ok=True)

    def copy(source: Path, target: Path) -> tuple[Path, bool]:
        if target.exists():
            return target, False
        atomic_write(target, source.read_bytes())  # Ctrl+C never leaves half a file
        return target, True

    yield copy(data / CONFIG_NAME, folder / CONFIG_NAME)
    yield copy(data / LKE_NAME, folder / LKE_NAME)
    for template in sorted((data / "templates" / "docx").glob("*.docx")):
        yield copy(template, folder / "templates" / "docx" / template.name)
    # The example's evidence: the sample photos of meeting R-02 (bukti/2024/rapat/R-02/).
    samples = data / "bukti"
    photos = (p for p in samples.rglob("*") if p.is_file() and "rapat" in p.relative_to(samples).parts)
    for sample in sorted(photos) if samples.is_dir() else ():
        yield copy(sample, folder / sample.relative_to(data))
    example = folder / EXAMPLE_WORKBOOK
    survey = example.parent / SURVEI_FILE  # the example's survey responses, beside it
    had_survey = survey.exists()
    if example.exists():
        yield example, False
    else:
        example.parent.mkdir(parents=True, exist_ok=True)
        staged = temp_beside(example)
        try:
            write_example_workbook(staged, _example_config(folder, data))
            commit(staged, example)
        except BaseException:
            discard(staged)
            raise
        yield example, True
    write_example_survey(example.parent)  # also beside an example kept from before
    yield survey, not had_survey
    outputs = folder / "outputs"
    existed = outputs.is_dir()
    outputs.mkdir(exist_ok=True)
    yield outputs, not existed
    yield from _evidence_folder(folder, data, int(EXAMPLE_WORKBOOK.parent.name))
    from zidoc.launchers import write_launchers

    yield from write_launchers(folder)  # double-click on Windows


def _evidence_folder(folder: Path, data: Path, tahun: int) -> Iterator[tuple[Path, bool]]:
    """bukti/<tahun>/ (config `[folder] bukti`) with its BACA-SAYA.txt."""
    from zidoc.bukti.register import evidence_folder
    from zidoc.bukti.scan import README_NAME

    target = evidence_folder(_example_config(folder, data), tahun) / README_NAME
    try:  # shown like the other paths: from the folder as the user named it
        target = folder / target.relative_to(folder.resolve())
    except ValueError:  # [folder] bukti points elsewhere
        pass
    if target.exists():
        yield target, False
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, readme_text(tahun).encode("utf-8"))
    yield target, True


def readme_text(tahun: int) -> str:
    """BACA-SAYA.txt of the evidence folder (Windows line ends: Notepad shows them)."""
    lines = [
        f"FOLDER BUKTI DUKUNG ZONA INTEGRITAS TAHUN {tahun}",
        "",
        "Simpan di folder ini semua berkas bukti dukung LKE tahun ini (PDF, foto, Word, Excel).",
        "Susun sesuka Anda; zidoc menghubungkan berkas dengan pertanyaan LKE dengan dua cara:",
        "",
        "1. Rujukan di kolom bukti_dukung lembar LKE (juga lembar Realisasi), satu atau lebih,",
        "   dipisah pindah baris (Alt+Enter) atau titik koma (;):",
        "   - jalur berkas atau folder mulai dari folder ini, misalnya",
        "       SK Tim/SK 443.pdf      (satu berkas)",
        "       SK Tim/                (semua berkas di folder itu: akhiri dengan /)",
        r"     huruf besar/kecil boleh berbeda; / dan \ sama saja;",
        "   - tautan, misalnya https://kpu.go.id/ppid (didaftar, tidak diunduh);",
        "   - keterangan, misalnya SK Nomor 443 Tahun 2024 (dicatat, tetapi belum berupa berkas).",
        "",
        "2. Folder yang namanya diawali kode indikator, misalnya 'P1.A.1 Tim Kerja': isinya",
        "   menjadi bukti setiap pertanyaan indikator P1.A.1 yang kolom bukti_dukung-nya kosong.",
        "",
        r"Berkas di luar folder ini (jalur seperti C:\..., /..., atau ..) tidak pernah dipakai.",
        "",
        "Lalu jalankan:  zidoc bukti           (daftar bukti dukung: outputs/<tahun>/<satker>/",
        "                                       daftar-bukti-dukung-zi-<tahun>.xlsx)",
        "                zidoc bukti --kemas   (juga berkas zip untuk penilai)",
        "Jawaban bernilai (Ya, A, ...) tanpa berkas diberi peringatan; zidoc validate --tandai",
        "menandainya kuning di salinan workbook.",
    ]
    return "\r\n".join(lines) + "\r\n"
