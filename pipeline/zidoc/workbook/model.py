"""The typed model of one workbook. Every record keeps its place (`Sheet!A1`) for messages."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from zidoc.lke import LkeAnswers, LkeQuestion  # noqa: F401 - the LKE sheet's records
from zidoc.registry import (  # light, and it never imports the model
    AREA_KEDUDUKAN,  # noqa: F401 - the positions are declared with the documents
    DOKUMEN_CODES,
    KEDUDUKAN,  # noqa: F401
    KETUA,  # noqa: F401
)
from zidoc.workbook.values import Waktu

MONTHS = ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des")
# A month cell holding one of these (any case) is NOT a scheduled month: staff write "-", "0"
# or "tidak" for "not this month". Anything else (an "x", a tick, a date) schedules the month.
# The Petunjuk states this rule from here (schema.RENCANA_AKSI).
NOT_SCHEDULED = ("-", "\u2013", "\u2014", "0", "tidak", "tdk", "false", "salah")


def is_scheduled(text: str) -> bool:
    """Whether a month cell's cleaned text schedules the month (see NOT_SCHEDULED)."""
    return bool(text) and text.strip().lower() not in NOT_SCHEDULED

TRIWULAN = ("1", "2", "3", "4")  # the quarters of the Realisasi sheet
SIFAT = ("Biasa", "Segera", "Sangat Segera", "Rahasia")  # an invitation letter's sifat

# The built-in documents' Dokumen codes (a config's declared Keputusan add theirs:
# registry.dokumen_codes(config.documents)).
DOKUMEN_KINDS = DOKUMEN_CODES
TIM = "Tim"  # the SK Tim's people sheet


@dataclass(frozen=True)
class Identitas:
    tahun: int
    nama_satker: str
    singkatan_satker: str
    tempat: str
    tanggal_laporan: date
    penandatangan_nama: str
    penandatangan_jabatan: str
    dasar_penunjukan: str | None = None
    penilai: str | None = None
    nilai_tahun_lalu: Decimal | None = None
    nilai_resmi: Decimal | None = None
    penandatangan_nip: str | None = None  # 18 digits, printed under the Keputusan signer
    penerbit_keputusan: str | None = None  # who issues the Keputusan; default nama_satker
    zona_waktu: str = "WIB"  # meetings' times: WIB, WITA or WIT
    # key -> "Identitas!B3", for messages
    cells: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class NilaiRow:
    kode: str
    persen: Decimal | None  # None only where the LKE fills it (schema: Column.filled_by)
    cell: str
    persen_tahun_lalu: Decimal | None = None
    catatan: str | None = None


@dataclass(frozen=True)
class NarasiPoint:
    area: str
    butir: str  # the letter shown: "a", "b" ...
    judul: str | None
    uraian: tuple[str, ...]  # lines of the cell, in order
    cell: str


@dataclass(frozen=True)
class Penghargaan:
    area: str
    pemberi: str
    kategori: str
    tahun: int | None
    cell: str


@dataclass(frozen=True)
class AnggotaTim:
    nama: str
    jabatan: str
    kedudukan: str  # one of KEDUDUKAN, canonical spelling
    cell: str
    nip: str | None = None  # 18 digits, no spaces
    pangkat_golongan: str | None = None
    area: str | None = None
    no: int | None = None


@dataclass(frozen=True)
class Aksi:
    area: str
    kegiatan: str
    bulan: tuple[bool, ...]  # twelve flags, Jan..Des
    cell: str
    output: str | None = None
    penanggung_jawab: str | None = None
    target: str | None = None
    indikator: str | None = None
    keterangan: str | None = None
    kode: str | None = None  # "RA-01": how Realisasi rows name the action


@dataclass(frozen=True)
class Realisasi:
    """An action's cumulative progress at the end of one quarter."""
    kode: str  # the action's kode in RencanaAksi
    triwulan: int  # 1-4
    realisasi: Decimal  # 0-100 (%)
    cell: str
    bukti_dukung: str | None = None
    kendala: str | None = None
    tindak_lanjut: str | None = None
    bukti_cell: str | None = None  # "Realisasi!D3", when the sheet has a bukti_dukung column


@dataclass(frozen=True)
class Keputusan:
    dokumen: str  # one of DOKUMEN_KINDS
    nomor: str | None  # required for a Keputusan (registry.NOMOR_CODES), optional otherwise
    tanggal: date
    cell: str
    tempat: str | None = None


@dataclass(frozen=True)
class Survei:
    """The Survei sheet: where the responses are and how the report names them. Empty (no
    key filled): not in use (falsy, like an empty sheet of rows)."""
    berkas: str | None  # the responses file, relative to the workbook's folder
    periode: str | None = None
    jenis_layanan: str | None = None
    populasi: int | None = None
    metode: str | None = None
    cells: dict[str, str] = field(default_factory=dict, compare=False)
    # The processed responses (zidoc.survei.index.Survey), set by the build once read.
    hasil: object | None = field(default=None, compare=False)

    def __bool__(self) -> bool:
        return self.berkas is not None

    def path(self, workbook: Path) -> Path:
        """The responses file: relative to the workbook's folder."""
        assert self.berkas is not None
        return workbook.parent / self.berkas


@dataclass(frozen=True)
class Peserta:
    """One person invited to a meeting (a row of the Peserta sheet)."""
    nama: str
    cell: str
    jabatan: str | None = None
    nip: str | None = None
    instansi: str | None = None


@dataclass(frozen=True)
class Rapat:
    """One meeting (a row of the Rapat sheet); its documents are written under rapat/<kode>/."""
    kode: str
    tanggal: date
    waktu: Waktu
    tempat: str
    acara: tuple[str, ...]  # the cell's lines: the agenda, a numbered list
    cell: str  # the kode's cell
    pimpinan: str | None = None  # the chair; default Identitas penandatangan_nama
    nomor_undangan: str | None = None
    tanggal_undangan: date | None = None  # default: the meeting's date
    sifat: str | None = None  # default "Biasa"
    pembahasan: tuple[str, ...] = ()  # one point per line
    kesimpulan: tuple[str, ...] = ()
    tindak_lanjut: tuple[str, ...] = ()
    notulis: str | None = None
    area: str | None = None
    peserta: tuple[Peserta, ...] = ()  # its rows of the Peserta sheet; empty: the whole team


@dataclass(frozen=True)
class Workbook:
    source: Path
    identitas: Identitas
    nilai: dict[str, NilaiRow]  # by kode
    narasi: tuple[NarasiPoint, ...]
    penghargaan: tuple[Penghargaan, ...] = ()
    # None when the sheet is absent: the matching document is skipped, not failed.
    rencana_aksi: tuple[Aksi, ...] | None = None
    dokumen: dict[str, Keputusan] | None = None
    lke: LkeAnswers | None = None  # the LKE sheet's answers; None when the sheet is absent
    realisasi: tuple[Realisasi, ...] | None = None
    survei: Survei | None = None  # None when the sheet is absent
    rapat: tuple[Rapat, ...] | None = None  # the Rapat sheet's meetings, each with its Peserta
    # The evidence register (zidoc.bukti.Register), attached by build.load after the checks
    # so that the documents and commands share one scan of the bukti folder.
    bukti: object | None = field(default=None, compare=False)
    # The people of each Keputusan's sheet (Tim, and every sheet config declares), by sheet
    # name; None when that sheet is absent.
    anggota: dict[str, tuple[AnggotaTim, ...] | None] = field(default_factory=dict)

    @property
    def tim(self) -> tuple[AnggotaTim, ...] | None:
        return self.anggota.get(TIM)
