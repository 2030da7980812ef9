"""The workbook contract (spec/workbook.md), declared once.

Every sheet, its columns (name, required or not, type, header, width, format, dropdown, help
text) and the Identitas keys live here. The reader takes from it which sheets and columns
exist and are required and how headers are matched; the starter writer takes the headers,
widths, formats and dropdowns; the Petunjuk sheet is written from the help texts.

Dropdown values are vocabularies, named here and resolved where they live (`vocabulary`):
the LKE codes come from config.toml (`config.lke`), the others from `workbook.model`.
No openpyxl here.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from zidoc.registry import DOCUMENTS, dokumen_codes
from zidoc.workbook import model

# Cell kinds: how the reader parses a cell and how the writer formats it.
TEXT = "text"
INTEGER = "integer"
YEAR = "year"  # an integer 2000-2100
NUMBER = "number"  # a percentage 0-100 (decimal comma, "%" ... accepted)
DATE = "date"
CODE = "code"  # one value of the column's vocabulary
NIP = "nip"  # 18 digits
MARK = "mark"  # a month column: scheduled unless empty or one of model.NOT_SCHEDULED
QUARTER = "quarter"  # a quarter 1-4 (also I-IV, "TW 2")
TIME = "time"  # a meeting's time: an Excel time, or 09.00, 09.00 - 11.00, 09.00 - selesai
ZONE = "zone"  # a time zone: WIB, WITA, WIT

# Vocabulary names (`vocabulary` resolves them).
AREAS = "areas"  # P1-P6: config.lke.areas
CODES = "codes"  # P1-P6, H1-H3: config.lke.codes
KEDUDUKAN = "kedudukan"  # model.KEDUDUKAN
DOKUMEN = "dokumen"  # registry.dokumen_codes(config.documents)
MONTHS = "months"  # model.MONTHS
# The LKE sheet's vocabularies come from the LKE structure (lke.toml, `zidoc.lke.Structure`).
LKE_JENIS = "lke_jenis"  # Structure.jenis
LKE_JAWABAN = "lke_jawaban"  # Structure.answers (letters and Ya/Tidak; numbers also allowed)
TRIWULAN = "triwulan"  # model.TRIWULAN
SIFAT = "sifat"  # model.SIFAT: how urgent a letter is

DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.00"
TEXT_FORMAT = "@"

VALIDATION_LAST_ROW = 1000  # dropdowns cover rows 2 .. this row
TEXT_FORMAT_LAST_ROW = 200  # empty rows below the example keep a text format up to here

# A numbering column: a row holding only a number there (pre-numbered empty rows) is empty.
NUMBER_COLUMN = "no"

# The Identitas sheet's layout: one key per row.
KEY_COLUMN = "kunci"
VALUE_COLUMN = "nilai"


def normalize_header(text: str) -> str:
    """A header (or Identitas key) as matched: lower case, spaces as underscores. `text` is
    already trimmed with inner spaces collapsed (values.clean_text)."""
    return text.lower().replace(" ", "_")


def vocabulary(name: str, areas: tuple[str, ...], codes: tuple[str, ...],
               structure=None, documents=DOCUMENTS) -> tuple[str, ...]:
    """The allowed values of a vocabulary; `areas` and `codes` come from config.lke, the LKE
    sheet's from `structure` (zidoc.lke.Structure), the Dokumen codes from `documents`
    (config.documents: the declared Keputusan add theirs)."""
    if name == AREAS:
        return areas
    if name == CODES:
        return codes
    if name == LKE_JENIS:
        return structure.jenis
    if name == LKE_JAWABAN:
        return structure.answers
    # Looked up at call time: model's names stay the single source.
    if name == DOKUMEN:
        return dokumen_codes(documents)
    return {KEDUDUKAN: model.KEDUDUKAN, MONTHS: model.MONTHS,
            TRIWULAN: model.TRIWULAN, SIFAT: model.SIFAT}[name]


@dataclass(frozen=True)
class Dropdown:
    """An Excel data validation on a column (rows 2 .. VALIDATION_LAST_ROW).

    A list of the column's vocabulary, or (`low`/`high` set) a decimal range. In `prompt` and
    `error`, `{pilihan}` is replaced by the allowed values. Excel limits: titles 32
    characters, prompt and error 255."""
    title: str
    prompt: str
    error: str
    error_title: str = "Isian tidak sesuai"
    low: str | None = None
    high: str | None = None
    stop: bool = True  # False: a warning the user may override
    # A list taken from another sheet's column, ("Rapat", "kode"): what is typed there.
    source: tuple[str, str] | None = None

    @property
    def is_list(self) -> bool:
        return self.low is None


@dataclass(frozen=True)
class FilledBy:
    """Cells of a `filled` column that another sheet may fill instead: they may stay empty
    (and their rows be absent) for the rows whose `key` column holds a value of
    `vocabulary`, when `sheet` is in use."""
    sheet: str
    key: str
    vocabulary: str


@dataclass(frozen=True)
class Column:
    name: str  # the header as matched (normalize_header) and the key in the reader
    kind: str = TEXT
    required: bool = False  # the header must be in row 1
    filled: bool = False  # every data row must fill this cell
    vocabulary: str | None = None  # for CODE columns (and their dropdown)
    label: str = ""  # the header written in row 1, when it differs from `name`
    width: float = 14
    wrap: bool = False  # long text: wrapped, top-aligned
    number_format: str | None = None
    dropdown: Dropdown | None = None
    help: str = ""  # Indonesian, for the Petunjuk
    read: bool = True  # False: only an explanation for the user; merges and values ignored
    filled_by: FilledBy | None = None  # another sheet may fill these cells instead
    choices: tuple[str, ...] | None = None  # the values of a CODE column, when not a vocabulary

    def values(self, areas: tuple[str, ...], codes: tuple[str, ...], structure=None,
               documents=DOCUMENTS) -> tuple[str, ...]:
        """The allowed values of this CODE column."""
        if self.choices is not None:
            return self.choices
        return vocabulary(self.vocabulary, areas, codes, structure, documents)

    @property
    def header(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class Key:
    """One Identitas key (a row of the key/value sheet)."""
    name: str
    required: bool
    help: str  # Indonesian; written in the keterangan column and the Petunjuk
    kind: str = TEXT
    number_format: str | None = None

    @property
    def keterangan(self) -> str:
        return ("Wajib. " if self.required else "Tidak wajib. ") + self.help


@dataclass(frozen=True)
class Sheet:
    name: str
    required: bool  # a workbook without it is an error (else the dependent document is skipped)
    use: str  # Petunjuk heading: "wajib", "tidak wajib", "wajib untuk SK Tim" ...
    columns: tuple[Column, ...]
    keys: tuple[Key, ...] = ()  # non-empty: the key/value layout (Identitas)
    notes: tuple[str, ...] = ()  # Indonesian Petunjuk paragraphs after the columns

    @property
    def key_value(self) -> bool:
        return bool(self.keys)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name}.{name}")

    def key(self, name: str) -> Key | None:
        return next((k for k in self.keys if k.name == name), None)

    def canonical(self, header: str) -> str:
        """The column name for a normalized header: a written label maps to its column;
        anything else (a name, an unknown column) is kept as it is."""
        for column in self.columns:
            if column.label and normalize_header(column.label) == header:
                return column.name
        return header


def _area(prompt: str, **extra) -> Column:
    return Column(
        "area", CODE, vocabulary=AREAS, width=8,
        dropdown=Dropdown("Area perubahan", prompt,
                          "Area tidak dikenal. Pilih salah satu: {pilihan}."),
        **extra,
    )


IDENTITAS = Sheet(
    "Identitas", True, "wajib",
    columns=(
        Column(KEY_COLUMN, required=True, width=24,
               help="nama data; jangan diubah."),
        Column(VALUE_COLUMN, required=True, width=60, wrap=True, help="isi datanya di sini."),
        Column("keterangan", width=55, wrap=True, help="hanya penjelasan (tidak dibaca).",
               read=False),
    ),
    keys=(
        Key("tahun", True, "Tahun penilaian (angka), misalnya 2024", YEAR),
        Key("nama_satker", True, "Nama lengkap satuan kerja"),
        Key("singkatan_satker", True,
            "Nama singkat satuan kerja, dipakai di dalam kalimat laporan"),
        Key("tempat", True, "Tempat penandatanganan (nama kota)"),
        Key("tanggal_laporan", True, "Tanggal laporan, misalnya 19/05/2025 atau 19 Mei 2025",
            DATE, DATE_FORMAT),
        Key("penandatangan_nama", True, "Nama pejabat yang menandatangani"),
        Key("penandatangan_jabatan", True, "Jabatan pejabat yang menandatangani"),
        Key("dasar_penunjukan", False,
            "Surat yang menunjuk satuan kerja sebagai pembangunan ZI"),
        Key("penilai", False, "Pihak yang menilai (evaluator)"),
        Key("nilai_tahun_lalu", False, "Nilai akhir ZI tahun lalu (0-100), misalnya 89,24",
            NUMBER, PERCENT_FORMAT),
        Key("nilai_resmi", False, "Nilai akhir resmi dari penilai (0-100), jika sudah ada",
            NUMBER, PERCENT_FORMAT),
        Key("penerbit_keputusan", False,
            "Khusus kedua Keputusan: penerbit Keputusan (SK Tim, Rencana Aksi), misalnya Kepala "
            "Badan Pusat Statistik Kota Bengkulu (dicetak KEPUTUSAN KEPALA BADAN PUSAT "
            "STATISTIK KOTA BENGKULU); jika kosong dipakai nama_satker"),
        Key("penandatangan_nip", False,
            "Khusus kedua Keputusan: NIP penandatangan (18 angka, sebagai teks), dicetak di "
            "bawah namanya; kosongkan jika penandatangan bukan PNS", NIP, TEXT_FORMAT),
        Key("zona_waktu", False,
            "Zona waktu jam rapat: WIB, WITA atau WIT; jika kosong WIB", ZONE),
    ),
)

NILAI = Sheet(
    "Nilai", True, "wajib",
    columns=(
        Column("kode", CODE, required=True, filled=True, vocabulary=CODES, width=8,
               dropdown=Dropdown(
                   "Kode komponen",
                   "Pilih kode: komponen pengungkit (area) atau komponen hasil, lihat lembar "
                   "Petunjuk. Setiap kode satu kali.",
                   "Kode tidak dikenal. Pilih salah satu: {pilihan}."),
               help="kode komponen; setiap kode harus ada, masing-masing satu kali:"),
        Column("komponen", width=50, wrap=True,
               help="nama komponen, hanya penjelasan (tidak dibaca).", read=False),
        Column("persen", NUMBER, required=True, filled=True, width=10,
               number_format=PERCENT_FORMAT,
               dropdown=Dropdown(
                   "Persentase 0-100",
                   "Isi persentase 0 sampai 100, misalnya 88,63 (boleh juga 88,63%).",
                   "Persentase biasanya antara 0 dan 100. Periksa kembali isian ini.",
                   error_title="Periksa persentase", low="0", high="100", stop=False),
               filled_by=FilledBy("LKE", "kode", AREAS),
               help="persentase komponen, 0 sampai 100. Jika lembar LKE diisi, persen P1-P6 "
                    "boleh dikosongkan: dipakai hasil hitung LKE."),
        Column("persen_tahun_lalu", NUMBER, width=18, number_format=PERCENT_FORMAT,
               help="persentase tiap area tahun lalu (0 sampai 100), dipakai untuk grafik "
                    "perbandingan."),
        Column("catatan", width=32, wrap=True, help="penjelasan, misalnya indeks survei."),
    ),
    notes=("Nilai survei (IPAK, IPKP) berskala 0-4: persen = indeks / 4 x 100 (misalnya 3,95 "
           "menjadi 98,75). Capaian kinerja: A 100, B 75, C 50, D 25, E 0.",),
)

NARASI = Sheet(
    "Narasi", True, "wajib",
    columns=(
        _area("Pilih area perubahan: {pilihan} (lihat lembar Petunjuk).", required=True,
              filled=True, help="area perubahan tempat butir ini ditulis."),
        Column("butir", width=7,
               help="huruf a, b, c ...; jika kosong, diberi huruf otomatis berurutan dalam "
                    "areanya."),
        Column("judul", width=32, wrap=True, help="judul singkat, misalnya Tim Kerja."),
        Column("uraian", required=True, filled=True, width=100, wrap=True,
               help="teks uraian. Pindah baris di dalam sel (Alt+Enter) dipertahankan."),
    ),
    notes=("Satu baris untuk satu butir uraian, urut seperti di laporan. Penghargaan jangan "
           "ditulis di sini, tetapi di lembar Penghargaan.",),
)

PENGHARGAAN = Sheet(
    "Penghargaan", False, "tidak wajib",
    columns=(
        _area("Pilih area tempat penghargaan ini ditulis: {pilihan}.", required=True,
              filled=True, help="area perubahan tempat kalimat penghargaan ditulis."),
        Column("pemberi", required=True, filled=True, width=30, wrap=True,
               help="pemberi penghargaan."),
        Column("kategori", required=True, filled=True, width=40, wrap=True,
               help="kategori penghargaan."),
        Column("tahun", INTEGER, width=8, help="tahun penghargaan; jika kosong, tahun penilaian."),
    ),
    notes=("Setiap baris menjadi satu kalimat di bawah areanya, misalnya: Pada tahun 2024 KPU "
           "Kota Bengkulu mendapatkan penghargaan dari KPU Provinsi Bengkulu Kategori "
           "Publikasi Informasi Terbaik 2.",),
)

TIM = Sheet(
    model.TIM, False, "wajib untuk SK Tim",
    columns=(
        Column("no", INTEGER, width=5, help="nomor urut dalam kedudukannya."),
        Column("nama", required=True, filled=True, width=22, help="nama anggota tim."),
        Column("nip", NIP, width=21, number_format=TEXT_FORMAT,
               help="18 angka (boleh dengan spasi): tanggal lahir, TMT, jenis kelamin, nomor "
                    "urut. Tulis NIP sebagai teks (awali dengan tanda petik ') agar Excel tidak "
                    "mengubahnya. Kosongkan NIP untuk yang bukan PNS (misalnya komisioner dan "
                    "PPNPN)."),
        Column("pangkat_golongan", width=24, wrap=True, help="misalnya Penata (III/c)."),
        Column("jabatan", required=True, filled=True, width=50, wrap=True,
               help="jabatan dalam satuan kerja."),
        Column("kedudukan", CODE, required=True, filled=True, vocabulary=KEDUDUKAN, width=18,
               dropdown=Dropdown(
                   "Kedudukan dalam tim",
                   "Pilih kedudukan dalam tim. Harus ada tepat satu Ketua.",
                   "Kedudukan tidak dikenal. Pilih dari daftar: {pilihan}."),
               help="kedudukan dalam tim. Harus ada tepat satu Ketua."),
        _area("Wajib untuk Koordinator dan Anggota: pilih area {pilihan}. Kosongkan untuk "
              "kedudukan lain.",
              help="wajib diisi untuk Koordinator dan Anggota."),
    ),
)

RENCANA_AKSI = Sheet(
    "RencanaAksi", False, "wajib untuk Rencana Aksi",
    columns=(
        _area("Pilih area perubahan: {pilihan}.", required=True, filled=True,
              help="area perubahan kegiatan ini."),
        Column("kegiatan", required=True, filled=True, width=45, wrap=True,
               help="nama kegiatan (wajib diisi)."),
        Column("output", required=True, width=30, wrap=True, help="keluaran kegiatan."),
        Column("target", width=16, wrap=True, help="misalnya 4 laporan."),
        Column("indikator", width=40, wrap=True, help="indikator keberhasilan."),
        Column("penanggung_jawab", required=True, width=40, wrap=True,
               help="pejabat atau kelompok kerja yang bertanggung jawab."),
        *(Column(month, MARK, required=True, width=5) for month in model.MONTHS),
        Column("keterangan", width=30, wrap=True, help="catatan, misalnya nomor SK."),
        Column("kode", width=9,
               help="kode kegiatan, misalnya RA-01; setiap kode hanya satu kali. Wajib bila "
                    "lembar Realisasi diisi: di sana kegiatan disebut dengan kode ini."),
    ),
    notes=("Tandai bulan pelaksanaan dengan huruf x pada kolom bulannya. Setiap kegiatan "
           "minimal dilaksanakan pada satu bulan.",
           "Sel bulan yang kosong, atau berisi "
           + ", ".join(f"'{m}'" for m in model.NOT_SCHEDULED if m.isascii())
           + ", berarti kegiatan tidak dilaksanakan pada bulan itu; isian lain (misalnya x) "
           "berarti dilaksanakan.",),
)

REALISASI = Sheet(
    "Realisasi", False, "tidak wajib; untuk Laporan Monitoring dan Evaluasi Rencana Aksi",
    columns=(
        Column("kode", required=True, filled=True, width=9,
               help="kode kegiatan di lembar RencanaAksi (kolom kode), misalnya RA-01."),
        Column("triwulan", QUARTER, required=True, filled=True, vocabulary=TRIWULAN, width=10,
               dropdown=Dropdown(
                   "Triwulan",
                   "Pilih triwulan 1, 2, 3 atau 4 (boleh juga I-IV atau TW 2).",
                   "Triwulan biasanya 1, 2, 3 atau 4. Periksa kembali isian ini.",
                   error_title="Periksa triwulan", stop=False),
               help="triwulan 1 sampai 4 (boleh juga I, II, III, IV atau TW 2). Satu baris "
                    "untuk setiap kegiatan dan triwulan."),
        Column("realisasi", NUMBER, required=True, filled=True, width=11,
               number_format=PERCENT_FORMAT,
               dropdown=Dropdown(
                   "Realisasi 0-100",
                   "Kemajuan kegiatan sampai akhir triwulan ini (kumulatif), 0 sampai 100, "
                   "misalnya 50 atau 50%.",
                   "Realisasi harus antara 0 dan 100. Periksa kembali isian ini.",
                   error_title="Periksa realisasi", low="0", high="100", stop=False),
               help="kemajuan kegiatan sampai akhir triwulan itu (kumulatif, bukan tambahan "
                    "triwulan itu saja), 0 sampai 100 persen."),
        Column("bukti_dukung", width=40, wrap=True,
               help="bukti pelaksanaan: jalur berkas di folder bukti/<tahun>/, tautan "
                    "https://..., atau keterangan (misalnya nomor SK); beberapa bukti dipisah "
                    "pindah baris atau titik koma."),
        Column("kendala", width=40, wrap=True, help="kendala yang dihadapi, bila ada."),
        Column("tindak_lanjut", width=40, wrap=True,
               help="rencana tindak lanjut atas kendala itu."),
    ),
    notes=("Isi lembar ini setiap akhir triwulan: tambahkan satu baris untuk setiap kegiatan "
           "yang sudah berjalan. Baris yang ada di contoh workbook hanyalah contoh; ganti "
           "dengan realisasi kantor Anda.",
           "zidoc build menyusun Laporan Monitoring dan Evaluasi Rencana Aksi untuk triwulan "
           "terakhir yang terisi (zidoc build --triwulan 1 untuk triwulan sebelumnya). Target "
           "setiap kegiatan sampai triwulan itu dihitung dari bulan yang ditandai di lembar "
           "RencanaAksi; kegiatan yang realisasinya di bawah target disebut Terlambat. "
           "Tanggal laporannya diisi di lembar Dokumen, baris monev_tw1 sampai monev_tw4. "
           "Tanpa lembar ini, laporan monitoring tidak disusun.",),
)

DOKUMEN_SHEET = Sheet(
    "Dokumen", False, "wajib untuk kedua Keputusan",
    columns=(
        Column("dokumen", CODE, required=True, filled=True, vocabulary=DOKUMEN, width=16,
               dropdown=Dropdown(
                   "Jenis dokumen",
                   "sk_tim = Keputusan tentang Tim Pembangunan ZI; rencana_aksi = Keputusan "
                   "tentang Rencana Aksi; monev_tw1 s.d. monev_tw4 = laporan monitoring "
                   "triwulan I s.d. IV; skm = laporan survei kepuasan.",
                   "Pilih salah satu: {pilihan}."),
               help="sk_tim (Keputusan tentang Tim Pembangunan ZI), rencana_aksi "
                    "(Keputusan tentang Rencana Aksi), monev_tw1 sampai monev_tw4 "
                    "(Laporan Monitoring dan Evaluasi Rencana Aksi triwulan I sampai IV), atau "
                    "skm (Laporan Survei Kepuasan Masyarakat)."),
        Column("nomor", required=True, width=10, number_format=TEXT_FORMAT,
               help="nomor keputusan sebagai teks, misalnya 443; wajib untuk sk_tim dan "
                    "rencana_aksi, boleh kosong untuk laporan monitoring."),
        Column("tanggal", DATE, required=True, filled=True, width=14, number_format=DATE_FORMAT,
               help="tanggal penetapan."),
        Column("tempat", width=16, help="tempat penetapan."),
    ),
    notes=("Satu baris untuk setiap Keputusan dan setiap laporan monitoring.",),
)

LKE = Sheet(
    "LKE", False, "tidak wajib: persen P1-P6 dihitung dari jawaban LKE",
    columns=(
        Column("indikator", required=True, filled=True, width=10,
               help="kode indikator LKE, misalnya P1.A.1 (sudah terisi untuk setiap indikator; "
                    "daftar dan bobotnya ada di berkas lke.toml). Satu baris untuk satu "
                    "pertanyaan: untuk indikator dengan beberapa pertanyaan, salin barisnya."),
        Column("nama_indikator", width=40, wrap=True,
               help="nama indikator, hanya penjelasan (tidak dibaca)."),
        Column("pertanyaan", width=50, wrap=True,
               help="teks pertanyaan dari LKE resmi instansi Anda (tidak dibaca)."),
        Column("jenis", required=True, vocabulary=LKE_JENIS, width=10,
               dropdown=Dropdown(
                   "Jenis jawaban",
                   "Jenis jawaban pertanyaan ini, seperti di LKE resmi: {pilihan}.",
                   "Jenis tidak dikenal. Pilih salah satu: {pilihan}."),
               help="jenis jawaban: ya/tidak (Ya 1, Tidak 0), a-c (A 1, B 0,5, C 0), a-d "
                    "(A 1, B 0,67, C 0,33, D 0), a-e (A 1, B 0,75, C 0,5, D 0,25, E 0), angka "
                    "(realisasi dibagi target, paling tinggi 1) atau persen (0-100). Wajib "
                    "jika jawaban diisi."),
        Column("jawaban", required=True, vocabulary=LKE_JAWABAN, width=10,
               dropdown=Dropdown(
                   "Jawaban",
                   "Ya/Tidak, huruf A-E sesuai jenis, atau angka (jenis angka dan persen). "
                   "Kosongkan jika belum dijawab.",
                   "Jawaban biasanya salah satu dari {pilihan}, atau angka. Periksa kembali.",
                   error_title="Periksa jawaban", stop=False),
               help="jawaban: Ya/Tidak, huruf sesuai jenis, atau angka. Kosong berarti belum "
                    "dijawab (tidak ikut dihitung)."),
        Column("target", width=10,
               help="khusus jenis angka: target (lebih dari 0); jawaban adalah realisasinya."),
        Column("bukti_dukung", width=40, wrap=True,
               help="bukti dukung pertanyaan ini: jalur berkas atau folder di folder "
                    "bukti/<tahun>/ (misalnya SK Tim/SK 443.pdf), tautan https://..., atau "
                    "keterangan; beberapa bukti dipisah pindah baris (Alt+Enter) atau titik "
                    "koma. Lihat BACA-SAYA.txt di folder bukti."),
        Column("catatan", width=30, wrap=True, help="catatan (tidak dibaca)."),
    ),
    notes=("Pertanyaan LKE diambil dari Lembar Kerja Evaluasi resmi instansi Anda (LKE Zona "
           "Integritas, PermenPANRB 90/2021). Nilai indikator = rata-rata skor pertanyaannya x "
           "bobot; nilai area = pemenuhan + reform; persen area = nilai / bobot x 100. "
           "Jika semua jawaban kosong, lembar ini tidak dipakai dan persen P1-P6 diambil dari "
           "lembar Nilai. Jika keduanya diisi dan berbeda, dipakai nilai di lembar Nilai "
           "(dengan peringatan).",),
)

SURVEI = Sheet(
    "Survei", False, "tidak wajib; untuk Laporan Survei Kepuasan Masyarakat (SKM)",
    columns=IDENTITAS.columns,
    keys=(
        Key("berkas", True,
            "Nama berkas jawaban survei (ekspor formulir daring, .csv atau .xlsx), dicari di "
            "folder workbook ini, misalnya survei-kepuasan-2024.csv"),
        Key("periode", False,
            "Periode survei yang dicetak di judul laporan, misalnya Tahun 2024 atau Semester I "
            "Tahun 2024; jika kosong: Tahun <tahun>"),
        Key("jenis_layanan", False, "Jenis layanan yang disurvei, misalnya Layanan Informasi "
            "Publik"),
        Key("populasi", False,
            "Jumlah pengguna layanan pada periode itu (angka); jika diisi, jumlah responden "
            "dibandingkan dengan sampel minimal Krejcie-Morgan", INTEGER),
        Key("metode", False, "Cara pengumpulan data, misalnya kuesioner daring (Google Form)"),
    ),
    notes=("Setiap baris berkas jawaban adalah satu responden; "
           "kolom pertanyaan unsur U1-U9 dikenali dari kata kuncinya di judul kolom "
           "(persyaratan, prosedur, waktu, biaya, produk, kompetensi, perilaku, pengaduan, "
           "sarana; lihat [survei] di config.toml) atau dari judul U1 sampai U9. Jawaban boleh "
           "angka 1-4, huruf a-d, atau labelnya (misalnya Sangat sesuai); sel kosong berarti "
           "tidak dijawab. Kolom jenis kelamin, umur/usia, pendidikan, pekerjaan, jenis "
           "layanan dan saran dibaca untuk profil responden.",
           "Tanggal dan nomor laporan diisi di lembar Dokumen, baris skm. Tanpa lembar ini "
           "(atau jika kosong), laporan survei tidak disusun. Untuk melihat hasil hitungnya "
           "saja: zidoc survei nama-berkas.csv."),
)

RAPAT = Sheet(
    "Rapat", False, "tidak wajib; untuk paket rapat (undangan, daftar hadir, notulen, "
    "dokumentasi)",
    columns=(
        Column("kode", required=True, filled=True, width=9, number_format=TEXT_FORMAT,
               help="kode rapat, misalnya R-01; setiap rapat satu kode. Kode menjadi nama "
                    "folder dan berkas rapat itu, jadi tidak boleh memuat / \\ : * ? \" < > |."),
        Column("tanggal", DATE, required=True, filled=True, width=14, number_format=DATE_FORMAT,
               help="tanggal rapat (di tahun penilaian)."),
        Column("waktu", TIME, required=True, filled=True, width=16, number_format=TEXT_FORMAT,
               help="jam rapat: 09.00, 9:00, 09.00 - 11.00 atau 09.00 - selesai (boleh juga jam "
                    "Excel). Dicetak dengan titik dan zona waktu, misalnya 09.00 WIB s.d. "
                    "selesai."),
        Column("tempat", required=True, filled=True, width=28, wrap=True,
               help="tempat rapat, misalnya Ruang Rapat KPU Kota Bengkulu."),
        Column("acara", required=True, filled=True, width=45, wrap=True,
               help="acara rapat; beberapa acara ditulis satu per baris (Alt+Enter), dicetak "
                    "bernomor. Baris pertama menjadi hal undangan."),
        Column("pimpinan", width=24, wrap=True,
               help="nama pimpinan rapat; jika kosong, penandatangan di lembar Identitas. "
                    "Jabatannya diambil dari lembar Tim."),
        Column("nomor_undangan", width=18, number_format=TEXT_FORMAT,
               help="nomor surat undangan; jika kosong dicetak titik-titik untuk diisi "
                    "tangan."),
        Column("tanggal_undangan", DATE, width=14, number_format=DATE_FORMAT,
               help="tanggal surat undangan; jika kosong, tanggal rapat."),
        Column("sifat", vocabulary=SIFAT, width=12,
               dropdown=Dropdown("Sifat surat", "Sifat surat undangan: {pilihan}. Jika "
                                 "kosong: Biasa.", "Sifat biasanya salah satu dari {pilihan}.",
                                 error_title="Periksa sifat", stop=False),
               help="sifat surat undangan; jika kosong Biasa."),
        Column("pembahasan", width=50, wrap=True,
               help="pokok pembahasan, satu butir per baris (Alt+Enter); dicetak bernomor di "
                    "notulen."),
        Column("kesimpulan", width=40, wrap=True, help="kesimpulan, satu butir per baris."),
        Column("tindak_lanjut", width=40, wrap=True, help="tindak lanjut, satu butir per baris."),
        Column("notulis", width=24, help="nama notulis (menandatangani notulen)."),
        _area("Area perubahan yang dibahas (tidak wajib): {pilihan}.",
              help="area perubahan yang dibahas (tidak wajib), dicetak di kepala notulen."),
    ),
    notes=("Satu baris untuk satu rapat. zidoc build menyusun empat dokumen untuk setiap "
           "rapat di folder rapat/<kode>/: undangan, daftar hadir, notulen, dan dokumentasi "
           "(hanya jika folder bukti/<tahun>/rapat/<kode>/ berisi foto .jpg atau .png).",
           "Peserta rapat ditulis di lembar Peserta; rapat tanpa baris di sana mengundang "
           "seluruh anggota lembar Tim. zidoc build --only rapat menyusun paket rapat saja; "
           "zidoc build --rapat R-01 hanya rapat R-01.",),
)

PESERTA = Sheet(
    "Peserta", False, "tidak wajib; peserta rapat (tanpa lembar ini: seluruh anggota Tim)",
    columns=(
        Column("rapat", required=True, filled=True, width=9, number_format=TEXT_FORMAT,
               dropdown=Dropdown("Kode rapat", "Kode rapat di lembar Rapat, misalnya R-01.",
                                 "Kode ini belum ada di lembar Rapat.",
                                 error_title="Periksa kode rapat", stop=False,
                                 source=("Rapat", "kode")),
               help="kode rapat di lembar Rapat (kolom kode)."),
        Column("nama", required=True, filled=True, width=26, help="nama peserta."),
        Column("jabatan", width=40, wrap=True, help="jabatan peserta."),
        Column("nip", NIP, width=21, number_format=TEXT_FORMAT,
               help="NIP (18 angka, sebagai teks); boleh kosong."),
        Column("instansi", width=30, wrap=True,
               help="instansi peserta dari luar satuan kerja (dicetak setelah jabatannya)."),
    ),
    notes=("Satu baris untuk satu orang yang diundang. Undangan menyebut nama peserta bila "
           "paling banyak 8 orang; lebih dari itu, daftarnya dilampirkan.",),
)

def member_sheet(name: str, title: str, kedudukan: tuple[str, ...]) -> Sheet:
    """The people sheet of a Keputusan declared in config: the Tim sheet's columns and rules,
    its own positions (`kedudukan`, in Lampiran order) and an optional area."""
    listed = ", ".join(kedudukan)

    def column(c: Column) -> Column:
        if c.name == "kedudukan":
            return replace(
                c, choices=kedudukan,
                dropdown=Dropdown("Kedudukan", f"Pilih kedudukan: {listed}."[:255],
                                  "Kedudukan tidak dikenal. Pilih dari daftar: {pilihan}."),
                help=f"kedudukan dalam {title}: {listed}. Lampiran disusun menurut urutan ini.")
        if c.name == "area":
            return replace(c, dropdown=Dropdown(
                "Area perubahan", "Tidak wajib: pilih area {pilihan} bila anggota dikelompokkan "
                "per area.", "Area tidak dikenal. Pilih salah satu: {pilihan}."),
                help="tidak wajib; bila diisi, Lampiran mengelompokkan anggota per area.")
        return c

    return replace(TIM, name=name, use=f"wajib untuk {title}",
                   columns=tuple(column(c) for c in TIM.columns))


# In workbook order (after the Petunjuk sheet, which has no header row).
SHEETS: tuple[Sheet, ...] = (
    IDENTITAS, NILAI, NARASI, PENGHARGAAN, TIM, RENCANA_AKSI, DOKUMEN_SHEET, LKE, REALISASI,
    SURVEI,
    RAPAT, PESERTA,
)

PETUNJUK = "Petunjuk"
# The live totals: Excel formulas over Nilai (workbook/ringkasan.py), written after that sheet.
RINGKASAN = "Ringkasan"
RINGKASAN_AFTER = NILAI.name
# Sheets zidoc writes for people and never reads.
NOT_READ: tuple[str, ...] = (PETUNJUK, RINGKASAN)
SHEET_NAMES: tuple[str, ...] = (PETUNJUK,) + tuple(
    name for s in SHEETS
    for name in ((s.name, RINGKASAN) if s.name == RINGKASAN_AFTER else (s.name,)))


def sheet_key(name: str) -> str:
    """A sheet name as matched: lower case, without any spaces or invisible characters
    ('Rencana Aksi ', 'rencanaaksi' and 'RencanaAksi' are one name)."""
    return "".join(ch for ch in name if not ch.isspace() and ch.isprintable()).lower()


def sheet(name: str, sheets: tuple[Sheet, ...] = SHEETS) -> Sheet | None:
    """The sheet declared under `name`, matched by sheet_key."""
    wanted = sheet_key(name)
    return next((s for s in sheets if sheet_key(s.name) == wanted), None)


def sheets_for(documents=DOCUMENTS) -> tuple[Sheet, ...]:
    """Every sheet a workbook may have under a config whose documents are `documents`: the
    fixed ones, then the people sheet of each Keputusan config declares (in its order)."""
    declared = tuple(member_sheet(d.sheet, d.title, d.members.kedudukan) for d in documents
                     if d.members is not None and d.sheet is not None
                     and sheet(d.sheet) is None)
    return SHEETS + declared
