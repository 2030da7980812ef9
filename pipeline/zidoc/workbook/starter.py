"""The example / starter workbook: KPU Kota Bengkulu 2024.

`write_example_workbook(path)` writes a workbook that follows the contract in
`spec/workbook.md`: a `Petunjuk` (instructions) sheet, then one sheet per part of the
contract, filled with the example data, with dropdowns for the coded columns.

Identitas, Nilai, Narasi and Penghargaan come from the seed report
(`seed/laporan-zi-kpu-kota-bengkulu-2024.txt`); the narrative text is copied verbatim,
typos included, because it is the office's own text. Team members are placeholders
("Pegawai 1" ...) and the action plan is plausible, not real.

The data live in module-level constants (plain tuples and dicts) so that tests and other
modules can compare against them without reading the workbook. openpyxl is imported
inside the writer only.
"""
from __future__ import annotations

import datetime
import pathlib

from zidoc.workbook.model import DOKUMEN_KINDS, KEDUDUKAN, MONTHS

# ---------------------------------------------------------------------------
# Codes and fixed vocabularies
# ---------------------------------------------------------------------------

AREA_CODES: tuple[str, ...] = ("P1", "P2", "P3", "P4", "P5", "P6")
NILAI_CODES: tuple[str, ...] = AREA_CODES + ("H1", "H2", "H3")

KOMPONEN: dict[str, str] = {
    "P1": "Manajemen Perubahan",
    "P2": "Penataan Tatalaksana",
    "P3": "Penataan Sistem Manajemen SDM Aparatur",
    "P4": "Penguatan Akuntabilitas",
    "P5": "Penguatan Pengawasan",
    "P6": "Peningkatan Kualitas Pelayanan Publik",
    "H1": "Nilai Survei Persepsi Korupsi (IPAK)",
    "H2": "Capaian Kinerja Lebih Baik daripada Capaian Kinerja Sebelumnya",
    "H3": "Nilai Persepsi Kualitas Pelayanan (IPKP)",
}

# Weights as printed in the Petunjuk (Indonesian decimal comma); the program takes the
# real weights from config, not from here.
BOBOT_TEKS: dict[str, str] = {
    "P1": "8", "P2": "7", "P3": "10", "P4": "10", "P5": "15", "P6": "10",
    "H1": "17,5", "H2": "5", "H3": "17,5",
}

DOKUMEN_KODE = DOKUMEN_KINDS

# Sheet name -> header row, in sheet order (Petunjuk has no header row).
HEADERS: dict[str, tuple[str, ...]] = {
    "Identitas": ("kunci", "nilai", "keterangan"),
    "Nilai": ("kode", "komponen", "persen", "persen_tahun_lalu", "catatan"),
    "Narasi": ("area", "butir", "judul", "uraian"),
    "Penghargaan": ("area", "pemberi", "kategori", "tahun"),
    "Tim": ("no", "nama", "nip", "pangkat_golongan", "jabatan", "kedudukan", "area"),
    "RencanaAksi": (
        ("area", "kegiatan", "output", "target", "indikator", "penanggung_jawab")
        + MONTHS
        + ("keterangan",)
    ),
    "Dokumen": ("dokumen", "nomor", "tanggal", "tempat"),
}

SHEET_NAMES: tuple[str, ...] = ("Petunjuk",) + tuple(HEADERS)

# ---------------------------------------------------------------------------
# Identitas
# ---------------------------------------------------------------------------

IDENTITAS: dict[str, object] = {
    "tahun": 2024,
    "nama_satker": "Komisi Pemilihan Umum Kota Bengkulu",
    "singkatan_satker": "KPU Kota Bengkulu",
    "tempat": "Bengkulu",
    "tanggal_laporan": datetime.date(2025, 5, 19),
    "penandatangan_nama": "Rayendra Pirasad",
    "penandatangan_jabatan": "Ketua Komisi Pemilihan Umum Kota Bengkulu",
    "dasar_penunjukan": (
        "Surat Ketua KPU RI Nomor 892/PW.02-SD/12/2025 perihal Penunjukan Satuan Pembangunan "
        "Zona Integritas Menuju Wilayah Bebas dari Korupsi (WBK) dan Wilayah Birokrasi Bersih "
        "dan Melayani (WBBM) Tahun 2025 di Lingkungan KPU, tanggal 19 Mei 2025"
    ),
    "penilai": "Inspektorat KPU RI",
    "nilai_tahun_lalu": 89.24,
    "nilai_resmi": 90.19,
    # Keputusan only; empty in the example (KPU's Ketua is not a civil servant, and the
    # decree is issued in the name of the satker itself).
    "penerbit_keputusan": None,
    "penandatangan_nip": None,
}

IDENTITAS_REQUIRED: tuple[str, ...] = (
    "tahun", "nama_satker", "singkatan_satker", "tempat", "tanggal_laporan",
    "penandatangan_nama", "penandatangan_jabatan",
)

IDENTITAS_KETERANGAN: dict[str, str] = {
    "tahun": "Wajib. Tahun penilaian (angka), misalnya 2024",
    "nama_satker": "Wajib. Nama lengkap satuan kerja",
    "singkatan_satker": "Wajib. Nama singkat satuan kerja, dipakai di dalam kalimat laporan",
    "tempat": "Wajib. Tempat penandatanganan (nama kota)",
    "tanggal_laporan": "Wajib. Tanggal laporan, misalnya 19/05/2025 atau 19 Mei 2025",
    "penandatangan_nama": "Wajib. Nama pejabat yang menandatangani",
    "penandatangan_jabatan": "Wajib. Jabatan pejabat yang menandatangani",
    "dasar_penunjukan": "Tidak wajib. Surat yang menunjuk satuan kerja sebagai pembangunan ZI",
    "penilai": "Tidak wajib. Pihak yang menilai (evaluator)",
    "nilai_tahun_lalu": "Tidak wajib. Nilai akhir ZI tahun lalu (0-100), misalnya 89,24",
    "nilai_resmi": "Tidak wajib. Nilai akhir resmi dari penilai (0-100), jika sudah ada",
    "penerbit_keputusan": (
        "Tidak wajib. Penerbit Keputusan (SK Tim, Rencana Aksi), misalnya Kepala Badan Pusat "
        "Statistik Kota Bengkulu; jika kosong dipakai nama_satker"
    ),
    "penandatangan_nip": (
        "Tidak wajib. NIP penandatangan (18 angka, sebagai teks), dicetak di bawah namanya "
        "pada kedua Keputusan; kosongkan jika bukan PNS"
    ),
}

# ---------------------------------------------------------------------------
# Nilai
# ---------------------------------------------------------------------------


def _nilai(kode: str, persen: float, catatan: str = "") -> dict[str, object]:
    return {
        "kode": kode,
        "komponen": KOMPONEN[kode],
        "persen": persen,
        "persen_tahun_lalu": None,  # optional, left empty in the example
        "catatan": catatan,
    }


NILAI: tuple[dict[str, object], ...] = (
    _nilai("P1", 88.63),
    _nilai("P2", 92.86),
    _nilai("P3", 85.82),
    _nilai("P4", 81.21),
    _nilai("P5", 88.42),
    _nilai("P6", 85.81),
    _nilai("H1", 98.75, "Indeks IPAK 3,95 dari 4"),
    _nilai("H2", 75.00, "Jawaban B (75%)"),
    _nilai("H3", 97.25, "Indeks IPKP 3,89 dari 4"),
)

# ---------------------------------------------------------------------------
# Narasi (verbatim from the seed; `butir` empty = lettered in order within the area)
# ---------------------------------------------------------------------------


def _narasi(area: str, judul: str, uraian: str, butir: str = "") -> dict[str, str]:
    return {"area": area, "butir": butir, "judul": judul, "uraian": uraian}


NARASI: tuple[dict[str, str], ...] = (
    # Seed section 1. Manajemen Perubahan
    _narasi(
        "P1", "Tim Kerja",
        "Pembentukan Tim Kerja WBK dengan Surat Keputusan Pemilihan Umum Kota Bengkulu telah "
        "dilaksanakan (terakhir dengan SK Komisi Pemilihan Umum Kota Bengkulu Nomor 443 Tahun "
        "2024 Tentang Pembentukan Tim Pembangunan Zona Integritas Menuju Wilayah Bebas dari "
        "Korupsi dan Wilayah Birokrasi Bersih Melayani di Lingkungan Komisi Pemilihan Umum Kota "
        "Bengkulu Tahun 2024;",
    ),
    _narasi(
        "P1", "",
        "Penyusunan Dokumen Rencana Aksi pembangunan Zona Integritas Wilayah Bebas dari Korupsi "
        "telah dilaksanakan dengan Keputusan Komisi Pemilihan Umum Kota Bengkulu Nomor 28 Tahun "
        "2024 tanggal 4 Januari 2024 tentang Rencana Aksi Pembangunan Zona Integritas menuju "
        "Wilayah Bebas Korupsi dan Wilayah Birokrasi Bersih Melayani di Lingkungan Komisi "
        "Pemilihan Umum Kota Bengkulu;",
    ),
    _narasi(
        "P1", "Pemantauan dan Evaluasi Pembangunan Zona Integritas",
        "di Komisi Pemilihan Umum Kota Bengkulu dilakukan dengan penyusunan laporan monitoring "
        "dan evaluasi pelaksanaan ZI menuju WBK dan WBBM secara",
    ),
    _narasi(
        "P1", "Perubahan Pola Pikir dan Budaya Kerja",
        "di Lingkungan Komisi Pemilihan Umum Kota Bengkulu dilakukan dengan membetuk Agen "
        "Perubahan dan Pemilihan Pegawai Berintegritas setiap 6 bulan sekali diberikan "
        "Penghargaan PNS dan Non PNS Berprestasi Tahun 2024 di lingkungan Komisi Pemilihan Umum "
        "Kota Bengkulu.",
    ),
    # Seed section 2. Penataan Tata Laksana
    _narasi(
        "P2", "Prosedur Operasional tetap (SOP) kegiatan utama",
        "Semua kegiatan yang dilakukan di Lingkungan Komisi Pemilihan Umum Kota Bengkulu telah "
        "dilakukan sesuai dengan SOP yang telah ditetapkan sesuai ketentuan yang berlaku dan "
        "dilakukan evaluasi minimal 1 tahun sekali sesuai dengan kebijakan administrasi yang "
        "telah ditetapkan",
    ),
    _narasi(
        "P2", "E-Office",
        "Pemanfaatan Teknologi Informasi di Komisi Pemilihan Umum Kota Bengkulu telah dilakukan "
        "monitoring dan evaluasi;",
    ),
    _narasi(
        "P2", "Keterbukaan Informasi Publik",
        "Pelaksaaan keterbukaan informasi publik dilakukan oleh Tim PPID Komisi Pemilihan Umum "
        "Kota Bengkulu.",
    ),
    # Seed section 3. Penataan Sistem Manajemen SDM
    _narasi(
        "P3", "Perencanaan Kebutuhan Pegawai Sesuai dengan Kebutuhan Organisasi",
        "Telah dilaksanakan dengan melakukan kesesuaian kebutuhan pegawai dengan peta jabatan dan "
        "analisis beban kerja masing-rnasing jabatan, Kesesuaian penempatan pegawai hasil "
        "rekrutmen murni dengan kebutuhan pegawai perjabatan dan Monitoring dan evaluasi "
        "terhadapa penempatan pegawai rekrutmen untuk memenuhi kebutuhan jabatan dalam "
        "organisasi memberikan perbaikan dalam kinerja unit.",
    ),
    _narasi(
        "P3", "Pola Mutasi Internal",
        "dilaksanakan dengan melakukan Mutasi pegawai antar jabatan demi pengembangan karir "
        "pegawai, Kesesuaian mutasi pegawai dengan kompetensi dan pola mutasi pegawai yang telah "
        "ditetapkan dan melakukan Monitoring dan evaluasi terhadap kegiatan mutasi pegawai.",
    ),
    # Seed section 4. Penguatan Akuntabilitas (the seed letters these a. and d.)
    _narasi(
        "P4", "Keterlibatan Pimpinan",
        "dilakukan dengan Keterlibatan Pimpinan Secara Langsung Pada Saat Penyusunan "
        "Perencanaan, dan Keterlibatan Pimpinan Secara Langsung Pada Saat Penyusunan Penetapan "
        "Kinerja Pemantauan Pencapaian Kinerja Secara Berkala oleh Pimpinan.",
        butir="a",
    ),
    _narasi(
        "P4", "Pengelolaan Akuntabilitas Kepegawaian",
        "dilakukan dengan Dokumen Perencanaa tahun 2024, Indikator pembuatan Kineria Utama (IKU), "
        "Indikator Kinerja Telah SMART, Laporan Kinerja Telah Disusun Tepat Waktu, Laporan "
        "Kinerja Telah Memberikan Informasi Tentang Kinerja, Upaya Peningkatan Kapasitas SDM "
        "yang Menangani Akuntabilitas Kinerja dan Pengelolaan Akuntabilitas Kinerja Dilaksanakan "
        "Oleh SDM yang Kompeten.",
        butir="b",
    ),
    # Seed section 5. Penguatan Pengawasan
    _narasi(
        "P5", "Penerapan SPIP",
        "dilakukan dengan dibentuknya satgas SPIP dengan SK Nomor 179 Tahun 2023 Tentang "
        "Pembentukan Satuan Tugas Penyelenggaraan Sistem Pengendalian Intern Pemerintah (SPIP) "
        "Di Lingkungan KPU Kota Bengkulu Tahun 2024 dan SK Nomor 6 Tahun 2024 Tentang "
        "Pembentukan Satuan Tugas Penyelenggaraan Sistem Pengendalian Intern Pemerintah (SPIP) "
        "Di Lingkungan KPU Kota Bengkulu Tahun 2024.",
    ),
    # Seed section 6. Pengaduan Masyarakat: part of Penguatan Pengawasan in the LKE
    _narasi(
        "P5", "Pengaduan Masyarakat",
        "dilakukan dengan Implementasi kebijakan pengaduan masyarakat, Tindak lanjut penanganan "
        "pengaduan masyarakat, Monitoring dan penanganan pengaduan Masyarakat di WEB Resmi KPU "
        "Kota Bengkulu.",
    ),
    _narasi(
        "P5", "Penanganan Benturan Kepentingan",
        "dilakukan dengan melakukan monitoring dan evaluasi secara berkala Benturan Kepentingan "
        "di Lingkungan KPU Kota Bengkulu.",
    ),
    # Seed section 7. Peningkatan Kualitas Pelayanan Publik
    _narasi(
        "P6", "Standar Pelayanan",
        "dilakukan melalui adanya Kebijakan standar pelayanan, Maklumat standar pelayanan, SOP "
        "pelaksanaan standar pelayanan dan pemberian Review dan perbaikan atas standar "
        "pelayanan.",
    ),
    _narasi(
        "P6", "Budaya Pelayanan Prima",
        "dilakukan melalui Sosialisasi/pelatihan dalam upaya penerapan budaya pelayanan prima, "
        "Kemudahan mengakses informasi dalam berbagai media sosial;",
    ),
    _narasi(
        "P6", "Penilaian Kepuasan terhadap pelayanan",
        "dilakukan melalui Survei kepuasan masyarakat terhadap pelayanan, Hasil survei kepuasan "
        "masyarakat dapat diakses secara terbuka.",
    ),
)

# ---------------------------------------------------------------------------
# Penghargaan
# ---------------------------------------------------------------------------

PENGHARGAAN: tuple[dict[str, object], ...] = (
    {"area": "P2", "pemberi": "KPU Provinsi Bengkulu",
     "kategori": "Publikasi Informasi Terbaik 2", "tahun": 2024},
    {"area": "P4", "pemberi": "KPU Provinsi Bengkulu",
     "kategori": "Pelaporan Lakip Terbaik 1", "tahun": 2024},
)

# ---------------------------------------------------------------------------
# Tim (placeholder names; NIP = birth YYYYMMDD + TMT YYYYMM + gender + serial)
# ---------------------------------------------------------------------------

_TIM_ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    # (nip, pangkat_golongan, jabatan, kedudukan, area)
    ("", "", "Ketua Komisi Pemilihan Umum Kota Bengkulu", "Pengarah", ""),
    ("197203151998031002", "Pembina (IV/a)",
     "Sekretaris Komisi Pemilihan Umum Kota Bengkulu", "Penanggung Jawab", ""),
    ("198005122006042001", "Penata Tk. I (III/d)",
     "Kepala Subbagian Perencanaan, Data dan Informasi", "Ketua", ""),
    ("198109232009011003", "Penata Tk. I (III/d)",
     "Kepala Subbagian Hukum dan Sumber Daya Manusia", "Wakil Ketua", ""),
    ("199004172015032002", "Penata Muda Tk. I (III/b)",
     "Penata Kelola Pemilu Ahli Pertama", "Sekretaris", ""),
    # P1 Manajemen Perubahan
    ("197811052005011004", "Penata Tk. I (III/d)",
     "Kepala Subbagian Teknis Penyelenggaraan Pemilu, Partisipasi dan Hubungan Masyarakat",
     "Koordinator", "P1"),
    ("199206302019032011", "Penata Muda (III/a)",
     "Penata Kelola Pemilu Ahli Pertama", "Anggota", "P1"),
    ("198512142010121001", "Pengatur Tk. I (II/d)", "Pengolah Data", "Anggota", "P1"),
    # P2 Penataan Tatalaksana
    ("198303082009121002", "Penata (III/c)", "Pranata Komputer Ahli Muda", "Koordinator", "P2"),
    ("199409212020122003", "Penata Muda (III/a)", "Pranata Komputer Ahli Pertama", "Anggota", "P2"),
    ("198701252011012004", "Pengatur Tk. I (II/d)", "Arsiparis Mahir", "Anggota", "P2"),
    ("", "", "Operator Komputer", "Anggota", "P2"),
    # P3 Penataan Sistem Manajemen SDM Aparatur
    ("197906172003121001", "Penata Tk. I (III/d)",
     "Analis Sumber Daya Manusia Aparatur Ahli Muda", "Koordinator", "P3"),
    ("199111032017082001", "Penata Muda Tk. I (III/b)",
     "Analis Sumber Daya Manusia Aparatur Ahli Pertama", "Anggota", "P3"),
    ("198408192008011002", "Pengatur Tk. I (II/d)",
     "Pengadministrasi Perkantoran", "Anggota", "P3"),
    # P4 Penguatan Akuntabilitas
    ("198206112008032002", "Penata (III/c)", "Perencana Ahli Muda", "Koordinator", "P4"),
    ("199502282022032001", "Penata Muda (III/a)", "Perencana Ahli Pertama", "Anggota", "P4"),
    ("198810102014031001", "Pengatur (II/c)", "Pengelola Keuangan", "Anggota", "P4"),
    # P5 Penguatan Pengawasan
    ("197712202006041002", "Penata Tk. I (III/d)",
     "Kepala Subbagian Keuangan, Umum dan Logistik", "Koordinator", "P5"),
    ("199308142019031005", "Penata Muda Tk. I (III/b)",
     "Penata Kelola Pemilu Ahli Pertama", "Anggota", "P5"),
    ("198603272010012003", "Pengatur Tk. I (II/d)", "Bendahara Pengeluaran", "Anggota", "P5"),
    ("", "", "Pramubakti", "Anggota", "P5"),
    # P6 Peningkatan Kualitas Pelayanan Publik
    ("198301042009012006", "Penata (III/c)", "Penata Kelola Pemilu Ahli Muda", "Koordinator", "P6"),
    ("199607092020122001", "Penata Muda (III/a)",
     "Pranata Hubungan Masyarakat Ahli Pertama", "Anggota", "P6"),
    ("199802162022031001", "Pengatur (II/c)", "Pengelola Layanan Operasional", "Anggota", "P6"),
    ("", "", "Petugas Layanan Informasi", "Anggota", "P6"),
)

TIM: tuple[dict[str, object], ...] = tuple(
    {
        "no": number,
        "nama": f"Pegawai {number}",
        "nip": nip,
        "pangkat_golongan": pangkat,
        "jabatan": jabatan,
        "kedudukan": kedudukan,
        "area": area,
    }
    for number, (nip, pangkat, jabatan, kedudukan, area) in enumerate(_TIM_ROWS, start=1)
)

# ---------------------------------------------------------------------------
# RencanaAksi (plausible actions; `bulan` lists the months marked "x")
# ---------------------------------------------------------------------------

_POKJA = {code: f"Koordinator Pokja {KOMPONEN[code]}" for code in AREA_CODES}
_KETUA_TIM = "Ketua Tim Pembangunan ZI"
_QUARTERLY = ("mar", "jun", "sep", "des")
_HALF_YEARLY = ("jun", "des")


def _aksi(
    area: str, kegiatan: str, output: str, target: str, indikator: str,
    penanggung_jawab: str, bulan: tuple[str, ...], keterangan: str = "",
) -> dict[str, object]:
    return {
        "area": area, "kegiatan": kegiatan, "output": output, "target": target,
        "indikator": indikator, "penanggung_jawab": penanggung_jawab, "bulan": bulan,
        "keterangan": keterangan,
    }


RENCANA_AKSI: tuple[dict[str, object], ...] = (
    # P1 Manajemen Perubahan
    _aksi("P1", "Penyusunan SK Tim Pembangunan ZI", "SK Tim", "1 SK",
          "SK Tim Pembangunan ZI ditetapkan", _KETUA_TIM, ("jan",),
          "SK Nomor 443 Tahun 2024"),
    _aksi("P1", "Penyusunan Rencana Aksi Pembangunan ZI", "Keputusan Rencana Aksi", "1 dokumen",
          "Rencana Aksi ditetapkan pada awal tahun", _POKJA["P1"], ("jan",),
          "Keputusan Nomor 28 Tahun 2024"),
    _aksi("P1", "Monitoring dan evaluasi pembangunan ZI", "Laporan monitoring dan evaluasi",
          "4 laporan", "Laporan monev disusun setiap triwulan", _KETUA_TIM, _QUARTERLY),
    _aksi("P1", "Pembentukan Agen Perubahan", "SK Agen Perubahan", "1 SK",
          "Agen Perubahan ditetapkan dan menjalankan perannya", _POKJA["P1"], ("feb",)),
    _aksi("P1", "Pemilihan Pegawai Berintegritas dan pemberian penghargaan pegawai berprestasi",
          "SK Pegawai Berintegritas", "2 kali", "Pemilihan dilaksanakan setiap 6 bulan",
          _POKJA["P1"], _HALF_YEARLY),
    # P2 Penataan Tatalaksana
    _aksi("P2", "Penyusunan dan penetapan SOP kegiatan utama", "SOP kegiatan utama",
          "Seluruh kegiatan utama", "SOP kegiatan utama ditetapkan", _POKJA["P2"],
          ("feb", "mar")),
    _aksi("P2", "Evaluasi SOP kegiatan utama", "Laporan evaluasi SOP", "1 laporan",
          "SOP dievaluasi minimal 1 kali setahun", _POKJA["P2"], ("nov",)),
    _aksi("P2", "Monitoring dan evaluasi pemanfaatan teknologi informasi (E-Office)",
          "Laporan monitoring dan evaluasi", "2 laporan",
          "Pemanfaatan teknologi informasi dimonitor dan dievaluasi", _POKJA["P2"], _HALF_YEARLY),
    _aksi("P2", "Pelayanan dan publikasi informasi publik oleh PPID", "Laporan layanan PPID",
          "12 laporan", "Informasi publik dipublikasikan setiap bulan", _POKJA["P2"], MONTHS),
    # P3 Penataan Sistem Manajemen SDM Aparatur
    _aksi("P3", "Penyusunan peta jabatan dan analisis beban kerja", "Dokumen Anjab dan ABK",
          "1 dokumen", "Kebutuhan pegawai sesuai peta jabatan dan beban kerja", _POKJA["P3"],
          ("feb", "mar")),
    _aksi("P3", "Monitoring dan evaluasi penempatan pegawai", "Laporan monitoring dan evaluasi",
          "1 laporan", "Penempatan pegawai sesuai kebutuhan jabatan", _POKJA["P3"], ("jul",)),
    _aksi("P3", "Penetapan dan pelaksanaan pola mutasi internal", "SK Pola Mutasi", "1 SK",
          "Mutasi pegawai sesuai kompetensi dan pola mutasi", _POKJA["P3"], ("apr",)),
    _aksi("P3", "Pengembangan kompetensi pegawai", "Laporan pengembangan kompetensi",
          "2 laporan", "Setiap pegawai mengikuti pengembangan kompetensi", _POKJA["P3"],
          ("mei", "okt")),
    # P4 Penguatan Akuntabilitas
    _aksi("P4", "Penyusunan Perjanjian Kinerja dan Indikator Kinerja Utama (IKU)",
          "Perjanjian Kinerja dan IKU", "1 dokumen",
          "Pimpinan terlibat langsung dalam penyusunan perencanaan dan penetapan kinerja",
          _POKJA["P4"], ("jan",)),
    _aksi("P4", "Penyusunan Laporan Kinerja (LKj)", "Laporan Kinerja", "1 laporan",
          "Laporan kinerja disusun tepat waktu", _POKJA["P4"], ("jan", "feb")),
    _aksi("P4", "Pemantauan capaian kinerja secara berkala oleh pimpinan",
          "Laporan capaian kinerja triwulan", "4 laporan",
          "Capaian kinerja dipantau setiap triwulan", _POKJA["P4"], _QUARTERLY),
    _aksi("P4", "Peningkatan kapasitas SDM pengelola akuntabilitas kinerja",
          "Laporan bimbingan teknis", "1 kegiatan",
          "Akuntabilitas kinerja dikelola SDM yang kompeten", _POKJA["P4"], ("mei",)),
    # P5 Penguatan Pengawasan
    _aksi("P5", "Pembentukan Satgas SPIP", "SK Satgas SPIP", "1 SK", "Satgas SPIP ditetapkan",
          _POKJA["P5"], ("jan",), "SK Nomor 6 Tahun 2024"),
    _aksi("P5", "Penilaian risiko dan penyusunan peta risiko", "Dokumen manajemen risiko",
          "1 dokumen", "Risiko kegiatan utama teridentifikasi dan dikendalikan", _POKJA["P5"],
          ("feb", "mar")),
    _aksi("P5", "Pengelolaan dan tindak lanjut pengaduan masyarakat melalui web resmi",
          "Rekapitulasi pengaduan dan tindak lanjut", "4 laporan",
          "Seluruh pengaduan masyarakat ditindaklanjuti", _POKJA["P5"], _QUARTERLY),
    _aksi("P5", "Monitoring dan evaluasi penanganan benturan kepentingan",
          "Laporan monitoring dan evaluasi", "2 laporan",
          "Benturan kepentingan dimonitor secara berkala", _POKJA["P5"], _HALF_YEARLY),
    # P6 Peningkatan Kualitas Pelayanan Publik
    _aksi("P6", "Penetapan standar pelayanan dan maklumat pelayanan",
          "SK Standar Pelayanan dan Maklumat Pelayanan", "1 SK",
          "Standar pelayanan dan maklumat ditetapkan dan dipublikasikan", _POKJA["P6"], ("jan",)),
    _aksi("P6", "Sosialisasi budaya pelayanan prima", "Laporan sosialisasi", "2 kegiatan",
          "Pegawai menerapkan budaya pelayanan prima", _POKJA["P6"], ("mar", "sep")),
    _aksi("P6", "Survei kepuasan masyarakat", "Laporan survei kepuasan masyarakat", "2 laporan",
          "Hasil survei dipublikasikan secara terbuka", _POKJA["P6"], _HALF_YEARLY),
    _aksi("P6", "Review dan perbaikan standar pelayanan", "Laporan review standar pelayanan",
          "1 laporan", "Standar pelayanan diperbaiki berdasarkan hasil review", _POKJA["P6"],
          ("nov",)),
)

# ---------------------------------------------------------------------------
# Dokumen
# ---------------------------------------------------------------------------

DOKUMEN: tuple[dict[str, object], ...] = (
    {"dokumen": "sk_tim", "nomor": "443", "tanggal": datetime.date(2024, 1, 2),
     "tempat": "Bengkulu"},
    {"dokumen": "rencana_aksi", "nomor": "28", "tanggal": datetime.date(2024, 1, 4),
     "tempat": "Bengkulu"},
)

# ---------------------------------------------------------------------------
# Petunjuk (instructions, Indonesian). Each entry: (style, text); style is one of
# "banner", "title", "heading", "text".
# ---------------------------------------------------------------------------

BANNER = (
    "PERHATIAN: workbook ini berisi data CONTOH (Laporan Zona Integritas KPU Kota Bengkulu "
    "Tahun 2024). Ganti seluruh isinya dengan data satuan kerja Anda sendiri sebelum membuat "
    "dokumen. Nama anggota tim (Pegawai 1, Pegawai 2, ...) dan rencana aksi hanyalah contoh."
)


def _petunjuk() -> tuple[tuple[str, str], ...]:
    kode_lines = tuple(
        ("text", f"{kode} = {KOMPONEN[kode]} (bobot {BOBOT_TEKS[kode]})") for kode in NILAI_CODES
    )
    return (
        ("banner", BANNER),
        ("title", "PETUNJUK PENGISIAN WORKBOOK ZONA INTEGRITAS"),
        ("text",
         ("Workbook ini adalah sumber data untuk tiga dokumen: Laporan Pelaksanaan Zona "
         "Integritas, Keputusan tentang Tim Pembangunan Zona Integritas (SK Tim), dan Keputusan "
         "tentang Rencana Aksi Pembangunan Zona Integritas. Isi satu workbook untuk satu satuan "
         "kerja dan satu tahun.")),
        ("heading", "Aturan umum"),
        ("text",
         ("- Jangan mengubah nama lembar (sheet) dan judul kolom di baris 1. Urutan kolom boleh "
         "diubah; kolom tambahan tidak dibaca.")),
        ("text", "- Satu baris untuk satu data. Baris yang kosong seluruhnya dilewati."),
        ("text",
         ("- Kolom yang bertanda pilihan (panah di pojok sel) hanya menerima isi dari daftar "
         "pilihan.")),
        ("text",
         ("- Angka boleh ditulis 88,63 atau 88.63 atau 88,63% atau sebagai sel persen Excel "
         "(tampil 88,63%). Semuanya dibaca 88,63.")),
        ("text",
         ("- Tanggal boleh berupa tanggal Excel, atau ditulis 2025-05-19, 19/05/2025, atau "
         "19 Mei 2025.")),
        ("heading", "Lembar Identitas (wajib)"),
        ("text",
         ("Kolom kunci berisi nama data dan jangan diubah; isi kolom nilai. Kolom keterangan "
         "hanya penjelasan.")),
        ("text", "Wajib diisi: " + ", ".join(IDENTITAS_REQUIRED) + "."),
        ("text",
         ("Tidak wajib: dasar_penunjukan, penilai, nilai_tahun_lalu (nilai akhir ZI tahun lalu), "
         "nilai_resmi (nilai akhir resmi dari penilai, jika sudah ada).")),
        ("text",
         ("Khusus kedua Keputusan (tidak wajib): penerbit_keputusan, yaitu pejabat atau instansi "
         "yang menerbitkan Keputusan, misalnya Kepala Badan Pusat Statistik Kota Bengkulu "
         "(dicetak KEPUTUSAN KEPALA BADAN PUSAT STATISTIK KOTA BENGKULU; jika kosong dipakai "
         "nama_satker); penandatangan_nip, yaitu NIP penandatangan yang dicetak di bawah "
         "namanya (kosongkan jika penandatangan bukan PNS).")),
        ("heading", "Lembar Nilai (wajib)"),
        ("text",
         ("Kolom wajib: kode dan persen (0 sampai 100). Kolom komponen dan catatan boleh diisi "
         "sebagai penjelasan. Kesembilan kode harus ada, masing-masing satu kali.")),
        ("text",
         ("Kolom persen_tahun_lalu tidak wajib: persentase tiap area tahun lalu, dipakai untuk "
         "grafik perbandingan.")),
        ("text", "Kode komponen dan bobotnya (LKE, PermenPANRB Nomor 90 Tahun 2021):"),
        *kode_lines,
        ("text",
         ("Nilai survei (IPAK, IPKP) berskala 0-4: persen = indeks / 4 x 100 (misalnya 3,95 "
         "menjadi 98,75). Capaian kinerja: A 100, B 75, C 50, D 25, E 0.")),
        ("heading", "Lembar Narasi (wajib)"),
        ("text",
         ("Satu baris untuk satu butir uraian, urut seperti di laporan. Kolom wajib: area (P1 "
         "sampai P6) dan uraian. Kolom tidak wajib: butir (huruf a, b, c ...; jika kosong, "
         "diberi huruf otomatis berurutan dalam areanya) dan judul (judul singkat, misalnya "
         "Tim Kerja).")),
        ("text",
         ("Pindah baris di dalam sel (Alt+Enter) dipertahankan. Penghargaan jangan ditulis di "
         "sini, tetapi di lembar Penghargaan.")),
        ("heading", "Lembar Penghargaan (tidak wajib)"),
        ("text",
         ("Kolom wajib: area, pemberi, kategori; kolom tahun tidak wajib. Setiap baris menjadi "
         "satu kalimat di bawah areanya, misalnya: Pada tahun 2024 KPU Kota Bengkulu "
         "mendapatkan penghargaan dari KPU Provinsi Bengkulu Kategori Publikasi Informasi "
         "Terbaik 2.")),
        ("heading", "Lembar Tim (wajib untuk SK Tim)"),
        ("text",
         ("Kolom wajib: nama, jabatan, kedudukan. Kolom tidak wajib: no, nip, pangkat_golongan, "
         "area.")),
        ("text", "Pilihan kedudukan: " + ", ".join(KEDUDUKAN) + ". Harus ada tepat satu Ketua."),
        ("text", "Kolom area (P1 sampai P6) wajib diisi untuk Koordinator dan Anggota."),
        ("text",
         ("NIP terdiri dari 18 angka (boleh dengan spasi): tanggal lahir, TMT, jenis kelamin, "
         "nomor urut. Tulis NIP sebagai teks (awali dengan tanda petik ') agar Excel tidak "
         "mengubahnya. Kosongkan NIP untuk yang bukan PNS (misalnya komisioner dan PPNPN).")),
        ("heading", "Lembar RencanaAksi (wajib untuk Rencana Aksi)"),
        ("text",
         ("Kolom wajib: area (P1 sampai P6), kegiatan, output, penanggung_jawab, dan kolom bulan "
         "jan sampai des. Kolom tidak wajib: target, indikator, keterangan.")),
        ("text",
         ("Tandai bulan pelaksanaan dengan huruf x pada kolom bulannya. Setiap kegiatan minimal "
         "dilaksanakan pada satu bulan.")),
        ("heading", "Lembar Dokumen (wajib untuk kedua Keputusan)"),
        ("text",
         ("Satu baris untuk setiap Keputusan. Kolom dokumen: sk_tim (Keputusan tentang Tim "
         "Pembangunan ZI) atau rencana_aksi (Keputusan tentang Rencana Aksi). Kolom nomor: "
         "nomor keputusan sebagai teks, misalnya 443. Kolom tanggal: tanggal penetapan. Kolom "
         "tempat tidak wajib.")),
        ("heading", "Setelah selesai mengisi"),
        ("text", "1. Simpan workbook ini (format .xlsx)."),
        ("text",
         ("2. Periksa isinya dengan perintah: zidoc validate nama-file.xlsx. Semua kesalahan "
         "ditampilkan sekaligus beserta letaknya, misalnya Nilai!C4 (lembar Nilai, sel C4).")),
        ("text",
         ("3. Jika tidak ada kesalahan lagi, buat dokumen dengan perintah: zidoc build "
         "nama-file.xlsx. Hasilnya berupa file Word (.docx) yang dapat diperiksa dan "
         "dirapikan kembali di Word.")),
    )


PETUNJUK: tuple[tuple[str, str], ...] = _petunjuk()

# ---------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------

COLUMN_WIDTHS: dict[str, dict[str, float]] = {
    "Identitas": {"kunci": 24, "nilai": 60, "keterangan": 55},
    "Nilai": {"kode": 8, "komponen": 50, "persen": 10, "persen_tahun_lalu": 18, "catatan": 32},
    "Narasi": {"area": 8, "butir": 7, "judul": 32, "uraian": 100},
    "Penghargaan": {"area": 8, "pemberi": 30, "kategori": 40, "tahun": 8},
    "Tim": {"no": 5, "nama": 22, "nip": 21, "pangkat_golongan": 24, "jabatan": 50,
            "kedudukan": 18, "area": 8},
    "RencanaAksi": {"area": 8, "kegiatan": 45, "output": 30, "target": 16, "indikator": 40,
                    "penanggung_jawab": 40, **{m: 5 for m in MONTHS}, "keterangan": 30},
    "Dokumen": {"dokumen": 16, "nomor": 10, "tanggal": 14, "tempat": 16},
}

# Columns whose text can be long: wrapped, top-aligned.
WRAP_COLUMNS: dict[str, tuple[str, ...]] = {
    "Identitas": ("nilai", "keterangan"),
    "Nilai": ("komponen", "catatan"),
    "Narasi": ("judul", "uraian"),
    "Penghargaan": ("pemberi", "kategori"),
    "Tim": ("jabatan", "pangkat_golongan"),
    "RencanaAksi": ("kegiatan", "output", "target", "indikator", "penanggung_jawab",
                    "keterangan"),
    "Dokumen": (),
}

VALIDATION_LAST_ROW = 1000
DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.00"
TEXT_FORMAT = "@"

# (sheet, column, allowed values, prompt title, prompt, error). Excel limits: titles 32
# characters, prompt and error 255.
LIST_VALIDATIONS: tuple[tuple[str, str, tuple[str, ...], str, str, str], ...] = (
    ("Nilai", "kode", NILAI_CODES, "Kode komponen",
     ("Pilih kode: P1-P6 (komponen pengungkit) atau H1-H3 (komponen hasil). Setiap kode "
     "satu kali."),
     "Kode tidak dikenal. Pilih salah satu: P1, P2, P3, P4, P5, P6, H1, H2, H3."),
    ("Narasi", "area", AREA_CODES, "Area perubahan",
     "Pilih area P1 sampai P6 (lihat lembar Petunjuk).",
     "Area tidak dikenal. Pilih salah satu: P1, P2, P3, P4, P5, P6."),
    ("Penghargaan", "area", AREA_CODES, "Area perubahan",
     "Pilih area tempat penghargaan ini ditulis: P1 sampai P6.",
     "Area tidak dikenal. Pilih salah satu: P1, P2, P3, P4, P5, P6."),
    ("Tim", "area", AREA_CODES, "Area perubahan",
     ("Wajib untuk Koordinator dan Anggota: pilih area P1 sampai P6. Kosongkan untuk "
     "kedudukan lain."),
     "Area tidak dikenal. Pilih salah satu: P1, P2, P3, P4, P5, P6."),
    ("Tim", "kedudukan", KEDUDUKAN, "Kedudukan dalam tim",
     "Pilih kedudukan dalam tim. Harus ada tepat satu Ketua.",
     "Kedudukan tidak dikenal. Pilih dari daftar: " + ", ".join(KEDUDUKAN) + "."),
    ("RencanaAksi", "area", AREA_CODES, "Area perubahan",
     "Pilih area P1 sampai P6.",
     "Area tidak dikenal. Pilih salah satu: P1, P2, P3, P4, P5, P6."),
    ("Dokumen", "dokumen", DOKUMEN_KODE, "Jenis keputusan",
     ("sk_tim = Keputusan tentang Tim Pembangunan ZI; rencana_aksi = Keputusan tentang "
     "Rencana Aksi."),
     "Pilih sk_tim atau rencana_aksi."),
)

# ---------------------------------------------------------------------------
# Writer
# ---------------------------------------------------------------------------


def _sheet_rows(sheet: str) -> list[dict[str, object]]:
    """The example rows of a data sheet, as dicts keyed by header name."""
    if sheet == "Identitas":
        return [
            {"kunci": key, "nilai": value, "keterangan": IDENTITAS_KETERANGAN[key]}
            for key, value in IDENTITAS.items()
        ]
    if sheet == "RencanaAksi":
        rows = []
        for aksi in RENCANA_AKSI:
            row = {key: value for key, value in aksi.items() if key != "bulan"}
            row.update({month: "x" for month in aksi["bulan"]})
            rows.append(row)
        return rows
    data = {
        "Nilai": NILAI, "Narasi": NARASI, "Penghargaan": PENGHARGAAN, "Tim": TIM,
        "Dokumen": DOKUMEN,
    }[sheet]
    return [dict(row) for row in data]


def _number_format(sheet: str, column: str, value: object) -> str | None:
    if isinstance(value, datetime.date):
        return DATE_FORMAT
    if sheet == "Nilai" and column in ("persen", "persen_tahun_lalu"):
        return PERCENT_FORMAT
    if sheet == "Identitas" and column == "nilai" and isinstance(value, float):
        return PERCENT_FORMAT
    if (sheet, column) in (("Tim", "nip"), ("Dokumen", "nomor")):
        return TEXT_FORMAT
    return None


def _column_letter(sheet: str, column: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(HEADERS[sheet].index(column) + 1)


def _write_petunjuk(ws) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.column_dimensions["A"].width = 110
    wrap = Alignment(wrap_text=True, vertical="top")
    styles = {
        "banner": (Font(bold=True, size=13, color="9C0006"),
                   PatternFill("solid", fgColor="FFEB9C")),
        "title": (Font(bold=True, size=14), None),
        "heading": (Font(bold=True, size=12), PatternFill("solid", fgColor="DDEBF7")),
        "text": (Font(size=11), None),
    }
    for row_number, (style, text) in enumerate(PETUNJUK, start=1):
        cell = ws.cell(row=row_number, column=1, value=text)
        font, fill = styles[style]
        cell.font = font
        cell.alignment = wrap
        if fill is not None:
            cell.fill = fill
        if style == "banner":
            ws.row_dimensions[row_number].height = 52
    ws.sheet_properties.tabColor = "C00000"


def _write_data_sheet(ws, sheet: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    headers = HEADERS[sheet]
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    for index, name in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=index, value=name)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
    ws.freeze_panes = "A2"

    widths = COLUMN_WIDTHS[sheet]
    for name in headers:
        ws.column_dimensions[_column_letter(sheet, name)].width = widths.get(name, 14)

    wrap_columns = WRAP_COLUMNS[sheet]
    top = Alignment(vertical="top")
    wrapped = Alignment(wrap_text=True, vertical="top")
    centered = Alignment(horizontal="center", vertical="top")
    for row_number, row in enumerate(_sheet_rows(sheet), start=2):
        for index, name in enumerate(headers, start=1):
            value = row.get(name)
            if value == "":
                value = None
            cell = ws.cell(row=row_number, column=index)
            number_format = _number_format(sheet, name, value)
            if number_format is not None:
                cell.number_format = number_format
            if value is not None:
                cell.value = value
            if name in wrap_columns:
                cell.alignment = wrapped
            elif name in MONTHS:
                cell.alignment = centered
            else:
                cell.alignment = top

    # Empty rows below the example keep the text format for NIP and nomor, so that
    # numbers typed there stay text.
    for column in ("nip", "nomor"):
        if column in headers and _number_format(sheet, column, None) == TEXT_FORMAT:
            letter = _column_letter(sheet, column)
            for row_number in range(len(_sheet_rows(sheet)) + 2, 201):
                ws[f"{letter}{row_number}"].number_format = TEXT_FORMAT


def _add_validations(wb) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    for sheet, column, values, title, prompt, error in LIST_VALIDATIONS:
        letter = _column_letter(sheet, column)
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(values) + '"',
            allow_blank=True,
            showInputMessage=True,
            showErrorMessage=True,
            errorStyle="stop",
            promptTitle=title,
            prompt=prompt,
            errorTitle="Isian tidak sesuai",
            error=error,
        )
        validation.add(f"{letter}2:{letter}{VALIDATION_LAST_ROW}")
        wb[sheet].add_data_validation(validation)

    # Nilai.persen: a hint, not a hard stop (text such as "88,63%" is accepted too).
    letter = _column_letter("Nilai", "persen")
    persen = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="warning",
        promptTitle="Persentase 0-100",
        prompt="Isi persentase 0 sampai 100, misalnya 88,63 (boleh juga 88,63%).",
        errorTitle="Periksa persentase",
        error="Persentase biasanya antara 0 dan 100. Periksa kembali isian ini.",
    )
    persen.add(f"{letter}2:{letter}{VALIDATION_LAST_ROW}")
    wb["Nilai"].add_data_validation(persen)


def write_example_workbook(path: pathlib.Path) -> None:
    """Write the KPU Kota Bengkulu 2024 example workbook (all sheets) to `path`."""
    from openpyxl import Workbook

    path = pathlib.Path(path)
    wb = Workbook()
    petunjuk = wb.active
    petunjuk.title = "Petunjuk"
    _write_petunjuk(petunjuk)
    for sheet in HEADERS:
        _write_data_sheet(wb.create_sheet(sheet), sheet)
    _add_validations(wb)
    wb.active = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
