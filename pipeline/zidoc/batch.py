"""Build many workbooks: in this process for one workbook (or --jobs 1), else in a process pool.

Each workbook is built independently: one bad workbook never stops the others. The worker
returns a small picklable `Outcome`; the command prints from outcomes only, so the same code
serves the in-process and the pool path (Windows 'spawn' included: `build_one` is top level)."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from zidoc.config import Config


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


def build_one(path: Path, config: Config, out_root: Path, only: tuple[str, ...] = (),
              contain: bool = True, **options) -> Outcome:
    """Build one workbook (`options` go to build_workbook). With `contain` (batches), an
    unexpected failure becomes a failed Outcome instead of an exception, so that the other
    workbooks go on."""
    from zidoc.build import build_workbook
    from zidoc.workbook.problems import Problems

    try:
        result = build_workbook(path, config, out_root, only, **options)
    except Exception as exc:  # a bug or an I/O failure must not stop the other workbooks
        if not contain:
            raise
        problems = Problems()
        problems.error(f"terjadi kesalahan tak terduga ({type(exc).__name__}: {exc}).")
        return Outcome(path, False, problems=tuple(str(p) for p in problems), errors=1)
    wb = result.workbook
    docs = [p for p in result.written if p.suffix.lower() == ".docx"]
    return Outcome(
        source=path,
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
    )


def run_batch(paths: list[Path], config: Config, out_root: Path, only: tuple[str, ...] = (),
              jobs: int = 1, **options) -> Iterator[Outcome]:
    """Yield one Outcome per workbook as each finishes (pool) or in order (in-process)."""
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        for path in paths:
            yield build_one(path, config, out_root, only, **options)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # 'spawn' everywhere: the behaviour tested here is the one Windows users get.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    try:
        futures: dict[Future, Path] = {
            pool.submit(build_one, path, config, out_root, only, True, **options): path
            for path in paths
        }
        for future in as_completed(futures):
            yield _outcome(future, futures[future])
    finally:
        # On Ctrl+C (or any stop), workbooks not yet started are dropped; those being
        # built finish (their files are written atomically).
        pool.shutdown(wait=True, cancel_futures=True)


def _outcome(future: Future, path: Path) -> Outcome:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - the worker process died (killed, out of memory)
        return Outcome(path, False, errors=1,
                       problems=(f"proses penyusun berhenti tiba-tiba ({type(exc).__name__}).",))


def progress_line(done: int, total: int, outcome: Outcome) -> str:
    """One plain line per finished workbook (when the output is not a terminal)."""
    width = len(str(total))
    if outcome.ok:
        status = f"selesai, {outcome.documents} dokumen"
        if outcome.warnings:
            status += f", {outcome.warnings} peringatan"
        if outcome.written:
            status += f" -> {outcome.written[0].parent}"
    else:
        status = f"GAGAL, {outcome.errors + len(outcome.failures)} kesalahan"
    return f"[{done:>{width}}/{total}] {outcome.source.name}: {status}"


def summary_rows(outcomes: Iterable[Outcome]) -> list[tuple[str, str, str, str]]:
    """(satker, nilai akhir, dokumen, masalah) per workbook, in the order given."""
    from zidoc.documents.formatting import angka

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
    return BatchReport(_mark_clashes(arrived))


def _mark_clashes(outcomes: list[Outcome]) -> list[Outcome]:
    """Two workbooks for the same satker and year write into one folder, the later one
    replacing the other's drafts: both are marked failed, naming each other."""
    by_folder: dict[Path, list[Outcome]] = {}
    for outcome in outcomes:
        if outcome.written:
            by_folder.setdefault(outcome.written[0].parent, []).append(outcome)
    clashing = {id(o): group for group in by_folder.values() if len(group) > 1 for o in group}
    result = []
    for outcome in outcomes:
        group = clashing.get(id(outcome))
        if group is None:
            result.append(outcome)
            continue
        others = ", ".join(o.source.name for o in group if o is not outcome)
        line = (f"{outcome.source.name} dan {others} sama-sama untuk satker dan tahun yang sama "
                f"({outcome.written[0].parent}); dokumen di sana berasal dari salah satunya saja. "
                "Simpan hanya satu workbook per satker per tahun di folder inputs, lalu susun lagi.")
        result.append(replace(outcome, ok=False, failures=(*outcome.failures, line)))
    return result
