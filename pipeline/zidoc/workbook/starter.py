"""The starter workbook that `zidoc init` writes: the example (KPU Kota Bengkulu 2024).

`write_example_workbook(path, config)` writes a workbook that follows the contract in
`spec/workbook.md`, generated from `schema.py`: a `Petunjuk` (instructions) sheet written from
the columns' help texts, then one sheet per declared sheet with its headers, widths, number
formats and dropdowns, filled with the example rows of `contoh.toml` (`example.load_example`).
The LKE codes, component names and weights come from the loaded config (`config.lke`).

openpyxl is imported inside the writer only.
"""
from __future__ import annotations

import pathlib
from decimal import Decimal

from zidoc.registry import DOCUMENTS, dokumen_codes, keputusan_keys, member_sheets
from zidoc.workbook import schema
from zidoc.workbook.example import Example, load_example
from zidoc.workbook.model import MONTHS
from zidoc.workbook.ringkasan import PETUNJUK_LINES as RINGKASAN_PETUNJUK
from zidoc.workbook.ringkasan import write_ringkasan
from zidoc.workbook.values import show_number

# ---------------------------------------------------------------------------
# Petunjuk (instructions, Indonesian). Each entry: (style, text); style is one of
# "banner", "title", "heading", "text".
# ---------------------------------------------------------------------------

BANNER = (
    "PERHATIAN: workbook ini berisi data CONTOH (Laporan Zona Integritas KPU Kota Bengkulu "
    "Tahun 2024). Ganti seluruh isinya dengan data satuan kerja Anda sendiri sebelum membuat "
    "dokumen. Nama anggota tim (Pegawai 1, Pegawai 2, ...) dan rencana aksi hanyalah contoh."
)

def documents_sentence(documents=DOCUMENTS) -> str:
    """'Workbook ini adalah sumber data untuk 4 dokumen: A, B, C, dan D (per triwulan). ...'
    from the documents of the config (config.documents: the registry's and the Keputusan
    config.toml declares)."""
    names = [d.title + (f" (per {d.period.option})" if d.period is not None else
                        f" (per {d.per_row.option})" if d.per_row is not None else "")
             for d in documents]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", dan " + names[-1]
    return (f"Workbook ini adalah sumber data untuk {len(names)} dokumen: {listed}. Isi satu "
            "workbook untuk satu satuan kerja dan satu tahun.")


def intro(documents=DOCUMENTS) -> tuple[tuple[str, str], ...]:
    return (
        ("title", "PETUNJUK PENGISIAN WORKBOOK ZONA INTEGRITAS"),
        ("text", documents_sentence(documents)),
        *RULES,
    )


RULES = (
    ("heading", "Aturan umum"),
    ("text",
     "- Jangan mengubah nama lembar (sheet) dan judul kolom di baris 1. Urutan kolom boleh "
     "diubah; kolom tambahan tidak dibaca."),
    ("text", "- Satu baris untuk satu data. Baris yang kosong seluruhnya dilewati."),
    ("text",
     "- Kolom yang bertanda pilihan (panah di pojok sel) hanya menerima isi dari daftar "
     "pilihan."),
    ("text",
     "- Angka boleh ditulis 88,63 atau 88.63 atau 88,63% atau sebagai sel persen Excel "
     "(tampil 88,63%). Semuanya dibaca 88,63."),
    ("text",
     "- Tanggal boleh berupa tanggal Excel, atau ditulis 2025-05-19, 19/05/2025, atau "
     "19 Mei 2025."),
)

# How to add another Keputusan with a Lampiran of people: config.toml and this workbook only.
ANOTHER_KEPUTUSAN = (
    ("heading", "Menambah Keputusan lain (misalnya SK Tim Pengelola Pengaduan)"),
    ("text",
     "1. Di config.toml, salin satu tabel Keputusan yang sudah ada, misalnya "
     "[keputusan.sk_agen_perubahan] beserta [[keputusan.sk_agen_perubahan.diktum]]-nya, lalu "
     "ganti namanya, misalnya [keputusan.sk_pengaduan]. Isi judul, sheet (nama lembar daftar "
     "orangnya, misalnya \"TimPengaduan\"), kedudukan (urutan di Lampiran), tentang, "
     "judul_lampiran, menimbang, mengingat dan diktum."),
    ("text",
     "2. Di workbook ini, buat lembar baru dengan nama yang sama dengan sheet di config.toml "
     "(salin lembar AgenPerubahan lalu ganti namanya). Kolomnya sama dengan lembar Tim: "
     "nama, jabatan, kedudukan (wajib), nip, pangkat_golongan, area, no (tidak wajib)."),
    ("text",
     "3. Di lembar Dokumen, tambahkan satu baris: dokumen = nama tabelnya (sk_pengaduan), "
     "nomor dan tanggal Keputusan."),
    ("text",
     "4. Jalankan zidoc build: Keputusan itu disusun menjadi sk-pengaduan-zi-<tahun>.docx. "
     "Untuk menyusun hanya Keputusan itu: zidoc build --only sk-pengaduan."),
)

OUTRO = (
    ("heading", "Setelah selesai mengisi"),
    ("text", "1. Simpan workbook ini (format .xlsx)."),
    ("text",
     "2. Periksa isinya dengan perintah: zidoc validate nama-file.xlsx. Semua kesalahan "
     "ditampilkan sekaligus beserta letaknya, misalnya Nilai!C4 (lembar Nilai, sel C4). "
     "Di Windows cukup klik dua kali periksa-workbook.cmd di folder kerja: masalahnya "
     "ditandai langsung di salinan workbook (nama-file-diperiksa.xlsx) yang dibuka di Excel."),
    ("text",
     "3. Jika tidak ada kesalahan lagi, buat dokumen dengan perintah: zidoc build "
     "nama-file.xlsx. Hasilnya berupa file Word (.docx) yang dapat diperiksa dan "
     "dirapikan kembali di Word. Di Windows: klik dua kali buat-dokumen.cmd."),
)


def _names(columns) -> str:
    """Column headers joined by commas; the twelve month columns as one phrase."""
    headers = [c.header for c in columns]
    if all(m in headers for m in MONTHS):
        at = headers.index(MONTHS[0])
        headers = [h for h in headers if h not in MONTHS]
        headers.insert(at, f"kolom bulan {MONTHS[0]} sampai {MONTHS[-1]}")
    return ", ".join(headers)


def _bobot(value: Decimal) -> str:
    return show_number(value.normalize() if value == value.to_integral() else value)


def _choices(column: schema.Column, lke, documents=DOCUMENTS) -> tuple[tuple[str, str], ...]:
    """Petunjuk lines for a coded column's choices."""
    if (column.vocabulary is None and column.choices is None) or column.kind != schema.CODE:
        return ()
    if column.vocabulary == schema.CODES:  # the LKE components, with their weights
        weights = {i.kode: i.bobot for i in lke.pengungkit}
        weights.update({i.kode: i.bobot for g in lke.hasil for i in g.indikator})
        return tuple(("text", f"{kode} = {lke.nama(kode)} (bobot {_bobot(weights[kode])})")
                     for kode in lke.codes)
    values = column.values(lke.areas, lke.codes, documents=documents)
    return (("text", f"  Pilihan {column.header}: {', '.join(values)}."),)


def _sheet_petunjuk(spec: schema.Sheet, lke, documents=DOCUMENTS) -> list[tuple[str, str]]:
    lines = [("heading", f"Lembar {spec.name} ({spec.use})")]
    if spec.key_value:  # one row per key: the columns, then the keys
        lines.append(("text", "Satu baris untuk satu kunci. Kolom:"))
        lines.extend(("text", f"- {c.header}: {c.help}") for c in spec.columns if c.help)
        lines.extend(("text", note) for note in spec.notes)
        required = [k.name for k in spec.keys if k.required]
        optional = [k.name for k in spec.keys if not k.required]
        lines.append(("text", "Kunci wajib diisi: " + ", ".join(required) + "."))
        lines.append(("text", "Kunci tidak wajib: " + ", ".join(optional) + "."))
        lines.extend(("text", f"- {k.name}: {k.help}.") for k in spec.keys)
        return lines
    required = [c for c in spec.columns if c.required]
    optional = [c for c in spec.columns if not c.required]
    text = f"Kolom wajib: {_names(required)}."
    if optional:
        text += f" Kolom tidak wajib: {_names(optional)}."
    lines.append(("text", text))
    for column in spec.columns:
        if column.help:
            lines.append(("text", f"- {column.header}: {column.help}"))
            lines.extend(_choices(column, lke, documents))
    lines.extend(("text", note) for note in spec.notes)
    return lines


def petunjuk(lke, documents=DOCUMENTS) -> tuple[tuple[str, str], ...]:
    """The Petunjuk sheet's lines for the LKE and the documents of the loaded config."""
    lines: list[tuple[str, str]] = [("banner", BANNER), *intro(documents)]
    for spec in schema.sheets_for(documents):
        lines.extend(_sheet_petunjuk(spec, lke, documents))
        if spec.name == schema.RINGKASAN_AFTER:
            lines.extend(RINGKASAN_PETUNJUK)
    lines.extend(ANOTHER_KEPUTUSAN)
    lines.extend(OUTRO)
    return tuple(lines)


# ---------------------------------------------------------------------------
# Writer
# ---------------------------------------------------------------------------


def sheet_rows(spec: schema.Sheet, example: Example, lke, structure=None,
               documents=DOCUMENTS) -> list[dict[str, object]]:
    """The example rows of a sheet, keyed by column name, as written. The LKE sheet lists
    every indicator of `structure` (zidoc.lke.Structure), unanswered. The Dokumen sheet has a
    row for each Keputusan of `documents` (config.documents), and the people sheet of a
    declared Keputusan the example has no data for lists one placeholder per position."""
    if spec is schema.LKE:
        return [{"indikator": i.kode, "nama_indikator": i.nama}
                for i in (structure.indicators if structure is not None else ())]
    if spec.key_value:
        values = example.keys(spec.name)
        return [{schema.KEY_COLUMN: key.name, schema.VALUE_COLUMN: values.get(key.name),
                 "keterangan": key.keterangan} for key in spec.keys]
    if spec is schema.DOKUMEN_SHEET:
        return _dokumen_rows(example, documents)
    if not example.rows(spec.name) and spec.name in dict(member_sheets(documents)):
        positions = dict(member_sheets(documents))[spec.name].kedudukan
        return [{"no": n, "nama": f"Pegawai {n}", "jabatan": "Jabatan dalam satuan kerja",
                 "kedudukan": k} for n, k in enumerate(positions, 1)]
    rows = []
    for data in example.rows(spec.name):
        row = {name: value for name, value in data.items() if name != "bulan"}
        row.update({month: "x" for month in data.get("bulan", ())})
        if spec is schema.NILAI and not row.get("komponen"):
            row["komponen"] = lke.nama(row["kode"])
        rows.append(row)
    return rows


def _dokumen_rows(example: Example, documents) -> list[dict[str, object]]:
    """The example's Dokumen rows for the documents of this config, and a placeholder row
    (number 1, the Tim's date) for a declared Keputusan the example has none for."""
    codes = dokumen_codes(documents)
    rows = [dict(r) for r in example.dokumen if r["dokumen"] in codes]
    present = {r["dokumen"] for r in rows}
    first = example.dokumen[0]
    rows += [{**dict(first), "dokumen": code, "nomor": "1"}
             for code in keputusan_keys(documents) if code not in present]
    return rows


def _cell_value(value: object) -> object:
    if value == "":
        return None
    if isinstance(value, Decimal):
        return float(value)  # shown with the column's format; repr is the exact decimal
    return value


def _column_letter(spec: schema.Sheet, name: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter([c.name for c in spec.columns].index(name) + 1)


def _write_petunjuk(ws, lines) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.column_dimensions["A"].width = 110
    wrap = Alignment(wrap_text=True, vertical="top")
    styles = {
        "banner": (Font(bold=True, size=13, color="9C0006"),
                   PatternFill("solid", fgColor="FFEB9C")),
        "title": (Font(bold=True, size=14), None),
        "heading": (Font(bold=True, size=12), PatternFill("solid", fgColor="DDEBF7")),
        "text": (Font(size=11), None),
    }
    for row_number, (style, text) in enumerate(lines, start=1):
        cell = ws.cell(row=row_number, column=1, value=text)
        font, fill = styles[style]
        cell.font = font
        cell.alignment = wrap
        if fill is not None:
            cell.fill = fill
        if style == "banner":
            ws.row_dimensions[row_number].height = 52
    ws.sheet_properties.tabColor = "C00000"


def _write_data_sheet(ws, spec: schema.Sheet, rows: list[dict[str, object]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    for index, column in enumerate(spec.columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
        ws.column_dimensions[_column_letter(spec, column.name)].width = column.width
    ws.freeze_panes = "A2"

    top = Alignment(vertical="top")
    wrapped = Alignment(wrap_text=True, vertical="top")
    centered = Alignment(horizontal="center", vertical="top")
    for row_number, row in enumerate(rows, start=2):
        key = spec.key(row[schema.KEY_COLUMN]) if spec.key_value else None
        for index, column in enumerate(spec.columns, start=1):
            value = _cell_value(row.get(column.name))
            cell = ws.cell(row=row_number, column=index)
            number_format = column.number_format
            if key is not None and column.name == schema.VALUE_COLUMN:
                number_format = key.number_format
            if number_format is not None:
                cell.number_format = number_format
            if value is not None:
                cell.value = value
            if column.wrap:
                cell.alignment = wrapped
            elif column.kind == schema.MARK:
                cell.alignment = centered
            else:
                cell.alignment = top

    # Empty rows below the example keep the text format (NIP, nomor), so that numbers typed
    # there stay text.
    for column in spec.columns:
        if column.number_format == schema.TEXT_FORMAT:
            letter = _column_letter(spec, column.name)
            for row_number in range(len(rows) + 2, schema.TEXT_FORMAT_LAST_ROW + 1):
                ws[f"{letter}{row_number}"].number_format = schema.TEXT_FORMAT


def _add_validations(ws, spec: schema.Sheet, lke, structure=None, documents=DOCUMENTS) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    for column in spec.columns:
        dropdown = column.dropdown
        if dropdown is None:
            continue
        if structure is None and column.vocabulary in (schema.LKE_JENIS, schema.LKE_JAWABAN):
            continue  # no usable lke.toml: the LKE sheet gets its headers only
        values: tuple[str, ...] = ()
        if dropdown.source is not None:  # what is typed in another sheet's column
            other = schema.sheet(dropdown.source[0])
            letter = _column_letter(other, dropdown.source[1])
            kind = {"type": "list", "formula1": f"={other.name}!${letter}$2:${letter}$"
                                                f"{schema.VALIDATION_LAST_ROW}"}
        elif dropdown.is_list:
            values = column.values(lke.areas, lke.codes, structure, documents)
            kind = {"type": "list", "formula1": '"' + ",".join(values) + '"'}
        else:
            kind = {"type": "decimal", "operator": "between", "formula1": dropdown.low,
                    "formula2": dropdown.high}
        pilihan = ", ".join(values)
        validation = DataValidation(
            **kind,
            allow_blank=True,
            showInputMessage=True,
            showErrorMessage=True,
            errorStyle="stop" if dropdown.stop else "warning",
            promptTitle=dropdown.title,
            prompt=dropdown.prompt.format(pilihan=pilihan),
            errorTitle=dropdown.error_title,
            error=dropdown.error.format(pilihan=pilihan),
        )
        letter = _column_letter(spec, column.name)
        validation.add(f"{letter}2:{letter}{schema.VALIDATION_LAST_ROW}")
        ws.add_data_validation(validation)


def _structure(config):
    """The LKE structure of the folder (else the packaged one); None when neither fits
    `config` (the LKE sheet is then written with its headers only)."""
    from zidoc.config import ConfigError, packaged_data
    from zidoc.lke import LKE_NAME, load_structure, structure_path

    for path in (structure_path(config), packaged_data() / LKE_NAME):
        try:
            return load_structure(path, config.lke)
        except ConfigError:
            continue
    return None


def write_example_survey(folder: pathlib.Path) -> pathlib.Path | None:
    """The example's survey responses, beside the example workbook (kept when already there).
    Returns the file when it was written."""
    from zidoc.fs.files import atomic_write
    from zidoc.workbook.example import SURVEI_FILE, survei_bytes

    target = pathlib.Path(folder) / SURVEI_FILE
    if target.exists():
        return None
    atomic_write(target, survei_bytes())
    return target


def write_example_workbook(path: pathlib.Path, config, structure=None,
                           survey: bool = True) -> None:
    """Write the KPU Kota Bengkulu 2024 example workbook (all sheets) to `path`, with the
    LKE codes, names and weights of `config` (a loaded Config) and the indicators of the LKE
    `structure` (default: the folder's lke.toml, see `_structure`). `survey`: its Survei
    sheet names the example responses file, written beside the workbook too (an existing
    one is kept); False leaves that sheet with its headers only (no survey report)."""
    from openpyxl import Workbook

    lke = config.lke
    if structure is None:
        structure = _structure(config)
    example = load_example()
    if not survey:
        from dataclasses import replace

        from zidoc.workbook.example import Row

        example = replace(example, survei=Row({}))
    path = pathlib.Path(path)
    wb = Workbook()
    sheet = wb.active
    sheet.title = schema.PETUNJUK
    documents = config.documents
    _write_petunjuk(sheet, petunjuk(lke, documents))
    for spec in schema.sheets_for(documents):
        ws = wb.create_sheet(spec.name)
        rows = sheet_rows(spec, example, lke, structure, documents)
        if spec.key_value and not any(row[schema.VALUE_COLUMN] for row in rows):
            rows = []  # a key/value sheet not in use (Survei): its headers only
        _write_data_sheet(ws, spec, rows)
        _add_validations(ws, spec, lke, structure, documents)
        if spec.name == schema.RINGKASAN_AFTER:  # live totals, in Excel formulas
            write_ringkasan(wb.create_sheet(schema.RINGKASAN), config)
    wb.calculation.fullCalcOnLoad = True  # the formulas have no stored values yet
    wb.active = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    if survey:
        write_example_survey(path.parent)


if __name__ == "__main__":  # pragma: no cover
    # Regenerate the committed example (from the repo root, with its config.toml):
    #   python -m zidoc.workbook.starter inputs/2024/contoh-kpu-kota-bengkulu-2024.xlsx
    import sys

    from zidoc.config import load_config

    write_example_workbook(pathlib.Path(sys.argv[1]), load_config())
