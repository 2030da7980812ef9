"""The documents zidoc writes, each declared once.

An entry says everything the rest of zidoc needs to know about a document: its name for
`--only` and the manifest, its title for staff, its template and output file, the sheet and
`Dokumen` row it is built from (and so when it is skipped, and why), where its context builder,
pictures and finishing step live. `--only` choices, status rows, `Dokumen` codes and the
`[keputusan.*]` keys of config.toml all come from here.

Adding a document = an entry in DOCUMENTS + its module (context builder) + its template + its
tests. Nothing else branches on a document's name. A document written once per period
(`Period`: the monitoring report per quarter) or once per row of a sheet (`PerRow`: a
meeting's pack, in its own folder rapat/<kode>/) says so in its entry; the build, the
command line (--triwulan, --rapat, --only rapat), the manifest and the printed lines follow. A Keputusan with a Lampiran of people needs no
code at all: a `[keputusan.<kunci>]` table of config.toml that names a sheet is turned into an
entry by `member_keputusan` (config.py builds `Config.documents`, the full list: DOCUMENTS, then
the declared ones).

The command line imports this module at start-up (for the `--only` choices), so it imports
nothing heavy: builders are named as "module:function" strings and imported on first use."""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

# The registry sits below config and the workbook model (both read it): a workbook is passed
# in as `wb` and read by attribute only.
Workbook = Any

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
    make: Ref  # (wb, scores, config[, doc]) -> placer: (docxtpl template) -> the object placed
    document: bool = False  # the maker also takes the document's entry (its period ...)
    # The maker returns (placer, lines for the user): what it had to leave out (a photo that
    # cannot be read ...), said once the document is rendered.
    notes: bool = False


# The positions of the SK Tim's team, in Lampiran order; those of AREA_KEDUDUKAN are listed
# per area and need one (the sheet's `area`). Here, under the model, so that the registry can
# declare the SK Tim's people like any other Keputusan's.
KETUA = "Ketua"  # exactly one, wherever the positions include it (workbook/members.py)
AREA_KEDUDUKAN = ("Koordinator", "Anggota")
KEDUDUKAN = ("Pengarah", "Penanggung Jawab", KETUA, "Wakil Ketua", "Sekretaris",
             *AREA_KEDUDUKAN)
# A declared Keputusan's positions when its config table lists none.
DEFAULT_KEDUDUKAN = (KETUA, "Sekretaris", "Anggota")
# The template of a declared Keputusan when its config table names none: the SK Tim's frame
# with a Lampiran of people.
MEMBER_TEMPLATE = "keputusan-anggota.docx"


@dataclass(frozen=True)
class Members:
    """A Keputusan whose Lampiran lists the people of one sheet (the `Tim` sheet's columns).

    People are listed by `kedudukan` in its order; those whose position is in `by_area` and
    who have an `area` are listed under their area's heading instead. `area_required`: those
    positions must name an area (the SK Tim's Koordinator and Anggota)."""

    kedudukan: tuple[str, ...]
    by_area: tuple[str, ...]
    area_required: bool = False


# The workbook's sheets that no Keputusan declared in config.toml may take as its people
# sheet (the documents' own sheets, `DocumentKind.sheet`, are refused too). Config is checked
# below the workbook contract (workbook/schema.py), so the names are listed here;
# tests/test_config_keputusan.py checks that they cover every sheet of the contract.
RESERVED_SHEETS = ("Petunjuk", "Identitas", "Nilai", "Ringkasan", "Narasi", "Penghargaan",
                   "Dokumen", "LKE", "Peserta")

# The SK Tim's people (sheet Tim).
TIM_MEMBERS = Members(KEDUDUKAN, by_area=AREA_KEDUDUKAN, area_required=True)


@dataclass(frozen=True)
class Period:
    """A document written once per period (a quarter ...), each period its own file.

    A build writes the period chosen with the option `--<option> N`, by default the latest
    period that has data (`latest`); a later one than that is skipped with its reason."""

    option: str  # the build option and its keyword: "triwulan" -> --triwulan N
    help: str  # the option's help (Indonesian)
    names: tuple[str, ...]  # how each period 1, 2 ... is printed: "I", "II" ...
    latest: Ref  # (wb) -> the latest period that has data, or None

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(range(1, len(self.names) + 1))

    def name(self, value: int) -> str:
        return self.names[value - 1]


@dataclass(frozen=True)
class PerRow:
    """Documents written once per row of a sheet (a meeting ...): each row has its own folder
    and files named by its key (`{kunci}` in `folder` and in the entries' `output`).

    A build writes every row, or only those chosen with `--<option> KEY` (repeatable; then
    only these rows' documents are built); `--only <option>` builds only these documents.
    The build prints one line per row (`label`), not one per file."""

    option: str  # "rapat": --only rapat, --rapat KODE
    help: str  # the option's help (Indonesian)
    keys: Ref  # (wb) -> the rows' keys, in sheet order
    label: Ref  # (wb, key) -> how the build names the row: "Rapat R-01 (5 Februari 2024)"
    folder: str  # where a row's files go, under the satker's folder: "rapat/{kunci}"
    title: str  # the documents of a row, for staff: "Paket rapat"
    metavar: str = "KODE"

    def folder_of(self, key: str) -> str:
        return self.folder.format(kunci=file_key(key))

    def skipped_line(self, reason: str) -> str:
        """The one line the build prints when no row's documents can be written."""
        where = self.folder.format(kunci=f"<{self.metavar.lower()}>")
        return f"Dilewati: {self.title} ({where}/) tidak disusun karena {reason}."


def file_key(key: str) -> str:
    """A row's key as it goes into file and folder names (made safe for every file system)."""
    from zidoc.fs.files import safe_file_name

    return safe_file_name(key, limit=80)


@dataclass(frozen=True)
class DocumentKind:
    kind: str  # the name: --only choice, manifest "jenis" ("laporan", "sk-tim" ...)
    title: str  # shown to staff: status rows, skip lines
    template: str  # file name in the templates folder
    output: str  # output file name pattern, {tahun}
    context: Ref  # (wb, scores, config, doc) -> the template context (a dict)
    # The sheet it is built from and the Workbook attribute holding its rows: when the sheet is
    # absent or empty, the document is skipped (with the reason), not failed. A Keputusan with
    # `members` has its people in `Workbook.anggota[sheet]` instead of an attribute.
    sheet: str | None = None
    rows: str | None = None
    members: Members | None = None
    dokumen: str | None = None  # code of the Dokumen row (nomor, tanggal) it needs
    keputusan: bool = False  # a Keputusan: its fixed texts are [keputusan.<dokumen>] in config
    pictures: tuple[Picture, ...] = ()
    finish: Ref | None = None  # (python-docx Document) -> None, after render and page setup
    # What the Dokumen row gives (in skip reasons).
    dokumen_isi: str = "nomor dan tanggal Keputusan"
    # Without the rows of its sheet the document is left out silently, unless --only asks
    # for it (an optional document most workbooks do not have the data for).
    optional: bool = False
    # Written once per period: `output` and `dokumen` then hold {periode}; `periode` is set
    # (at()) for the period being built.
    period: Period | None = None
    periode: int | None = None
    # Written once per row (a meeting): `output` then holds {kunci}; `kunci` is set (at_row())
    # for the row being built. `present` (wb, config, doc) -> False leaves the document out
    # for that row, silently (a meeting without photographs has no dokumentasi).
    per_row: PerRow | None = None
    kunci: str | None = None
    present: Ref | None = None
    # The kind of another document this one refers to (its Dokumen row is named in the text).
    refers: str | None = None
    # Exact figures kept in the document's manifest entry ("ringkasan"):
    # (wb, scores, config, doc) -> {name: Decimal}. The recap shows them in the columns
    # `recap`, as `recap_values` (ringkasan -> one value per column) makes them.
    summary: Ref | None = None
    recap: tuple[str, ...] = ()
    recap_values: Ref | None = None
    # More files written beside the document and kept like it (an edited one is never
    # overwritten): (wb, scores, config, doc) -> {file name: bytes}, e.g. a processing sheet.
    attachments: Ref | None = None
    # The template's sections in order, each "portrait" or "landscape" (`zidoc templates check`
    # tells staff when an edited template lost one or turned one).
    sections: tuple[str, ...] = ("portrait",)

    def output_name(self, tahun: int) -> str:
        """The file's name under the satker's folder ("rapat/R-01/undangan-R-01.docx" for a
        row's document: a relative path with "/")."""
        return self.output.format(tahun=tahun,
                                  periode="N" if self.periode is None else self.periode,
                                  kunci="KODE" if self.kunci is None else file_key(self.kunci))

    @property
    def selector(self) -> str:
        """The --only name that selects this document: its kind, or its rows' option."""
        return self.per_row.option if self.per_row is not None else self.kind

    @property
    def dokumen_code(self) -> str | None:
        """The code of the Dokumen row this document (for its period) needs."""
        if self.dokumen is None:
            return None
        return self.dokumen.format(periode=self.periode)

    @property
    def dokumen_codes(self) -> tuple[str, ...]:
        """Every Dokumen code this entry may need (each period's)."""
        if self.dokumen is None:
            return ()
        if self.period is None:
            return (self.dokumen,)
        return tuple(self.dokumen.format(periode=n) for n in self.period.values)

    def at(self, periode: int) -> DocumentKind:
        """This entry for one period."""
        return replace(self, periode=periode)

    def at_row(self, kunci: str) -> DocumentKind:
        """This entry for one row (a meeting's kode)."""
        return replace(self, kunci=kunci)

    def is_present(self, wb: Workbook, config: Any) -> bool:
        return self.present is None or bool(resolve(self.present)(wb, config, self))

    @property
    def has_rows(self) -> bool:
        """Built from the rows of a sheet (skipped without them)."""
        return self.rows is not None or self.members is not None

    def rows_of(self, wb: Workbook):
        """The rows this document is built from; None when its sheet is absent."""
        if self.members is not None:
            return wb.anggota.get(self.sheet)
        return None if self.rows is None else getattr(wb, self.rows)

    def missing_reason(self, wb: Workbook) -> str | None:
        """Why this document cannot be built from `wb` (Indonesian), or None when it can."""
        if self.has_rows:
            rows = self.rows_of(wb)
            if rows is None:
                return f"sheet {self.sheet} tidak ada di workbook"
            if not rows:
                return f"sheet {self.sheet} belum berisi data"
        code = self.dokumen_code
        if code is not None and (self.period is None or self.periode is not None):
            if wb.dokumen is None:
                return f"sheet Dokumen ({self.dokumen_isi}) tidak ada di workbook"
            if code not in wb.dokumen:
                return f"sheet Dokumen belum memuat baris '{code}' ({self.dokumen_isi})"
        return None

    def period_of(self, wb: Workbook, chosen: int | None) -> tuple[int | None, str | None]:
        """(the period to build, None) or (None, why not), for a periodic entry."""
        assert self.period is not None
        latest = resolve(self.period.latest)(wb)
        if latest is None:
            return None, f"sheet {self.sheet} belum berisi data"
        if chosen is None:
            return latest, None
        if chosen > latest:
            return None, (f"sheet {self.sheet} belum berisi data {self.period.option} "
                          f"{self.period.name(chosen)} (yang terakhir: {self.period.option} "
                          f"{self.period.name(latest)})")
        return chosen, None

    def skipped_line(self, tahun: int, reason: str) -> str:
        """The one line the build prints for this document when it is not written."""
        return f"Dilewati: {self.title} ({self.output_name(tahun)}) tidak disusun karena {reason}."

    def context_builder(self) -> Callable[..., dict]:
        return resolve(self.context)

    def picture_makers(self) -> dict[str, Callable[..., Callable[[Any], object]]]:
        """name -> maker(wb, scores, config); a maker that takes the entry has it bound."""
        return {p.name: partial(resolve(p.make), doc=self) if p.document else resolve(p.make)
                for p in self.pictures}

    @property
    def noting_pictures(self) -> frozenset[str]:
        """The pictures whose maker also returns notes for the user (Picture.notes)."""
        return frozenset(p.name for p in self.pictures if p.notes)

    def summarizer(self) -> Callable[..., dict]:
        assert self.summary is not None
        return resolve(self.summary)

    def finisher(self) -> Callable[..., None] | None:
        return None if self.finish is None else resolve(self.finish)

    def attachment_maker(self) -> Callable[..., dict[str, bytes]] | None:
        return None if self.attachments is None else resolve(self.attachments)


def kind_of(kunci: str) -> str:
    """A config key as a document's name (`--only`, manifest): sk_agen_perubahan ->
    sk-agen-perubahan."""
    return kunci.replace("_", "-")


def member_keputusan(kunci: str, *, judul: str, sheet: str, berkas: str, templat: str,
                     members: Members) -> DocumentKind:
    """A Keputusan whose Lampiran lists the people of `sheet`: the SK Tim, and every one
    declared in config.toml (`[keputusan.<kunci>]` naming a sheet). Its number and date are
    the Dokumen row `kunci`, its texts `[keputusan.<kunci>]`."""
    return DocumentKind(
        kind=kind_of(kunci),
        title=judul,
        template=templat,
        output=berkas,
        context="zidoc.documents.keputusan:members_context",
        sheet=sheet,
        members=members,
        dokumen=kunci,
        keputusan=True,
        finish="zidoc.documents.wordfix:finish_keputusan",
        sections=("portrait", "portrait"),  # the decree, its Lampiran
    )


# The quarters of the monitoring report (--triwulan N).
TRIWULAN = Period(
    option="triwulan",
    help="Triwulan laporan monitoring Rencana Aksi, 1-4 (bawaan: triwulan terakhir yang berisi "
         "baris di sheet Realisasi).",
    names=("I", "II", "III", "IV"),
    latest="zidoc.documents.monev:latest_triwulan",
)

# The meetings of the Rapat sheet (spec/rapat.md): four documents per meeting.
RAPAT = PerRow(
    option="rapat",
    help="Hanya susun paket rapat ini, menurut kode di sheet Rapat (boleh diulang: --rapat "
         "R-01 --rapat R-02); dokumen lain tidak disusun.",
    keys="zidoc.documents.rapat:meeting_keys",
    label="zidoc.documents.rapat:meeting_label",
    folder="rapat/{kunci}",
    title="Paket rapat (undangan, daftar hadir, notulen, dokumentasi)",
)


def _meeting(kind: str, title: str, template: str, name: str, context: str,
             **extra) -> DocumentKind:
    """One document of a meeting's pack (the same sheet, rows and folder for the four)."""
    return DocumentKind(kind=kind, title=title, template=template,
                        output=RAPAT.folder + "/" + name + "-{kunci}.docx", context=context,
                        sheet="Rapat", rows="rapat", optional=True, per_row=RAPAT, **extra)


DOCUMENTS: tuple[DocumentKind, ...] = (
    DocumentKind(
        kind="laporan",
        title="Laporan Pelaksanaan",
        template="laporan-pelaksanaan.docx",
        output="laporan-pelaksanaan-zi-{tahun}.docx",
        context="zidoc.documents.laporan:laporan_context",
        pictures=(Picture("grafik", "zidoc.documents.laporan:area_chart"),),
    ),
    # A Keputusan listing people, like every one config.toml declares.
    member_keputusan("sk_tim", judul="SK Tim", sheet="Tim", berkas="sk-tim-zi-{tahun}.docx",
                     templat="sk-tim.docx", members=TIM_MEMBERS),
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
        sections=("portrait", "landscape"),  # the decree, its Lampiran table
    ),
    DocumentKind(
        kind="monev",
        title="Laporan Monev Rencana Aksi",
        template="laporan-monev.docx",
        output="laporan-monev-rencana-aksi-zi-{tahun}-tw{periode}.docx",
        context="zidoc.documents.monev:monev_context",
        sheet="Realisasi",
        rows="realisasi",
        dokumen="monev_tw{periode}",
        dokumen_isi="tanggal laporan monitoring triwulan itu",
        optional=True,
        period=TRIWULAN,
        refers="rencana-aksi",
        summary="zidoc.documents.monev:summary",
        recap=("Monev rencana aksi (triwulan)", "Capaian rencana aksi (%)"),
        recap_values="zidoc.documents.monev:recap_values",
        pictures=(Picture("grafik", "zidoc.documents.monev:capaian_picture", document=True),),
        finish="zidoc.documents.monev:finish",
    ),
    DocumentKind(
        kind="skm",
        title="Laporan Survei Kepuasan Masyarakat",
        template="laporan-skm.docx",
        output="laporan-skm-{tahun}.docx",
        context="zidoc.documents.skm:skm_context",
        sheet="Survei",
        rows="survei",
        dokumen="skm",
        dokumen_isi="tanggal laporan survei kepuasan masyarakat",
        optional=True,
        summary="zidoc.documents.skm:summary",
        recap=("IKM survei kepuasan (konversi)", "Mutu pelayanan"),
        recap_values="zidoc.documents.skm:recap_values",
        pictures=(Picture("grafik", "zidoc.documents.skm:nrr_picture"),),
        finish="zidoc.documents.wordfix:fit_tables",
        attachments="zidoc.documents.skm:processing_sheet",
    ),
    _meeting("rapat-undangan", "Undangan Rapat", "rapat-undangan.docx", "undangan",
             "zidoc.documents.rapat:undangan_context",
             sections=("portrait",)),
    _meeting("rapat-daftar-hadir", "Daftar Hadir Rapat", "rapat-daftar-hadir.docx",
             "daftar-hadir", "zidoc.documents.rapat:daftar_hadir_context",
             finish="zidoc.documents.rapat:finish"),
    _meeting("rapat-notulen", "Notulen Rapat", "rapat-notulen.docx", "notulen",
             "zidoc.documents.rapat:notulen_context"),
    _meeting("rapat-dokumentasi", "Dokumentasi Rapat", "rapat-dokumentasi.docx", "dokumentasi",
             "zidoc.documents.rapat:dokumentasi_context",
             present="zidoc.documents.rapat:has_photos",
             pictures=(Picture("foto", "zidoc.documents.rapat:photo_rows", document=True,
                               notes=True),)),
)



def kinds(documents: tuple[DocumentKind, ...] = DOCUMENTS) -> tuple[str, ...]:
    """The documents' names (manifest "jenis"), in build order."""
    return tuple(d.kind for d in documents)


def selectors(documents: tuple[DocumentKind, ...] = DOCUMENTS) -> tuple[str, ...]:
    """The --only choices, in build order: each document's kind, and a per-row group (rapat)
    once for all its documents."""
    return tuple(dict.fromkeys(d.selector for d in documents))


def dokumen_codes(documents: tuple[DocumentKind, ...] = DOCUMENTS) -> tuple[str, ...]:
    """The Dokumen sheet's codes: one per document (and period) that needs a row."""
    return tuple(code for d in documents for code in d.dokumen_codes)


def keputusan_keys(documents: tuple[DocumentKind, ...] = DOCUMENTS) -> tuple[str, ...]:
    """The [keputusan.*] keys: one per Keputusan. Their Dokumen rows must give a `nomor`
    (a Keputusan has a number; a report need not)."""
    return tuple(d.dokumen for d in documents if d.keputusan and d.dokumen is not None)


def member_sheets(documents: tuple[DocumentKind, ...] = DOCUMENTS
                  ) -> tuple[tuple[str, Members], ...]:
    """(sheet, Members) of each Keputusan that lists people, in build order."""
    return tuple((d.sheet, d.members) for d in documents
                 if d.members is not None and d.sheet is not None)


KINDS = kinds()  # the built-in documents' names (config may declare more)
SELECTORS = selectors()
DOKUMEN_CODES = dokumen_codes()
KEPUTUSAN_KEYS = keputusan_keys()
NOMOR_CODES = KEPUTUSAN_KEYS
# The period options of the build (--triwulan ...), each once.
PERIODS = tuple({d.period.option: d.period for d in DOCUMENTS if d.period is not None}.values())
# The per-row options of the build (--rapat ...), each once.
ROWS = tuple({d.per_row.option: d.per_row for d in DOCUMENTS if d.per_row is not None}.values())


def by_kind(kind: str, documents: tuple[DocumentKind, ...] = DOCUMENTS) -> DocumentKind | None:
    return next((d for d in documents if d.kind == kind), None)


def title_of(kind: str, documents: tuple[DocumentKind, ...] = DOCUMENTS) -> str:
    """The staff-facing title of a manifest's "jenis"; an unknown one is shown as it is."""
    return next((d.title for d in documents if d.kind == kind), kind)
