"""The build: read -> validate -> score -> render (all in memory) -> write.

Nothing is written unless every step before it succeeded for that workbook."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from zidoc import __version__
from zidoc.config import Config
from zidoc.fs.files import sha256_bytes, slug
from zidoc.registry import DocumentKind
from zidoc.scoring import Scores, score
from zidoc.workbook.model import Workbook
from zidoc.workbook.problems import Problems

if TYPE_CHECKING:
    from zidoc.store.manifest import ScoreSummary


@dataclass
class Loaded:
    workbook: Workbook | None
    scores: Scores | None
    problems: Problems
    notes: list[str] = field(default_factory=list)


@dataclass
class BuildResult:
    source: Path
    problems: Problems
    folder: Path | None = None
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per document not built
    scores: Scores | None = None
    workbook: Workbook | None = None
    notes: list[str] = field(default_factory=list)  # lines for the user (edited drafts kept ...)
    failures: list[str] = field(default_factory=list)  # files not written, or a refusal: exit 1
    # A per-row document's folder (rapat/R-01) -> the row's name: one printed line per row.
    groups: dict[Path, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems.has_errors


def load(path: Path, config: Config, out_root: Path | None = None,
         data: bytes | None = None) -> Loaded:
    """Read, score and validate one workbook.

    An empty nilai_tahun_lalu is taken from last year's manifest or archive in `out_root`
    (default: the config's outputs folder), with its per-area values for the chart."""
    from zidoc import lke
    from zidoc.bukti.register import check_evidence
    from zidoc.rules import validate
    from zidoc.workbook.reader import read_workbook

    loaded_structure: list = []  # lke.toml, read once and only when the LKE sheet is there

    def structure():
        if not loaded_structure:
            loaded_structure.append(lke.load_structure(lke.structure_path(config), config.lke))
        return loaded_structure[0]

    wb, problems = read_workbook(path, config.lke.areas, config.lke.codes, data, structure,
                                 config.documents)
    if wb is None:
        return Loaded(None, None, problems)
    if wb.survei:
        wb = with_survey(wb, config, problems)
    persen = {k: row.persen for k, row in wb.nilai.items() if row.persen is not None}
    lke_scores = None
    notes = []
    if wb.lke is not None and wb.lke.in_use:
        lke_scores = lke.score_answers(structure(), wb.lke)
        lke.answer_warnings(wb.lke, lke_scores, problems)
        areas, lke_scores = lke.area_percentages(
            {k: (row.persen, row.cell) for k, row in wb.nilai.items()
             if k in config.lke.areas and row.persen is not None},
            lke_scores, problems)
        persen |= areas
    elif wb.lke is not None and wb.lke.questions:
        areas = config.lke.areas
        notes.append(f"Sheet {wb.lke.sheet} belum berisi jawaban, jadi tidak dipakai; persen "
                     f"{areas[0]}-{areas[-1]} diambil dari sheet Nilai.")
    nilai_tahun_lalu = wb.identitas.nilai_tahun_lalu
    persen_tahun_lalu = {k: row.persen_tahun_lalu for k, row in wb.nilai.items()
                         if row.persen_tahun_lalu is not None}
    if nilai_tahun_lalu is None:
        from zidoc.store.previous import last_year

        found = last_year(out_root or config.outputs, wb.identitas.tahun,
                          slug(wb.identitas.singkatan_satker))
        if found is not None:
            nilai_tahun_lalu = found.nilai_akhir
            persen_tahun_lalu = {k: v for k, v in found.persen.items() if k in persen
                                 } | persen_tahun_lalu
            notes.append(f"Nilai tahun lalu diambil dari {found.source}.")
    scores = score(config.lke, config.predikat, persen, nilai_tahun_lalu, persen_tahun_lalu,
                   breakdown=lke_scores)
    problems.extend(validate(wb, scores, config))
    wb = replace(wb, bukti=check_evidence(wb, config, problems, _indicator_names(structure, wb)))
    return Loaded(wb if not problems.has_errors else None, scores, problems, notes)


def with_survey(wb: Workbook, config: Config, problems: Problems) -> Workbook:
    """The workbook with its survey's responses read and computed (wb.survei.hasil); every
    problem of the responses file goes to `problems`, each at its cell in that file."""
    from dataclasses import replace

    from zidoc.survei.responses import ResponsesError, read_responses

    survei = wb.survei
    sheet, _, cell = survei.cells["berkas"].rpartition("!")
    path = survei.path(wb.source)
    if not path.is_file():
        problems.error(f"berkas jawaban survei '{survei.berkas}' tidak ditemukan di folder "
                       f"workbook ({path.parent}). Simpan ekspor formulir survei di folder itu, "
                       "atau tulis namanya dengan benar.", sheet, cell)
        return wb
    try:
        hasil = read_responses(path, config.survei, survei.populasi)
    except ResponsesError as exc:
        for issue in exc.issues:
            if issue.cell is None:
                problems.error(f"{exc.file}: {issue.message}", sheet, cell)
            else:
                problems.error(issue.message, exc.file, issue.cell)
        return wb
    if hasil.kurang_sampel:
        where = survei.cells.get("populasi", survei.cells["berkas"])
        at_sheet, _, at_cell = where.rpartition("!")
        problems.warning(f"jumlah responden survei ({hasil.responden}) kurang dari sampel "
                         f"minimal Krejcie-Morgan ({hasil.minimum}) untuk populasi "
                         f"{survei.populasi}; laporan SKM menyebutkannya.", at_sheet, at_cell)
    return replace(wb, survei=replace(survei, hasil=hasil))


def _indicator_names(structure: Callable, wb: Workbook) -> dict[str, str]:
    """Indicator code -> name from lke.toml, for the evidence register; none when the sheet
    is absent or lke.toml cannot be used (that is reported where the LKE is in use)."""
    from zidoc.config import ConfigError

    if wb.lke is None:
        return {}
    try:
        return {i.kode: i.nama for i in structure().indicators}
    except ConfigError:
        return {}


def score_summary(scores: Scores) -> ScoreSummary:
    """The exact values for the manifest (Decimals, written as strings): next year's report
    and the recap read them."""
    from zidoc.store.manifest import ScoreSummary

    return ScoreSummary(
        akhir=scores.nilai_akhir,
        pengungkit=scores.pengungkit.nilai,
        hasil=scores.nilai_hasil,
        persen_pengungkit=scores.pengungkit.persen,
        persen_hasil=scores.persen_hasil,
        persen={i.kode: i.persen for i in scores.pengungkit.items}
        | {i.kode: i.persen for g in scores.hasil for i in g.items},
        tahun_lalu=scores.nilai_tahun_lalu,
        predikat={p.nama: p.met for p in scores.predikat},
        syarat_belum={p.nama: tuple(c.kriteria for c in p.checks if not c.met)
                      for p in scores.predikat},
        lke_pemenuhan=None if scores.lke is None else scores.lke.total("pemenuhan"),
        lke_reform=None if scores.lke is None else scores.lke.total("reform"),
    )


def evidence_summary(register):
    """The manifest's record of the evidence check (None without LKE questions)."""
    from zidoc.store.manifest import EvidenceSummary

    if register is None or not register.questions:
        return None
    total = register.total
    return EvidenceSummary(pertanyaan=total.pertanyaan, terjawab=total.terjawab,
                           lengkap=total.lengkap, tanpa_berkas=register.positive_without_files)


def output_folder(wb: Workbook, out_root: Path) -> Path:
    return out_root / str(wb.identitas.tahun) / slug(wb.identitas.singkatan_satker)


@dataclass(frozen=True)
class RenderJob:
    """One document to render: its template context, its pictures (made on demand) and an
    optional last step on the rendered Word document."""

    document: DocumentKind
    context: dict
    images: dict[str, Callable[[], Callable]] = field(default_factory=dict)  # name -> placer maker
    finish: Callable | None = None


class RowRefused(Exception):
    """A row asked for on the command line (--rapat R-09) that the workbook does not have;
    the message is for the user."""


def selected(doc: DocumentKind, only: tuple[str, ...]) -> bool:
    """Whether --only (empty: everything) asks for `doc`, by its kind or its rows' option."""
    return not only or doc.kind in only or doc.selector in only


def _row_keys(wb: Workbook, doc: DocumentKind, rows: dict[str, tuple[str, ...]]
              ) -> tuple[str, ...]:
    """The keys of the rows to build for a per-row document: all, or those asked for (matched
    in any case); a key asked for that the sheet does not have is refused."""
    assert doc.per_row is not None
    from zidoc.registry import resolve

    keys = tuple(resolve(doc.per_row.keys)(wb))
    wanted = rows.get(doc.per_row.option) or ()
    if not wanted:
        return keys
    by_fold = {k.casefold(): k for k in keys}
    missing = [w for w in wanted if w.casefold() not in by_fold]
    if missing:
        shown = ", ".join(keys[:12]) + (" ..." if len(keys) > 12 else "") if keys else "belum ada"
        raise RowRefused(
            f"{', '.join(missing)} tidak ada di sheet {doc.sheet} (kode yang ada: {shown}); "
            f"periksa --{doc.per_row.option}. Tidak ada berkas yang ditulis.")
    chosen = {by_fold[w.casefold()] for w in wanted}
    return tuple(k for k in keys if k in chosen)


def document_jobs(wb: Workbook, scores: Scores, config: Config, only: tuple[str, ...] = (),
                  periods: dict[str, int | None] | None = None,
                  rows: dict[str, tuple[str, ...]] | None = None, every_row: bool = False
                  ) -> tuple[list[RenderJob], list[str]]:
    """What to render for each requested document, as its registry entry says. Returns (jobs,
    skipped lines). `periods`: the chosen period per option (--triwulan 2: {"triwulan": 2});
    a periodic document not given one is built for its latest period with data. `rows`: the
    rows chosen per option (--rapat R-01: {"rapat": ("R-01",)}); a per-row document is built
    for each of them (default: every row), and only per-row documents are built when rows
    are chosen. RowRefused for a chosen row the workbook does not have. `every_row`: a
    per-row document is made for every row, even one without what it needs (`present`: the
    templates check wants every context)."""
    jobs: list[RenderJob] = []
    skipped: list[str] = []
    rows = {k: v for k, v in (rows or {}).items() if v}
    told: set[str] = set()  # per-row groups already said skipped (one line for the group)
    for doc in config.documents:
        # --rapat R-01 alone: that meeting's pack only; with --only, those documents too.
        in_rows = doc.per_row is not None and doc.per_row.option in rows
        if not (in_rows or (selected(doc, only) and not (rows and not only))):
            continue
        reason = doc.missing_reason(wb)
        if reason is None and doc.period is not None:
            chosen = (periods or {}).get(doc.period.option)
            periode, reason = doc.period_of(wb, chosen)
            if periode is not None or chosen is not None:
                doc = doc.at(periode or chosen)
            if reason is None:
                reason = doc.missing_reason(wb)
        if reason is not None:
            asked = doc.kind in only or doc.selector in only or doc.selector in rows
            if doc.optional and not asked and doc.has_rows and not doc.rows_of(wb):
                continue  # no data for it: not a skip worth a line unless --only asked
            if doc.per_row is not None:  # one line for the group (the meeting pack)
                if doc.per_row.option not in told:
                    told.add(doc.per_row.option)
                    skipped.append(doc.per_row.skipped_line(reason))
                continue
            skipped.append(doc.skipped_line(wb.identitas.tahun, reason))
            continue
        entries = [doc] if doc.per_row is None else [
            doc.at_row(key) for key in _row_keys(wb, doc, rows)]
        for entry in entries:
            if not every_row and not entry.is_present(wb, config):
                continue  # nothing for it in this row (a meeting without photos): silently
            context = entry.context_builder()(wb, scores, config, entry)
            images = {name: partial(make, wb, scores, config)
                      for name, make in entry.picture_makers().items()}
            jobs.append(RenderJob(entry, context, images, finish=entry.finisher()))
    return jobs, skipped


def render_documents(wb: Workbook, scores: Scores, config: Config, only: tuple[str, ...] = (),
                     periods: dict[str, int | None] | None = None,
                     rows: dict[str, tuple[str, ...]] | None = None,
                     notes: list[str] | None = None
                     ) -> tuple[dict[DocumentKind, bytes], list[str]]:
    """Render every requested document in memory. Returns (documents, skipped lines); what
    was done to a template to read it (tracked changes accepted ...) and what a picture had
    to leave out (Picture.notes: a photo that cannot be read) are added to `notes`."""
    from zidoc.documents.render import render_docx

    jobs, skipped = document_jobs(wb, scores, config, only, periods, rows)
    said: list[str] = []
    left_out: list[str] = []
    rendered = {}
    for job in jobs:
        images = {}
        for name, make in job.images.items():
            images[name] = make()
            if name in job.document.noting_pictures:
                images[name], lines = images[name]
                left_out.extend(lines)
        rendered[job.document] = render_docx(
            config.templates / job.document.template, job.context, config, images,
            finish=job.finish, document=job.document, notes=said)
    if notes is not None:
        notes.extend(dict.fromkeys(said))  # a template used twice is named once
        notes.extend(left_out)
    return rendered, skipped


def row_groups(wb: Workbook, folder: Path, rendered) -> dict[Path, str]:
    """Each built row's folder -> its printed name ("Rapat R-01 (5 Februari 2024)"): the
    build prints one line per row, not one per file."""
    from zidoc.registry import resolve

    groups: dict[Path, str] = {}
    for doc in rendered:
        if doc.per_row is not None and doc.kunci is not None:
            where = folder / doc.per_row.folder_of(doc.kunci)
            if where not in groups:
                groups[where] = resolve(doc.per_row.label)(wb, doc.kunci)
    return groups


@dataclass
class Prepared:
    """A build ready to be written: everything computed in memory, nothing on disk yet.
    Picklable, so that a batch's worker processes prepare and the main process writes."""

    result: BuildResult
    drafts: list = field(default_factory=list)  # store.drafts.Draft
    manifest: object = None  # store.manifest.Manifest
    extra: dict[str, bytes] = field(default_factory=dict)
    order: tuple[str, ...] = ()
    archive: Path | None = None  # the year's archive, checked again under the lock (no --paksa)

    @property
    def writable(self) -> bool:
        return self.result.folder is not None and self.manifest is not None


def frozen_message(wb: Workbook, archive: Path) -> str:
    return (f"Tahun {wb.identitas.tahun} untuk {wb.identitas.singkatan_satker} sudah diarsipkan "
            f"({archive}); dokumennya tidak disusun ulang. Bila memang perlu, jalankan "
            "'zidoc build --paksa' (arsipnya tetap tidak diubah).")


def build_workbook(path: Path, config: Config, out_root: Path, only: tuple[str, ...] = (),
                   force: bool = False,
                   periods: dict[str, int | None] | None = None,
                   rows: dict[str, tuple[str, ...]] | None = None) -> BuildResult:
    """Build one workbook into out_root/<tahun>/<slug>/. An archived year is refused unless
    `force`; drafts edited since the last build are never overwritten (see drafts.py).
    The documents are `config.documents` (the registry's and those config.toml declares);
    `periods` and `rows`: see document_jobs."""
    return write_prepared(prepare_build(path, config, out_root, only, force, periods, rows))


def prepare_build(path: Path, config: Config, out_root: Path, only: tuple[str, ...] = (),
                  force: bool = False,
                  periods: dict[str, int | None] | None = None,
                  rows: dict[str, tuple[str, ...]] | None = None) -> Prepared:
    """Read, check and render one workbook in memory (see build_workbook); writes nothing."""
    from zidoc.documents.render import RenderError
    from zidoc.fs.files import (
        display_name,
        excel_problem,
        fit_name,
        folder_problem,
        name_room,
        safe_file_name,
    )
    from zidoc.fs.lock import LOCK_NAME
    from zidoc.store.drafts import Draft, draft_name
    from zidoc.store.manifest import FILE_NAME, Manifest, Source
    from zidoc.store.previous import archive_name
    from zidoc.workbook.xlsx import WorkbookFileError, read_bytes

    try:  # read once: the recorded hash and the sumber- copy are the bytes that were built
        source = read_bytes(path)
        loaded = load(path, config, out_root, source)
    except WorkbookFileError as exc:
        loaded = Loaded(None, None, Problems())
        loaded.problems.error(str(exc))
    result = BuildResult(path, loaded.problems, scores=loaded.scores, workbook=loaded.workbook,
                         notes=list(loaded.notes))
    prepared = Prepared(result)
    if loaded.workbook is None:
        return prepared
    wb = loaded.workbook
    folder = output_folder(wb, out_root)
    archive = folder / archive_name(wb.identitas.tahun, folder.name)
    if archive.exists() and not force:
        result.failures.append(frozen_message(wb, archive))
        return prepared
    try:
        rendered, result.skipped = render_documents(wb, loaded.scores, config, only, periods,
                                                    rows, result.notes)
    except RenderError as exc:  # a template problem, not the workbook's: no "perbaiki sel"
        result.failures.append(str(exc))
        return prepared
    except RowRefused as exc:
        result.failures.append(str(exc))
        return prepared
    result.groups = row_groups(wb, folder, rendered)

    # The copy's name is ours to choose: one every file system takes (a very long name, bytes
    # that are not UTF-8, characters Windows refuses are made safe), shortened to the room
    # Windows' path limit leaves (Excel's for a workbook).
    copy_name = safe_file_name(f"sumber-{path.name}")
    copy_name = fit_name(copy_name, name_room(folder, copy_name))
    names = [draft_name(folder, doc.output_name(wb.identitas.tahun)) for doc in rendered]
    # Windows' limits for the folder and every name, before any folder is created.
    if (why := folder_problem(folder, [*names, copy_name, FILE_NAME, LOCK_NAME])) is not None:
        result.failures.append(f"{why} Tidak ada berkas atau folder yang dibuat.")
        return prepared
    if (why := excel_problem(folder / copy_name)) is not None:
        result.notes.append(why)
    result.folder = folder
    prepared.manifest = Manifest(
        zidoc=__version__,
        dibuat=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        tahun=wb.identitas.tahun,
        satker=wb.identitas.nama_satker,
        singkatan_satker=wb.identitas.singkatan_satker,
        sumber=Source(berkas=display_name(path.name), sha256=sha256_bytes(source),
                      salinan=copy_name),
        nilai=score_summary(loaded.scores),
        bukti=evidence_summary(wb.bukti),
    )
    prepared.drafts = []
    # The year's documents first, then each row's (a meeting's pack), as the manifest; each
    # document followed by the files written beside it (the survey's processing sheet).
    for doc, data in sorted(rendered.items(), key=lambda item: item[0].per_row is not None):
        prepared.drafts.append(Draft(
            doc.kind, doc.output_name(wb.identitas.tahun), data,
            doc.summarizer()(wb, loaded.scores, config, doc) if doc.summary else None))
        if (make := doc.attachment_maker()) is not None:
            prepared.drafts += [Draft(doc.kind, name, attached) for name, attached
                                in make(wb, loaded.scores, config, doc).items()]
    prepared.extra = {copy_name: source}
    prepared.order = tuple(d.kind for d in config.documents)
    prepared.archive = None if force else archive
    return prepared


def write_prepared(prepared: Prepared, wait: float | None = None) -> BuildResult:
    """Write a prepared build, holding its output folder's lock (one build at a time per
    folder; a second waits `wait` seconds, then is refused naming who holds it)."""
    from zidoc.fs.lock import FolderLock, LockBusy
    from zidoc.store.drafts import write_outputs
    from zidoc.store.manifest import FILE_NAME, read_manifest

    result = prepared.result
    if not prepared.writable:
        return result
    folder = result.folder
    manifest = prepared.manifest
    try:
        with FolderLock(folder, wait):
            if prepared.archive is not None and prepared.archive.exists():
                # Archived while this build was reading and rendering.
                result.failures.append(frozen_message(result.workbook, prepared.archive))
                return result
            # Read under the lock: the manifest a build just finished writing is the base.
            # A broken manifest counts as none: every file then looks edited and is kept.
            previous = read_manifest(folder).manifest
            if previous is not None and previous.newer:
                result.notes.append(
                    f"{folder / FILE_NAME} ditulis oleh zidoc yang lebih baru (format "
                    f"{previous.versi_format}); zidoc ini menulisnya ulang dalam format "
                    f"{manifest.versi_format}. Perbarui zidoc agar keterangan tambahannya "
                    "tidak hilang."
                )
            report = write_outputs(folder, prepared.drafts, manifest, previous, prepared.extra,
                                   order=prepared.order)
    except LockBusy as exc:
        result.failures.append(f"{exc} Tidak ada berkas yang ditulis.")
        return result
    result.written += report.written
    result.notes += report.notes
    result.failures += report.failures
    return result
