"""The LKE calculator (spec/lke.md): from the answers of the `LKE` sheet to the six area
percentages, exactly, and where the points were lost.

The structure (areas, components, indicators with their weights, the answer-score tables) is
data: `lke.toml`, shipped with zidoc and copied by `zidoc init` next to config.toml. It is
loaded only when a workbook has an `LKE` sheet, and checked like config.toml: every problem
collected, each named with its key and line (config's `_Problems` and `toml_lines`).

Arithmetic: indicator nilai = sum of its answered questions' scores x bobot / number answered
(multiply before dividing); component nilai = sum of its indicators; area nilai = pemenuhan +
reform; area persen = nilai / bobot x 100. Nothing is rounded here."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from zidoc.config import (
    Config,
    ConfigError,
    Lke,
    _array_of_tables,
    _decimal,
    _fmt,
    _get,
    _known_keys,
    _number,
    _Problems,
    _table,
    packaged_data,
    suggestion,
    toml_error_message,
)
from zidoc.scoring import HUNDRED, Summed, persen_of

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LKE_NAME = "lke.toml"

# The two components of every area, in order: (key in lke.toml, letter in the codes, title).
PEMENUHAN, REFORM = "pemenuhan", "reform"
COMPONENTS = ((PEMENUHAN, "A", "Pemenuhan"), (REFORM, "B", "Reform"))

# Answer types computed from a number (the letter/Ya-Tidak tables are data in lke.toml).
ANGKA = "angka"  # realisasi / target, at most 1
PERSEN = "persen"  # 0-100, / 100
NUMERIC_JENIS = (ANGKA, PERSEN)

TOP_KEYS = ("jawaban", "area")
AREA_KEYS = ("kode", "bobot_pemenuhan", "bobot_reform", PEMENUHAN, REFORM)
INDICATOR_KEYS = ("kode", "nama", "bobot")


@dataclass(frozen=True)
class LkeQuestion:
    """One row of the LKE sheet: its indicator, its score (None = not answered) and cell;
    for the evidence register (zidoc.bukti) also the answer as written, the question and its
    bukti_dukung references with their cell."""
    indikator: str
    skor: Decimal | None
    cell: str  # "LKE!C5": the jawaban cell
    jawaban: str | None = None  # "Ya", "B", "80": as the sheet holds it (None: not answered)
    pertanyaan: str | None = None
    bukti_dukung: str | None = None  # the cell's text: one or more references
    bukti_cell: str | None = None  # "LKE!G5"; None when the sheet has no bukti_dukung column


@dataclass(frozen=True)
class LkeAnswers:
    """The LKE sheet as read: every question row, in sheet order."""
    sheet: str
    questions: tuple[LkeQuestion, ...]
    bukti_column: bool = False  # the sheet has a bukti_dukung column

    @property
    def in_use(self) -> bool:
        """At least one question answered: the LKE's percentages count."""
        return any(q.skor is not None for q in self.questions)


@dataclass(frozen=True)
class LkeIndicator:
    kode: str  # "P1.A.1"
    nama: str
    bobot: Decimal
    area: str  # "P1"
    komponen: str  # PEMENUHAN or REFORM


@dataclass(frozen=True)
class LkeArea:
    kode: str
    nama: str
    bobot: Decimal  # from config.toml
    pemenuhan: tuple[LkeIndicator, ...]
    reform: tuple[LkeIndicator, ...]

    def component(self, name: str) -> tuple[LkeIndicator, ...]:
        return self.pemenuhan if name == PEMENUHAN else self.reform


@dataclass(frozen=True)
class Structure:
    areas: tuple[LkeArea, ...]
    jawaban: dict[str, dict[str, Decimal]]  # jenis -> answer -> score (0-1)

    @property
    def jenis(self) -> tuple[str, ...]:
        """Every answer type, as the `jenis` column accepts it."""
        return tuple(self.jawaban) + NUMERIC_JENIS

    @property
    def indicators(self) -> tuple[LkeIndicator, ...]:
        return tuple(i for a in self.areas for name, _, _ in COMPONENTS for i in a.component(name))

    @property
    def answers(self) -> tuple[str, ...]:
        """Every letter/Ya-Tidak answer, once each (for the starter's dropdown)."""
        seen: dict[str, None] = {}
        for table in self.jawaban.values():
            seen.update(dict.fromkeys(table))
        return tuple(seen)

    def indicator(self, kode: str) -> LkeIndicator | None:
        return next((i for i in self.indicators if i.kode == kode), None)


# --- loading lke.toml -----------------------------------------------------------------------
def structure_path(config: Config) -> Path:
    """The working folder's lke.toml (next to config.toml), else the packaged one."""
    own = config.root / LKE_NAME
    if not config.packaged and own.is_file():
        return own
    return packaged_data() / LKE_NAME


def load_structure(path: Path, lke: Lke) -> Structure:
    """lke.toml checked against config's areas and weights; ConfigError naming each problem's
    line otherwise."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        raw = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(f"Berkas struktur LKE {path} tidak ditemukan. Salin dari folder "
                          "baru yang dibuat dengan 'zidoc init'.") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: isinya bukan teks UTF-8. Simpan ulang dengan Encoding "
                          "'UTF-8'.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(toml_error_message(path, exc)) from None
    return parse_structure(raw, lke, text)


def parse_structure(raw: dict, lke: Lke, text: str | None = None) -> Structure:
    """A Structure from lke.toml's parsed content, or one ConfigError listing every problem."""
    problems = _Problems()
    _known_keys(raw, TOP_KEYS, "", problems)
    jawaban = _parse_jawaban(raw, problems)
    areas = _parse_areas(raw, lke, problems)
    if problems.items:
        raise problems.error(text, LKE_NAME)
    return Structure(areas=areas, jawaban=jawaban)


def _parse_jawaban(raw: dict, problems: _Problems) -> dict[str, dict[str, Decimal]]:
    tables = _get(raw, "jawaban", dict, "", problems) or {}
    result: dict[str, dict[str, Decimal]] = {}
    for jenis, table in tables.items():
        at = f"jawaban.{jenis}"
        if jenis.lower() in NUMERIC_JENIS:
            problems.add(at, f"jenis '{jenis}' dihitung dari angka (tidak perlu tabel); hapus "
                             f"'{at}'.")
            continue
        table = _table(table, at, problems, ', misalnya { Ya = "1", Tidak = "0" }')
        if table is None:
            continue
        scores = {}
        for answer, value in table.items():
            number = _number(value, f"{at}.{answer}", problems)
            if number is not None and number > 1:
                problems.add(f"{at}.{answer}", f"skor '{at}.{answer}' harus antara 0 dan 1, "
                                               f"bukan {_fmt(number)}.")
            elif number is not None:
                scores[answer] = number
        if not table:
            problems.add(at, f"'{at}' belum berisi jawaban.")
        result[jenis.lower()] = scores
    return result


def _parse_areas(raw: dict, lke: Lke, problems: _Problems) -> tuple[LkeArea, ...]:
    known = {i.kode: i for i in lke.pengungkit}
    areas: list[LkeArea] = []
    seen_areas: dict[str, str] = {}
    seen_codes: dict[str, str] = {}
    for where, item in _array_of_tables(raw, "area", "", problems):
        _known_keys(item, AREA_KEYS, where, problems)
        kode = _get(item, "kode", str, where, problems)
        if kode is None:
            continue
        if kode not in known:
            close = suggestion(kode, known)
            problems.add(f"{where}.kode", f"area '{kode}' tidak ada di [lke] config.toml"
                         + (f"; maksud Anda {close}?" if close else
                            f"; yang ada: {', '.join(known)}."))
            continue
        if kode in seen_areas:
            problems.add(f"{where}.kode", f"area {kode} sudah ditulis di '{seen_areas[kode]}'.")
            continue
        seen_areas[kode] = where
        bobot_area = known[kode].bobot
        parts: dict[str, tuple[LkeIndicator, ...]] = {}
        totals: dict[str, Decimal | None] = {}
        for name, letter, _title in COMPONENTS:
            totals[name] = _decimal(item, f"bobot_{name}", where, problems)
            indicators = []
            for at, entry in _array_of_tables(item, name, where, problems):
                indicator = _indicator(entry, at, kode, name, letter, problems)
                if indicator is None:
                    continue
                if indicator.kode in seen_codes:
                    problems.add(f"{at}.kode", f"kode '{indicator.kode}' sudah dipakai di "
                                               f"'{seen_codes[indicator.kode]}'.")
                    continue
                seen_codes[indicator.kode] = f"{at}.kode"
                indicators.append(indicator)
            parts[name] = tuple(indicators)
            total = totals[name]
            actual = sum((i.bobot for i in indicators), Decimal(0))
            if total is not None and indicators and actual != total:
                listed = " + ".join(f"{i.kode} {_fmt(i.bobot)}" for i in indicators)
                problems.add(f"{where}.{name}",
                             f"jumlah bobot indikator {name} area {kode} tidak sama dengan "
                             f"'{where}.bobot_{name}' ({_fmt(total)}): {listed} = "
                             f"{_fmt(actual)}.")
        if None not in totals.values():
            both = totals[PEMENUHAN] + totals[REFORM]
            if both != bobot_area:
                problems.add(f"{where}.bobot_reform",
                             f"bobot_pemenuhan + bobot_reform area {kode} harus sama dengan "
                             f"bobot {kode} di config.toml ({_fmt(bobot_area)}), bukan "
                             f"{_fmt(totals[PEMENUHAN])} + {_fmt(totals[REFORM])} = "
                             f"{_fmt(both)}.")
        areas.append(LkeArea(kode, known[kode].nama, bobot_area, parts[PEMENUHAN],
                             parts[REFORM]))
    missing = [k for k in known if k not in seen_areas]
    if missing and areas:
        problems.add("area", f"area {', '.join(missing)} belum ada di lke.toml; tambahkan "
                             "[[area]] untuk setiap area di [lke] config.toml.")
    order = list(known)
    return tuple(sorted(areas, key=lambda a: order.index(a.kode)))


def _indicator(entry: dict, at: str, area: str, komponen: str, letter: str,
               problems: _Problems) -> LkeIndicator | None:
    _known_keys(entry, INDICATOR_KEYS, at, problems)
    kode = _get(entry, "kode", str, at, problems)
    nama = _get(entry, "nama", str, at, problems)
    bobot = _decimal(entry, "bobot", at, problems)
    if kode is not None and not kode.upper().startswith(f"{area}.{letter}."):
        problems.add(f"{at}.kode", f"kode indikator '{kode}' harus diawali {area}.{letter}. "
                                   f"(area {area}, {komponen}).")
        return None
    if None in (kode, nama, bobot):
        return None
    return LkeIndicator(kode.upper(), nama, bobot, area, komponen)


# --- the answers and their scores -------------------------------------------------------------
def answer_score(structure: Structure, jenis: str, jawaban: str | Decimal,
                 target: Decimal | None = None) -> Decimal:
    """The score (0-1) of one answer; ValueError with an Indonesian message when `jawaban`
    is not an answer `jenis` allows. Numbers for `angka`/`persen`, text otherwise."""
    if jenis == ANGKA:
        if target is None or target <= 0:
            raise ValueError("jenis angka memerlukan target lebih dari 0 di kolom target.")
        return min(Decimal(jawaban) / target, Decimal(1))
    if jenis == PERSEN:
        value = Decimal(jawaban)
        if not 0 <= value <= HUNDRED:
            raise ValueError(f"persen harus antara 0 dan 100, bukan {_fmt(value)}.")
        return value / HUNDRED
    table = structure.jawaban[jenis]
    by_lower = {k.lower(): v for k, v in table.items()}
    text = str(jawaban).strip().rstrip(".").lower()
    if text not in by_lower:
        raise ValueError(f"jawaban '{jawaban}' tidak sesuai jenis {jenis}; pilih salah satu: "
                         f"{', '.join(table)}.")
    return by_lower[text]


# --- the arithmetic -----------------------------------------------------------------------
@dataclass(frozen=True)
class IndicatorScore:
    indicator: LkeIndicator
    pertanyaan: int  # question rows
    dijawab: int  # answered
    jumlah_skor: Decimal  # sum of the answered scores

    @property
    def bobot(self) -> Decimal:
        return self.indicator.bobot

    @property
    def nilai(self) -> Decimal:
        """sum x bobot / answered (multiply first); 0 with no answer."""
        if not self.dijawab:
            return Decimal(0)
        return self.jumlah_skor * self.indicator.bobot / self.dijawab

    @property
    def persen(self) -> Decimal:
        return persen_of(self.nilai, self.indicator.bobot)

    @property
    def kehilangan(self) -> Decimal:
        """Points lost: bobot - nilai."""
        return self.indicator.bobot - self.nilai


@dataclass(frozen=True)
class ComponentScore(Summed):
    nama: str  # PEMENUHAN or REFORM
    judul: str  # "Pemenuhan", "Reform"
    items: tuple[IndicatorScore, ...]


@dataclass(frozen=True)
class AreaScore:
    kode: str
    nama: str
    bobot: Decimal
    components: tuple[ComponentScore, ...]  # pemenuhan, reform

    @property
    def nilai(self) -> Decimal:
        return sum((c.nilai for c in self.components), Decimal(0))

    @property
    def persen(self) -> Decimal:
        return persen_of(self.nilai, self.bobot)

    def component(self, name: str) -> ComponentScore:
        return next(c for c in self.components if c.nama == name)


@dataclass(frozen=True)
class LkeScores:
    areas: tuple[AreaScore, ...]
    # Which Nilai values were taken from the LKE (filled in by `area_percentages`).
    dipakai: tuple[str, ...] = field(default=())

    @property
    def persen(self) -> dict[str, Decimal]:
        """Area code -> persen: the `persen` of P1-P6 in the score table."""
        return {a.kode: a.persen for a in self.areas}

    @property
    def indicators(self) -> tuple[IndicatorScore, ...]:
        return tuple(i for a in self.areas for c in a.components for i in c.items)

    def total(self, component: str) -> Decimal:
        """Pemenuhan or reform nilai over every area."""
        return sum((a.component(component).nilai for a in self.areas), Decimal(0))

    def largest_losses(self, count: int = 5) -> tuple[IndicatorScore, ...]:
        """The `count` indicators with the largest loss (ties in LKE order), losses only."""
        lost = [i for i in self.indicators if i.kehilangan > 0]
        return tuple(sorted(lost, key=lambda i: -i.kehilangan)[:count])


def score_answers(structure: Structure, answers: LkeAnswers) -> LkeScores:
    """The exact indicator, component and area values of the answers."""
    by_code: dict[str, list[LkeQuestion]] = {}
    for question in answers.questions:
        by_code.setdefault(question.indikator, []).append(question)
    areas = []
    for area in structure.areas:
        components = []
        for name, _letter, title in COMPONENTS:
            items = []
            for indicator in area.component(name):
                questions = by_code.get(indicator.kode, [])
                answered = [q.skor for q in questions if q.skor is not None]
                items.append(IndicatorScore(indicator, len(questions), len(answered),
                                            sum(answered, Decimal(0))))
            components.append(ComponentScore(name, title, tuple(items)))
        areas.append(AreaScore(area.kode, area.nama, area.bobot, tuple(components)))
    return LkeScores(tuple(areas))


# --- messages -------------------------------------------------------------------------------
def _split(ref: str) -> tuple[str, str]:
    sheet, _, cell = ref.rpartition("!")
    return sheet, cell


def answer_warnings(answers: LkeAnswers, scores: LkeScores, problems) -> None:
    """One warning per indicator with unanswered questions (left out of its mean), or with no
    answer at all (it scores 0); one for the indicators without any row."""
    first: dict[str, str] = {}
    for question in answers.questions:
        first.setdefault(question.indikator, question.cell)
    absent = []
    for item in scores.indicators:
        kode = item.indicator.kode
        if kode not in first:
            absent.append(kode)
            continue
        sheet, cell = _split(first[kode])
        if not item.dijawab:
            problems.warning(f"indikator {kode} ({item.indicator.nama}) belum dijawab sama "
                             "sekali; nilainya dihitung 0.", sheet, cell)
        elif item.dijawab < item.pertanyaan:
            missing = item.pertanyaan - item.dijawab
            problems.warning(f"indikator {kode}: {missing} dari {item.pertanyaan} pertanyaan "
                             "belum dijawab dan tidak ikut dirata-rata.", sheet, cell)
    if absent:
        problems.warning(f"indikator {', '.join(absent)} tidak punya baris pertanyaan; "
                         "nilainya dihitung 0.", answers.sheet)


def area_percentages(given: dict[str, tuple[Decimal, str]], scores: LkeScores,
                     problems) -> tuple[dict[str, Decimal], LkeScores]:
    """The area percentages to score with: `given` (kode -> (persen, cell) from Nilai) wins;
    an area missing there takes the LKE's. Both given and different (at 2 decimals, as
    reported): a warning naming both. Returns (persen of every area, scores noting which
    areas came from the LKE)."""
    from zidoc.formatting import persen as shown
    from zidoc.scoring import round2

    result: dict[str, Decimal] = {}
    used = []
    for area in scores.areas:
        if area.kode in given:
            value, ref = given[area.kode]
            result[area.kode] = value
            if round2(value) != round2(area.persen):
                sheet, cell = _split(ref)
                problems.warning(
                    f"persen {area.kode} di sheet Nilai ({shown(value)}) berbeda dengan hasil "
                    f"hitung LKE ({shown(area.persen)}); yang dipakai nilai dari sheet Nilai. "
                    f"Kosongkan sel ini untuk memakai hasil LKE.", sheet, cell)
        else:
            result[area.kode] = area.persen
            used.append(area.kode)
    return result, LkeScores(scores.areas, tuple(used))
