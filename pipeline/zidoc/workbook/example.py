"""The example workbook's data (KPU Kota Bengkulu 2024), read from `contoh.toml`.

`load_example()` is the one way in: the starter writer, the tests and the benchmarks all
compare against the same rows. Values are typed by the schema: NUMBER columns and keys
become Decimal (written as exact text in the file), dates are dates, an empty cell is None.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from zidoc.workbook import schema
from zidoc.workbook.model import MONTHS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA_FILE = "contoh.toml"
# The example's survey responses (a web form's export), shipped beside contoh.toml and written
# beside the example workbook; the Survei sheet's `berkas` names it.
SURVEI_FILE = "survei-kepuasan-kpu-kota-bengkulu-2024.csv"

Row = MappingProxyType  # read-only: copy with dict(row) to change one



def table_name(sheet: str) -> str:
    """A row-table sheet's array of tables in contoh.toml: RencanaAksi -> rencana_aksi, LKE -> lke."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "_", sheet).lower()


@dataclass(frozen=True)
class Example:
    identitas: Row  # every Identitas key, in schema order; None = empty
    nilai: tuple[Row, ...]  # rows keyed by column name (every column of the sheet)
    narasi: tuple[Row, ...]
    penghargaan: tuple[Row, ...]
    tim: tuple[Row, ...]
    rencana_aksi: tuple[Row, ...]  # no month columns: `bulan` lists the months marked "x"
    dokumen: tuple[Row, ...]
    lke: tuple[Row, ...] = ()  # the starter lists every indicator of lke.toml instead
    realisasi: tuple[Row, ...] = ()
    survei: Row = field(default_factory=lambda: Row({}))  # the Survei sheet's keys (the responses file: SURVEI_FILE)
    rapat: tuple[Row, ...] = ()
    peserta: tuple[Row, ...] = ()
    # Any other array of tables: the people of a Keputusan declared in config.toml
    # ([[agen_perubahan]] for the sheet AgenPerubahan), with the Tim sheet's columns.
    anggota: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    def rows(self, sheet: str) -> tuple[Row, ...]:
        """The rows of a row-table sheet, by sheet name (none for a sheet it has no data for)."""
        name = table_name(sheet)
        if name in self.anggota:
            return self.anggota[name]
        return getattr(self, name, ())

    def keys(self, sheet: str) -> Row:
        """The keys of a key/value sheet (Identitas, Survei), by sheet name."""
        return getattr(self, table_name(sheet))


def _typed(kind: str, value: object) -> object:
    if value is None or value == "":
        return None
    if kind == schema.NUMBER:
        return Decimal(str(value))
    return value


def _rows(spec: schema.Sheet, raw: list[dict]) -> tuple[Row, ...]:
    known = {c.name for c in spec.columns} | {"bulan"}
    rows = []
    for item in raw:
        unknown = set(item) - known
        if unknown:
            raise ValueError(f"{DATA_FILE}: unknown {spec.name} columns {sorted(unknown)}")
        row = {c.name: _typed(c.kind, item.get(c.name))
               for c in spec.columns if c.kind != schema.MARK}
        if any(c.kind == schema.MARK for c in spec.columns):
            bulan = tuple(item.get("bulan", ()))
            if set(bulan) - set(MONTHS):
                raise ValueError(f"{DATA_FILE}: unknown months {bulan}")
            row["bulan"] = bulan
        rows.append(Row(row))
    return tuple(rows)


def _keys(spec: schema.Sheet, raw: dict) -> Row:
    unknown = set(raw) - {k.name for k in spec.keys}
    if unknown:
        raise ValueError(f"{DATA_FILE}: unknown {spec.name} keys {sorted(unknown)}")
    return Row({k.name: _typed(k.kind, raw.get(k.name)) for k in spec.keys})


def parse_example(data: dict) -> Example:
    """An Example from contoh.toml's parsed content (checked against the schema)."""
    tables = {table_name(s.name): _rows(s, data.get(table_name(s.name), []))
              for s in schema.SHEETS if not s.keys}
    keys = {table_name(s.name): _keys(s, dict(data.get(table_name(s.name), {})))
            for s in schema.SHEETS if s.keys}
    anggota = {name: _rows(schema.TIM, rows) for name, rows in data.items()
               if name not in keys and name not in tables}
    return Example(anggota=MappingProxyType(anggota), **keys, **tables)


def survei_bytes() -> bytes:
    """The example responses file (120 respondents; tools/make_survei_example.py)."""
    return resources.files("zidoc.workbook").joinpath(SURVEI_FILE).read_bytes()


@lru_cache(maxsize=1)
def load_example() -> Example:
    """The packaged example data (read once)."""
    text = resources.files("zidoc.workbook").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return parse_example(tomllib.loads(text))
