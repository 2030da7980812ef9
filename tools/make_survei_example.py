"""Generate the example survey responses (a web form's export, 120 respondents) once, with a
fixed seed; the committed file is data (pipeline/zidoc/workbook/<SURVEI_FILE>), not rebuilt
by the build or the tests.

    python tools/make_survei_example.py

The answers mix the ways offices receive them: labels (the form), letters (a-d) and numbers
(paper questionnaires typed in); a few are skipped (U8: most respondents never complained),
and about half of the respondents wrote a suggestion."""
from __future__ import annotations

import csv
import io
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "pipeline"))

from zidoc.config import load_config  # noqa: E402
from zidoc.workbook.example import SURVEI_FILE  # noqa: E402

SEED = 2024
RESPONDENTS = 120
QUESTIONS = (
    "1. Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
    "pelayanannya?",
    "2. Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "3. Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "4. Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "5. Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
    "dalam standar pelayanan dengan hasil yang diberikan?",
    "6. Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "7. Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan "
    "dan keramahan?",
    "8. Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    "9. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
)
# Chances of the answers 1-4 per unsur: waiting time, complaints and facilities score lowest.
WEIGHTS = (
    (1, 5, 48, 46), (1, 6, 50, 43), (3, 14, 55, 28), (0, 1, 6, 93), (1, 6, 56, 37),
    (0, 4, 46, 50), (0, 2, 38, 60), (4, 16, 52, 28), (2, 12, 58, 28),
)
SKIP = (0.0, 0.0, 0.01, 0.02, 0.01, 0.0, 0.0, 0.12, 0.01)  # chance an answer is left empty
SEX = (("Laki-laki", 52), ("Perempuan", 48))
EDUCATION = (("SD", 4), ("SMP", 8), ("SMA/SMK", 42), ("D3", 10), ("S1", 30), ("S2", 6))
WORK = (("PNS/TNI/Polri", 14), ("Pegawai swasta", 22), ("Wiraswasta", 20),
        ("Pelajar/Mahasiswa", 18), ("Ibu rumah tangga", 10), ("Partai politik", 8),
        ("Lainnya", 8))
SERVICE = (("Informasi publik", 40), ("Data pemilih (cek DPT)", 35),
           ("Konsultasi dan pengaduan", 15), ("Pendaftaran pemantau pemilu", 10))
SUGGESTIONS = (
    ("Tidak ada", 20), ("-", 14), ("Ruang tunggu diperluas", 6), ("ruang tunggu diperluas", 2),
    ("Pelayanan sudah baik, pertahankan", 8), ("Percepat waktu pelayanan", 6),
    ("Sediakan nomor antrean", 4), ("Informasi persyaratan dipasang di website", 4),
    ("Tanggapan atas pengaduan agar lebih cepat", 5), ("Tempat parkir diperluas", 3),
    ("Tambah petugas di meja layanan saat ramai", 3), ("", 25),
)


def pick(rng: random.Random, choices) -> str:
    values, weights = zip(*choices)
    return rng.choices(values, weights)[0]


def answer(rng: random.Random, style: str, value: int, labels) -> str:
    if style == "angka":
        return str(value)
    if style == "huruf":
        return "abcd"[value - 1]
    return labels[value - 1]


def responses() -> str:
    rng = random.Random(SEED)
    unsur = load_config(REPO / "config.toml").survei.unsur
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("Stempel waktu", "Jenis Kelamin", "Umur (tahun)", "Pendidikan Terakhir",
                     "Pekerjaan", "Jenis Layanan yang Diterima", *QUESTIONS,
                     "Saran dan masukan untuk perbaikan pelayanan"))
    start = datetime(2024, 10, 1, 8, 0)
    for _ in range(RESPONDENTS):
        start += timedelta(minutes=rng.randint(20, 900))
        style = rng.choices(("label", "huruf", "angka"), (70, 12, 18))[0]
        answers = []
        for u, weights, skip in zip(unsur, WEIGHTS, SKIP):
            if rng.random() < skip:
                answers.append("")
                continue
            answers.append(answer(rng, style, rng.choices((1, 2, 3, 4), weights)[0],
                                  u.jawaban))
        writer.writerow((start.strftime("%d/%m/%Y %H:%M:%S"), pick(rng, SEX),
                         str(rng.choice(range(18, 71))), pick(rng, EDUCATION), pick(rng, WORK),
                         pick(rng, SERVICE), *answers, pick(rng, SUGGESTIONS)))
    return out.getvalue()


if __name__ == "__main__":
    target = REPO / "pipeline" / "zidoc" / "workbook" / SURVEI_FILE
    target.write_text(responses(), encoding="utf-8", newline="")
    print(target)
