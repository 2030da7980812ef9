"""Load and validate config.toml once; everything downstream gets a typed Config."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from zidoc.documents.registry import KEPUTUSAN_KEYS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAME = "config.toml"

# Paper sizes in millimetres (width, height), portrait.
PAPER_SIZES = {"F4": (215, 330), "A4": (210, 297)}


class ConfigError(Exception):
    """A config.toml problem, worded for the user (names the key)."""


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

    def nama(self, kode: str) -> str:
        for item in self.pengungkit:
            if item.kode == kode:
                return item.nama
        for group in self.hasil:
            for item in group.indikator:
                if item.kode == kode:
                    return item.nama
        raise KeyError(kode)


# The two Keputusan and the names their texts may use as {placeholder}.
KEPUTUSAN_KINDS = KEPUTUSAN_KEYS  # from the registry: the documents that are a Keputusan
PLACEHOLDERS = (
    "nama_satker", "nama_satker_kapital", "singkatan_satker", "tahun", "tempat",
    "penandatangan_jabatan", "penandatangan_nama", "penerbit_keputusan", "tentang",
)
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
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

    @property
    def paper_mm(self) -> tuple[int, int]:
        return PAPER_SIZES[self.kertas]


def packaged_data() -> Path:
    """Folder with the shipped config.toml and templates/ (wheel or source checkout)."""
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
        raw = read_toml(path)
    except FileNotFoundError:
        raise ConfigError(f"Berkas konfigurasi {path} tidak ditemukan.") from None
    except UnicodeDecodeError:
        raise ConfigError(
            f"{path}: isinya bukan teks UTF-8. Buka di Notepad, pilih File > Save As, lalu "
            "simpan dengan Encoding 'UTF-8'."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(toml_error_message(path, exc)) from None
    if root is None:
        return parse_config(raw, path.parent)
    config = parse_config(raw, root)
    return replace(config, templates=packaged_data() / "templates" / "docx", packaged=True)


def read_toml(path: Path) -> dict:
    """A TOML file; "utf-8-sig" also accepts the BOM that old Windows Notepad writes."""
    return tomllib.loads(path.read_text(encoding="utf-8-sig"))


def toml_error_message(path: Path, exc: Exception) -> str:
    """An Indonesian sentence for a TOML syntax error, with its line and column."""
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)  # Python 3.14+
    if line is None and (m := re.search(r"at line (\d+), column (\d+)", str(exc))):
        line, column = int(m.group(1)), int(m.group(2))
    where = (f"pada baris {line}, kolom {column}" if line is not None
             else "di akhir berkas" if "end of document" in str(exc) else "")
    return (f"{path}: penulisan tidak sah {where}".rstrip() + ". Periksa tanda kutip dan tanda = "
            'pada baris itu, misalnya: nama_satker = "KPU Kota Bengkulu" (teks di antara dua '
            "tanda kutip lurus, satu kunci per baris).")


def _get(raw: dict, key: str, kind: type, where: str, default: Any = None) -> Any:
    if key not in raw:
        if default is not None:
            return default
        raise ConfigError(f"config.toml: kunci '{where}{key}' wajib diisi.")
    value = raw[key]
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise ConfigError(f"config.toml: kunci '{where}{key}' harus berupa {_kind_name(kind)}.")
    return value


def _kind_name(kind: type) -> str:
    return {str: "teks", int: "bilangan bulat", list: "daftar", dict: "tabel"}.get(kind, str(kind))


def _decimal(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ConfigError(f"config.toml: '{where}' harus berupa angka, misalnya \"17.5\".")
    try:
        # str() first: a float written in TOML keeps its shortest decimal form.
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ConfigError(f"config.toml: '{where}' bukan angka ({value!r}).") from None
    if not number.is_finite() or number < 0:
        raise ConfigError(f"config.toml: '{where}' harus angka 0 atau lebih.")
    return number


def _indicator(raw: Any, where: str) -> Indicator:
    if not isinstance(raw, dict):
        raise ConfigError(f"config.toml: '{where}' harus berupa tabel.")
    return Indicator(
        kode=_get(raw, "kode", str, where + "."),
        nama=_get(raw, "nama", str, where + "."),
        bobot=_decimal(raw.get("bobot"), where + ".bobot"),
    )


def _decimal_map(raw: Any, where: str) -> dict[str, Decimal]:
    if not isinstance(raw, dict):
        raise ConfigError(f"config.toml: '{where}' harus berupa tabel, misalnya {{ I = \"18.25\" }}.")
    return {k: _decimal(v, f"{where}.{k}") for k, v in raw.items()}


def parse_config(raw: dict, root: Path) -> Config:
    folder = raw.get("folder", {})
    dokumen = raw.get("dokumen", {})
    lke = raw.get("lke", {})
    if not isinstance(folder, dict) or not isinstance(dokumen, dict) or not isinstance(lke, dict):
        raise ConfigError("config.toml: bagian [folder], [dokumen] dan [lke] harus berupa tabel.")

    kertas = str(_get(dokumen, "kertas", str, "dokumen.", "F4")).upper()
    if kertas not in PAPER_SIZES:
        raise ConfigError(
            f"config.toml: 'dokumen.kertas' harus salah satu dari {', '.join(PAPER_SIZES)}."
        )
    ukuran = _get(dokumen, "ukuran_huruf", int, "dokumen.", 12)
    if not 8 <= ukuran <= 16:
        raise ConfigError("config.toml: 'dokumen.ukuran_huruf' harus antara 8 dan 16.")

    pengungkit = tuple(
        _indicator(item, f"lke.pengungkit[{n}]")
        for n, item in enumerate(_get(lke, "pengungkit", list, "lke."), 1)
    )
    groups = []
    for n, item in enumerate(_get(lke, "hasil", list, "lke."), 1):
        where = f"lke.hasil[{n}]"
        if not isinstance(item, dict):
            raise ConfigError(f"config.toml: '{where}' harus berupa tabel.")
        groups.append(
            HasilGroup(
                kode=_get(item, "kode", str, where + "."),
                nama=_get(item, "nama", str, where + "."),
                indikator=tuple(
                    _indicator(ind, f"{where}.indikator[{m}]")
                    for m, ind in enumerate(_get(item, "indikator", list, where + "."), 1)
                ),
            )
        )
    model = Lke(pengungkit=pengungkit, hasil=tuple(groups))
    if len(set(model.codes)) != len(model.codes):
        raise ConfigError("config.toml: kode di [lke] tidak boleh ganda.")

    predikat = []
    for n, item in enumerate(raw.get("predikat", []), 1):
        where = f"predikat[{n}]"
        if not isinstance(item, dict):
            raise ConfigError(f"config.toml: '{where}' harus berupa tabel.")
        p = Predikat(
            nama=_get(item, "nama", str, where + "."),
            judul=_get(item, "judul", str, where + "."),
            nilai_akhir=_decimal(item.get("nilai_akhir"), where + ".nilai_akhir"),
            nilai_pengungkit=_decimal(item.get("nilai_pengungkit"), where + ".nilai_pengungkit"),
            persen_area=_decimal(item.get("persen_area"), where + ".persen_area"),
            nilai_kelompok=_decimal_map(item.get("nilai_kelompok", {}), where + ".nilai_kelompok"),
            nilai_indikator=_decimal_map(
                item.get("nilai_indikator", {}), where + ".nilai_indikator"
            ),
        )
        unknown = (set(p.nilai_kelompok) - {g.kode for g in groups}) | (
            set(p.nilai_indikator) - set(model.codes)
        )
        if unknown:
            raise ConfigError(
                f"config.toml: '{where}' menyebut kode yang tidak ada di [lke]: "
                f"{', '.join(sorted(unknown))}."
            )
        predikat.append(p)

    keputusan = parse_keputusan(raw.get("keputusan", {}))

    def folder_path(key: str, default: str) -> Path:
        return (root / _get(folder, key, str, "folder.", default)).resolve()

    return Config(
        root=root.resolve(),
        inputs=folder_path("inputs", "inputs"),
        outputs=folder_path("outputs", "outputs"),
        templates=folder_path("templates", "templates/docx"),
        kertas=kertas,
        huruf=_get(dokumen, "huruf", str, "dokumen.", "Arial"),
        ukuran_huruf=ukuran,
        lke=model,
        predikat=tuple(predikat),
        keputusan=keputusan,
    )


# --- [keputusan] -----------------------------------------------------------------------------
def _text(value: Any, where: str, placeholders: tuple[str, ...] = PLACEHOLDERS) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"config.toml: '{where}' harus berupa teks yang tidak kosong.")
    for match in PLACEHOLDER.finditer(value):
        if match.group(1) not in placeholders:
            raise ConfigError(
                f"config.toml: '{where}' memakai penanda {{{match.group(1)}}} yang tidak dikenal; "
                f"yang dikenal: {', '.join('{' + p + '}' for p in placeholders)}."
            )
    return " ".join(value.split())


def _texts(value: Any, where: str, required: bool = True) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ConfigError(f"config.toml: '{where}' harus berupa daftar teks [\"...\", \"...\"].")
    if required and not value:
        raise ConfigError(f"config.toml: '{where}' harus berisi minimal satu teks.")
    return tuple(_text(item, f"{where}[{n}]") for n, item in enumerate(value, 1))


def _default_keputusan() -> dict:
    """[keputusan] of the shipped config.toml: the defaults for keys a user config lacks."""
    path = packaged_data() / CONFIG_NAME
    try:
        raw = read_toml(path)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}
    section = raw.get("keputusan", {})
    return section if isinstance(section, dict) else {}


def parse_keputusan(raw: Any) -> dict[str, KeputusanTeks]:
    """Parse [keputusan.sk_tim] and [keputusan.rencana_aksi]; missing keys take the defaults."""
    if not isinstance(raw, dict):
        raise ConfigError("config.toml: bagian [keputusan] harus berupa tabel.")
    unknown = sorted(set(raw) - set(KEPUTUSAN_KINDS))
    if unknown:
        raise ConfigError(
            f"config.toml: bagian [keputusan.{unknown[0]}] tidak dikenal; "
            f"yang dikenal: {', '.join(KEPUTUSAN_KINDS)}."
        )
    keys = ("tentang", "judul_lampiran", "menimbang", "mengingat", "diktum")
    defaults: dict | None = None
    result = {}
    for kind in KEPUTUSAN_KINDS:
        where = f"keputusan.{kind}."
        section = raw.get(kind, {})
        if not isinstance(section, dict):
            raise ConfigError(f"config.toml: bagian [keputusan.{kind}] harus berupa tabel.")
        if any(key not in section for key in keys):
            if defaults is None:
                defaults = _default_keputusan()
            default = defaults.get(kind, {})
            section = {**(default if isinstance(default, dict) else {}), **section}
        for key in keys:
            if key not in section:
                raise ConfigError(f"config.toml: kunci '{where}{key}' wajib diisi.")
        raw_diktum = section["diktum"]
        if not isinstance(raw_diktum, list) or not raw_diktum:
            raise ConfigError(
                f"config.toml: '{where}diktum' harus berisi minimal satu [[{where}diktum]]."
            )
        if len(raw_diktum) > MAX_DIKTUM:
            raise ConfigError(
                f"config.toml: '{where}diktum' paling banyak {MAX_DIKTUM} diktum."
            )
        diktum = []
        for n, item in enumerate(raw_diktum, 1):
            at = f"{where}diktum[{n}]"
            if not isinstance(item, dict):
                raise ConfigError(f"config.toml: '{at}' harus berupa tabel dengan kunci teks.")
            extra = sorted(set(item) - {"teks", "butir"})
            if extra:
                raise ConfigError(f"config.toml: kunci '{at}.{extra[0]}' tidak dikenal (teks, butir).")
            diktum.append(Diktum(
                teks=_text(item.get("teks"), at + ".teks"),
                butir=_texts(item.get("butir", []), at + ".butir", required=False),
            ))
        result[kind] = KeputusanTeks(
            # The title is itself a placeholder value, so it cannot use {tentang}.
            tentang=_text(section["tentang"], where + "tentang",
                          tuple(p for p in PLACEHOLDERS if p != "tentang")),
            judul_lampiran=_text(section["judul_lampiran"], where + "judul_lampiran"),
            menimbang=_texts(section["menimbang"], where + "menimbang"),
            mengingat=_texts(section["mengingat"], where + "mengingat"),
            diktum=tuple(diktum),
        )
    return result
