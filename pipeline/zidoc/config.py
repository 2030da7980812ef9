"""Load and validate config.toml once; everything downstream gets a typed Config."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from zidoc.registry import (
    DEFAULT_KEDUDUKAN,
    DOCUMENTS,
    MEMBER_TEMPLATE,
    RESERVED_SHEETS,
    DocumentKind,
    Members,
    keputusan_keys,
    kind_of,
    member_keputusan,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAME = "config.toml"

# The final ZI value is a score out of 100: nilai = persen / 100 x bobot, summed over every
# weight (PermenPANRB 90/2021, Lampiran; the WBK/WBBM minimums 75 and 85 are points of it).
# How the 100 is split (pengungkit 60, hasil 40, and each weight) is the regulation's choice
# and lives in config.toml; that the weights reach 100 is what makes the value a score.
NILAI_MAKSIMAL = Decimal(100)

# Paper sizes in millimetres (width, height), portrait.
PAPER_SIZES = {"F4": (215, 330), "A4": (210, 297)}


@dataclass(frozen=True)
class ConfigProblem:
    """One problem in config.toml: its dotted key, the line it is on (None if unknown) and
    an Indonesian sentence that names the key."""
    key: str
    message: str
    line: int | None = None
    file: str = CONFIG_NAME  # another file checked the same way (lke.toml)

    def __str__(self) -> str:
        where = f"{self.file} baris {self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class ConfigError(Exception):
    """config.toml problems, worded for the user: every one found, each naming its key and
    line. str() gives them one per line; `lines` gives the list."""

    def __init__(self, problems: str | list[ConfigProblem]):
        self.problems = [] if isinstance(problems, str) else list(problems)
        self.lines = [problems] if isinstance(problems, str) else [str(p) for p in problems]
        super().__init__("\n".join(self.lines))


@dataclass(frozen=True)
class Indicator:
    kode: str
    nama: str
    bobot: Decimal


@dataclass(frozen=True)
class HasilGroup:
    kode: str
    nama: str
    indikator: tuple[Indicator, ...]


@dataclass(frozen=True)
class Predikat:
    nama: str
    judul: str
    nilai_akhir: Decimal
    nilai_pengungkit: Decimal
    persen_area: Decimal
    nilai_kelompok: dict[str, Decimal]
    nilai_indikator: dict[str, Decimal]


@dataclass(frozen=True)
class Lke:
    pengungkit: tuple[Indicator, ...]
    hasil: tuple[HasilGroup, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.kode for i in self.pengungkit) + tuple(
            i.kode for g in self.hasil for i in g.indikator
        )

    @property
    def areas(self) -> tuple[str, ...]:
        return tuple(i.kode for i in self.pengungkit)

    @property
    def bobot_total(self) -> Decimal:
        """Every weight added up (100 once config.toml is valid)."""
        return sum((i.bobot for i in self.pengungkit), Decimal(0)) + sum(
            (i.bobot for g in self.hasil for i in g.indikator), Decimal(0))

    def nama(self, kode: str) -> str:
        for item in self.pengungkit:
            if item.kode == kode:
                return item.nama
        for group in self.hasil:
            for item in group.indikator:
                if item.kode == kode:
                    return item.nama
        raise KeyError(kode)


# The built-in Keputusan ([keputusan.sk_tim], [keputusan.rencana_aksi]); config.toml may
# declare more. The names their texts may use as {placeholder}.
KEPUTUSAN_KINDS = keputusan_keys()
PLACEHOLDERS = (
    "nama_satker", "nama_satker_kapital", "singkatan_satker", "tahun", "tempat",
    "penandatangan_jabatan", "penandatangan_nama", "penerbit_keputusan", "tentang",
)
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# What a user may have meant as a placeholder: anything between single braces.
BRACED = re.compile(r"\{([^{}]*)\}")
MAX_DIKTUM = 20  # KESATU ... KEDUA PULUH


@dataclass(frozen=True)
class Diktum:
    teks: str
    butir: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeputusanTeks:
    """The fixed texts of one Keputusan, with {placeholders} not yet filled in."""
    tentang: str
    judul_lampiran: str
    menimbang: tuple[str, ...]
    mengingat: tuple[str, ...]
    diktum: tuple[Diktum, ...]


@dataclass(frozen=True)
class Config:
    root: Path
    inputs: Path
    outputs: Path
    templates: Path
    kertas: str
    huruf: str
    ukuran_huruf: int
    lke: Lke
    predikat: tuple[Predikat, ...]
    keputusan: dict[str, KeputusanTeks] = field(default_factory=dict)
    packaged: bool = False  # no config.toml found: the packaged defaults are in use
    # Every document a build may write: the registry's, then each Keputusan config.toml
    # declares ([keputusan.<kunci>] naming a sheet), in the file's order.
    documents: tuple[DocumentKind, ...] = DOCUMENTS
    # The evidence (bukti dukung) folder: files under <bukti>/<tahun>/ (spec/bukti.md).
    bukti: Path | None = None

    @property
    def paper_mm(self) -> tuple[int, int]:
        return PAPER_SIZES[self.kertas]


def packaged_data() -> Path:
    """Folder with the shipped config.toml and templates/ (wheel or source checkout)."""
    from importlib import resources

    data = Path(str(resources.files("zidoc"))) / "_data"
    if (data / CONFIG_NAME).is_file():
        return data
    # Editable install or source checkout: the repo root is the working folder.
    return Path(__file__).resolve().parents[2]  # pipeline/zidoc/config.py -> repo root


def find_config(start: Path) -> Path | None:
    """config.toml in `start` or its parents (like git finds .git)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None = None) -> Config:
    """Load `path`, or the working folder's config (here or in a parent folder).

    Outside any working folder the packaged defaults apply with this folder as the root,
    so inputs and outputs stay where the user is, never inside the installed package."""
    root = None
    if path is None:
        path = find_config(Path.cwd())
        if path is None:
            path, root = packaged_data() / CONFIG_NAME, Path.cwd()
    try:
        text = path.read_text(encoding="utf-8-sig")
        raw = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(f"Berkas konfigurasi {path} tidak ditemukan.") from None
    except UnicodeDecodeError:
        raise ConfigError(
            f"{path}: isinya bukan teks UTF-8. Buka di Notepad, pilih File > Save As, lalu "
            "simpan dengan Encoding 'UTF-8'."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(toml_error_message(path, exc, text)) from None
    if root is None:
        return parse_config(raw, path.parent, text)
    config = parse_config(raw, root, text)
    return replace(config, templates=packaged_data() / "templates" / "docx", packaged=True)


def read_toml(path: Path) -> dict:
    """A TOML file; "utf-8-sig" also accepts the BOM that old Windows Notepad writes."""
    return tomllib.loads(path.read_text(encoding="utf-8-sig"))


def toml_error_message(path: Path, exc: Exception, text: str | None = None) -> str:
    """An Indonesian sentence for a TOML syntax error, with its line and column. When that
    line (in `text`) holds a backslash, a Windows path in double quotes is the likely cause:
    the hint then shows the line with single quotes."""
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)  # Python 3.14+
    if line is None and (m := re.search(r"at line (\d+), column (\d+)", str(exc))):
        line, column = int(m.group(1)), int(m.group(2))
    where = (f"pada baris {line}, kolom {column}" if line is not None
             else "di akhir berkas" if "end of document" in str(exc) else "")
    lines = text.splitlines() if text is not None else []
    if line is not None and 0 < line <= len(lines) and "\\" in lines[line - 1]:
        shown = re.sub(r"\s+#[^\"']*$", "", lines[line - 1].strip())  # without its comment
        fixed = re.sub(r'"([^"\']*\\[^"\']*)"', r"'\1'", shown)
        return (f"{path}: penulisan tidak sah {where}. Di antara tanda kutip ganda, garis miring "
                "terbalik (\\) adalah tanda khusus TOML. Tulis jalur Windows di antara tanda "
                f"kutip tunggal: {fixed}, atau dengan garis miring biasa: "
                f"{fixed.replace(chr(92), '/').replace(chr(39), chr(34))}.")
    return (f"{path}: penulisan tidak sah {where}".rstrip() + ". Periksa tanda kutip dan tanda = "
            'pada baris itu, misalnya: nama_satker = "KPU Kota Bengkulu" (teks di antara dua '
            "tanda kutip lurus, satu kunci per baris).")


# --- collecting problems ---------------------------------------------------------------------
def suggestion(name: str, known) -> str | None:
    """The known name closest to `name` (difflib), ignoring case, spaces and hyphens first
    ("Nama Satker" -> "nama_satker", "h2" -> "H2"); None if nothing is close."""
    import difflib

    known = list(known)
    by_lower = {k.lower(): k for k in known}
    normal = re.sub(r"[\s\-]+", "_", name.strip()).lower()
    if normal in by_lower:
        return by_lower[normal]
    for candidate in (name, normal):
        close = difflib.get_close_matches(candidate.lower(), list(by_lower), n=1, cutoff=0.6)
        if close:
            return by_lower[close[0]]
    return None


class _Problems:
    """Problems found so far; each check adds and parsing goes on, so all are reported."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, key: str, message: str) -> None:
        self.items.append((key, message))

    def error(self, text: str | None, file: str = CONFIG_NAME) -> ConfigError:
        from zidoc.toml_lines import key_lines, line_in

        found = key_lines(text) if text is not None else {}
        located = [ConfigProblem(key, message, line_in(found, key) if found else None, file)
                   for key, message in self.items]
        # In file order, as the user reads it; problems without a line last.
        located.sort(key=lambda p: (p.line is None, p.line or 0))
        return ConfigError(located)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _known_keys(raw: dict, known, where: str, problems: _Problems) -> None:
    """Refuse keys that zidoc does not know, suggesting the closest known one."""
    for key in raw:
        if key in known:
            continue
        at = _join(where, key)
        close = suggestion(key, known)
        hint = (f"maksud Anda '{close}'?" if close
                else f"yang dikenal: {', '.join(known)}." if known else "hapus kunci ini.")
        problems.add(at, f"kunci '{at}' tidak dikenal; {hint}")


_KIND_NAMES = {str: "teks", int: "bilangan bulat", list: "daftar", dict: "tabel"}


def _get(raw: dict, key: str, kind: type, where: str, problems: _Problems,
         default: Any = None) -> Any:
    """raw[key] if it has the right type; else the default (None when required: a problem)."""
    at = _join(where, key)
    if key not in raw:
        if default is None:
            problems.add(at, f"kunci '{at}' wajib diisi.")
        return default
    value = raw[key]
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        problems.add(at, f"kunci '{at}' harus berupa {_KIND_NAMES.get(kind, str(kind))}.")
        return None
    return value


def _decimal(raw: dict, key: str, where: str, problems: _Problems,
             required: bool = True) -> Decimal | None:
    at = _join(where, key)
    if key not in raw:
        if required:
            problems.add(at, f"kunci '{at}' wajib diisi, misalnya {key} = \"17.5\".")
        return None
    return _number(raw[key], at, problems)


def _number(value: Any, at: str, problems: _Problems) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        problems.add(at, f"'{at}' harus berupa angka, misalnya \"17.5\".")
        return None
    try:
        # str() first: a float written in TOML keeps its shortest decimal form.
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        problems.add(at, f"'{at}' bukan angka ({value!r}).")
        return None
    if not number.is_finite() or number < 0:
        problems.add(at, f"'{at}' harus angka 0 atau lebih.")
        return None
    return number


def _table(value: Any, at: str, problems: _Problems, example: str = "") -> dict | None:
    if isinstance(value, dict):
        return value
    problems.add(at, f"'{at}' harus berupa tabel{example}.")
    return None


def _array_of_tables(raw: dict, key: str, where: str, problems: _Problems,
                     required: bool = True) -> list[tuple[str, dict]]:
    """[[where.key]] entries as (dotted key, table); bad entries become problems."""
    at = _join(where, key)
    if isinstance(raw.get(key), dict):  # [predikat] written for [[predikat]]
        problems.add(at, f"'{at}' harus ditulis sebagai [[{at}]] (dua kurung siku), satu untuk "
                         "setiap isian.")
        return []
    items = _get(raw, key, list, where, problems, default=None if required else [])
    if items is None:
        return []
    if required and not items:
        problems.add(at, f"'{at}' harus berisi minimal satu [[{at}]].")
    return [(f"{at}[{n}]", item) for n, item in enumerate(items, 1)
            if _table(item, f"{at}[{n}]", problems) is not None]


def _fmt(value: Decimal) -> str:
    """A weight as the user writes it in config.toml: 17.5, 60."""
    return format(value.normalize(), "f")


# --- the whole file --------------------------------------------------------------------------
TOP_KEYS = ("folder", "dokumen", "lke", "predikat", "keputusan")
FOLDER_KEYS = ("inputs", "outputs", "templates", "bukti")
DOKUMEN_KEYS = ("kertas", "huruf", "ukuran_huruf")
LKE_KEYS = ("bobot_pengungkit", "bobot_hasil", "pengungkit", "hasil")
INDICATOR_KEYS = ("kode", "nama", "bobot")
GROUP_KEYS = ("kode", "nama", "bobot", "indikator")
PREDIKAT_KEYS = ("nama", "judul", "nilai_akhir", "nilai_pengungkit", "persen_area",
                 "nilai_kelompok", "nilai_indikator")
KEPUTUSAN_KEYS = ("tentang", "judul_lampiran", "menimbang", "mengingat", "diktum")
# A Keputusan declared in config.toml: its texts, and what makes it a document.
DECLARED_KEYS = ("judul", "sheet", "berkas", "templat", "kedudukan")
DIKTUM_KEYS = ("teks", "butir")


def parse_config(raw: dict, root: Path, text: str | None = None) -> Config:
    """A Config from the parsed TOML, or one ConfigError listing every problem found.

    `text` is the file's text, used only to name each problem's line."""
    problems = _Problems()
    _known_keys(raw, TOP_KEYS, "", problems)
    folder = _get(raw, "folder", dict, "", problems, {}) or {}
    dokumen = _get(raw, "dokumen", dict, "", problems, {}) or {}
    _known_keys(folder, FOLDER_KEYS, "folder", problems)
    _known_keys(dokumen, DOKUMEN_KEYS, "dokumen", problems)

    kertas = str(_get(dokumen, "kertas", str, "dokumen", problems, "F4") or "F4").upper()
    if kertas not in PAPER_SIZES:
        problems.add("dokumen.kertas",
                     f"'dokumen.kertas' harus salah satu dari {', '.join(PAPER_SIZES)}.")
    ukuran = _get(dokumen, "ukuran_huruf", int, "dokumen", problems, 12)
    if ukuran is not None and not 8 <= ukuran <= 16:
        problems.add("dokumen.ukuran_huruf", "'dokumen.ukuran_huruf' harus antara 8 dan 16.")
    huruf = _get(dokumen, "huruf", str, "dokumen", problems, "Arial")
    folders = {key: _get(folder, key, str, "folder", problems, default)
               for key, default in (("inputs", "inputs"), ("outputs", "outputs"),
                                    ("templates", "templates/docx"), ("bukti", "bukti"))}
    for key, value in folders.items():
        if value is not None and (why := folder_value_problem(f"folder.{key}", value)):
            problems.add(f"folder.{key}", why)

    model = parse_lke(raw, problems)
    predikat = parse_predikat(raw, model, problems)
    keputusan, declared = _parse_keputusan(raw.get("keputusan", {}), problems)

    if problems.items:
        raise problems.error(text)
    assert model is not None
    return Config(
        root=root.resolve(),
        inputs=(root / folders["inputs"]).resolve(),
        outputs=(root / folders["outputs"]).resolve(),
        templates=(root / folders["templates"]).resolve(),
        bukti=(root / folders["bukti"]).resolve(),
        kertas=kertas,
        huruf=huruf,
        ukuran_huruf=ukuran,
        lke=model,
        predikat=predikat,
        keputusan=keputusan,
        documents=DOCUMENTS + declared,
    )


# What a backslash in double quotes became: "D:\new\tahun" is read as D:, newline, "ew", tab ...
_ESCAPED = {"\n": "\\n", "\t": "\\t", "\b": "\\b", "\f": "\\f", "\r": "\\r"}


def folder_value_problem(at: str, value: str) -> str | None:
    """A folder value holding a control character: almost always a Windows path written in
    double quotes ("D:\new\tahun": \n and \t are TOML escapes). The message shows the fix."""
    if not any(ord(c) < 32 or ord(c) == 127 for c in value):
        return None
    meant = "".join(_ESCAPED.get(c, "") if ord(c) < 32 or ord(c) == 127 else c for c in value)
    key = at.rsplit(".", 1)[-1]
    return (f"'{at}' berisi karakter kendali (baris baru atau tab): di antara tanda kutip ganda, "
            "garis miring terbalik (\\) adalah tanda khusus TOML (\\n = baris baru, \\t = tab). "
            f"Tulis jalur Windows di antara tanda kutip tunggal: {key} = '{meant}', atau dengan "
            f"garis miring biasa: {key} = \"{meant.replace(chr(92), '/')}\".")


# --- [lke] -----------------------------------------------------------------------------------
def _indicator(item: dict, where: str, problems: _Problems) -> Indicator | None:
    _known_keys(item, INDICATOR_KEYS, where, problems)
    kode = _get(item, "kode", str, where, problems)
    nama = _get(item, "nama", str, where, problems)
    bobot = _decimal(item, "bobot", where, problems)
    if kode is not None and not kode.strip():
        problems.add(f"{where}.kode", f"'{where}.kode' tidak boleh kosong.")
        return None
    if None in (kode, nama, bobot):
        return None
    return Indicator(kode=kode, nama=nama, bobot=bobot)


def _sum_text(items) -> str:
    """'P1 9 + P2 7 + ... = 61' for the message of a total that is not reached."""
    items = list(items)
    total = sum((bobot for _, bobot in items), Decimal(0))
    return " + ".join(f"{kode} {_fmt(bobot)}" for kode, bobot in items) + f" = {_fmt(total)}"


def parse_lke(raw: dict, problems: _Problems) -> Lke | None:
    """[lke]: the weights, checked against the totals they must reach."""
    lke = _get(raw, "lke", dict, "", problems)
    if lke is None:
        return None
    _known_keys(lke, LKE_KEYS, "lke", problems)
    total_pengungkit = _decimal(lke, "bobot_pengungkit", "lke", problems, required=False)
    total_hasil = _decimal(lke, "bobot_hasil", "lke", problems, required=False)
    complete = True

    pengungkit = []
    for where, item in _array_of_tables(lke, "pengungkit", "lke", problems):
        indicator = _indicator(item, where, problems)
        complete &= indicator is not None
        if indicator is not None:
            pengungkit.append(indicator)

    groups: list[tuple[str, HasilGroup, Decimal | None]] = []
    for where, item in _array_of_tables(lke, "hasil", "lke", problems):
        _known_keys(item, GROUP_KEYS, where, problems)
        kode = _get(item, "kode", str, where, problems)
        nama = _get(item, "nama", str, where, problems)
        bobot = _decimal(item, "bobot", where, problems, required=False)
        indikator = []
        for at, ind in _array_of_tables(item, "indikator", where, problems):
            indicator = _indicator(ind, at, problems)
            complete &= indicator is not None
            if indicator is not None:
                indikator.append(indicator)
        if kode is None or nama is None or ("bobot" in item and bobot is None):
            complete = False
            continue
        groups.append((where, HasilGroup(kode=kode, nama=nama, indikator=tuple(indikator)), bobot))

    model = Lke(pengungkit=tuple(pengungkit), hasil=tuple(g for _, g, _ in groups))
    # Codes name areas in the workbook and in [[predikat]]: each must be one of a kind.
    seen: dict[str, str] = {}
    keyed = [(f"lke.pengungkit[{n}].kode", i.kode) for n, i in enumerate(pengungkit, 1)]
    for where, group, _ in groups:
        keyed += [(f"{where}.indikator[{n}].kode", i.kode)
                  for n, i in enumerate(group.indikator, 1)]
    for key, kode in keyed:
        if kode in seen:
            problems.add(key, f"kode '{kode}' pada '{key}' sudah dipakai di '{seen[kode]}'; "
                              "kode di [lke] tidak boleh ganda.")
        seen.setdefault(kode, key)
    group_keys: dict[str, str] = {}
    for where, group, _ in groups:
        if group.kode in group_keys:
            problems.add(f"{where}.kode", f"kode kelompok '{group.kode}' pada '{where}.kode' "
                                          f"sudah dipakai di '{group_keys[group.kode]}'.")
        group_keys.setdefault(group.kode, f"{where}.kode")

    if not complete:  # a broken weight or code: totals and [[predikat]] codes cannot be judged
        return None
    _check_weights(model, groups, total_pengungkit, total_hasil, problems)
    return model


def _check_weights(model: Lke, groups, total_pengungkit: Decimal | None,
                   total_hasil: Decimal | None, problems: _Problems) -> None:
    """Each weight list against the total it must reach; all of them against 100."""
    ok = True
    pengungkit = [(i.kode, i.bobot) for i in model.pengungkit]
    sum_pengungkit = sum((b for _, b in pengungkit), Decimal(0))
    if total_pengungkit is not None and sum_pengungkit != total_pengungkit:
        ok = False
        problems.add("lke.pengungkit",
                     f"jumlah bobot [[lke.pengungkit]] tidak sama dengan 'lke.bobot_pengungkit' "
                     f"({_fmt(total_pengungkit)}): {_sum_text(pengungkit)}.")
    group_totals = []
    for where, group, bobot in groups:
        items = [(i.kode, i.bobot) for i in group.indikator]
        actual = sum((b for _, b in items), Decimal(0))
        group_totals.append((group.kode, actual))
        if bobot is not None and actual != bobot:
            ok = False
            problems.add(f"{where}.indikator",
                         f"jumlah bobot indikator kelompok {group.kode} tidak sama dengan "
                         f"'{where}.bobot' ({_fmt(bobot)}): {_sum_text(items)}.")
    sum_hasil = sum((b for _, b in group_totals), Decimal(0))
    if total_hasil is not None and sum_hasil != total_hasil:
        ok = False
        items = [(f"{i.kode}", i.bobot) for g in model.hasil for i in g.indikator]
        problems.add("lke.hasil",
                     f"jumlah bobot indikator [[lke.hasil]] tidak sama dengan 'lke.bobot_hasil' "
                     f"({_fmt(total_hasil)}): {_sum_text(items)}.")
    if total_pengungkit is not None and total_hasil is not None:
        if total_pengungkit + total_hasil != NILAI_MAKSIMAL:
            problems.add("lke.bobot_hasil",
                         f"'lke.bobot_pengungkit' + 'lke.bobot_hasil' harus "
                         f"{_fmt(NILAI_MAKSIMAL)} (nilai Zona Integritas paling tinggi), bukan "
                         f"{_fmt(total_pengungkit)} + {_fmt(total_hasil)} = "
                         f"{_fmt(total_pengungkit + total_hasil)}.")
    elif ok and model.bobot_total != NILAI_MAKSIMAL:
        items = pengungkit + [(i.kode, i.bobot) for g in model.hasil for i in g.indikator]
        problems.add("lke", f"jumlah semua bobot [lke] harus {_fmt(NILAI_MAKSIMAL)} (nilai Zona "
                            f"Integritas paling tinggi): {_sum_text(items)}.")


# --- [[predikat]] ----------------------------------------------------------------------------
def parse_predikat(raw: dict, model: Lke | None, problems: _Problems) -> tuple[Predikat, ...]:
    """The WBK/WBBM minimums; every code they name must exist in [lke] and every minimum
    must be reachable (not above the weight it is a part of)."""
    result = []
    names: dict[str, str] = {}
    for where, item in _array_of_tables(raw, "predikat", "", problems, required=False):
        _known_keys(item, PREDIKAT_KEYS, where, problems)
        nama = _get(item, "nama", str, where, problems)
        judul = _get(item, "judul", str, where, problems)
        numbers = {key: _decimal(item, key, where, problems)
                   for key in ("nilai_akhir", "nilai_pengungkit", "persen_area")}
        maps = {}
        for key, known in (("nilai_kelompok", model and {g.kode: sum(
                                (i.bobot for i in g.indikator), Decimal(0)) for g in model.hasil}),
                           ("nilai_indikator", model and {i.kode: i.bobot for i in model.pengungkit}
                            | {i.kode: i.bobot for g in model.hasil for i in g.indikator})):
            at = f"{where}.{key}"
            table = _table(item.get(key, {}), at, problems, ', misalnya { I = "18.25" }')
            values = {}
            for kode, value in (table or {}).items():
                number = _number(value, f"{at}.{kode}", problems)
                if known is not None and kode not in known:
                    close = suggestion(kode, known)
                    problems.add(f"{at}.{kode}",
                                 f"'{at}' menyebut kode {kode} yang tidak ada di [lke]"
                                 + (f"; maksud Anda {close}?" if close else
                                    f"; yang ada: {', '.join(known)}."))
                elif number is not None and known is not None and number > known[kode]:
                    problems.add(f"{at}.{kode}",
                                 f"'{at}.{kode}' ({_fmt(number)}) melebihi bobot {kode} "
                                 f"({_fmt(known[kode])}): syarat ini tidak mungkin terpenuhi.")
                if number is not None:
                    values[kode] = number
            maps[key] = values
        if model is not None:
            limits = (("nilai_akhir", model.bobot_total, "jumlah semua bobot"),
                      ("nilai_pengungkit", sum((i.bobot for i in model.pengungkit), Decimal(0)),
                       "jumlah bobot pengungkit"),
                      ("persen_area", Decimal(100), "100%"))
            for key, limit, what in limits:
                if numbers[key] is not None and numbers[key] > limit:
                    problems.add(f"{where}.{key}",
                                 f"'{where}.{key}' ({_fmt(numbers[key])}) melebihi {what} "
                                 f"({_fmt(limit)}): syarat ini tidak mungkin terpenuhi.")
        if nama is not None:
            if nama in names:
                problems.add(f"{where}.nama", f"predikat '{nama}' pada '{where}.nama' sudah ada "
                                              f"di '{names[nama]}'.")
            names.setdefault(nama, f"{where}.nama")
        if nama is None or judul is None or None in numbers.values():
            continue
        result.append(Predikat(nama=nama, judul=judul, nilai_kelompok=maps["nilai_kelompok"],
                               nilai_indikator=maps["nilai_indikator"], **numbers))
    return tuple(result)


# --- [keputusan] -----------------------------------------------------------------------------
def placeholder_problems(value: str, placeholders: tuple[str, ...] = PLACEHOLDERS) -> list[str]:
    """What is wrong with the {placeholders} of one text, as Indonesian phrases.

    Anything between braces counts ({nama satker}, {Tahun}, { tahun }), so a misspelt name
    is refused rather than printed into the decree. There is no escape for a literal brace:
    a template habit like {{ tahun }} is refused too, with the single-brace spelling."""
    known = ", ".join("{" + p + "}" for p in placeholders)
    found = []

    def unknown(name: str, shown: str) -> str | None:
        if name in placeholders:
            return None
        close = suggestion(name, placeholders)
        if "tentang" not in placeholders and suggestion(name, ("tentang",)) == "tentang":
            return ("memakai penanda {tentang}, padahal teks ini adalah judul Keputusan itu "
                    "sendiri; tulis judulnya langsung")
        return (f"memakai penanda {shown} yang tidak dikenal"
                + (f"; maksud Anda {{{close}}}?" if close else ".")
                + f" Penanda yang dikenal: {known}.")

    for match in re.finditer(r"\{\{(.*?)\}\}", value):
        name = match.group(1).strip()
        close = name if name in placeholders else suggestion(name, placeholders)
        found.append(f"memakai {match.group(0)}; penanda ditulis dengan satu kurung kurawal"
                     + (f", yaitu {{{close}}}." if close else f". Penanda yang dikenal: {known}."))
    rest = re.sub(r"\{\{.*?\}\}", "", value)
    for match in BRACED.finditer(rest):
        phrase = unknown(match.group(1), match.group(0))
        if phrase:
            found.append(phrase)
    if "{" in BRACED.sub("", rest) or "}" in BRACED.sub("", rest):
        found.append("memakai kurung kurawal tanpa pasangan; tulis penanda lengkap, misalnya "
                     "{tahun}")
    return found


def _text(value: Any, where: str, problems: _Problems,
          placeholders: tuple[str, ...] = PLACEHOLDERS) -> str | None:
    if not isinstance(value, str) or not value.strip():
        problems.add(where, f"'{where}' harus berupa teks yang tidak kosong.")
        return None
    for phrase in placeholder_problems(value, placeholders):
        problems.add(where, f"'{where}' {phrase}")
    return " ".join(value.split())


def _texts(value: Any, where: str, problems: _Problems,
           required: bool = True) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        problems.add(where, f"'{where}' harus berupa daftar teks [\"...\", \"...\"].")
        return None
    if required and not value:
        problems.add(where, f"'{where}' harus berisi minimal satu teks.")
        return None
    texts = tuple(_text(item, f"{where}[{n}]", problems) for n, item in enumerate(value, 1))
    return None if None in texts else texts


def _default_keputusan() -> dict:
    """[keputusan] of the shipped config.toml: the defaults for keys a user config lacks."""
    path = packaged_data() / CONFIG_NAME
    try:
        raw = read_toml(path)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}
    section = raw.get("keputusan", {})
    return section if isinstance(section, dict) else {}


def parse_keputusan(raw: Any, problems: _Problems | None = None) -> dict[str, KeputusanTeks]:
    """The texts of every [keputusan.*] table; missing keys of the built-in ones take the
    defaults.

    Without `problems`, the first problems found are raised at once as a ConfigError."""
    own = problems is None
    if problems is None:
        problems = _Problems()
    result, _ = _parse_keputusan(raw, problems)
    if own and problems.items:
        raise problems.error(None)
    return result


# A declared Keputusan's key: it names its Dokumen row and (with - for _) its document.
KUNCI = re.compile(r"[a-z][a-z0-9_]*")
# What Excel refuses in a sheet name (at most 31 characters).
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
FILE_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def _sheet_key(name: str) -> str:
    """A sheet name as the workbook reader matches it (workbook/schema.py: sheet_key)."""
    return "".join(ch for ch in name if not ch.isspace() and ch.isprintable()).lower()


def _parse_keputusan(raw: Any, problems: _Problems
                     ) -> tuple[dict[str, KeputusanTeks], tuple[DocumentKind, ...]]:
    """(texts by key, the documents declared): [keputusan.sk_tim], [keputusan.rencana_aksi]
    and every other table, which must name a sheet of people."""
    if _table(raw, "keputusan", problems) is None:
        return {}, ()
    defaults: dict | None = None
    result = {}
    declared: list[DocumentKind] = []
    for kind in (*KEPUTUSAN_KINDS, *(k for k in raw if k not in KEPUTUSAN_KINDS)):
        where = f"keputusan.{kind}"
        section = _table(raw.get(kind, {}), where, problems)
        if section is None:
            continue
        builtin = kind in KEPUTUSAN_KINDS
        if not builtin and "sheet" not in section:
            close = suggestion(kind, KEPUTUSAN_KINDS)
            problems.add(where, f"kunci '{where}' tidak dikenal; maksud Anda '{close}'?" if close
                         else (
                f"[{where}] tidak dikenal: Keputusan bawaan hanya "
                f"{' dan '.join(KEPUTUSAN_KINDS)}. Untuk Keputusan baru, sebutkan sheet daftar "
                f"orangnya, misalnya sheet = \"AgenPerubahan\"."))
            continue
        _known_keys(section, KEPUTUSAN_KEYS if builtin else KEPUTUSAN_KEYS + DECLARED_KEYS,
                    where, problems)
        if builtin and any(key not in section for key in KEPUTUSAN_KEYS):
            if defaults is None:
                defaults = _default_keputusan()
            default = defaults.get(kind, {})
            section = {**(default if isinstance(default, dict) else {}), **section}
        teks = _keputusan_teks(section, where, problems)
        if teks is not None:
            result[kind] = teks
        if not builtin:
            doc = _declared(kind, section, where, problems, (*DOCUMENTS, *declared))
            if doc is not None:
                declared.append(doc)
    return result, tuple(declared)


def _keputusan_teks(section: dict, where: str, problems: _Problems) -> KeputusanTeks | None:
    missing = [key for key in KEPUTUSAN_KEYS if key not in section]
    for key in missing:
        problems.add(f"{where}.{key}",
                     f"kunci '{where}.{key}' wajib diisi.")
    if missing:
        return None
    raw_diktum = section["diktum"]
    diktum: list[Diktum] | None = []
    if not isinstance(raw_diktum, list) or not raw_diktum:
        problems.add(f"{where}.diktum",
                     f"'{where}.diktum' harus berisi minimal satu [[{where}.diktum]].")
        raw_diktum = []
    elif len(raw_diktum) > MAX_DIKTUM:
        problems.add(f"{where}.diktum", f"'{where}.diktum' paling banyak {MAX_DIKTUM} diktum.")
    for n, item in enumerate(raw_diktum, 1):
        at = f"{where}.diktum[{n}]"
        if not isinstance(item, dict):
            problems.add(at, f"'{at}' harus berupa tabel dengan kunci teks.")
            diktum = None
            continue
        _known_keys(item, DIKTUM_KEYS, at, problems)
        teks = _text(item.get("teks"), at + ".teks", problems)
        butir = _texts(item.get("butir", []), at + ".butir", problems, required=False)
        if diktum is not None and teks is not None and butir is not None:
            diktum.append(Diktum(teks=teks, butir=butir))
    parts = {
        # The title is itself a placeholder value, so it cannot use {tentang}.
        "tentang": _text(section["tentang"], f"{where}.tentang", problems,
                         tuple(p for p in PLACEHOLDERS if p != "tentang")),
        "judul_lampiran": _text(section["judul_lampiran"], f"{where}.judul_lampiran",
                                problems),
        "menimbang": _texts(section["menimbang"], f"{where}.menimbang", problems),
        "mengingat": _texts(section["mengingat"], f"{where}.mengingat", problems),
    }
    if diktum and None not in parts.values():
        return KeputusanTeks(diktum=tuple(diktum), **parts)
    return None


def _declared(kunci: str, section: dict, where: str, problems: _Problems,
              before: tuple[DocumentKind, ...]) -> DocumentKind | None:
    """The document of a Keputusan declared in config.toml, or None (problems added)."""
    count = len(problems.items)
    if not KUNCI.fullmatch(kunci):
        problems.add(where, (
            f"nama tabel [{where}] hanya boleh berisi huruf kecil, angka dan garis bawah, "
            "diawali huruf (misalnya [keputusan.sk_agen_perubahan]): nama itu menjadi kode "
            "baris di sheet Dokumen dan nama berkasnya."))
    kind = kind_of(kunci)
    judul = _get(section, "judul", str, where, problems, "") or ""
    judul = " ".join(judul.split()) or " ".join(
        "SK" if word == "sk" else word.capitalize() for word in kunci.split("_"))
    sheet = _get(section, "sheet", str, where, problems, "") or ""
    sheet_at = f"{where}.sheet"
    if not sheet.strip():
        problems.add(sheet_at, f"'{sheet_at}' harus berisi nama sheet daftar orangnya.")
    elif len(sheet) > 31 or SHEET_FORBIDDEN.search(sheet) or sheet != sheet.strip() \
            or sheet.startswith("'"):
        problems.add(sheet_at, (
            f"'{sheet_at}' = \"{sheet}\" tidak dapat menjadi nama sheet Excel: paling banyak "
            "31 karakter, tanpa spasi di awal atau akhir dan tanpa : \\ / ? * [ ]."))
    else:
        taken = {_sheet_key(name): f"sheet bawaan workbook '{name}'"
                 for name in RESERVED_SHEETS}
        taken.update({_sheet_key(d.sheet): f"'{d.title}'" for d in before if d.sheet})
        owner = taken.get(_sheet_key(sheet))
        if owner is not None:
            problems.add(sheet_at, (
                f"sheet '{sheet}' di '{sheet_at}' sudah dipakai oleh {owner}; beri Keputusan "
                "ini sheet sendiri, misalnya \"" + "".join(w.title() for w in kunci.split("_")[1:])
                + "\"."))
    berkas = _get(section, "berkas", str, where, problems, f"{kind}-zi-{{tahun}}.docx")
    berkas_at = f"{where}.berkas"
    if berkas is not None:
        if not berkas.lower().endswith(".docx") or FILE_FORBIDDEN.search(berkas) \
                or berkas != berkas.strip():
            problems.add(berkas_at, (
                f"'{berkas_at}' harus nama berkas Word yang berakhiran .docx, tanpa "
                "< > : \" / \\ | ? *, misalnya \"" + f"{kind}-zi-{{tahun}}.docx" + "\"."))
        else:
            for phrase in placeholder_problems(berkas, ("tahun",)):
                problems.add(berkas_at, f"'{berkas_at}' {phrase}")
    templat = _get(section, "templat", str, where, problems, MEMBER_TEMPLATE)
    if templat is not None and (not templat.lower().endswith(".docx")
                                or FILE_FORBIDDEN.search(templat)):
        problems.add(f"{where}.templat", (
            f"'{where}.templat' harus nama berkas templat Word (.docx) di folder templat, "
            f"misalnya \"{MEMBER_TEMPLATE}\"."))
    kedudukan = _kedudukan(section, where, problems)
    for doc in before:
        if doc.kind == kind or doc.dokumen == kunci or kunci in doc.dokumen_codes:
            problems.add(where, (
                f"[{where}] bentrok dengan dokumen '{doc.title}' (nama '{doc.kind}'); pilih "
                "nama tabel lain, misalnya [keputusan.sk_" + kunci.removeprefix("sk_") + "_zi]."))
            break
        if berkas and doc.output.lower() == berkas.lower():
            problems.add(berkas_at, (
                f"'{berkas_at}' = \"{berkas}\" sama dengan nama berkas '{doc.title}'; beri "
                "nama berkas lain."))
            break
    if len(problems.items) > count or kedudukan is None:
        return None
    # Everyone with an area is listed under it (the SK Tim lists by area its Koordinator and
    # Anggota only, and requires their area).
    return member_keputusan(kunci, judul=judul, sheet=sheet, berkas=berkas, templat=templat,
                            members=Members(kedudukan, by_area=kedudukan))


def _kedudukan(section: dict, where: str, problems: _Problems) -> tuple[str, ...] | None:
    at = f"{where}.kedudukan"
    if "kedudukan" not in section:
        return DEFAULT_KEDUDUKAN
    value = section["kedudukan"]
    if not isinstance(value, list) or not value:
        problems.add(at, (
            f"'{at}' harus berupa daftar kedudukan yang tidak kosong, urut seperti di "
            "Lampiran, misalnya [\"Ketua\", \"Sekretaris\", \"Anggota\"]."))
        return None
    result: list[str] = []
    for n, item in enumerate(value, 1):
        if not isinstance(item, str) or not item.strip():
            problems.add(at, f"'{at}[{n}]' harus berupa teks yang tidak kosong.")
            return None
        text = " ".join(item.split())
        if text.lower() in (r.lower() for r in result):
            problems.add(at, f"'{at}' menyebut kedudukan '{text}' dua kali.")
            return None
        result.append(text)
    return tuple(result)
