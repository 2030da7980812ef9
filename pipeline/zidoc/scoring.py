"""LKE scoring (PermenPANRB 90/2021) in exact decimal arithmetic.

Weights and thresholds come from config; nothing is rounded here except by `round2`,
which the display layer calls."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from zidoc.config import Lke, Predikat

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def persen_of(nilai: Decimal, bobot: Decimal) -> Decimal:
    """`nilai` as a percentage of `bobot`, exact (0 when there is no weight):
    52.1376 of 60 -> 86.896."""
    return nilai / bobot * HUNDRED if bobot else Decimal(0)


def round2(value: Decimal) -> Decimal:
    """Two decimals, half up: 95.125 -> 95.13 (float round() gives 95.12)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ItemScore:
    kode: str
    nama: str
    bobot: Decimal
    persen: Decimal
    nilai: Decimal  # persen / 100 x bobot
    persen_tahun_lalu: Decimal | None = None


class Summed:
    """A score made of parts (`items`, each with bobot and nilai): its bobot and nilai are
    their sums, its persen follows. The score table's groups and the LKE's components."""

    items: tuple

    @property
    def bobot(self) -> Decimal:
        return sum((i.bobot for i in self.items), Decimal(0))

    @property
    def nilai(self) -> Decimal:
        return sum((i.nilai for i in self.items), Decimal(0))

    @property
    def persen(self) -> Decimal:
        return persen_of(self.nilai, self.bobot)


@dataclass(frozen=True)
class Parts(Summed):
    """Parts summed, without a code or a name of their own."""

    items: tuple


@dataclass(frozen=True)
class GroupScore(Summed):
    kode: str
    nama: str
    items: tuple[ItemScore, ...]


@dataclass(frozen=True)
class Check:
    kriteria: str  # what is checked, in Indonesian
    nilai: Decimal  # the unit's value
    minimum: Decimal
    satuan: str  # "%" for percentages, "" for nilai
    bobot: Decimal | None = None  # a percentage's weight: its missing points = % x bobot / 100

    # Thresholds are judged on the value as reported (two decimals, half up), so that a
    # report never prints "75,00" next to "belum memenuhi 75,00".
    @property
    def met(self) -> bool:
        return round2(self.nilai) >= self.minimum

    @property
    def selisih(self) -> Decimal:
        return round2(self.nilai) - self.minimum


@dataclass(frozen=True)
class PredikatResult:
    nama: str
    judul: str
    checks: tuple[Check, ...]

    @property
    def met(self) -> bool:
        return all(c.met for c in self.checks)


@dataclass(frozen=True)
class Scores:
    pengungkit: GroupScore
    hasil: tuple[GroupScore, ...]
    nilai_tahun_lalu: Decimal | None
    predikat: tuple[PredikatResult, ...]
    # lke.LkeScores (scoring sits below lke: the breakdown is carried, not read, here).
    lke: Any = None  # the LKE breakdown, when the areas came from its answers

    @property
    def komponen_hasil(self) -> Summed:
        """The hasil component: its groups summed (bobot, nilai, persen)."""
        return Parts(self.hasil)

    @property
    def nilai_hasil(self) -> Decimal:
        return self.komponen_hasil.nilai

    @property
    def bobot_hasil(self) -> Decimal:
        return self.komponen_hasil.bobot

    @property
    def persen_hasil(self) -> Decimal:
        return self.komponen_hasil.persen

    @property
    def nilai_akhir(self) -> Decimal:
        return self.pengungkit.nilai + self.nilai_hasil

    @property
    def selisih(self) -> Decimal | None:
        """Change from last year, as the report prints it (rounded values)."""
        if self.nilai_tahun_lalu is None:
            return None
        return round2(self.nilai_akhir) - round2(self.nilai_tahun_lalu)

    @property
    def arah(self) -> str | None:
        """'meningkat', 'menurun' or 'sama' compared with last year."""
        if self.selisih is None:
            return None
        return "meningkat" if self.selisih > 0 else "menurun" if self.selisih < 0 else "sama"


def _item(kode: str, nama: str, bobot: Decimal, persen: dict, last: dict) -> ItemScore:
    p = persen[kode]
    return ItemScore(kode, nama, bobot, p, p / HUNDRED * bobot, last.get(kode))


def score(
    lke: Lke,
    predikat: tuple[Predikat, ...],
    persen: dict[str, Decimal],
    nilai_tahun_lalu: Decimal | None = None,
    persen_tahun_lalu: dict[str, Decimal] | None = None,
    breakdown: Any = None,  # lke.LkeScores
) -> Scores:
    """Score one unit from its nine percentages (0-100) keyed by kode; the LKE
    breakdown (`breakdown`), kept for the report."""
    last = persen_tahun_lalu or {}
    pengungkit = GroupScore(
        "A",
        "Pengungkit",
        tuple(_item(i.kode, i.nama, i.bobot, persen, last) for i in lke.pengungkit),
    )
    hasil = tuple(
        GroupScore(g.kode, g.nama, tuple(_item(i.kode, i.nama, i.bobot, persen, last) for i in g.indikator))
        for g in lke.hasil
    )
    partial = Scores(pengungkit, hasil, nilai_tahun_lalu, ())
    results = tuple(_check(p, partial, lke) for p in predikat)
    return Scores(pengungkit, hasil, nilai_tahun_lalu, results, breakdown)


# What a criterion is measured on (Criterion.target).
AKHIR = "akhir"  # the final value
PENGUNGKIT = "pengungkit"  # nilai pengungkit
AREA = "area"  # a pengungkit area's persen (kode)
KELOMPOK = "kelompok"  # a hasil group's nilai (kode)
INDIKATOR = "indikator"  # a hasil indicator's nilai (kode)


@dataclass(frozen=True)
class Criterion:
    """One threshold of a predikat, before any score: what is measured and the minimum.
    The report's checks and the workbook's Ringkasan sheet are both made from these."""
    kriteria: str  # in Indonesian
    target: str  # AKHIR, PENGUNGKIT, AREA, KELOMPOK or INDIKATOR
    kode: str  # the area, group or indicator ("" for AKHIR and PENGUNGKIT)
    minimum: Decimal
    satuan: str  # "%" for percentages, "" for nilai


def criteria(lke: Lke, p: Predikat) -> tuple[Criterion, ...]:
    """The thresholds of predikat `p`, in the order the report lists them."""
    found = [
        Criterion("Nilai akhir Zona Integritas", AKHIR, "", p.nilai_akhir, ""),
        Criterion("Nilai komponen pengungkit", PENGUNGKIT, "", p.nilai_pengungkit, ""),
    ]
    found += [Criterion(f"Area {i.nama}", AREA, i.kode, p.persen_area, "%")
              for i in lke.pengungkit]
    groups = {g.kode: g for g in lke.hasil}
    items = {i.kode: i for g in lke.hasil for i in g.indikator}
    found += [Criterion(groups[kode].nama, KELOMPOK, kode, minimum, "")
              for kode, minimum in p.nilai_kelompok.items()]
    found += [Criterion(items[kode].nama, INDIKATOR, kode, minimum, "")
              for kode, minimum in p.nilai_indikator.items()]
    return tuple(found)


def _check(p: Predikat, s: Scores, lke: Lke) -> PredikatResult:
    values = {(AKHIR, ""): s.nilai_akhir, (PENGUNGKIT, ""): s.pengungkit.nilai}
    values |= {(AREA, i.kode): i.persen for i in s.pengungkit.items}
    values |= {(KELOMPOK, g.kode): g.nilai for g in s.hasil}
    values |= {(INDIKATOR, i.kode): i.nilai for g in s.hasil for i in g.items}
    # An area's weight gives its missing points (LKE's "titik perbaikan").
    bobot = {(AREA, i.kode): i.bobot for i in s.pengungkit.items}
    checks = tuple(Check(c.kriteria, values[(c.target, c.kode)], c.minimum, c.satuan,
                         bobot.get((c.target, c.kode)))
                   for c in criteria(lke, p))
    return PredikatResult(p.nama, p.judul, checks)
