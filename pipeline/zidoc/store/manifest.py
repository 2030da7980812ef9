"""`manifest.json`: the typed record of one build (and, inside an archive zip, of the archive).

One module reads, writes and versions it; build, drafts, status, previous year, archive and
recap all go through it. The dataclass field names below ARE the JSON keys on disk (declared
once: parsing and writing walk `dataclasses.fields`), so adding a key is adding a field.

Reading never raises for a bad file: `read_manifest(folder)` and `read_archived_manifest(zip)`
return a `ManifestRead` whose `absent` / `broken` tell the two cases apart (`problem` says why,
in Indonesian). `parse_manifest(bytes | str)` raises `ManifestError` (a ValueError with an
Indonesian message) for text that is not a manifest at all.

Tolerance: the file must be a JSON object; beyond that every field is checked on its own and a
field of the wrong type counts as missing (a document entry without a file name is dropped), as
the hand parsing did before. Keys this version does not know are kept (`extra`) and written
back unchanged, so rewriting a manifest (the pending manifest of a build, the copy inside an
archive, the entries a build carries over) keeps what a newer zidoc recorded. (A new build
writes its own manifest: what only the newer zidoc knew about the old build is then gone, and
the build says so.) A number under an unknown key is written back as the same JSON number, or
as text when a float cannot hold all its digits.

Exact values stay exact: scores are written as strings (str(Decimal)) and read back as Decimal;
a JSON number in their place is read as a Decimal from its text too, never through float.

Compatibility rule (`versi_format`):
- A manifest without `versi_format` was written before the key existed and is format 1 (the
  same keys as format 1): it is read like any other. Old outputs and archives keep working.
- A later format may only ADD keys. Changing the meaning or type of an existing key needs a
  new key name instead, so that older readers simply see the new key as unknown.
- Hence a manifest of a NEWER format than `FORMAT_VERSION` is read tolerantly, not refused:
  the known keys are used, the unknown ones kept, and `Manifest.newer` is True (status and
  build say so). Refusing would stop next year's build and the recap whenever one colleague upgraded.
- A `versi_format` that is not a whole number >= 1 means the file is not a zidoc manifest:
  broken.
"""
from __future__ import annotations

import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from zidoc.fs.files import atomic_write

FILE_NAME = "manifest.json"
FORMAT_VERSION = 1  # the format this zidoc writes; a manifest without versi_format is format 1


class ManifestError(ValueError):
    """The text is not a zidoc manifest; the message is for the user (Indonesian)."""


# --- field converters: a raw JSON value -> the typed value, or None when it is unusable -------

def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _nonempty_text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def to_decimal(value: Any) -> Decimal | None:
    """An exact Decimal from a string (or a JSON number read as Decimal, or an int); None for
    anything else, a float included, and for NaN or infinity."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (str, int)):
        try:
            value = Decimal(value)
        except InvalidOperation:
            return None
    if isinstance(value, Decimal) and value.is_finite():
        return value
    return None


def _decimals(value: Any) -> dict[str, Decimal] | None:
    if not isinstance(value, dict):
        return None
    return {k: d for k, d in ((k, to_decimal(v)) for k, v in value.items()) if d is not None}


def _bools(value: Any) -> dict[str, bool] | None:
    if not isinstance(value, dict):
        return None
    return {k: v for k, v in value.items() if isinstance(v, bool)}


def _text_lists(value: Any) -> dict[str, tuple[str, ...]] | None:
    if not isinstance(value, dict):
        return None
    return {k: tuple(s for s in v if isinstance(s, str)) for k, v in value.items()
            if isinstance(v, list)}


def _record(cls):
    def read(value: Any):
        return cls.from_json(value) if isinstance(value, dict) else None
    return read


def _records(cls):
    def read(value: Any):
        if not isinstance(value, list):
            return None
        found = (cls.from_json(item) for item in value if isinstance(item, dict))
        return tuple(r for r in found if r is not None)
    return read


# --- writers: the typed value -> JSON ---------------------------------------------------------

def _dump_value(value: Any) -> Any:
    if isinstance(value, _Record):
        return value.to_json()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return [_dump_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump_value(v) for k, v in value.items()}
    return value


def _json_default(value: Any) -> Any:
    """Numbers of unknown keys were read as Decimal: written back as JSON numbers."""
    if isinstance(value, Decimal):
        number = float(value)
        return number if Decimal(repr(number)) == value else str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


# A field's JSON handling: `read` converts the raw value (None = unusable, the default stays);
# `write` says when the key is written: "always", or "set" (only when not None/False).
def _field(read, default: Any = None, write: str = "set", factory=None):
    meta = {"read": read, "write": write}
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


class _Record:
    """Shared JSON handling of the manifest's records (each one a frozen dataclass whose last
    field is `extra`: the keys this version does not know, kept in their order)."""

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]):
        known = {f.name: f for f in fields(cls) if f.name != "extra"}
        values = {}
        for name, f in known.items():
            if name in raw:
                value = f.metadata["read"](raw[name])
                if value is not None:
                    values[name] = value
        record = cls(**values, extra=tuple((k, v) for k, v in raw.items() if k not in known))
        return record if record.usable() else None

    def usable(self) -> bool:
        return True

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            if f.metadata["write"] == "always" or (value is not None and value is not False):
                out[f.name] = _dump_value(value)
        for key, value in self.extra:
            out.setdefault(key, value)
        return out


@dataclass(frozen=True)
class Source(_Record):
    """The workbook the build was made from, and the copy kept beside the documents."""

    berkas: str | None = _field(_text, write="always")  # its file name
    sha256: str | None = _field(_text, write="always")  # of the bytes that were built
    salinan: str | None = _field(_text, write="always")  # the copy's name in the folder
    extra: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class ScoreSummary(_Record):
    """The build's exact scores (next year's report and the recap read them)."""

    akhir: Decimal | None = _field(to_decimal, write="always")
    pengungkit: Decimal | None = _field(to_decimal, write="always")
    hasil: Decimal | None = _field(to_decimal, write="always")
    persen_pengungkit: Decimal | None = _field(to_decimal, write="always")
    persen_hasil: Decimal | None = _field(to_decimal, write="always")
    persen: dict[str, Decimal] = _field(_decimals, factory=dict, write="always")  # per kode
    tahun_lalu: Decimal | None = _field(to_decimal, write="always")
    predikat: dict[str, bool] = _field(_bools, factory=dict, write="always")  # syarat met
    # The criteria not yet met, per predikat (added for the recap).
    syarat_belum: dict[str, tuple[str, ...]] = _field(_text_lists, factory=dict,
                                                       write="always")
    # The LKE's pemenuhan and reform totals, when the areas came from LKE answers (the recap).
    lke_pemenuhan: Decimal | None = _field(to_decimal)
    lke_reform: Decimal | None = _field(to_decimal)
    extra: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class EvidenceSummary(_Record):
    """The evidence check of the build (zidoc.bukti): answered LKE questions and how many of
    them have files or links (`zidoc status` shows it)."""

    pertanyaan: int | None = _field(_int, write="always")
    terjawab: int | None = _field(_int, write="always")
    lengkap: int | None = _field(_int, write="always")
    tanpa_berkas: int | None = _field(_int)  # positive answers without files
    extra: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class DocumentEntry(_Record):
    """One document file zidoc wrote (or found edited) in the folder."""

    jenis: str | None = _field(_text)  # DocumentKind.kind
    berkas: str = _field(_nonempty_text, default="", write="always")  # file name
    sha256: str | None = _field(_text, write="always")  # what zidoc wrote (None: unknown)
    sha256_baru: str | None = _field(_text)  # pending: being replaced by these bytes
    dibuat: str | None = _field(_text)  # ISO time it was written
    diubah: bool = _field(_bool, default=False)  # edited since zidoc wrote it
    draf_baru: str | None = _field(_text)  # the newer draft written beside it
    draf_untuk: str | None = _field(_text)  # this draft is the newer one of that file
    # The document's own exact figures (registry `summary`), e.g. a monitoring report's
    # quarter and capaian, for the recap.
    ringkasan: dict[str, Decimal] | None = _field(_decimals)
    extra: tuple[tuple[str, Any], ...] = ()

    def usable(self) -> bool:
        return bool(self.berkas)

    @property
    def hashes(self) -> set[str]:
        """The hashes zidoc itself wrote for this file (a pending one included)."""
        return {h for h in (self.sha256, self.sha256_baru) if h}


@dataclass(frozen=True)
class ArchivedFile(_Record):
    """One file inside an archive zip."""

    berkas: str = _field(_nonempty_text, default="", write="always")
    isi: str | None = _field(_text, write="always")  # "dokumen", "pdf/a", "workbook sumber"
    jenis: str | None = _field(_text)
    sha256: str | None = _field(_text, write="always")
    extra: tuple[tuple[str, Any], ...] = ()

    def usable(self) -> bool:
        return bool(self.berkas)


@dataclass(frozen=True)
class ArchiveRecord(_Record):
    """Only in the manifest inside an archive zip: what was archived, and when."""

    tahun: int | None = _field(_int, write="always")
    diarsipkan: str | None = _field(_text, write="always")  # ISO time
    berkas: tuple[ArchivedFile, ...] = _field(_records(ArchivedFile), default=(),
                                              write="always")
    extra: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Manifest(_Record):
    """manifest.json. Every field may be missing in a file read (None / empty)."""

    zidoc: str | None = _field(_text)  # the zidoc version that wrote it
    versi_format: int = _field(_int, default=FORMAT_VERSION, write="always")
    dibuat: str | None = _field(_text)  # ISO time of the build
    tahun: int | None = _field(_int)
    satker: str | None = _field(_text)
    singkatan_satker: str | None = _field(_text)
    sumber: Source | None = _field(_record(Source))
    nilai: ScoreSummary | None = _field(_record(ScoreSummary))
    dokumen: tuple[DocumentEntry, ...] = _field(_records(DocumentEntry), default=(),
                                                write="always")
    arsip: ArchiveRecord | None = _field(_record(ArchiveRecord))
    bukti: EvidenceSummary | None = _field(_record(EvidenceSummary))  # added: the LKE's evidence
    extra: tuple[tuple[str, Any], ...] = ()

    @property
    def newer(self) -> bool:
        """Written by a newer zidoc (a later format): read tolerantly, see the module doc."""
        return self.versi_format > FORMAT_VERSION

    def entry(self, berkas: str) -> DocumentEntry | None:
        return next((e for e in self.dokumen if e.berkas == berkas), None)

    def with_documents(self, dokumen) -> Manifest:
        return replace(self, dokumen=tuple(dokumen))

    def to_bytes(self) -> bytes:
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=2, default=_json_default)
        return (text + "\n").encode("utf-8")


def parse_manifest(data: bytes | str) -> Manifest:
    """A Manifest from the file's bytes or text; ManifestError when it is not a manifest."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ManifestError("bukan teks UTF-8") from None
    try:
        raw = json.loads(data.lstrip("\ufeff"), parse_float=Decimal)
    except (ValueError, RecursionError) as exc:
        raise ManifestError(f"bukan JSON yang sah ({exc})") from None
    if not isinstance(raw, dict):
        raise ManifestError("isinya bukan objek JSON")
    if "versi_format" in raw:
        version = raw["versi_format"]
        if _int(version) is None or version < 1:
            raise ManifestError(f"versi_format {version!r} tidak sah")
    return Manifest.from_json(raw)


@dataclass(frozen=True)
class ManifestRead:
    """The outcome of reading a manifest: the manifest, or why there is none.

    absent: there is no manifest (no file; no zip). broken: there is one, but it cannot be read
    or is not a zidoc manifest (`problem` says why, in Indonesian)."""

    path: Path  # manifest.json, or the archive zip
    manifest: Manifest | None = None
    problem: str | None = None

    @property
    def absent(self) -> bool:
        return self.manifest is None and self.problem is None

    @property
    def broken(self) -> bool:
        return self.problem is not None


def _from_bytes(path: Path, data: bytes) -> ManifestRead:
    try:
        return ManifestRead(path, parse_manifest(data))
    except ManifestError as exc:
        return ManifestRead(path, problem=f"{path}: {FILE_NAME} rusak: {exc}.")


def read_manifest(folder: Path) -> ManifestRead:
    """The manifest of an output folder (never raises)."""
    path = folder / FILE_NAME
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ManifestRead(path)
    except OSError as exc:
        from zidoc.fs.files import os_reason

        return ManifestRead(path, problem=f"{path} tidak dapat dibaca ({os_reason(exc)}).")
    return _from_bytes(path, data)


def read_archived_manifest(path: Path) -> ManifestRead:
    """The manifest inside an archive zip (never raises); absent when the zip is missing."""
    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read(FILE_NAME)
    except FileNotFoundError:
        return ManifestRead(path)
    except KeyError:
        return ManifestRead(path, problem=f"{path}: arsip ini tidak berisi {FILE_NAME}.")
    except (OSError, zipfile.BadZipFile, RuntimeError, ValueError) as exc:
        return ManifestRead(path, problem=f"{path} bukan arsip zip yang dapat dibaca ({exc}).")
    return _from_bytes(path, data)


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    """Write folder/manifest.json atomically; returns its path."""
    path = folder / FILE_NAME
    atomic_write(path, manifest.to_bytes())
    return path


def record_evidence(folder: Path, summary: EvidenceSummary | None) -> bool:
    """Replace the evidence record of the folder's manifest (after `zidoc bukti`, under the
    folder's lock), so `zidoc status` shows the latest check. Nothing when there is no
    readable manifest. Returns whether it was written."""
    manifest = read_manifest(folder).manifest
    if manifest is None or manifest.tahun is None:
        return False
    write_manifest(folder, replace(manifest, bukti=summary))
    return True
