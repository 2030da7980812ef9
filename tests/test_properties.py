"""Property: whatever lands in the example workbook's cells, zidoc either writes documents
that python-docx reads back (exit 0) or refuses with messages (exit 1) and writes nothing.
Never a traceback, never an internal error, never a half-written file.

300 examples when the CI environment variable is set, 100 otherwise
(ZIDOC_PROPERTY_EXAMPLES overrides both)."""
from __future__ import annotations

import datetime
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, reject, settings
from hypothesis import strategies as st
from xlsx_edit import example_bytes
from zidoc.workbook.schema import SHEETS

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("ZIDOC_PROPERTY_EXAMPLES") or (300 if os.environ.get("CI") else 100))
HEADERS = {sheet.name: sheet.headers for sheet in SHEETS}
ROWS = {"Identitas": 14, "Nilai": 10, "Narasi": 18, "Penghargaan": 3, "Tim": 26,
        "RencanaAksi": 25, "Dokumen": 3, "LKE": 43}
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def excel_escape(text: str) -> str:
    """Control characters as Excel stores them (_x000B_); openpyxl refuses them raw."""
    return ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


texts = st.text(max_size=60).map(excel_escape)
number_texts = st.from_regex(r"\A[-+]?\d{1,30}([.,]\d{1,30})?( ?%)?\Z").map(str)
date_texts = st.one_of(
    st.from_regex(r"\A\d{1,2}/\d{1,2}/\d{4}\Z"),
    st.from_regex(r"\A\d{4}-\d{1,2}-\d{1,2}\Z"),
    st.tuples(st.integers(0, 40), st.sampled_from(
        ["Januari", "Februari", "Mei", "Agt", "Desember", "Mai", "feb"]),
        st.integers(1, 9999)).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
)
formulas = st.sampled_from(["=1/0", "=SUM(C2:C10)", "=A1", '="teks"', "=NOW()", "=#REF!",
                            '=IF(C2>0,"x","")', "=C2*100"])
errors = st.sampled_from(["#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"])
codes = st.sampled_from(["P1", "P6", "H3", "p2 ", "P7", "Ketua", "Anggota", "sk_tim",
                         "rencana_aksi", "x", "tahun", "nilai_resmi", "19680411 199303 1 009"])
values = st.one_of(
    st.none(), texts, number_texts, date_texts, formulas, errors, codes, st.booleans(),
    st.integers(-10**6, 10**6),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2200, 12, 31)),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1),
                 max_value=datetime.datetime(2200, 12, 31)),
    st.integers(4990, 5010).map(lambda n: "a" * n),
)
cells = st.tuples(
    st.sampled_from(sorted(HEADERS)),
    st.integers(1, 30),  # row 1 is the header row
    st.integers(1, 20),
    values,
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("kerja")
    shutil.copy(REPO / "config.toml", work / "config.toml")
    shutil.copytree(REPO / "templates" / "docx", work / "templates" / "docx")
    return work


def mutated_workbook(path: Path, edits) -> None:
    import openpyxl

    path.write_bytes(example_bytes())
    wb = openpyxl.load_workbook(path)
    for sheet, row, column, value in edits:
        ws = wb[sheet]
        column = min(column, len(HEADERS[sheet]) + 1)
        row = min(row, ROWS[sheet] + 2)
        try:
            ws.cell(row=row, column=column).value = value
        except (ValueError, TypeError):  # openpyxl refuses it: Excel could not hold it either
            reject()
    try:
        wb.save(path)
    except (ValueError, TypeError):
        reject()


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(edits=st.lists(cells, min_size=1, max_size=4))
def test_any_cell_content_gives_documents_or_messages(folder, edits):
    from docx import Document
    from zidoc.cli.commands import main

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        source = scratch / "isian.xlsx"
        mutated_workbook(source, edits)
        out = scratch / "hasil"
        old = Path.cwd()
        os.chdir(folder)
        try:
            result = CliRunner().invoke(main, ["build", "--out", str(out), str(source)])
        finally:
            os.chdir(old)

        event(f"exit {result.exit_code}")
        assert result.exit_code in (0, 1), result.output
        assert isinstance(result.exception, (SystemExit, type(None))), result.exc_info
        assert "Traceback" not in result.output
        files = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
        assert not [p for p in files if p.name.endswith(".tmp")]
        if result.exit_code == 0:
            documents = [p for p in files if p.suffix == ".docx"]
            assert documents and any(p.name == "manifest.json" for p in files)
            for path in documents:
                assert Document(str(path)).paragraphs
        else:
            assert files == [] and not out.exists()
            problems = [line for line in result.output.splitlines() if line.startswith("  ")]
            assert problems, result.output


@pytest.fixture(scope="module")
def lke():
    from zidoc.config import load_config

    return load_config(REPO / "config.toml").lke


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=number_texts | st.from_regex(r"\A\d{15,30}[.,]\d{5,30}\Z"),
       row=st.integers(2, 10))  # the nine Nilai rows
def test_any_number_text_in_a_persen_cell_is_a_number_or_a_message(lke, text, row):
    """Focused on the number cells (the test above spreads its edits over every sheet)."""
    import openpyxl
    from zidoc.workbook.reader import read_workbook

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "isian.xlsx"
        path.write_bytes(example_bytes())
        wb = openpyxl.load_workbook(path)
        wb["Nilai"][f"C{row}"].value = text
        wb.save(path)
        model, problems = read_workbook(path, lke.areas, lke.codes)
    assert (model is None) == problems.has_errors
    if model is None:
        assert any(p.cell == f"C{row}" and p.sheet == "Nilai" for p in problems), \
            [str(p) for p in problems]
