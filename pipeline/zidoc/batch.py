"""Build many workbooks: in this process for one workbook (or --jobs 1), else in a process pool.

Each workbook is built independently: one bad workbook never stops the others. A batch runs in
two phases: every workbook is read, checked and rendered in memory first (in worker processes
with --jobs), then the main process writes them. So two workbooks that claim the same satker
and year are both refused before either writes a byte, and a worker stopped by Ctrl+C never
leaves anything half-written. The command prints from picklable `Outcome`s only, so the same
code serves the in-process and the pool path (Windows 'spawn' included: the workers are top
level functions)."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from zidoc.config import Config

if TYPE_CHECKING:  # the pool's module is imported only when a batch uses it
    from concurrent.futures import Future


@dataclass(frozen=True)
class Outcome:
    """What the command line needs to know about one build."""

    source: Path
    ok: bool
    satker: str | None = None  # singkatan_satker when the workbook could be read
    nilai_akhir: Decimal | None = None
    written: tuple[Path, ...] = ()
    documents: int = 0  # .docx files written (manifest not counted)
    skipped: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # "Sheet!Cell: pesan", sorted
    errors: int = 0  # errors in the workbook (problems)
    warnings: int = 0
    notes: tuple[str, ...] = ()  # lines for the user
    failures: tuple[str, ...] = ()  # files not written or a refusal: the workbook failed
    folder: Path | None = None  # the output folder (its manifest), when the workbook was built
    shown: tuple[str, ...] = ()  # the written files as printed: one line per meeting's pack


@dataclass
class BatchReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]


def default_jobs() -> int:
    """Usable CPUs (respects affinity where the OS tells it)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    count = counter() if counter else None
    if count is None and hasattr(os, "sched_getaffinity"):
        count = len(os.sched_getaffinity(0))
    return max(1, count or os.cpu_count() or 1)


# ProcessPoolExecutor refuses more workers on Windows (WaitForMultipleObjects' 64 handles).
MAX_WINDOWS_WORKERS = 61


def worker_count(jobs: int, workbooks: int) -> int:
    """The processes a batch starts: at most one per workbook, and 61 on Windows."""
    from zidoc.fs import files

    count = max(1, min(jobs, workbooks))
    return min(count, MAX_WINDOWS_WORKERS) if files.WINDOWS else count


def build_one(path: Path, config: Config, out_root: Path, only: tuple[str, ...] = (),
              contain: bool = True, **options) -> Outcome:
    """Build one workbook (`options` go to build_workbook). With `contain` (batches), an
    unexpected failure becomes a failed Outcome instead of an exception, so that the other
    workbooks go on."""
    from zidoc.build import build_workbook

    try:
        result = build_workbook(path, config, out_root, only, **options)
    except Exception as exc:  # a bug or an I/O failure must not stop the other workbooks
        if not contain:
            raise
        return _unexpected(path, exc)
    return outcome_of(result)


def _unexpected(path: Path, exc: BaseException) -> Outcome:
    if isinstance(exc, OSError):
        from zidoc.fs.files import os_reason, real_file

        what = (f"berkas atau folder {real_file(exc) or ''} tidak dapat dibaca atau ditulis "
                f"({os_reason(exc)}).").replace("  ", " ")
    elif isinstance(exc, MemoryError):
        what = "memori komputer tidak cukup untuk workbook ini."
    else:
        what = f"terjadi kesalahan tak terduga ({type(exc).__name__}: {_text(exc)})."
    return Outcome(path, False, problems=(what,), errors=1)


def _text(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:  # noqa: BLE001 - an exception whose message itself fails
        return "?"


def shown_lines(written: Iterable[Path], groups: dict[Path, str]) -> tuple[str, ...]:
    """The written files as the build prints them: each file on its line, except the files of
    a row's folder (a meeting's pack), said in one line: 'Rapat R-01 (5 Februari 2024): 4
    dokumen (outputs/.../rapat/R-01)'."""
    lines: list[str | Path] = []
    counts: dict[Path, int] = {}
    for path in written:
        group = path.parent if path.parent in groups else None
        if group is None:
            lines.append(str(path))
            continue
        if group not in counts:
            lines.append(group)
            counts[group] = 0
        counts[group] += path.suffix.lower() == ".docx"
    return tuple(line if isinstance(line, str)
                 else f"{groups[line]}: {counts[line]} dokumen ({line})" for line in lines)


def outcome_of(result) -> Outcome:
    """The Outcome of a BuildResult (written or not)."""
    wb = result.workbook
    docs = [p for p in result.written if p.suffix.lower() == ".docx"]
    return Outcome(
        source=result.source,
        ok=result.ok and not result.failures,
        satker=wb.identitas.singkatan_satker if wb is not None else None,
        nilai_akhir=result.scores.nilai_akhir if result.ok and result.scores else None,
        written=tuple(result.written),
        documents=len(docs),
        skipped=tuple(result.skipped),
        problems=tuple(str(p) for p in result.problems),
        errors=len(result.problems.errors),
        warnings=len(result.problems.warnings),
        notes=tuple(result.notes),
        failures=tuple(result.failures),
        folder=result.folder if result.written else None,
        shown=shown_lines(result.written, getattr(result, "groups", {})),
    )


def prepare_one(path: Path, config: Config, out_root: Path, only: tuple[str, ...] = (),
                **options):
    """Phase 1 of a batch (in a worker): a Prepared build, or a failed Outcome."""
    from zidoc.build import prepare_build

    try:
        return prepare_build(path, config, out_root, only, **options)
    except Exception as exc:  # noqa: BLE001 - contained: the other workbooks go on
        return _unexpected(path, exc)


def _ignore_interrupt() -> None:
    """Worker initializer: Ctrl+C reaches the whole console group; only the main process
    answers it (workers write nothing and are stopped by the main process)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_batch(paths: list[Path], config: Config, out_root: Path, only: tuple[str, ...] = (),
              jobs: int = 1, **options) -> Iterator[Outcome]:
    """Yield one Outcome per workbook: all are prepared first (in order, or in a pool), then
    written one after the other by this process, clashing ones refused."""
    prepared = list(_prepare_all(paths, config, out_root, only, jobs, **options))
    clashes = _clashes([p for p in prepared if not isinstance(p, Outcome)])
    for item in prepared:
        if isinstance(item, Outcome):
            yield item
        elif id(item) in clashes:
            yield outcome_of(_refuse_clash(item, clashes[id(item)]))
        else:
            yield _write_one(item)


def _write_one(prepared) -> Outcome:
    from zidoc.build import write_prepared

    try:
        return outcome_of(write_prepared(prepared))
    except Exception as exc:  # noqa: BLE001 - contained: the other workbooks go on
        return _unexpected(prepared.result.source, exc)


def _prepare_all(paths, config, out_root, only, jobs, **options) -> Iterator:
    jobs = worker_count(jobs, len(paths))
    if jobs == 1:
        for path in paths:
            yield prepare_one(path, config, out_root, only, **options)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # 'spawn' everywhere: the behaviour tested here is the one Windows users get.
    context = multiprocessing.get_context("spawn")
    pool = None
    finished = False
    try:
        # The workers are started with Ctrl+C ignored (inherited from here, so that a Ctrl+C
        # while they are still starting up prints no traceback either); this process answers
        # it, from right after the submissions.
        with _interrupt_ignored():
            pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                       initializer=_ignore_interrupt)
            futures: dict[Future, Path] = {
                pool.submit(prepare_one, path, config, out_root, only, **options): path
                for path in paths
            }
        for future in as_completed(futures):
            yield _prepared(future, futures[future])
        finished = True
    finally:
        if pool is None:
            pass
        elif finished:
            pool.shutdown(wait=True)
        else:
            # Ctrl+C (or any stop): the workers only compute in memory, so they are stopped
            # at once, without waiting for the workbooks they are on.
            _stop(pool)


class _interrupt_ignored:  # noqa: N801 - a context manager
    """SIGINT ignored inside the block (main thread only)."""

    def __enter__(self):
        import signal
        import threading

        self.installed = False
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
            self.installed = True
        return self

    def __exit__(self, *exc) -> None:
        import signal

        if self.installed:
            previous = self.previous if self.previous is not None else signal.default_int_handler
            signal.signal(signal.SIGINT, previous)


def _stop(pool) -> None:
    # Taken before the shutdown, which drops the pool's references to them.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    results = getattr(pool, "_result_queue", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except Exception:  # noqa: BLE001 - already gone
            pass
    for process in processes:
        try:
            process.join(2)
        except Exception:  # noqa: BLE001
            pass
    # A worker stopped while sending its result leaves half a message in the result pipe;
    # the pool's manager thread then waits for the rest for ever, and Python's exit joins that
    # thread (CPython's concurrent.futures). The workers are gone: closing this process's
    # end of the pipe gives the manager thread an end of file, and it stops.
    writer = getattr(results, "_writer", None)
    if writer is not None:
        try:
            writer.close()
        except Exception:  # noqa: BLE001 - already closed
            pass


def _prepared(future: Future, path: Path):
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - the worker process died (killed, out of memory)
        return Outcome(path, False, errors=1,
                       problems=(f"proses penyusun berhenti tiba-tiba ({type(exc).__name__}).",))


def _clashes(prepared: list) -> dict[int, list]:
    """Prepared builds that would write into one folder (same satker and year): id -> group."""
    by_folder: dict[Path, list] = {}
    for item in prepared:
        if item.writable:
            by_folder.setdefault(item.result.folder, []).append(item)
    return {id(p): group for group in by_folder.values() if len(group) > 1 for p in group}


def _refuse_clash(item, group):
    result = item.result
    others = ", ".join(p.result.source.name for p in group if p is not item)
    all_of_them = "keduanya" if len(group) == 2 else f"semuanya ({len(group)} workbook)"
    result.failures.append(
        f"{result.source.name} dan {others} sama-sama untuk satker dan tahun yang sama "
        f"({result.folder}); tidak ada berkas yang ditulis untuk {all_of_them}. Simpan hanya satu "
        "workbook per satker per tahun di folder inputs, lalu susun lagi.")
    return result


def progress_line(done: int, total: int, outcome: Outcome) -> str:
    """One plain line per finished workbook (when the output is not a terminal)."""
    width = len(str(total))
    if outcome.ok:
        status = f"selesai, {outcome.documents} dokumen"
        if outcome.warnings:
            status += f", {outcome.warnings} peringatan"
        if outcome.folder is not None:
            status += f" -> {outcome.folder}"
    else:
        status = f"GAGAL, {outcome.errors + len(outcome.failures)} kesalahan"
    return f"[{done:>{width}}/{total}] {outcome.source.name}: {status}"


def summary_rows(outcomes: Iterable[Outcome]) -> list[tuple[str, str, str, str]]:
    """(satker, nilai akhir, dokumen, masalah) per workbook, in the order given."""
    from zidoc.formatting import angka

    rows = []
    for o in outcomes:
        satker = o.satker or o.source.name
        nilai = angka(o.nilai_akhir) if o.nilai_akhir is not None else "-"
        if o.ok:
            masalah = f"{o.warnings} peringatan" if o.warnings else "-"
        else:
            masalah = f"GAGAL: {o.errors + len(o.failures)} kesalahan"
        rows.append((satker, nilai, str(o.documents), masalah))
    return rows


def summary_table(outcomes: list[Outcome]) -> str:
    header = ("satker", "nilai akhir", "dokumen", "masalah")
    rows = summary_rows(outcomes)
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(4)]
    right = (False, True, True, False)

    def line(row) -> str:
        cells = [c.rjust(w) if r else c.ljust(w) for c, w, r in zip(row, widths, right)]
        return "  ".join(cells).rstrip()

    failed = sum(1 for o in outcomes if not o.ok)
    title = f"Ringkasan: {len(outcomes)} workbook, {len(outcomes) - failed} berhasil, {failed} gagal."
    rule = "  ".join("-" * w for w in widths)
    return "\n".join([title, line(header), rule, *(line(r) for r in rows)])


def collect(paths: list[Path], outcomes: Iterable[Outcome],
            on_done: Callable[[int, Outcome], None] | None = None) -> BatchReport:
    """Gather outcomes (calling `on_done(n, outcome)` as each arrives), in the order of `paths`."""
    arrived = []
    for n, outcome in enumerate(outcomes, 1):
        arrived.append(outcome)
        if on_done is not None:
            on_done(n, outcome)
    order = {path: n for n, path in enumerate(paths)}
    arrived.sort(key=lambda o: order.get(o.source, len(order)))
    return BatchReport(arrived)
