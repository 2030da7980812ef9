"""Monitoring of the action plan (spec/documents.md section 4): per quarter, each action's
target and realisation, its status, and the capaian per area and for the whole plan.

Exact arithmetic: targets are fractions (100 x 1/3 stays a third), carried as Fractions and
given out as Decimals; display rounds half up (formatting.py).

Worked example (the spec's), quarter 2: A planned Mar, Jun, Sep, Dec -> target 50, realisation
45 (TW1 40, TW2 45) -> Terlambat; B planned Feb -> target 100, realisation 100 -> Selesai;
C planned Nov -> target 0, none -> Belum dijadwalkan. Capaian (45 + 100) / (50 + 100) x 100
= 96,666... -> printed 96,67%."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

from zidoc.workbook.model import Aksi, Realisasi

MONTHS_PER_QUARTER = 3
HUNDRED = Fraction(100)

# Statuses, in the order they are decided.
SELESAI = "Selesai"
TERLAMBAT = "Terlambat"
BELUM_DIJADWALKAN = "Belum dijadwalkan"
SESUAI_JADWAL = "Sesuai jadwal"
STATUSES = (SELESAI, TERLAMBAT, BELUM_DIJADWALKAN, SESUAI_JADWAL)


def decimal(value: Fraction) -> Decimal:
    """A Fraction as a Decimal (exact when it terminates, else 28 significant digits)."""
    with localcontext() as context:
        context.prec = 28
        return Decimal(value.numerator) / Decimal(value.denominator)


def target(bulan: tuple[bool, ...], triwulan: int) -> Fraction:
    """100 x (planned months up to the end of the quarter) / (planned months)."""
    planned = [n for n, marked in enumerate(bulan, 1) if marked]
    if not planned:
        return Fraction(0)
    due = sum(1 for n in planned if n <= MONTHS_PER_QUARTER * triwulan)
    return HUNDRED * due / len(planned)


def latest_row(rows: Iterable[Realisasi], triwulan: int) -> Realisasi | None:
    """The row with the largest triwulan <= `triwulan`."""
    found = [r for r in rows if r.triwulan <= triwulan]
    return max(found, key=lambda r: r.triwulan, default=None)


def status(target_value: Fraction, realisation: Fraction) -> str:
    if realisation >= HUNDRED:
        return SELESAI
    if realisation < target_value:
        return TERLAMBAT
    if target_value == 0 and realisation == 0:
        return BELUM_DIJADWALKAN
    return SESUAI_JADWAL


@dataclass(frozen=True)
class AksiMonev:
    aksi: Aksi
    target: Decimal
    realisasi: Decimal
    status: str
    row: Realisasi | None  # the Realisasi row the realisation comes from

    @property
    def scheduled(self) -> bool:
        return self.target > 0


@dataclass(frozen=True)
class Capaian:
    """Actions, scheduled so far, done, late, and the capaian (None: nothing scheduled yet)."""
    aksi: int
    dijadwalkan: int
    selesai: int
    terlambat: int
    capaian: Decimal | None


@dataclass(frozen=True)
class AreaMonev:
    kode: str
    nama: str
    aksi: tuple[AksiMonev, ...]
    ringkasan: Capaian


@dataclass(frozen=True)
class Monev:
    triwulan: int
    areas: tuple[AreaMonev, ...]  # areas that have actions, in config order
    total: Capaian

    @property
    def aksi(self) -> tuple[AksiMonev, ...]:
        return tuple(a for area in self.areas for a in area.aksi)


def _capaian(items: tuple[tuple[Fraction, Fraction, str], ...]) -> Capaian:
    """From (target, realisation, status) of each action."""
    scheduled = [(t, r) for t, r, _ in items if t > 0]
    total_target = sum((t for t, _ in scheduled), Fraction(0))
    reached = sum((min(r, t) for t, r in scheduled), Fraction(0))
    return Capaian(
        aksi=len(items),
        dijadwalkan=len(scheduled),
        selesai=sum(1 for *_, s in items if s == SELESAI),
        terlambat=sum(1 for *_, s in items if s == TERLAMBAT),
        capaian=decimal(reached / total_target * HUNDRED) if total_target else None,
    )


def monitor(actions: tuple[Aksi, ...], realisasi: tuple[Realisasi, ...], triwulan: int,
            areas: tuple[tuple[str, str], ...]) -> Monev:
    """The monitoring of quarter `triwulan`. `areas`: (kode, nama) in report order (config);
    actions of an area not listed are left out (the reader allows only listed areas)."""
    by_kode: dict[str, list[Realisasi]] = {}
    for row in realisasi:
        by_kode.setdefault(row.kode, []).append(row)
    computed: dict[str, list[tuple[AksiMonev, tuple[Fraction, Fraction, str]]]] = {}
    for aksi in actions:
        row = latest_row(by_kode.get(aksi.kode, ()), triwulan) if aksi.kode else None
        t = target(aksi.bulan, triwulan)
        r = Fraction(row.realisasi) if row is not None else Fraction(0)
        s = status(t, r)
        item = AksiMonev(aksi, decimal(t), decimal(r), s, row)
        computed.setdefault(aksi.area, []).append((item, (t, r, s)))
    result = []
    everything: list[tuple[Fraction, Fraction, str]] = []
    for kode, nama in areas:
        pairs = computed.get(kode)
        if not pairs:
            continue
        figures = tuple(f for _, f in pairs)
        everything.extend(figures)
        result.append(AreaMonev(kode, nama, tuple(a for a, _ in pairs), _capaian(figures)))
    return Monev(triwulan, tuple(result), _capaian(tuple(everything)))


def latest_quarter(realisasi: tuple[Realisasi, ...] | None) -> int | None:
    """The latest quarter that has a Realisasi row (the report's default)."""
    return max((r.triwulan for r in realisasi or ()), default=None)
