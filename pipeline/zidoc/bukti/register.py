"""The evidence register: every LKE question with its files, links and descriptions, its
status, and the per-area figures (spec/bukti.md). Problems are warnings at their cells, added
to the workbook's Problems (so validate, build and --tandai show them like any other).

Worked example (spec/bukti.md): eight P1 questions, seven answered, four Lengkap (a path, an
indicator folder, a case-insensitive match, a link), one Hanya keterangan, two Belum ada bukti
-> persen lengkap 4 / 7 x 100 = 57,142857... -> 57,14."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from zidoc.bukti.refs import (
    LINK_REF,
    PATH,
    TEKS,
    Found,
    folder_files,
    link_problem,
    parse,
    resolve,
)
from zidoc.bukti.scan import Tree, scan
from zidoc.config import Config
from zidoc.scoring import HUNDRED
from zidoc.workbook.model import LkeQuestion, Workbook
from zidoc.workbook.problems import Problems

LENGKAP = "Lengkap"
HANYA_KETERANGAN = "Hanya keterangan"
BELUM_ADA_BUKTI = "Belum ada bukti"
STATUSES = (LENGKAP, HANYA_KETERANGAN, BELUM_ADA_BUKTI)

# An indicator folder: its name starts with the code, then a space, _, -, . or the end.
_AFTER_CODE = r"(?:[ _\-.]|$)"


def evidence_folder(config: Config, tahun: int) -> Path:
    """bukti/<tahun>/ of the working folder (config `[folder] bukti`)."""
    base = config.bukti if config.bukti is not None else config.root / "bukti"
    return base / str(tahun)


@dataclass(frozen=True)
class Item:
    """One line of a question's evidence: a file, a link or a description."""
    kind: str  # PATH (a file), LINK_REF or TEKS
    text: str  # the file's path as reached (relative to the evidence folder), link, text
    real: str | None = None  # a file's real path (relative), what is packed
    size: int | None = None

    @property
    def name(self) -> str:
        """What a document shows: a file's name (not its folders), else the text."""
        return self.text.rpartition("/")[2] if self.kind == PATH else self.text


@dataclass(frozen=True)
class QuestionEvidence:
    area: str
    indikator: str
    nama_indikator: str
    no: int  # the question's order within its indicator
    pertanyaan: str
    jawaban: str | None  # None: not answered
    skor: Decimal | None
    status: str
    items: tuple[Item, ...]
    cell: str  # "LKE!G5": the bukti_dukung cell (the jawaban cell without that column)

    @property
    def files(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.kind == PATH)

    @property
    def answered(self) -> bool:
        return self.skor is not None

    @property
    def positive_without_files(self) -> bool:
        """An answer that scores above 0 and is not Lengkap: the evaluator marks it down."""
        return self.skor is not None and self.skor > 0 and self.status != LENGKAP


@dataclass(frozen=True)
class Summary:
    """The Ringkasan figures of one area (or of all: kode '')."""
    kode: str
    nama: str
    pertanyaan: int = 0
    terjawab: int = 0
    lengkap: int = 0
    hanya_keterangan: int = 0
    belum_ada_bukti: int = 0

    @property
    def persen_lengkap(self) -> Decimal:
        """lengkap / terjawab x 100, exact (0 when nothing is answered)."""
        if not self.terjawab:
            return Decimal(0)
        return Decimal(self.lengkap) * HUNDRED / Decimal(self.terjawab)


@dataclass(frozen=True)
class Register:
    tahun: int
    folder: Path  # bukti/<tahun>/
    questions: tuple[QuestionEvidence, ...]
    areas: tuple[Summary, ...]
    total: Summary
    unreferenced: tuple[tuple[str, int], ...]  # files no question uses: (path, size)
    realisasi: dict[str, tuple[Item, ...]] = field(default_factory=dict)  # by bukti cell
    broken: int = 0  # path references that matched nothing, or were refused
    lke_in_use: bool = False

    @property
    def positive_without_files(self) -> int:
        return sum(1 for q in self.questions if q.positive_without_files)

    def names(self, cell: str | None) -> tuple[str, ...]:
        """The names a document shows for the references of a Realisasi cell."""
        return tuple(i.name for i in self.realisasi.get(cell or "", ()))


def _split(ref: str) -> tuple[str, str | None]:
    sheet, _, cell = ref.rpartition("!")
    return sheet, cell or None


@dataclass
class _Checker:
    tree: Tree
    problems: Problems
    used: set[str] = field(default_factory=set)  # real paths of the files a question uses
    broken: int = 0

    def items(self, text: str | None, cell: str | None) -> tuple[list[Item], bool]:
        """The evidence lines of one cell, warnings at `cell`; and whether it had any
        reference at all."""
        sheet, where = _split(cell) if cell else (None, None)
        refs = parse(text)
        found: list[Item] = []
        for ref in refs:
            if ref.kind == TEKS:
                found.append(Item(TEKS, ref.text))
            elif ref.kind == LINK_REF:
                why = link_problem(ref.text)
                if why is not None:
                    self.problems.warning(why, sheet, where)
                    continue
                found.append(Item(LINK_REF, ref.text))
            else:
                resolution = resolve(self.tree, ref.text)
                if resolution.outside or resolution.missing:
                    self.broken += 1
                for message in resolution.problems:
                    self.problems.warning(message, sheet, where)
                found.extend(self.files(resolution.files, sheet, where))
        return found, bool(refs)

    def folders(self, paths: list[str], cell: str) -> list[Item]:
        """The files of an indicator's folders; their problems at the first question's
        cell."""
        sheet, where = _split(cell)
        messages: list[str] = []
        gathered: list[Found] = []
        for path in paths:
            gathered += folder_files(self.tree, path, path, messages)
        for message in messages:
            self.problems.warning(message, sheet, where)
        return self.files(gathered, sheet, where)

    def files(self, files: list[Found], sheet: str | None, where: str | None) -> list[Item]:
        empty = [f.shown for f in files if f.size == 0]
        if len(empty) == 1:
            self.problems.warning(f"berkas '{empty[0]}' kosong (0 byte); ganti dengan berkas "
                                  "bukti yang benar.", sheet, where)
        elif empty:  # one warning per cell, not one per file of a folder
            shown = ", ".join(f"'{name}'" for name in empty[:3])
            self.problems.warning(f"{len(empty)} berkas kosong (0 byte), misalnya {shown}; "
                                  "ganti dengan berkas bukti yang benar.", sheet, where)
        return [Item(PATH, f.shown, f.real, f.size) for f in files]


def _status(items: list[Item]) -> str:
    if any(i.kind in (PATH, LINK_REF) for i in items):
        return LENGKAP
    if items:
        return HANYA_KETERANGAN
    return BELUM_ADA_BUKTI


def _indicator_folders(tree: Tree, codes: list[str]) -> dict[str, list[str]]:
    """Indicator code -> the folders named by it (anywhere), in path order."""
    if not codes:
        return {}
    longest_first = sorted(set(codes), key=len, reverse=True)
    pattern = re.compile("(" + "|".join(re.escape(c) for c in longest_first) + ")" + _AFTER_CODE,
                         re.IGNORECASE)
    upper = {c.upper(): c for c in codes}
    found: dict[str, list[str]] = {}
    for path in sorted(tree.dirs):
        if not path:
            continue
        match = pattern.match(path.rpartition("/")[2])
        if match:
            found.setdefault(upper[match.group(1).upper()], []).append(path)
    return found


def check_evidence(wb: Workbook, config: Config, problems: Problems,
                   names: dict[str, str] | None = None) -> Register | None:
    """The register of `wb`: its LKE questions and Realisasi references against
    bukti/<tahun>/, every problem a warning at its cell. `names`: indicator code -> name (from
    lke.toml, when loaded). None when there is nothing to check (no LKE sheet and no
    Realisasi reference)."""
    tahun = wb.identitas.tahun
    folder = evidence_folder(config, tahun)
    lke = wb.lke
    has_refs = any(r.bukti_dukung for r in wb.realisasi or ())
    if lke is None and not has_refs:
        return None
    tree = scan(folder)
    checker = _Checker(tree, problems)
    if tree.notes and lke is not None:
        for note in tree.notes:
            problems.warning(f"folder bukti: {note}", lke.sheet)
    questions: list[QuestionEvidence] = []
    # A sheet without a bukti_dukung column, and no evidence folder: evidence is not kept
    # with zidoc at all, so no question gets a warning for it.
    judged = lke is not None and (lke.bukti_column or tree.exists)
    if lke is not None:
        codes = [q.indikator for q in lke.questions] + list(names or {})
        folders = _indicator_folders(tree, codes)
        folder_items: dict[str, list[Item]] = {}
        counts: dict[str, int] = {}
        for q in lke.questions:
            counts[q.indikator] = counts.get(q.indikator, 0) + 1
            items, referenced = checker.items(q.bukti_dukung, q.bukti_cell)
            if not referenced and q.indikator in folders:
                if q.indikator not in folder_items:  # gathered once per indicator
                    folder_items[q.indikator] = checker.folders(folders[q.indikator],
                                                                q.bukti_cell or q.cell)
                items = list(folder_items[q.indikator])
            checker.used.update(i.real for i in items if i.real is not None)
            question = _question(q, counts[q.indikator], items, names or {})
            questions.append(question)
            if judged and question.positive_without_files:
                sheet, where = _split(question.cell)
                problems.warning(f"jawaban {q.jawaban} belum didukung berkas: tulis jalur "
                                 "berkasnya atau tautannya di sel ini, atau simpan berkasnya di "
                                 f"folder bukti/{tahun}/ dalam folder bernama {q.indikator}.",
                                 sheet, where)
    realisasi = {}
    for row in wb.realisasi or ():
        if row.bukti_dukung and row.bukti_cell:
            items, _ = checker.items(row.bukti_dukung, row.bukti_cell)
            realisasi[row.bukti_cell] = tuple(items)
    areas = tuple(_summary(a.kode, a.nama, [q for q in questions if q.area == a.kode])
                  for a in config.lke.pengungkit)
    return Register(
        tahun=tahun, folder=folder, questions=tuple(questions), areas=areas,
        total=_summary("", "Jumlah", questions),
        unreferenced=tuple((p, s) for p, s in sorted(tree.files.items())
                           if p not in checker.used),
        realisasi=realisasi, broken=checker.broken,
        lke_in_use=lke is not None and lke.in_use)


def _question(q: LkeQuestion, no: int, items: list[Item], names: dict[str, str]
              ) -> QuestionEvidence:
    return QuestionEvidence(
        area=q.indikator.split(".")[0], indikator=q.indikator,
        nama_indikator=names.get(q.indikator, ""), no=no, pertanyaan=q.pertanyaan or "",
        jawaban=q.jawaban, skor=q.skor, status=_status(items), items=tuple(items),
        cell=q.bukti_cell or q.cell)


def _summary(kode: str, nama: str, questions: list[QuestionEvidence]) -> Summary:
    answered = [q for q in questions if q.answered]
    return Summary(kode, nama, len(questions), len(answered),
                   sum(1 for q in answered if q.status == LENGKAP),
                   sum(1 for q in answered if q.status == HANYA_KETERANGAN),
                   sum(1 for q in answered if q.status == BELUM_ADA_BUKTI))
