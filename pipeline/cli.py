"""The zidoc command line. Commands are thin: they parse options, call the pipeline and
print in Indonesian."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .crash import GuardedGroup

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


@click.group(cls=GuardedGroup, context_settings=CONTEXT)
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
@click.pass_context
def build(ctx: click.Context, workbooks: tuple[Path, ...], out: Path | None, only: tuple[str, ...]):
    """Menyusun dokumen Word dari WORKBOOK.

    Tanpa WORKBOOK, semua berkas .xlsx di folder inputs disusun. Hasilnya ada di
    OUT/<tahun>/<satker>/ beserta manifest.json.
    """
    from .build import build_workbook

    config = _config(ctx)
    out_root = out or config.outputs
    failed = 0
    for path in _workbooks(ctx, workbooks, config):
        result = build_workbook(path, config, out_root, only)
        _print_problems(path, result.problems, err=True)
        if not result.ok:
            failed += 1
            click.echo(f"Gagal: {path.name} berisi kesalahan; tidak ada berkas yang ditulis. "
                       "Perbaiki sel yang disebut di atas lalu jalankan lagi.", err=True)
            continue
        for line in result.skipped:
            click.echo(line)
        for written in result.written:
            click.echo(str(written))
    if failed:
        ctx.exit(EXIT_INVALID)


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
