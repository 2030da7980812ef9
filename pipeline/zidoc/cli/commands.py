"""The zidoc command line. Commands are thin: they parse options, call the pipeline and
print in Indonesian."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from zidoc import __version__
from zidoc.cli.crash import (
    EXIT_INTERRUPTED,
    INTERRUPTED,
    CrashGuard,
    report_crash,
    safe_streams,
    say,
)
from zidoc.cli.workbooks import workbooks_argument
from zidoc.registry import PERIODS, ROWS, SELECTORS, selectors

EXIT_INVALID = 1

# click writes its help skeleton in English; staff read Indonesian.
_SECTIONS = {"Options": "Pilihan", "Commands": "Perintah", "Arguments": "Argumen"}


class IndonesianHelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Cara pakai: ")

    def section(self, name: str):
        return super().section(_SECTIONS.get(name, name))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(term, text.replace("[required]", "[wajib]").replace("[default: ", "[bawaan: "))
                for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


class IndonesianContext(click.Context):
    formatter_class = IndonesianHelpFormatter


class IndonesianCommand(click.Command):
    context_class = IndonesianContext

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[PILIHAN]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Tampilkan bantuan ini lalu keluar."
        return option


class IndonesianGroup(CrashGuard, IndonesianCommand, click.Group):
    command_class = IndonesianCommand
    group_class = type  # subgroups (zidoc templates) are Indonesian too

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """click's own error display, but in Indonesian."""
        safe_streams()
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except KeyboardInterrupt:  # Ctrl+C outside click's own handling
            say(INTERRUPTED)
            sys.exit(EXIT_INTERRUPTED)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help(), err=True)
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            if exc.ctx is not None:
                click.echo(exc.ctx.get_usage(), err=True)
                command = exc.ctx.command_path
                click.echo(f"Lihat '{command} --help' untuk bantuan.", err=True)
            click.echo(f"\nKesalahan: {indonesian_usage_error(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"Kesalahan: {indonesian_usage_error(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:  # click's name for Ctrl+C (zidoc asks no questions)
            say(INTERRUPTED)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as exc:  # noqa: BLE001 - outside a command (argument parsing ...)
            report_crash(exc)
            sys.exit(3)
        sys.exit(code if isinstance(code, int) else 0)


_USAGE_ERRORS = (
    (r"No such option:? '?([^'\s]+)'?\.?(?: Did you mean '?([^'?]+)'?\?)?",
     "pilihan {0} tidak dikenal."),
    (r"No such command '([^']+)'\.(?: Did you mean '([^']+)'\?)?", "perintah '{0}' tidak dikenal."),
    # Two close commands (build, bukti): the closest one is named.
    (r"No such command '([^']+)'\. \(Did you mean one of: '([^']+)'(?:, '[^']+')*\?\)",
     "perintah '{0}' tidak dikenal."),
    (r"Option '([^']+)' requires an argument\.", "pilihan {0} perlu diisi nilainya."),
    (r"Got unexpected extra arguments? \((.+)\)", "argumen berlebih: {0}."),
    (r"Missing argument '([^']+)'\.", "argumen {0} wajib diisi."),
    (r"Missing option '([^']+)'\.", "pilihan {0} wajib diisi."),
    (r"Invalid value for '([^']+)': (?:File|Path|Directory) '(.+)' does not exist\.",
     "berkas '{1}' tidak ditemukan."),
    (r"Invalid value for '([^']+)': (?:File|Path) '(.+)' is a directory\.",
     "'{1}' adalah folder, bukan berkas."),
    (r"Invalid value for '([^']+)': (?:Directory|Path) '(.+)' is a file\.",
     "'{1}' adalah berkas, bukan folder. Sebutkan folder untuk {0}."),
    (r"Invalid value for '([^']+)': (?:File|Path|Directory) '(.+)' is not readable\.",
     "'{1}' tidak dapat dibaca: tidak ada izin membacanya. Periksa izin berkasnya."),
    (r"Invalid value for '([^']+)': (?:File|Path|Directory) '(.+)' is not writable\.",
     "'{1}' tidak dapat ditulisi: tidak ada izin. Periksa izin foldernya."),
    (r"Invalid value for '([^']+)': (?:File|Path|Directory) '(.+)' is not executable\.",
     "'{1}' tidak dapat dibuka."),
    (r"Invalid value for '([^']+)': (?:File|Path|Directory) '(.+)' is a symlink\.",
     "'{1}' adalah tautan (symlink)."),
    (r"Invalid value for '([^']+)': '(.*)' is not a valid integer\.",
     "nilai '{1}' untuk {0} harus bilangan bulat, misalnya 2024."),
    (r"Invalid value for '([^']+)': (-?\d+) is not in the range (\d+)<=x<=(\d+)\.",
     "nilai {1} untuk {0} harus antara {2} dan {3}."),
    (r"Invalid value for '([^']+)': '(.*)' is not (?:one of )?(.+)\.",
     "nilai '{1}' untuk {0} tidak dikenal; pilih {2}."),
    (r"Invalid value for '([^']+)': (.+)", "nilai untuk {0} tidak sah: {1}"),
)


def indonesian_usage_error(message: str) -> str:
    """Translate click's usage messages; unknown ones pass through unchanged."""
    import re

    for pattern, template in _USAGE_ERRORS:
        match = re.fullmatch(pattern, message.strip())
        if match:
            text = template.format(*match.groups())
            suggestion = match.groups()[-1] if "Did you mean" in message else None
            if suggestion:
                text += f" Mungkin maksudnya '{suggestion}'?"
            return text
    if re.search(r"[A-Za-z]+ [a-z]+ [a-z]+", message) and not _looks_indonesian(message):
        return f"perintah tidak dapat dijalankan seperti ditulis ({message.strip()})."
    return message


def _looks_indonesian(message: str) -> bool:
    words = set(message.lower().replace(".", " ").replace(",", " ").split())
    return bool(words & {"harus", "atau", "tidak", "yang", "berkas", "folder", "nilai", "pilih",
                         "dan", "untuk", "bukan", "sebutkan"})


CONTEXT = {"help_option_names": ["-h", "--help"]}


def _config(ctx: click.Context):
    from zidoc.config import ConfigError, load_config

    try:
        config = load_config()
    except ConfigError as exc:
        for line in exc.lines:  # every problem at once, each with its key and line
            click.echo(f"Kesalahan konfigurasi: {line}", err=True)
        ctx.exit(EXIT_INVALID)
    if config.packaged:
        click.echo("Catatan: config.toml tidak ditemukan di folder ini; memakai pengaturan "
                   "bawaan (hasil ke folder outputs di sini). Buat folder kerja lengkap dengan "
                   "'zidoc init'.", err=True)
    return config


def _workbooks(ctx: click.Context, given: tuple[Path, ...], config,
               example: str = "zidoc build") -> list[Path]:
    """The workbooks of WORKBOOK|FOLDER arguments, or of the inputs folder (cli/workbooks.py);
    exit 1 with a line saying why when there is none."""
    from zidoc.cli.workbooks import workbook_arguments

    found = workbook_arguments(given, config.inputs, config.outputs, example)
    for line in found.notes:
        say(line)
    if found.problem is not None:
        say(found.problem)
        ctx.exit(EXIT_INVALID)
    return found.paths


def _print_problems(source: Path, problems, err: bool) -> None:
    items = list(problems)
    if not items:
        return
    click.echo(f"{source}:", err=err)
    for problem in items:
        click.echo(f"  {problem}", err=err)


def _out_folder(ctx: click.Context, _param, value: Path | None) -> Path | None:
    """--out must be a folder (or not exist yet): a file there cannot be written into, which
    is exit 1 like every folder that cannot be written (README), not a usage error."""
    if value is not None and value.exists() and not value.is_dir():
        say(f"Kesalahan: --out {value} adalah berkas, bukan folder. Sebutkan folder untuk hasil "
            "(folder itu dibuat bila belum ada), misalnya --out outputs.")
        ctx.exit(EXIT_INVALID)
    return value


def _positive(_ctx, _param, value: int | None) -> int | None:
    if value is not None and value < 1:
        raise click.BadParameter("harus 1 atau lebih.")
    return value


@click.group(cls=IndonesianGroup, context_settings=CONTEXT,
             subcommand_metavar="PERINTAH [ARGUMEN]...")
@click.version_option(__version__, "--version", "-V", prog_name="zidoc",
                      message="%(prog)s %(version)s", help="Tampilkan versi zidoc lalu keluar.")
def main() -> None:
    """zidoc: menyusun dokumen Zona Integritas (Laporan Pelaksanaan, SK Tim, Rencana Aksi,
    laporan monitoring Rencana Aksi per triwulan, laporan Survei Kepuasan Masyarakat) dari
    satu workbook Excel.

    \b
    Langkah biasa:
      zidoc init folder-zi      membuat folder kerja beserta contoh workbook
      zidoc validate            memeriksa isi workbook
      zidoc build               menyusun dokumen Word ke folder outputs/
    """


def _only(ctx: click.Context, only: tuple[str, ...], config) -> tuple[str, ...]:
    """--only's names, checked against the documents of this config (the registry's and the
    Keputusan config.toml declares); `sk_tim` is taken for `sk-tim`."""
    from zidoc.config import suggestion

    known = selectors(config.documents)
    chosen = tuple(name.strip().lower().replace("_", "-") for name in only)
    for name, typed in zip(chosen, only):
        if name not in known:
            close = suggestion(name, known)
            raise click.BadParameter(
                f"'{typed}' bukan nama dokumen" + (f"; maksud Anda '{close}'?" if close else ".")
                + f" Pilihan: {', '.join(known)}.", ctx=ctx, param_hint="'--only'")
    return chosen


def _period_options(command):
    """One option per periodic document's period (--triwulan N ...) and per group of per-row
    documents (--rapat KODE, repeatable), from the registry."""
    for period in reversed(PERIODS):
        command = click.option(
            f"--{period.option}", period.option, metavar="N", help=period.help,
            type=click.IntRange(min(period.values), max(period.values)))(command)
    for rows in reversed(ROWS):
        command = click.option(f"--{rows.option}", rows.option, metavar=rows.metavar,
                               multiple=True, help=rows.help)(command)
    return command


def _split_options(options: dict) -> tuple[dict, dict]:
    """(periods, rows) from the build's registry-made options."""
    rows = {r.option: tuple(options.pop(r.option, ()) or ()) for r in ROWS}
    return options, rows


@main.command(context_settings=CONTEXT)
@workbooks_argument
@click.option("--out", "out", type=click.Path(path_type=Path), callback=_out_folder, metavar="FOLDER",
              help="Folder hasil (bawaan: folder outputs dari config.toml).")
@_period_options
@click.option("--only", "only", multiple=True, metavar="DOKUMEN",
              help=f"Hanya susun dokumen ini (boleh diulang): {', '.join(SELECTORS)}, atau "
                   "nama Keputusan yang dinyatakan di config.toml ([keputusan.sk_agen_perubahan] "
                   "-> sk-agen-perubahan).")
@click.option("--paksa", is_flag=True,
              help="Susun juga tahun yang sudah diarsipkan (arsipnya tetap tidak diubah).")
@click.option("--jobs", "-j", "jobs", type=int, default=None, metavar="N", callback=_positive,
              help="Jumlah proses yang bekerja bersamaan untuk banyak workbook "
                   "(bawaan: jumlah CPU).")
@click.option("--tandai", is_flag=True,
              help="Tulis salinan bertanda <nama>-diperiksa.xlsx di samping workbook yang "
                   "bermasalah: sel bermasalah diwarnai (merah kesalahan, kuning peringatan) "
                   "dan diberi komentar, lembar pertama Masalah berisi tautan ke setiap sel.")
@click.pass_context
def build(ctx: click.Context, workbooks: tuple[Path, ...], out: Path | None, only: tuple[str, ...],
          paksa: bool, jobs: int | None, tandai: bool, **periods: int | None):
    """Menyusun dokumen Word dari WORKBOOK.

    Tanpa WORKBOOK, semua berkas .xlsx di folder inputs disusun; FOLDER berarti semua
    workbook di folder itu (berkas ~$, ._ dan salinan -diperiksa dilewati). Hasilnya ada di
    OUT/<tahun>/<satker>/ beserta manifest.json. Dokumen yang sudah Anda ubah di Word tidak
    pernah ditimpa: draf baru ditulis di sampingnya (-v2, -v3 ...). Banyak workbook disusun
    bersamaan (--jobs) dan diakhiri tabel ringkasan; workbook yang bermasalah tidak
    menghentikan yang lain.
    """
    from zidoc.batch import build_one, default_jobs

    periods, rows = _split_options(periods)
    config = _config(ctx)
    only = _only(ctx, only, config)
    out_root = out or config.outputs
    paths = _workbooks(ctx, workbooks, config)
    _warn_synced(out_root)
    if len(paths) == 1:
        outcome = build_one(paths[0], config, out_root, only, contain=False, force=paksa,
                            periods=periods, rows=rows)
        _print_outcome(outcome)
        _print_glance(outcome)
        if tandai:
            _mark_built([outcome], config, out_root)
        if not outcome.ok:
            ctx.exit(EXIT_INVALID)
        return
    report = _build_many(paths, config, out_root, only, jobs or default_jobs(), force=paksa,
                         periods=periods, rows=rows)
    if tandai:
        _mark_built(report.outcomes, config, out_root)
    if report.failed:
        ctx.exit(EXIT_INVALID)


def _warn_synced(folder: Path) -> None:
    """One note when the output folder is synced (OneDrive, SharePoint ...)."""
    from zidoc.fs.files import synced_root

    root = synced_root(folder)
    if root is not None:
        click.echo(f"Catatan: folder hasil {folder} ada di folder yang disinkronkan ({root}). "
                   "Kunci zidoc hanya melindungi satu komputer: jangan menyusun dari dua "
                   "komputer yang menyinkronkan folder ini pada saat yang sama, dan tunggu "
                   "sinkronisasinya selesai sebelum menyusun di komputer lain.", err=True)


def _print_glance(outcome) -> None:
    """The result at a glance (cli/glance.py) of a successful build."""
    from zidoc.cli.glance import glance

    if not outcome.ok:
        return
    lines = glance(outcome.source, outcome.written)
    if lines:
        click.echo()
        for line in lines:
            click.echo(line)


def _print_mark(result) -> None:
    if result.note:
        click.echo(result.note, err=result.failed)


def _mark_built(outcomes, config, out_root: Path) -> None:
    """--tandai after a build: a workbook built without a single problem has nothing to mark
    (an old copy is removed); the others are read again for their problems, then marked."""
    from zidoc.build import load
    from zidoc.workbook.marking import mark
    from zidoc.workbook.problems import Problems

    for outcome in outcomes:
        clean = outcome.ok and not outcome.problems
        problems = Problems() if clean else load(outcome.source, config, out_root).problems
        _print_mark(mark(outcome.source, problems))


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
    for line in outcome.shown:
        click.echo(line)
    for line in outcome.notes:
        click.echo(line)
    for line in outcome.failures:
        click.echo(line, err=True)


def _is_terminal() -> bool:
    return sys.stderr.isatty()


def _build_many(paths: list[Path], config, out_root: Path, only: tuple[str, ...], jobs: int,
                **options):
    """Build every workbook, with a progress bar (terminal) or one line each; returns the
    BatchReport."""
    from zidoc.batch import collect, progress_line, run_batch, summary_table

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
    for outcome in report.outcomes:
        _print_glance(outcome)
    if report.failed:
        partly = [o for o in report.failed if o.written]
        line = (f"Gagal: {len(report.failed)} workbook bermasalah (lihat di atas). "
                "Workbook lain tetap disusun.")
        if partly:
            line += (" Sebagian berkas tetap ditulis untuk: "
                     + ", ".join(o.source.name for o in partly) + ".")
        else:
            line += " Untuk workbook yang gagal tidak ada berkas yang ditulis."
        click.echo(line, err=True)
    return report


@main.command(context_settings=CONTEXT)
@workbooks_argument
@click.option("--tandai", is_flag=True,
              help="Tulis salinan bertanda <nama>-diperiksa.xlsx di samping workbook yang "
                   "bermasalah: sel bermasalah diwarnai (merah kesalahan, kuning peringatan) "
                   "dan diberi komentar, lembar pertama Masalah berisi tautan ke setiap sel.")
@click.option("--buka", is_flag=True,
              help="Dengan --tandai: buka salinan bertanda yang baru ditulis (di Windows dengan "
                   "Excel atau program bawaan .xlsx).")
@click.pass_context
def validate(ctx: click.Context, workbooks: tuple[Path, ...], tandai: bool, buka: bool):
    """Memeriksa WORKBOOK tanpa mengubahnya.

    FOLDER berarti semua workbook di folder itu; tanpa argumen, semua workbook di folder
    inputs diperiksa (berkas ~$, ._ dan salinan -diperiksa dilewati).

    Setiap masalah ditampilkan sebagai Sheet!Sel: pesan. Keluar dengan status 1 bila ada
    kesalahan. Dengan --tandai, masalahnya juga ditandai di salinan <nama>-diperiksa.xlsx
    (workbook-nya sendiri tidak diubah; salinan lama dihapus bila tidak ada masalah lagi).
    """
    from zidoc.build import load
    from zidoc.workbook.marking import mark

    config = _config(ctx)
    errors = 0
    written: list[Path] = []
    for path in _workbooks(ctx, workbooks, config, "zidoc validate"):
        loaded = load(path, config)
        _print_problems(path, loaded.problems, err=False)
        if tandai:
            result = mark(path, loaded.problems)
            _print_mark(result)
            if result.written is not None:
                written.append(result.written)
        if loaded.problems.has_errors:
            errors += 1
        else:
            warnings = len(loaded.problems.warnings)
            click.echo(f"{path.name}: tidak ada kesalahan" +
                       (f" ({warnings} peringatan)." if warnings else "."))
    if buka and written:
        _open_marked(written)
    if errors:
        ctx.exit(EXIT_INVALID)


def _open_marked(paths: list[Path]) -> None:
    """Open the marked copies with the program Windows associates with .xlsx (Excel); where
    there is no such association (not Windows), say where they are."""
    import os

    startfile = getattr(os, "startfile", None)  # Windows only: the Explorer's "open"
    opened = []
    for path in paths:
        if startfile is not None:
            try:
                startfile(path)
                opened.append(path)
                continue
            except OSError:
                pass
        click.echo(f"Buka salinan bertanda ini di Excel: {path}")
    if opened:
        click.echo("Salinan bertanda dibuka di Excel. Lembar pertamanya (Masalah) mendaftar "
                   "setiap masalah; klik letaknya untuk menuju selnya. Perbaiki di workbook "
                   "asli, simpan, lalu periksa lagi.")


@main.command(context_settings=CONTEXT)
@workbooks_argument
@click.option("--kemas", is_flag=True,
              help="Kemas juga semua berkas bukti ke bukti-dukung-zi-<tahun>.zip, urut seperti "
                   "LKE: <area>/<indikator>/<no>/<nama berkas>.")
@click.option("--out", "out", type=click.Path(path_type=Path), callback=_out_folder,
              metavar="FOLDER", help="Folder hasil (bawaan: folder outputs dari config.toml).")
@click.pass_context
def bukti(ctx: click.Context, workbooks: tuple[Path, ...], kemas: bool, out: Path | None):
    """Memeriksa bukti dukung LKE dan menulis daftarnya.

    Setiap rujukan di kolom bukti_dukung (lembar LKE dan Realisasi) dicocokkan dengan berkas
    di folder bukti/<tahun>/. Hasilnya OUT/<tahun>/<satker>/daftar-bukti-dukung-zi-<tahun>.xlsx
    (lembar Bukti, Ringkasan, Tidak dirujuk); dengan --kemas juga
    bukti-dukung-zi-<tahun>.zip untuk penilai. Masalah bukti adalah peringatan; status keluar
    1 hanya bila workbook tidak dapat dibaca.
    """
    from zidoc.build import evidence_summary, load, output_folder
    from zidoc.bukti.output import summary_lines, write_evidence
    from zidoc.store.manifest import record_evidence

    config = _config(ctx)
    out_root = out or config.outputs
    failed = False
    for path in _workbooks(ctx, workbooks, config, "zidoc bukti"):
        loaded = load(path, config, out_root)
        _print_problems(path, loaded.problems, err=False)
        wb = loaded.workbook
        if wb is None:
            failed = True
            click.echo(f"Gagal: {path.name} berisi kesalahan; daftar bukti tidak ditulis. "
                       "Perbaiki sel yang disebut di atas lalu jalankan lagi.", err=True)
            continue
        register = wb.bukti
        if register is None:
            click.echo(f"{path.name}: tidak ada lembar LKE maupun rujukan bukti dukung; tidak "
                       "ada yang diperiksa.")
            continue
        satker = wb.identitas.singkatan_satker
        folder = output_folder(wb, out_root)
        written = write_evidence(register, folder, satker, kemas, after=lambda: record_evidence(
            folder, evidence_summary(register)))  # noqa: B023 - called within this iteration
        for line in summary_lines(register, written, satker):
            click.echo(line)
        for line in written.failures:
            click.echo(line, err=True)
        failed |= bool(written.failures)
    if failed:
        ctx.exit(EXIT_INVALID)


@main.command(context_settings=CONTEXT)
@click.option("--tahun", type=int, metavar="TAHUN", help="Hanya tahun ini (bawaan: semua tahun).")
@click.option("--out", "out", type=click.Path(path_type=Path), callback=_out_folder, metavar="FOLDER",
              help="Folder hasil (bawaan: folder outputs dari config.toml).")
@click.pass_context
def status(ctx: click.Context, tahun: int | None, out: Path | None):
    """Menampilkan keadaan dokumen per satker: kapan disusun, sudah diubah atau belum, draf
    baru yang menunggu, dan sudah diarsipkan atau belum."""
    from zidoc.store.status import collect, report

    config = _config(ctx)  # also for the titles of the Keputusan it declares
    out_root = out or config.outputs
    statuses = collect(out_root, tahun)
    if not statuses:
        where = out_root / str(tahun) if tahun is not None else out_root
        click.echo(f"Belum ada dokumen di {where}. Jalankan 'zidoc build' lebih dulu.")
        return
    for line in report(statuses, config.documents):
        click.echo(line)


@main.command(context_settings=CONTEXT)
@click.option("--tahun", type=int, required=True, metavar="TAHUN", help="Tahun yang diarsipkan.")
@click.option("--out", "out", type=click.Path(path_type=Path), callback=_out_folder, metavar="FOLDER",
              help="Folder hasil (bawaan: folder outputs dari config.toml).")
@click.pass_context
def archive(ctx: click.Context, tahun: int, out: Path | None):
    """Mengarsipkan satu tahun: untuk setiap satker, dokumen (versi yang sudah diubah), PDF/A-nya,
    salinan workbook dan manifest dimasukkan ke OUT/<tahun>/<satker>/arsip-zi-<tahun>-<satker>.zip.

    Tahun yang sudah diarsipkan dibekukan: arsipnya tidak pernah ditulis ulang dan 'zidoc
    build' menolak menyusun ulang tahun itu kecuali dengan --paksa. Perlu LibreOffice.
    """
    from zidoc.store.archive import ArchiveError, archive_year

    out_root = out or _config(ctx).outputs
    try:
        outcome = archive_year(out_root, tahun)
    except ArchiveError as exc:
        click.echo(str(exc), err=True)
        ctx.exit(EXIT_INVALID)
    for path in outcome.frozen:
        click.echo(f"Sudah diarsipkan sebelumnya, tidak ada yang diubah: {path}")
    for path in outcome.created:
        click.echo(f"Diarsipkan: {path}")
    for line in outcome.notes:
        click.echo(line)


@main.group(context_settings=CONTEXT)
def templates():
    """Perintah untuk templat Word."""


@templates.command("check", context_settings=CONTEXT)
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def templates_check(ctx: click.Context, folder: Path | None):
    """Memeriksa semua templat di FOLDER (bawaan: folder templat dari config.toml).

    Setiap variabel dan tag di isi dokumen, tabel, kepala dan kaki halaman dicocokkan dengan
    data yang disediakan zidoc. Variabel yang salah ketik dan tag yang rusak dilaporkan
    sekaligus, beserta bagian dokumen dan teks paragrafnya.
    """
    from zidoc.templates import check_folder

    config = _config(ctx)
    folder = folder or config.templates
    warnings: list[str] = []
    findings, checked = check_folder(folder, config, warnings=warnings)
    for line in warnings:
        click.echo(line, err=True)
    for line in findings:
        click.echo(line, err=True)
    if findings or not checked:
        if not checked:
            click.echo(f"Tidak ada templat (.docx) di {folder}.", err=True)
        ctx.exit(EXIT_INVALID)
    if warnings:
        click.echo(f"Semua templat dapat dipakai ({len(warnings)} peringatan di atas): "
                   f"{len(checked)} templat diperiksa di {folder}.")
        return
    click.echo(f"Semua templat baik: {len(checked)} templat diperiksa di {folder}.")


@main.command(context_settings=CONTEXT)
@click.option("--tahun", "tahun", required=True, type=int, metavar="TAHUN",
              help="Tahun penilaian yang direkap, misalnya 2024.")
@click.option("--out", "out", type=click.Path(path_type=Path), callback=_out_folder, metavar="FOLDER",
              help="Folder hasil build (bawaan: folder outputs dari config.toml).")
@click.pass_context
def rekap(ctx: click.Context, tahun: int, out: Path | None):
    """Merekap nilai semua satker satu tahun ke satu berkas Excel.

    Membaca manifest.json di OUT/<tahun>/*/ (hasil 'zidoc build') dan menulis
    OUT/<tahun>/rekap-zi-<tahun>.xlsx: satu baris per satker, diurutkan dari nilai akhir
    tertinggi.
    """
    from zidoc.store.rekap import RekapError, write_recap

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
@click.argument("berkas", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--populasi", type=int, default=None, metavar="N", callback=_positive,
              help="Jumlah pengguna layanan pada periode survei: jumlah responden dibandingkan "
                   "dengan sampel minimal Krejcie-Morgan.")
@click.pass_context
def survei(ctx: click.Context, berkas: Path, populasi: int | None):
    """Menghitung Indeks Kepuasan Masyarakat dari BERKAS jawaban survei saja.

    BERKAS: ekspor formulir survei (.csv atau .xlsx), satu baris per responden. Dicetak NRR
    dan mutu setiap unsur, IKM, konversi, mutu dan jumlah responden; tidak ada berkas yang
    ditulis. Untuk laporannya, isi sheet Survei di workbook lalu jalankan 'zidoc build'.
    """
    from zidoc.documents.skm import summary_lines
    from zidoc.survei.responses import ResponsesError, read_responses

    config = _config(ctx)
    try:
        survey = read_responses(berkas, config.survei, populasi)
    except ResponsesError as exc:
        for line in exc.lines:
            click.echo(line, err=True)
        click.echo(f"{len(exc.lines)} masalah di {berkas}; perbaiki lalu jalankan lagi.",
                   err=True)
        ctx.exit(EXIT_INVALID)
    for line in summary_lines(survey):
        click.echo(line)


@main.command(context_settings=CONTEXT)
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
def init(folder: Path):
    """Membuat folder kerja baru di FOLDER (bawaan: folder ini).

    Isinya config.toml, templates/docx/, inputs/<tahun>/ dengan contoh workbook yang siap
    disusun, dan outputs/. Berkas yang sudah ada tidak ditimpa.
    """
    from zidoc.workspace import init_workspace

    for path, created in init_workspace(folder):
        click.echo(f"{'dibuat' if created else 'sudah ada, dibiarkan'}: {path}")
    click.echo(
        "\nSelesai. Langkah berikutnya:\n"
        + ("" if folder.resolve() == Path.cwd().resolve() else f"  cd {folder}\n")
        + "  zidoc build\n"
        "Lalu ganti isi contoh workbook di folder inputs dengan data kantor Anda.\n"
        "Di Windows cukup klik dua kali buat-dokumen.cmd (menyusun dokumen) atau "
        "periksa-workbook.cmd (menandai masalah di salinan workbook)."
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
