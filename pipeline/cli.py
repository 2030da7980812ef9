"""The zidoc command line. Commands are thin: they parse options, call the pipeline and
print in Indonesian."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

EXIT_INVALID = 1
CONTEXT = {"help_option_names": ["-h", "--help"]}


def _config(ctx: click.Context):
    from .config import ConfigError, load_config

    try:
        return load_config()
    except ConfigError as exc:
        click.echo(f"Kesalahan konfigurasi: {exc}", err=True)
        ctx.exit(EXIT_INVALID)


def find_workbooks(folder: Path) -> list[Path]:
    """Every .xlsx below `folder`, skipping Excel's ~$ lock files."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.xlsx") if not p.name.startswith("~$") and p.is_file())


def _workbooks(ctx: click.Context, given: tuple[Path, ...], config) -> list[Path]:
    if given:
        return list(given)
    found = find_workbooks(config.inputs)
    if not found:
        click.echo(
            f"Tidak ada workbook (.xlsx) di {config.inputs}. Sebutkan berkasnya, misalnya "
            "'zidoc build data.xlsx', atau buat folder kerja baru dengan 'zidoc init'.",
            err=True,
        )
        ctx.exit(EXIT_INVALID)
    return found


def _print_problems(source: Path, problems, err: bool) -> None:
    items = list(problems)
    if not items:
        return
    click.echo(f"{source}:", err=err)
    for problem in items:
        click.echo(f"  {problem}", err=err)


def _positive(_ctx, _param, value: int | None) -> int | None:
    if value is not None and value < 1:
        raise click.BadParameter("harus 1 atau lebih.")
    return value


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", "-V", prog_name="zidoc",
                      message="%(prog)s %(version)s", help="Tampilkan versi zidoc lalu keluar.")
def main() -> None:
    """zidoc: menyusun dokumen Zona Integritas (Laporan Pelaksanaan, SK Tim, Rencana Aksi)
    dari satu workbook Excel.

    \b
    Langkah biasa:
      zidoc init folder-zi      membuat folder kerja beserta contoh workbook
      zidoc validate            memeriksa isi workbook
      zidoc build               menyusun dokumen Word ke folder outputs/
    """


@main.command(context_settings=CONTEXT)
@click.argument("workbooks", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path),
                metavar="[WORKBOOK]...")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder hasil (bawaan: folder outputs dari config.toml).")
@click.option("--only", "only", multiple=True, type=click.Choice(["laporan"]),
              help="Hanya susun dokumen ini (boleh diulang).")
@click.option("--jobs", "-j", "jobs", type=int, default=None, metavar="N", callback=_positive,
              help="Jumlah proses yang bekerja bersamaan untuk banyak workbook "
                   "(bawaan: jumlah CPU).")
@click.pass_context
def build(ctx: click.Context, workbooks: tuple[Path, ...], out: Path | None, only: tuple[str, ...],
          jobs: int | None):
    """Menyusun dokumen Word dari WORKBOOK.

    Tanpa WORKBOOK, semua berkas .xlsx di folder inputs disusun. Hasilnya ada di
    OUT/<tahun>/<satker>/ beserta manifest.json. Banyak workbook disusun bersamaan
    (--jobs) dan diakhiri tabel ringkasan; workbook yang bermasalah tidak menghentikan
    yang lain.
    """
    from .batch import build_one, default_jobs

    config = _config(ctx)
    out_root = out or config.outputs
    paths = _workbooks(ctx, workbooks, config)
    if len(paths) == 1:
        outcome = build_one(paths[0], config, out_root, only, contain=False)
        _print_outcome(outcome)
        if not outcome.ok:
            ctx.exit(EXIT_INVALID)
        return
    if _build_many(paths, config, out_root, only, jobs or default_jobs()):
        ctx.exit(EXIT_INVALID)


def _print_outcome(outcome) -> None:
    if outcome.problems:
        click.echo(f"{outcome.source}:", err=True)
        for line in outcome.problems:
            click.echo(f"  {line}", err=True)
    if outcome.errors:
        click.echo(f"Gagal: {outcome.source.name} berisi kesalahan; tidak ada berkas yang ditulis. "
                   "Perbaiki sel yang disebut di atas lalu jalankan lagi.", err=True)
        return
    for line in outcome.skipped:
        click.echo(line)
    for written in outcome.written:
        click.echo(str(written))
    for line in outcome.notes:
        click.echo(line)
    for line in outcome.failures:
        click.echo(line, err=True)


def _is_terminal() -> bool:
    return sys.stderr.isatty()


def _build_many(paths: list[Path], config, out_root: Path, only: tuple[str, ...], jobs: int,
                **options) -> int:
    """Build every workbook, with a progress bar (terminal) or one line each; returns failures."""
    from .batch import collect, progress_line, run_batch, summary_table

    outcomes = run_batch(paths, config, out_root, only, jobs, **options)
    if _is_terminal():
        with click.progressbar(length=len(paths), label="Menyusun", file=sys.stderr,
                               show_pos=True) as bar:
            report = collect(paths, outcomes, lambda _n, _o: bar.update(1))
    else:
        report = collect(paths, outcomes,
                         lambda n, o: click.echo(progress_line(n, len(paths), o)))
    for outcome in report.outcomes:
        if outcome.problems:
            click.echo(f"{outcome.source}:", err=True)
            for line in outcome.problems:
                click.echo(f"  {line}", err=True)
        for line in (*outcome.skipped, *outcome.notes):
            click.echo(f"{outcome.source.name}: {line}")
        for line in outcome.failures:
            click.echo(f"{outcome.source.name}: {line}", err=True)
    click.echo()
    click.echo(summary_table(report.outcomes))
    if report.failed:
        click.echo(f"Gagal: {len(report.failed)} workbook berisi kesalahan (lihat di atas); "
                   "berkasnya tidak ditulis. Workbook lain tetap disusun.", err=True)
    return len(report.failed)


@main.command(context_settings=CONTEXT)
@click.argument("workbooks", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path),
                metavar="[WORKBOOK]...")
@click.pass_context
def validate(ctx: click.Context, workbooks: tuple[Path, ...]):
    """Memeriksa WORKBOOK tanpa menulis apa pun.

    Setiap masalah ditampilkan sebagai Sheet!Sel: pesan. Keluar dengan status 1 bila ada
    kesalahan.
    """
    from .build import load

    config = _config(ctx)
    errors = 0
    for path in _workbooks(ctx, workbooks, config):
        loaded = load(path, config)
        _print_problems(path, loaded.problems, err=False)
        if loaded.problems.has_errors:
            errors += 1
        else:
            warnings = len(loaded.problems.warnings)
            click.echo(f"{path.name}: tidak ada kesalahan" +
                       (f" ({warnings} peringatan)." if warnings else "."))
    if errors:
        ctx.exit(EXIT_INVALID)


@main.command(context_settings=CONTEXT)
@click.option("--tahun", "tahun", required=True, type=int, metavar="TAHUN",
              help="Tahun penilaian yang direkap, misalnya 2024.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), metavar="FOLDER",
              help="Folder hasil build (bawaan: folder outputs dari config.toml).")
@click.pass_context
def rekap(ctx: click.Context, tahun: int, out: Path | None):
    """Merekap nilai semua satker satu tahun ke satu berkas Excel.

    Membaca manifest.json di OUT/<tahun>/*/ (hasil 'zidoc build') dan menulis
    OUT/<tahun>/rekap-zi-<tahun>.xlsx: satu baris per satker, diurutkan dari nilai akhir
    tertinggi.
    """
    from .rekap import RekapError, write_recap

    config = _config(ctx)
    try:
        result = write_recap(out or config.outputs, tahun, config)
    except RekapError as exc:
        click.echo(str(exc), err=True)
        ctx.exit(EXIT_INVALID)
    for line in result.skipped:
        click.echo(f"peringatan: {line}", err=True)
    click.echo(f"{result.path} ({result.rows} satker)")


@main.command(context_settings=CONTEXT)
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
def init(folder: Path):
    """Membuat folder kerja baru di FOLDER (bawaan: folder ini).

    Isinya config.toml, templates/docx/, inputs/<tahun>/ dengan contoh workbook yang siap
    disusun, dan outputs/. Berkas yang sudah ada tidak ditimpa.
    """
    from .workspace import init_workspace

    for path, created in init_workspace(folder):
        click.echo(f"{'dibuat' if created else 'sudah ada, dibiarkan'}: {path}")
    click.echo(
        f"\nSelesai. Langkah berikutnya:\n  cd {folder}\n  zidoc build\n"
        "Lalu ganti isi contoh workbook di folder inputs dengan data kantor Anda."
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
