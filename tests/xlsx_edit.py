"""Helpers for tests that damage the example workbook: openpyxl edits, raw XML edits inside
the .xlsx zip, and snapshots of an output folder."""
from __future__ import annotations

import hashlib
import shutil
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

# Sheet order as written by zidoc.workbook.starter (openpyxl names the parts sheet1.xml ...).
SHEET_PART = {
    name: f"xl/worksheets/sheet{n}.xml"
    for n, name in enumerate(
        ["Petunjuk", "Identitas", "Nilai", "Ringkasan", "Narasi", "Penghargaan", "Tim",
         "RencanaAksi", "Dokumen"], 1)
}

BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    + "".join(
        f'<!ENTITY lol{n} "' + f"&lol{n - 1};" * 10 + '">' for n in range(2, 10)
    )
    + "]>"
)
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@lru_cache(maxsize=1)
def example_bytes() -> bytes:
    """The example workbook's bytes, written once per test session. Its Survei sheet has
    headers only: a copy in a test's folder has no responses file beside it, and the survey
    report is tested on its own (test_skm.py, with the example's responses)."""
    import tempfile

    from zidoc.config import load_config
    from zidoc.workbook.starter import write_example_workbook

    config = load_config(Path(__file__).resolve().parent.parent / "config.toml")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contoh.xlsx"
        write_example_workbook(path, config, survey=False)
        return path.read_bytes()


def example_copy(path: Path) -> Path:
    path.write_bytes(example_bytes())
    return path


def edit_workbook(path: Path, edit: Callable) -> Path:
    """Load `path` with openpyxl, call edit(wb), save it back."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def rewrite_part(path: Path, part: str, change: Callable[[str], str]) -> Path:
    """Rewrite one XML part of the .xlsx zip with change(text) -> text (new part if absent)."""
    tmp = path.with_suffix(".tmp-zip")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for name in names:
            data = src.read(name)
            if name == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            dst.writestr(name, data)
        if part not in names:
            dst.writestr(part, change("").encode("utf-8"))
    shutil.move(tmp, path)
    return path


def with_doctype(xml: str, doctype: str, entity: str, old: str) -> str:
    """Put `doctype` in the prolog and replace the first `old` text with a use of `entity`."""
    assert old in xml, old
    xml = xml.replace(old, f"&{entity};", 1)
    if xml.startswith("<?xml"):
        end = xml.index("?>") + 2
        return xml[:end] + doctype + xml[end:]
    return doctype + xml


def add_shared_strings(path: Path, body: str) -> Path:
    """Add xl/sharedStrings.xml (with `body` inside the <sst>), registered so openpyxl reads it."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rewrite_part(path, "xl/sharedStrings.xml",
                 lambda _: f'<?xml version="1.0" encoding="UTF-8"?>{body}'.replace(
                     "<sst>", f'<sst xmlns="{ns}" count="1" uniqueCount="1">'))
    rel = ('<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId99"/>')
    rewrite_part(path, "xl/_rels/workbook.xml.rels",
                 lambda xml: xml.replace("</Relationships>", rel + "</Relationships>"))
    override = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    rewrite_part(path, "[Content_Types].xml",
                 lambda xml: xml.replace("</Types>", override + "</Types>"))
    return path


def cache_formula_value(path: Path, sheet: str, coordinate: str, value: str) -> Path:
    """Give a formula cell written by openpyxl a cached value, as Excel does on save."""
    def change(xml: str) -> str:
        start = xml.index(f'<c r="{coordinate}"')
        end = xml.index("</c>", start)
        cell = xml[start:end]
        assert "<f>" in cell and "<v></v>" in cell, cell
        return xml[:start] + cell.replace("<v></v>", f"<v>{value}</v>") + xml[end:]

    return rewrite_part(path, SHEET_PART[sheet], change)


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every file and folder below `folder`: kind, content hash, modification time."""
    result: dict[str, tuple] = {}
    for item in sorted(folder.rglob("*")):
        key = item.relative_to(folder).as_posix()
        if item.is_dir():
            result[key] = ("dir",)
        else:
            data = item.read_bytes()
            result[key] = ("file", hashlib.sha256(data).hexdigest(), item.stat().st_mtime_ns)
    return result


def _set_by_key(path: Path, sheet: str, key_column: str, value_column: str, values: dict,
                number_format: str | None = None) -> Path:
    """Set `value_column` on the rows whose `key_column` is in `values` (None empties a cell)."""
    pending = dict(values)

    def change(wb):
        ws = wb[sheet]
        columns = {str(c.value).strip().lower(): c.column for c in ws[1] if c.value is not None}
        for row in range(2, ws.max_row + 1):
            key = ws.cell(row, columns[key_column]).value
            if key in pending:
                cell = ws.cell(row, columns[value_column])
                cell.value = pending.pop(key)
                if number_format:
                    cell.number_format = number_format
        assert not pending, f"keys not found in {sheet}: {pending}"

    return edit_workbook(path, change)


def set_identitas(path: Path, **values) -> Path:
    """Set Identitas values by key (None empties the cell)."""
    return _set_by_key(path, "Identitas", "kunci", "nilai", values)


def set_nilai(path: Path, persen: dict[str, object], number_format: str | None = None) -> Path:
    """Set Nilai.persen by kode."""
    return _set_by_key(path, "Nilai", "kode", "persen", persen, number_format)
