"""The survey's arithmetic (PermenPANRB 14/2017), exact: answers are whole numbers, every
NRR a fraction, the weight 1/9 (or the rounded weight of config's `bobot_unsur`), so every
figure is computed as a Fraction and given out as a Decimal; display rounds half up.

Worked example (the spec's): five respondents, NRR U1 3,60; U2 3,60; U3 2,80; U4 4,00;
U5 3,20; U6 3,60; U7 3,80; U8 2,75 (11 / 4: one skipped); U9 3,40. Sum 30,75; IKM = 30,75 / 9
= 3,41666...; konversi 85,41666... -> printed 85,42, mutu B (Baik). With bobot 0,111:
3,41325 -> 85,33125 -> 85,33, B. The three lowest: U8, U3, U5."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

KONVERSI = 25  # IKM (1-4) x 25 = the 25-100 scale
HUNDRED = Fraction(100)
NINTH = Fraction(1, 9)
LOWEST_SHOWN = 3  # the report's priorities: the unsur with the lowest NRR

# Krejcie and Morgan (1970): chi-square for one degree of freedom at 95%, P and d.
CHI_SQUARE = Fraction("3.841")
PROPORTION = Fraction(1, 2)
MARGIN = Fraction(5, 100)


@dataclass(frozen=True)
class Mutu:
    huruf: str  # A ... D
    kinerja: str  # Sangat Baik ... Tidak Baik
    batas: Decimal  # the lowest konversi of the band


# The bands on the konversi scale, best first; an NRR is judged by NRR x 25 (3,5324 x 25 =
# 88,31 ...), so both scales use one table.
MUTU = (
    Mutu("A", "Sangat Baik", Decimal("88.31")),
    Mutu("B", "Baik", Decimal("76.61")),
    Mutu("C", "Kurang Baik", Decimal("65.00")),
    Mutu("D", "Tidak Baik", Decimal("25.00")),
)


def mutu(konversi: Fraction | Decimal) -> Mutu:
    """The band of an unrounded konversi value: 88,31 -> A; 88,305 -> B (88,31 when
    printed, but judged unrounded); 85,4166... -> B; below 65 -> D."""
    value = Fraction(konversi)
    return next((m for m in MUTU if value >= Fraction(m.batas)), MUTU[-1])


def decimal(value: Fraction) -> Decimal:
    """A Fraction as a Decimal (exact when it terminates, else 28 significant digits)."""
    with localcontext() as context:
        context.prec = 28
        return Decimal(value.numerator) / Decimal(value.denominator)


def minimum_sample(populasi: int) -> int:
    """Krejcie-Morgan: s = X2 N P(1-P) / (d2 (N-1) + X2 P(1-P)), rounded up.
    100 -> 80; 1000 -> 278; 10000 -> 370."""
    if populasi <= 0:
        return 0
    spread = CHI_SQUARE * PROPORTION * (1 - PROPORTION)
    return math.ceil(spread * populasi / (MARGIN ** 2 * (populasi - 1) + spread))


@dataclass(frozen=True)
class UnsurResult:
    kode: str
    nama: str
    jumlah: int  # the sum of its answers
    responden: int  # respondents who answered it
    nrr: Decimal
    nrr_tertimbang: Decimal
    mutu: Mutu


@dataclass(frozen=True)
class ProfileRow:
    label: str
    jumlah: int
    persen: Decimal  # of all respondents


@dataclass(frozen=True)
class Profile:
    judul: str  # "Jenis Kelamin"
    rows: tuple[ProfileRow, ...]


@dataclass(frozen=True)
class Saran:
    teks: str
    jumlah: int  # respondents who wrote it (the same words, case and spaces aside)


@dataclass(frozen=True)
class Survey:
    """A survey's figures, exact; picklable (a batch's workers prepare builds)."""

    berkas: str  # the responses file's name, for the report
    unsur: tuple[UnsurResult, ...]
    responden: int
    bobot: Decimal  # the weight used (1/9 to 28 digits, or config's rounded weight)
    bobot_tepat: bool  # True: exactly 1/9
    ikm: Decimal
    konversi: Decimal
    mutu: Mutu
    answers: tuple[tuple[int | None, ...], ...] = ()  # per respondent, U1 ... U9 (None: skipped)
    rows: tuple[int, ...] = ()  # each respondent's row in the file
    profil: tuple[Profile, ...] = ()
    saran: tuple[Saran, ...] = ()
    populasi: int | None = None
    minimum: int | None = None  # Krejcie-Morgan, when populasi is known

    @property
    def kurang_sampel(self) -> bool:
        return self.minimum is not None and self.responden < self.minimum

    def lowest(self, n: int = LOWEST_SHOWN) -> tuple[UnsurResult, ...]:
        """The n unsur with the lowest NRR (ties in the regulation's order)."""
        return tuple(sorted(self.unsur, key=lambda u: u.nrr)[:n])


def compute(unsur: Sequence[tuple[str, str]], totals: Sequence[tuple[int, int]],
            responden: int, bobot: Decimal | None = None, **extra) -> Survey:
    """The figures from each unsur's (kode, nama) and (sum of answers, respondents who
    answered). `bobot`: None for exactly 1/9. `extra`: the other Survey fields (berkas,
    answers, profile ...).

    Nine unsur, two respondents whose every answer is 4: IKM 4, konversi exactly 100, A.
    """
    weight = NINTH if bobot is None else Fraction(bobot)
    results = []
    ikm = Fraction(0)
    for (kode, nama), (jumlah, answered) in zip(unsur, totals):
        nrr = Fraction(jumlah, answered)
        weighted = nrr * weight
        ikm += weighted
        results.append(UnsurResult(kode, nama, jumlah, answered, decimal(nrr), decimal(weighted),
                                   mutu(nrr * KONVERSI)))
    konversi = ikm * KONVERSI
    populasi = extra.pop("populasi", None)
    return Survey(
        berkas=extra.pop("berkas", ""), unsur=tuple(results), responden=responden,
        bobot=decimal(weight), bobot_tepat=bobot is None, ikm=decimal(ikm),
        konversi=decimal(konversi), mutu=mutu(konversi), populasi=populasi,
        minimum=None if populasi is None else minimum_sample(populasi), **extra)


def share(count: int, total: int) -> Decimal:
    """count / total x 100 (exact; the display rounds)."""
    return decimal(Fraction(count) * HUNDRED / total) if total else Decimal(0)
