"""Reading a survey's responses: a web form's export, one row per respondent.

pandas reads the file (imported here, inside the functions: a build without a survey never
loads it) and does the tabular work: every unsur column mapped from its answers (a number
1-4, a letter a-d, or a label) to 1-4 at once, the sums and counts per unsur, the profile
counts. Every answer that is none of these is reported with its row and header, all at once.

The row of a respondent is the row the user sees in a spreadsheet: the header is row 1."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from zidoc.config import SKALA, SurveiConfig, Unsur
from zidoc.survei.index import Profile, ProfileRow, Saran, Survey, compute, share

ENCODINGS = ("utf-8-sig", "cp1252")  # a form's export, or Excel's "CSV" on Windows
SEPARATORS = (",", ";", "\t")
LETTERS = "abcd"  # a = 1 ... d = 4: the questionnaire's order
MAX_ERRORS = 200  # more are counted, not listed

@dataclass(frozen=True)
class ProfileColumn:
    judul: str  # the table's title
    words: tuple[str, ...]  # a header containing one of these is the column
    ages: bool = False  # numbers are grouped by AGE_GROUPS (text is kept as given)


# Profile columns, found by a word in their header (spec/survei.md), in the report's order.
PROFILE = (
    ProfileColumn("Jenis Kelamin", ("jenis kelamin", "kelamin")),
    ProfileColumn("Umur", ("umur", "usia"), ages=True),
    ProfileColumn("Pendidikan", ("pendidikan",)),
    ProfileColumn("Pekerjaan", ("pekerjaan",)),
    ProfileColumn("Jenis Layanan", ("jenis layanan", "layanan yang")),
)
SARAN_WORDS = ("saran", "masukan")
AGE_GROUPS = ((0, 19, "< 20 tahun"), (20, 29, "20-29 tahun"), (30, 39, "30-39 tahun"),
              (40, 49, "40-49 tahun"), (50, 59, "50-59 tahun"), (60, 10 ** 6, ">= 60 tahun"))
NOT_GIVEN = "Tidak diisi"
# A suggestion that says there is none is not a suggestion.
NO_SUGGESTION = {"", "-", "--", ".", "tidak ada", "tidak ada saran", "tdk ada", "nihil",
                 "belum ada", "cukup", "tidak", "no", "none", "n/a", "na"}


@dataclass(frozen=True)
class Issue:
    """One reason the responses cannot be used (Indonesian), with its cell in the file when
    it is an answer ("E7": the header's column, the respondent's row)."""
    message: str
    cell: str | None = None


class ResponsesError(Exception):
    """The responses of `file` cannot be used: every reason, in `issues`; `lines` as
    printed ("survei.csv baris 7, kolom ...: ...")."""

    def __init__(self, file: str, issues: list[Issue]):
        self.file = file
        self.issues = issues
        self.lines = [f"{file} {i.message}" if i.message.startswith("baris ")
                      else f"{file}: {i.message}" for i in issues]
        super().__init__("\n".join(self.lines))


def _cell(column: int, row: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column + 1)}{row}"


@dataclass
class Columns:
    unsur: dict[str, str] = field(default_factory=dict)  # kode -> header
    profile: dict[str, str] = field(default_factory=dict)  # profile title -> header
    saran: str | None = None


def _norm(text: object) -> str:
    return " ".join(str(text).split()).lower()


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (Excel's CSV on Windows)."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte is a character: never fails


def separator(text: str) -> str:
    """The separator of the header line: the most frequent of , ; and tab outside quotes."""
    header = text.split("\n", 1)[0]
    outside = re.sub(r'"[^"]*"', "", header)
    counts = {sep: outside.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_table(path: Path, data: bytes | None = None):
    """The export as a pandas DataFrame of raw values (text for a CSV; Excel's values for
    an .xlsx, first sheet), headers as written. Raises ResponsesError when unreadable."""
    import io

    import pandas as pd

    name = path.name
    try:
        if data is None:
            data = path.read_bytes()
    except OSError as exc:
        from zidoc.fs.files import os_reason

        raise ResponsesError(name, [Issue(f"berkas jawaban survei {path} tidak dapat dibaca "
                                          f"({os_reason(exc)}).")]) from None
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            # calamine (Rust) reads 10,000 rows in well under a second; openpyxl takes 6 s.
            frame = pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=object,
                                  engine="calamine")
        else:
            text = decode(data)
            frame = pd.read_csv(io.StringIO(text), sep=separator(text), dtype=str,
                                keep_default_na=False, skip_blank_lines=True)
    except Exception as exc:  # pandas raises many kinds: every one means "cannot read"
        raise ResponsesError(name, [Issue(
            f"berkas jawaban survei tidak dapat dibaca sebagai tabel .csv atau .xlsx "
            f"({type(exc).__name__}: {exc}). Simpan ulang ekspor formulirnya sebagai .csv "
            "atau .xlsx.")]) from None
    frame.columns = [" ".join(str(c).split()) for c in frame.columns]
    return frame


def find_columns(headers: list[str], config: SurveiConfig, name: str) -> Columns:
    """Each unsur's column (its header contains a keyword, or is its kode), the profile
    columns and the suggestions. No column or two columns for an unsur: ResponsesError."""
    errors: list[Issue] = []
    found = Columns()
    usable = [h for h in headers if not any(word in _norm(h) for word in config.abaikan)
              and not re.fullmatch(r"unnamed: \d+", _norm(h))]
    owner: dict[str, str] = {}
    listed = ", ".join(f'"{h}"' for h in headers)
    for unsur in config.unsur:
        matches = [h for h in usable
                   if _norm(h) == unsur.kode.lower()
                   or any(word in _norm(h) for word in unsur.kata_kunci)]
        words = " atau ".join(f"'{w}'" for w in unsur.kata_kunci)
        if not matches:
            errors.append(Issue(f"kolom unsur {unsur.kode} ({unsur.nama}) tidak ditemukan: "
                                f"tidak ada judul kolom yang memuat {words} atau berbunyi "
                                f"{unsur.kode}. Judul kolom yang ada: {listed}."))
            continue
        if len(matches) > 1:
            both = " dan ".join(f'"{h}"' for h in matches)
            errors.append(Issue(f"unsur {unsur.kode} ({unsur.nama}) ditemukan di "
                                f"{len(matches)} kolom: {both}. Satu unsur harus satu kolom: "
                                "ubah judul kolom yang bukan pertanyaan unsur ini, atau ubah "
                                f"kata_kunci [survei.unsur.{unsur.kode}] di config.toml."))
            continue
        header = matches[0]
        if header in owner:
            errors.append(Issue(f'kolom "{header}" cocok untuk unsur {owner[header]} dan '
                                f"{unsur.kode}; ubah judul kolomnya atau kata_kunci di "
                                "config.toml."))
            continue
        owner[header] = unsur.kode
        found.unsur[unsur.kode] = header
    if errors:
        raise ResponsesError(name, errors)
    rest = [h for h in usable if h not in owner]
    for column in PROFILE:
        header = next((h for h in rest if any(w in _norm(h) for w in column.words)
                       and h not in found.profile.values()), None)
        if header is not None:
            found.profile[column.judul] = header
    found.saran = next((h for h in rest if any(w in _norm(h) for w in SARAN_WORDS)
                        and h not in found.profile.values()), None)
    return found


def answer_table(unsur: Unsur, extra: dict[str, int]) -> dict[str, int]:
    """Every accepted spelling of an answer (lower case) -> 1-4: the numbers, the letters,
    the labels and "d. Sangat sesuai" (letter and label, as some forms export them)."""
    table: dict[str, int] = {}
    for number, letter, label in zip(SKALA, LETTERS, unsur.jawaban):
        label = label.lower()
        table.update({str(number): number, f"{number}.0": number, letter: number,
                      label: number, f"{letter}. {label}": number, f"{letter}) {label}": number,
                      f"{letter}.": number, f"{number}. {label}": number})
    table.update(extra)
    table.update(unsur.label)
    return table


def _token(value: object) -> str:
    """A cell as matched: lower case, spaces collapsed; empty for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN: an empty Excel cell
            return ""
        if value.is_integer():
            return str(int(value))
    return _norm(value)


def _shown(value: object) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:57] + "..."


def _age_group(value: str) -> str | None:
    try:
        age = float(value.replace(",", "."))
    except ValueError:
        return None
    if not age.is_integer() or age < 0:
        return None
    return next(label for low, high, label in AGE_GROUPS if low <= age <= high)


def _spellings(texts) -> dict[str, str]:
    """Lower-case text -> the spelling most respondents used (the first written on a tie)."""
    counted = texts.value_counts(sort=True)  # most frequent first; ties keep first-seen order
    best = counted[~counted.index.str.lower().duplicated()]
    return dict(zip(best.index.str.lower(), best.index))


def _profile(frame, header: str, column: ProfileColumn, total: int) -> Profile:
    """Counts and shares of one profile column (pandas groups); the same words in any case
    are one group, shown as most respondents wrote them."""
    raw = frame[header].map(lambda v: " ".join(str(v).split()) if _token(v) else NOT_GIVEN)
    if column.ages:
        raw = raw.map(lambda v: _age_group(v) or v)
    keys = raw.str.lower()
    counts = keys.value_counts(sort=False)
    spelling = _spellings(raw)
    if column.ages:
        order = [label.lower() for *_, label in AGE_GROUPS]
        ranked = sorted(counts.index, key=lambda k: (order.index(k) if k in order else len(order),
                                                     k == NOT_GIVEN.lower(), -counts[k], k))
    else:
        ranked = sorted(counts.index, key=lambda k: (k == NOT_GIVEN.lower(), -counts[k], k))
    return Profile(column.judul, tuple(
        ProfileRow(spelling[k], int(counts[k]), share(int(counts[k]), total)) for k in ranked))


def _suggestions(frame, header: str | None) -> tuple[Saran, ...]:
    """Suggestions grouped as given: the same words (case and spaces aside) once, as most
    wrote them, with how many wrote them; the most frequent first, then in the order first
    written. "Tidak ada", "-" ... are left out."""
    if header is None:
        return ()
    texts = frame[header].map(lambda v: " ".join(str(v).split()) if _token(v) else "")
    texts = texts[~texts.str.lower().str.strip(" .!").isin(NO_SUGGESTION)]
    keys = texts.str.lower()
    counts = keys.value_counts(sort=False)
    spelling = _spellings(texts)
    first = list(dict.fromkeys(keys))
    ranked = sorted(first, key=lambda k: (-counts[k], first.index(k)))
    return tuple(Saran(spelling[k], int(counts[k])) for k in ranked)


def read_responses(path: Path, config: SurveiConfig, populasi: int | None = None,
                   data: bytes | None = None) -> Survey:
    """The survey of one responses file. Raises ResponsesError listing every problem: a
    missing or doubled unsur column, each answer that is not 1-4, a-d or a label (with its
    row and header), an unsur nobody answered."""
    frame = read_table(path, data)
    name = path.name
    if frame.empty:
        raise ResponsesError(name, [Issue("berkas jawaban survei tidak berisi satu baris "
                                          "jawaban pun (baris 1 adalah judul kolom).")])
    columns = find_columns(list(frame.columns), config, name)
    errors: list[Issue] = []
    hidden = 0  # bad answers past MAX_ERRORS: counted, not listed
    values = {}
    headers = list(frame.columns)
    for unsur in config.unsur:
        header = columns.unsur[unsur.kode]
        table = answer_table(unsur, config.label)
        column = frame[header]
        if hasattr(column, "columns"):  # two columns with the very same header
            raise ResponsesError(name, [Issue(f'ada dua kolom berjudul "{header}"; unsur '
                                              f"{unsur.kode} harus satu kolom.")])
        tokens = column.map(_token)
        mapped = tokens.map(table)
        bad = tokens.ne("") & mapped.isna()
        for index in bad[bad].index:
            if len(errors) >= MAX_ERRORS:
                hidden += 1
                continue
            labels = ", ".join(unsur.jawaban)
            errors.append(Issue(f'baris {index + 2}, kolom "{_shown(header)}": jawaban '
                                f'"{_shown(column[index])}" tidak dikenal untuk unsur '
                                f"{unsur.kode} ({unsur.nama}); isi 1-4, huruf a-d, atau "
                                f"salah satu label: {labels}.",
                                _cell(headers.index(header), index + 2)))
        values[unsur.kode] = mapped
    if errors:
        if hidden:
            errors.append(Issue(f"... dan {hidden} jawaban lain yang juga tidak dikenal."))
        raise ResponsesError(name, errors)

    import pandas as pd

    answers = pd.DataFrame(values)
    answered = answers.notna().any(axis=1)  # a row without any unsur answer: no respondent
    answers, kept = answers[answered], frame[answered]
    total = len(answers)
    sums = answers.sum()
    counts = answers.count()
    empty = [u for u in config.unsur if counts[u.kode] == 0]
    if total == 0 or empty:
        raise ResponsesError(name, [Issue(
            "belum ada jawaban untuk unsur "
            + ", ".join(f"{u.kode} ({u.nama})" for u in empty or config.unsur)
            + "; NRR tidak dapat dihitung.")])
    rows = tuple(int(i) + 2 for i in answers.index)
    matrix = tuple(tuple(None if v != v else int(v) for v in row)
                   for row in answers.itertuples(index=False, name=None))
    return compute(
        [(u.kode, u.nama) for u in config.unsur],
        [(int(sums[u.kode]), int(counts[u.kode])) for u in config.unsur],
        total, config.bobot_unsur,
        berkas=name, answers=matrix, rows=rows, populasi=populasi,
        profil=tuple(_profile(kept, columns.profile[c.judul], c, total)
                     for c in PROFILE if c.judul in columns.profile),
        saran=_suggestions(kept, columns.saran),
    )
