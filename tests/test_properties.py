"""Properties: whatever lands in the example workbook's cells, zidoc either reads it into a
model whose documents can be built, or refuses with messages. Never an exception, never an
internal error, never a half-written file.

Two tiers over the same cell edits (the edited workbook is always saved by openpyxl and read
back from its bytes):
- reading, rules and document contexts in memory (no rendering): many examples,
  ZIDOC_PROPERTY_EXAMPLES, default 20 (1000 when the CI environment variable is set);
- full `zidoc build` runs, documents read back with python-docx: ZIDOC_PROPERTY_BUILDS,
  default 5 (300 with CI, as many as before the split).
The persen-cell property puts the text into the sheet's XML in memory (no openpyxl save per
example); a few examples also go through openpyxl's save to show both give the same result."""
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
CI = bool(os.environ.get("CI"))
EXAMPLES = int(os.environ.get("ZIDOC_PROPERTY_EXAMPLES") or (1000 if CI else 20))
BUILDS = int(os.environ.get("ZIDOC_PROPERTY_BUILDS") or (300 if CI else 5))
HEADERS = {sheet.name: sheet.headers for sheet in SHEETS}
ROWS = {"Identitas": 14, "Nilai": 10, "Narasi": 18, "Penghargaan": 3, "Tim": 26,
        "RencanaAksi": 25, "Dokumen": 6, "LKE": 43, "Realisasi": 27, "Survei": 5, "Rapat": 2,
        "Peserta": 5}
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
                         "rencana_aksi", "x", "tahun", "nilai_resmi", "19680411 199303 1 009",
                         "monev_tw2", "RA-01", "ra-02", "II", "TW 3", "5"])
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


def mutated_bytes(edits) -> bytes:
    """The example workbook with `edits` applied by openpyxl and saved: the bytes of the file."""
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(example_bytes()))
    for sheet, row, column, value in edits:
        ws = wb[sheet]
        column = min(column, len(HEADERS[sheet]) + 1)
        row = min(row, ROWS[sheet] + 2)
        try:
            ws.cell(row=row, column=column).value = value
        except (ValueError, TypeError):  # openpyxl refuses it: Excel could not hold it either
            reject()
    buffer = io.BytesIO()
    try:
        wb.save(buffer)
    except (ValueError, TypeError):
        reject()
    return buffer.getvalue()


def mutated_workbook(path: Path, edits) -> None:
    path.write_bytes(mutated_bytes(edits))


@pytest.fixture(scope="module")
def config():
    from zidoc.config import load_config

    return load_config(REPO / "config.toml")


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(edits=st.lists(cells, min_size=1, max_size=4))
def test_any_cell_content_gives_a_model_and_contexts_or_messages(config, tmp_path, edits):
    """Reading, scoring, the rules and every document's context (what a build does before
    rendering), in memory: a model with no errors and contexts for the documents, or errors
    each with its message; never an exception."""
    from zidoc.build import document_jobs, load

    data = mutated_bytes(edits)
    loaded = load(Path("isian.xlsx"), config, tmp_path / "hasil", data)
    errors = loaded.problems.errors
    event(f"errors: {bool(errors)}")
    assert (loaded.workbook is None) == bool(errors)
    assert all(str(p).strip() and p.message for p in loaded.problems), \
        [str(p) for p in loaded.problems]
    if loaded.workbook is None:
        assert errors
        return
    assert loaded.scores is not None
    jobs, skipped = document_jobs(loaded.workbook, loaded.scores, config)
    assert any(job.document.kind == "laporan" for job in jobs)  # the Laporan is always made
    # Each document (the registry's and those config.toml declares) made or said skipped; the
    # example's meetings are always there: their packs are made, one job per meeting; an
    # optional document without its data is left out.
    once = [d for d in config.documents if d.per_row is None and not (
        d.optional and d.rows is not None and not getattr(loaded.workbook, d.rows))]
    assert len([j for j in jobs if j.document.per_row is None]) + len(skipped) == len(once)
    for job in jobs:
        assert isinstance(job.context, dict) and job.context
    assert not (tmp_path / "hasil").exists()  # reading never writes


@settings(max_examples=BUILDS, deadline=None,
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
def lke(config):
    """config.lke, with the documents of the same config (the Dokumen rows they allow)."""
    from types import SimpleNamespace

    return SimpleNamespace(areas=config.lke.areas, codes=config.lke.codes,
                           documents=config.documents)


persen_texts = number_texts | st.from_regex(r"\A\d{15,30}[.,]\d{5,30}\Z")
NILAI_ROWS = st.integers(2, 10)  # the nine Nilai rows


def persen_in_xml(text: str, row: int) -> bytes:
    """The example workbook with Nilai!C<row> holding `text` as a string cell, written into the
    sheet's XML (as Excel stores typed text; openpyxl reads it back as that str)."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    from xlsx_edit import SHEET_PART

    part = SHEET_PART["Nilai"]
    source = zipfile.ZipFile(io.BytesIO(example_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == part:
                xml = data.decode("utf-8")
                cell = re.search(rf'<c r="C{row}"( s="\d+")?[^>]*>.*?</c>', xml)
                assert cell, f"C{row} not in {part}"
                xml = (xml[:cell.start()]
                       + f'<c r="C{row}"{cell.group(1) or ""} t="inlineStr"><is><t>'
                       + escape(text) + "</t></is></c>" + xml[cell.end():])
                data = xml.encode("utf-8")
            target.writestr(info, data)
    return buffer.getvalue()


def read_persen(lke, data: bytes):
    from zidoc.workbook.reader import read_workbook

    return read_workbook(Path("isian.xlsx"), lke.areas, lke.codes, data,
                         documents=lke.documents)


def check_persen(model, problems, row: int) -> None:
    assert (model is None) == problems.has_errors
    if model is None:
        assert any(p.cell == f"C{row}" and p.sheet == "Nilai" for p in problems), \
            [str(p) for p in problems]


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=persen_texts, row=NILAI_ROWS)
def test_any_number_text_in_a_persen_cell_is_a_number_or_a_message(lke, text, row):
    """Focused on the number cells (the tests above spread their edits over every sheet)."""
    model, problems = read_persen(lke, persen_in_xml(text, row))
    check_persen(model, problems, row)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=persen_texts, row=NILAI_ROWS)
def test_a_persen_text_saved_by_openpyxl_reads_as_in_the_xml(lke, text, row):
    """Real saved-and-read examples: openpyxl's file gives the same model and messages as the
    XML the test above writes, so its many examples stand for saved workbooks."""
    import openpyxl
    from zidoc.workbook.reader import read_workbook

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "isian.xlsx"
        path.write_bytes(example_bytes())
        wb = openpyxl.load_workbook(path)
        wb["Nilai"][f"C{row}"].value = text
        wb.save(path)
        saved_model, saved_problems = read_workbook(path, lke.areas, lke.codes,
                                                    documents=lke.documents)
        model, problems = read_workbook(path, lke.areas, lke.codes, persen_in_xml(text, row),
                                        documents=lke.documents)
    check_persen(saved_model, saved_problems, row)
    assert [str(p) for p in saved_problems] == [str(p) for p in problems]
    assert saved_model == model

