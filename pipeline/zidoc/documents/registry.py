"""The documents zidoc writes, each declared once.

An entry says everything the rest of zidoc needs to know about a document: its name for
`--only` and the manifest, its title for staff, its template and output file, the sheet and
`Dokumen` row it is built from (and so when it is skipped, and why), where its context builder,
pictures and finishing step live. `--only` choices, status rows, `Dokumen` codes and the
`[keputusan.*]` keys of config.toml all come from here.

Adding a document = an entry in DOCUMENTS + its module (context builder) + its template + its
tests. Nothing else branches on a document's name.

The command line imports this module at start-up (for the `--only` choices), so it imports
nothing heavy: builders are named as "module:function" strings and imported on first use."""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the model imports this module: never import it at run time here
    from zidoc.workbook.model import Workbook

# A callable, or "package.module:function" naming one (imported only when it is used).
Ref = str | Callable[..., Any]


def resolve(ref: Ref) -> Callable[..., Any]:
    """The callable `ref` names: "zidoc.documents.laporan:laporan_context" is imported here."""
    if callable(ref):
        return ref
    module, sep, name = ref.partition(":")
    if not sep or not module or not name:
        raise ValueError(f"not a 'module:function' reference: {ref!r}")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Picture:
    """A picture or chart the template places as `{{ name }}`; made only when the document
    is rendered. `make(wb, scores, config)` returns a placer (render.py): called with the
    template, it gives what `{{ name }}` renders, whatever its kind (render.inline_png for PNG
    bytes, wordchart.chart_placer for a native chart)."""

    name: str  # the template variable
    make: Ref  # (wb, scores, config) -> placer: (docxtpl template) -> the object placed


@dataclass(frozen=True)
class DocumentKind:
    kind: str  # the name: --only choice, manifest "jenis" ("laporan", "sk-tim" ...)
    title: str  # shown to staff: status rows, skip lines
    template: str  # file name in the templates folder
    output: str  # output file name pattern, {tahun}
    context: Ref  # (wb, scores, config, doc) -> the template context (a dict)
    # The sheet it is built from and the Workbook attribute holding its rows: when the sheet is
    # absent or empty, the document is skipped (with the reason), not failed.
    sheet: str | None = None
    rows: str | None = None
    dokumen: str | None = None  # code of the Dokumen row (nomor, tanggal) it needs
    keputusan: bool = False  # a Keputusan: its fixed texts are [keputusan.<dokumen>] in config
    pictures: tuple[Picture, ...] = ()
    finish: Ref | None = None  # (python-docx Document) -> None, after render and page setup

    def output_name(self, tahun: int) -> str:
        return self.output.format(tahun=tahun)

    def missing_reason(self, wb: Workbook) -> str | None:
        """Why this document cannot be built from `wb` (Indonesian), or None when it can."""
        if self.rows is not None:
            rows = getattr(wb, self.rows)
            if rows is None:
                return f"sheet {self.sheet} tidak ada di workbook"
            if not rows:
                return f"sheet {self.sheet} belum berisi data"
        if self.dokumen is not None:
            if wb.dokumen is None:
                return "sheet Dokumen (nomor dan tanggal Keputusan) tidak ada di workbook"
            if self.dokumen not in wb.dokumen:
                return (f"sheet Dokumen belum memuat baris '{self.dokumen}' "
                        "(nomor dan tanggal Keputusan)")
        return None

    def skipped_line(self, tahun: int, reason: str) -> str:
        """The one line the build prints for this document when it is not written."""
        return f"Dilewati: {self.title} ({self.output_name(tahun)}) tidak disusun karena {reason}."

    def context_builder(self) -> Callable[..., dict]:
        return resolve(self.context)

    def picture_makers(self) -> dict[str, Callable[..., Callable[[Any], object]]]:
        return {p.name: resolve(p.make) for p in self.pictures}

    def finisher(self) -> Callable[..., None] | None:
        return None if self.finish is None else resolve(self.finish)


DOCUMENTS: tuple[DocumentKind, ...] = (
    DocumentKind(
        kind="laporan",
        title="Laporan Pelaksanaan",
        template="laporan-pelaksanaan.docx",
        output="laporan-pelaksanaan-zi-{tahun}.docx",
        context="zidoc.documents.laporan:laporan_context",
        pictures=(Picture("grafik", "zidoc.documents.laporan:area_chart"),),
    ),
    DocumentKind(
        kind="sk-tim",
        title="SK Tim",
        template="sk-tim.docx",
        output="sk-tim-zi-{tahun}.docx",
        context="zidoc.documents.keputusan:sk_tim_context",
        sheet="Tim",
        rows="tim",
        dokumen="sk_tim",
        keputusan=True,
        finish="zidoc.documents.wordfix:finish_keputusan",
    ),
    DocumentKind(
        kind="rencana-aksi",
        title="Rencana Aksi",
        template="rencana-aksi.docx",
        output="rencana-aksi-zi-{tahun}.docx",
        context="zidoc.documents.keputusan:rencana_aksi_context",
        sheet="RencanaAksi",
        rows="rencana_aksi",
        dokumen="rencana_aksi",
        keputusan=True,
        finish="zidoc.documents.wordfix:finish_keputusan",
    ),
)

KINDS = tuple(d.kind for d in DOCUMENTS)  # the --only choices, in build order
DOKUMEN_CODES = tuple(d.dokumen for d in DOCUMENTS if d.dokumen is not None)
KEPUTUSAN_KEYS = tuple(d.dokumen for d in DOCUMENTS if d.keputusan and d.dokumen is not None)


def title_of(kind: str, documents: tuple[DocumentKind, ...] = DOCUMENTS) -> str:
    """The staff-facing title of a manifest's "jenis"; an unknown one is shown as it is."""
    return next((d.title for d in documents if d.kind == kind), kind)
