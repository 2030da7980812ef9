"""The build: read -> validate -> score -> render (all in memory) -> write.

Nothing is written unless every step before it succeeded for that workbook."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .config import Config
from .model import Workbook
from .problems import Problems
from .scoring import Scores, score
from .writer import atomic_write, sha256_bytes, sha256_file, slug, write_manifest


@dataclass(frozen=True)
class DocumentKind:
    kind: str  # "laporan", "sk-tim", "rencana-aksi"
    template: str  # file name in the templates folder
    output: str  # output file name pattern, {tahun}


DOCUMENTS = (
    DocumentKind("laporan", "laporan-pelaksanaan.docx", "laporan-pelaksanaan-zi-{tahun}.docx"),
)
KINDS = tuple(d.kind for d in DOCUMENTS)


@dataclass
class Loaded:
    workbook: Workbook | None
    scores: Scores | None
    problems: Problems


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

    @property
    def ok(self) -> bool:
        return not self.problems.has_errors


def load(path: Path, config: Config) -> Loaded:
    """Read, score and validate one workbook."""
    from .reader import read_workbook
    from .validate import validate

    wb, problems = read_workbook(path, config.lke.areas, config.lke.codes)
    if wb is None:
        return Loaded(None, None, problems)
    scores = score(
        config.lke,
        config.predikat,
        {k: row.persen for k, row in wb.nilai.items()},
        wb.identitas.nilai_tahun_lalu,
        {k: row.persen_tahun_lalu for k, row in wb.nilai.items() if row.persen_tahun_lalu is not None},
    )
    problems.extend(validate(wb, scores, config))
    return Loaded(wb if not problems.has_errors else None, scores, problems)


def score_summary(scores: Scores) -> dict:
    """Exact values (as strings) for the manifest: next year's report and the recap read them."""
    return {
        "akhir": str(scores.nilai_akhir),
        "pengungkit": str(scores.pengungkit.nilai),
        "hasil": str(scores.nilai_hasil),
        "persen_pengungkit": str(scores.pengungkit.persen),
        "persen_hasil": str(scores.persen_hasil),
        "persen": {i.kode: str(i.persen) for i in scores.pengungkit.items}
        | {i.kode: str(i.persen) for g in scores.hasil for i in g.items},
        "tahun_lalu": None if scores.nilai_tahun_lalu is None else str(scores.nilai_tahun_lalu),
        "predikat": {p.nama: p.met for p in scores.predikat},
        # Added for the recap: the criteria not yet met, per predikat.
        "syarat_belum": {p.nama: [c.kriteria for c in p.checks if not c.met]
                         for p in scores.predikat},
    }


def output_folder(wb: Workbook, out_root: Path) -> Path:
    return out_root / str(wb.identitas.tahun) / slug(wb.identitas.singkatan_satker)


def render_documents(wb: Workbook, scores: Scores, config: Config, only: tuple[str, ...] = ()
                     ) -> tuple[dict[DocumentKind, bytes], list[str]]:
    """Render every requested document in memory. Returns (documents, skipped lines)."""
    from .chart import area_chart_png
    from .context import laporan_context
    from .render import render_docx

    rendered: dict[DocumentKind, bytes] = {}
    skipped: list[str] = []
    for doc in DOCUMENTS:
        if only and doc.kind not in only:
            continue
        if doc.kind == "laporan":
            context = laporan_context(wb, scores, config)
            images = {"grafik": area_chart_png(scores, config.predikat, wb.identitas.tahun)}
            rendered[doc] = render_docx(config.templates / doc.template, context, config, images)
    return rendered, skipped


def build_workbook(path: Path, config: Config, out_root: Path, only: tuple[str, ...] = ()
                   ) -> BuildResult:
    from .render import RenderError

    loaded = load(path, config)
    result = BuildResult(path, loaded.problems, scores=loaded.scores, workbook=loaded.workbook)
    if loaded.workbook is None:
        return result
    wb = loaded.workbook
    try:
        documents, result.skipped = render_documents(wb, loaded.scores, config, only)
    except RenderError as exc:
        result.problems.error(str(exc))
        return result

    folder = output_folder(wb, out_root)
    result.folder = folder
    entries = []
    for doc, data in documents.items():
        target = folder / doc.output.format(tahun=wb.identitas.tahun)
        atomic_write(target, data)
        result.written.append(target)
        entries.append({"jenis": doc.kind, "berkas": target.name, "sha256": sha256_bytes(data)})
    manifest = {
        "zidoc": __version__,
        "dibuat": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "tahun": wb.identitas.tahun,
        "satker": wb.identitas.nama_satker,
        "singkatan_satker": wb.identitas.singkatan_satker,
        "sumber": {"berkas": path.name, "sha256": sha256_file(path)},
        "nilai": score_summary(loaded.scores),
        "dokumen": entries,
    }
    result.written.append(write_manifest(folder, manifest))
    return result
