"""Safety: XML entities refused (our own check and openpyxl's defusedxml), template variables,
sanitised file names, internal errors logged, unwritable output folders."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import openpyxl
import pytest
from conftest import run_cli
from defusedxml import DefusedXmlException
from xlsx_edit import (
    BILLION_LAUGHS,
    SHEET_PART,
    XXE,
    add_shared_strings,
    edit_workbook,
    example_copy,
    rewrite_part,
    snapshot,
    with_doctype,
)
from zidoc.fs.files import WINDOWS_RESERVED, slug
from zidoc.workbook.xlsx import WorkbookFileError, check_file, open_workbook


def bomb_in_sheet(path: Path) -> Path:
    return rewrite_part(path, SHEET_PART["Narasi"],
                        lambda xml: with_doctype(xml, BILLION_LAUGHS, "lol9", "<t>P1</t>"))


def cause_chain(exc: BaseException) -> list[BaseException]:
    chain = []
    while exc is not None:
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    return chain


@pytest.mark.parametrize("make", [
    bomb_in_sheet,
    lambda p: add_shared_strings(p, BILLION_LAUGHS + "<sst><si><t>&lol9;</t></si></sst>"),
    lambda p: rewrite_part(p, SHEET_PART["Narasi"],
                           lambda xml: with_doctype(xml, XXE, "xxe", "<t>P1</t>")),
], ids=["bomb-sheet", "bomb-shared-strings", "xxe-sheet"])
def test_openpyxl_itself_refuses_entities_through_defusedxml(tmp_path, make):
    """Second line of defence: even without zidoc's own prolog check, openpyxl parses
    worksheets and shared strings with defusedxml and refuses entity declarations."""
    path = make(example_copy(tmp_path / "bom.xlsx"))
    with pytest.raises(Exception) as info:
        openpyxl.load_workbook(path, data_only=True)
    assert any(isinstance(e, DefusedXmlException) for e in cause_chain(info.value))


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml",
                                  "xl/_rels/workbook.xml.rels", "docProps/core.xml"])
def test_doctype_in_any_part_is_refused_before_parsing(tmp_path, part):
    path = example_copy(tmp_path / "bom.xlsx")
    rewrite_part(path, part, lambda xml: XXE + xml if not xml.startswith("<?xml")
                 else xml.replace("?>", "?>" + XXE, 1))
    with pytest.raises(WorkbookFileError) as info:
        check_file(path)
    assert "ditolak demi keamanan" in str(info.value)


def test_entity_bomb_refused_by_cli(workspace, tmp_path):
    """The issue's 'refused in under 2 s' is measured in benchmarks/bench_bad_input.py."""
    path = bomb_in_sheet(example_copy(tmp_path / "bom.xlsx"))
    result = run_cli("validate", str(path))
    assert result.exit_code == 1
    assert "bom.xlsx ditolak demi keamanan" in result.output
    assert "Traceback" not in result.output


def test_open_workbook_finds_uncached_formulas_only(tmp_path):
    path = example_copy(tmp_path / "rumus.xlsx")
    edit_workbook(path, lambda wb: (wb["Nilai"].__setitem__("C2", "=88+0.63"),
                                    wb["Nilai"].__setitem__("C3", "=SUM(1,2)")))
    from xlsx_edit import cache_formula_value

    cache_formula_value(path, "Nilai", "C3", "3")
    opened = open_workbook(path)
    assert opened.uncached == {"Nilai": {"C2": "=88+0.63"}}


def test_formulas_are_found_in_one_openpyxl_load(tmp_path, monkeypatch):
    path = example_copy(tmp_path / "rumus.xlsx")
    edit_workbook(path, lambda wb: wb["Nilai"].__setitem__("C2", "=88+0.63"))
    loads = []
    real = openpyxl.load_workbook
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: loads.append(k) or real(*a, **k))
    opened = open_workbook(path)
    assert opened.uncached == {"Nilai": {"C2": "=88+0.63"}}
    assert loads == [{"data_only": True}]


def test_uncached_shared_formulas_are_named_per_cell(tmp_path):
    """Excel stores a filled-down formula once (t="shared"); every cell of it is found."""
    import re

    path = example_copy(tmp_path / "rumus.xlsx")
    edit_workbook(path, lambda wb: (wb["Nilai"].__setitem__("C2", "=D2+1"),
                                    wb["Nilai"].__setitem__("C3", "=D3+1")))

    def share(xml: str) -> str:
        xml = re.sub(r'(<c r="C2"[^>]*>)<f>D2\+1</f>',
                     r'\1<f t="shared" ref="C2:C3" si="0">D2+1</f>', xml)
        return re.sub(r'(<c r="C3"[^>]*>)<f>D3\+1</f><v\s*/?>(</v>)?',
                      r'\1<f t="shared" si="0"/>', xml)

    rewrite_part(path, SHEET_PART["Nilai"], share)
    assert 't="shared" si="0"/>' in zipfile_text(path, SHEET_PART["Nilai"])
    assert open_workbook(path).uncached == {"Nilai": {"C2": "=D2+1", "C3": "=D3+1"}}


def test_open_workbook_uses_the_bytes_it_is_given(tmp_path):
    path = example_copy(tmp_path / "isian.xlsx")
    data = path.read_bytes()
    path.write_bytes(b"sudah diganti")  # saved over meanwhile: the given bytes still count
    opened = open_workbook(path, data)
    assert "Nilai" in opened.book.sheetnames


def zipfile_text(path: Path, part: str) -> str:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode("utf-8")


# --- file names made from workbook text ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "../../etc/passwd", "..\\..\\Windows\\System32", "/absolut/jalan", "C:\\Users\\x",
    "..", ".", "KPU/Kota\\Bengkulu", 'a<b>c:d"e/f\\g|h?i*j', "CON", "nul", "COM1", "lpt9",
    "con.txt", "Aux", " ", "", "日本語", "\u00a0\t\n", "x" * 300, "KPU Kota Bengkulu.",
])
def test_slug_is_a_safe_folder_name(text):
    name = slug(text)
    assert name and len(name) <= 60
    assert not set(name) & set('<>:"/\\|?*. \t\n')
    assert ".." not in name
    assert name.split(".")[0].lower() not in WINDOWS_RESERVED
    assert name == name.lower()
    assert Path(name).name == name and not Path(name).is_absolute()


def test_slug_keeps_readable_names():
    assert slug("KPU Kota Bengkulu") == "kpu-kota-bengkulu"
    assert slug("Dinas Pendidikan & Kebudayaan") == "dinas-pendidikan-kebudayaan"
    assert slug("Kantor Wilayah Kemenkumham Sulawesi Selatan (Kanwil)") == (
        "kantor-wilayah-kemenkumham-sulawesi-selatan-kanwil")
    assert slug("CON") == "satker-con"
    assert slug("../..").startswith("satker-") and slug("../..") == slug("../..")


def test_satker_name_with_path_tricks_stays_inside_outputs(workspace, tmp_path):
    path = example_copy(tmp_path / "isian.xlsx")
    edit_workbook(path, lambda wb: wb["Identitas"].__setitem__("B4", "../../../CON"))
    result = run_cli("build", str(path))
    assert result.exit_code == 0, result.output
    outputs = (workspace / "outputs").resolve()
    written = [p for p in (workspace / "outputs").rglob("*") if p.is_file()]
    assert written and all(outputs in p.resolve().parents for p in written)
    assert {p.resolve().relative_to(outputs).parts[:2] for p in written} == {("2024", "satker-con")}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["isian.xlsx", "kerja"]


# --- templates ----------------------------------------------------------------------------

def write_template(path: Path, text: str) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("Laporan {{ tahun }}")
    document.add_paragraph(text)
    document.save(str(path))


def test_unknown_template_variable_is_an_error_naming_it(config, tmp_path):
    from zidoc.documents.render import RenderError, render_docx

    template = tmp_path / "templat.docx"
    write_template(template, "Nama: {{ nama_kantor_yang_salah }}")
    with pytest.raises(RenderError) as info:
        render_docx(template, {"tahun": "2024"}, config)
    assert "'nama_kantor_yang_salah'" in str(info.value)
    assert "templat.docx" in str(info.value)


def test_unknown_attribute_is_an_error_naming_it(config, tmp_path):
    from zidoc.documents.render import RenderError, render_docx

    template = tmp_path / "templat.docx"
    write_template(template, "{{ satker.alamat_kantor }}")
    with pytest.raises(RenderError) as info:
        render_docx(template, {"tahun": "2024", "satker": {"nama": "KPU"}}, config)
    assert "alamat_kantor" in str(info.value)


def test_build_with_broken_template_writes_nothing(workspace, tmp_path):
    write_template(workspace / "templates" / "docx" / "laporan-pelaksanaan.docx",
                   "{{ variabel_tidak_ada }}")
    path = example_copy(tmp_path / "isian.xlsx")
    before = snapshot(workspace / "outputs")
    result = run_cli("build", str(path))
    assert result.exit_code == 1
    # A template problem: the template file and its paragraph, never the workbook's cells.
    assert "templat " in result.output and "laporan-pelaksanaan.docx" in result.output
    assert "variabel 'variabel_tidak_ada' tidak dikenal" in result.output
    assert '"{{ variabel_tidak_ada }}"' in result.output and "Perbaiki sel" not in result.output
    assert snapshot(workspace / "outputs") == before


def test_template_with_broken_tag(workspace, tmp_path):
    write_template(workspace / "templates" / "docx" / "laporan-pelaksanaan.docx",
                   "{% if tahun %} tanpa penutup")
    result = run_cli("build", str(example_copy(tmp_path / "isian.xlsx")))
    assert result.exit_code == 1
    assert "tag '{% if tahun %}' membuka blok yang tidak ditutup" in result.output
    assert '"{% if tahun %} tanpa penutup"' in result.output and "(baris" not in result.output
    assert list((workspace / "outputs").iterdir()) == []


# --- internal errors and the file system --------------------------------------------------

def test_internal_error_prints_one_line_and_writes_a_log(workspace, tmp_path, monkeypatch):
    import zidoc.build

    def broken(*args, **kwargs):
        raise RuntimeError("bug buatan untuk uji")

    logs = tmp_path / "temp"
    logs.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(logs))
    monkeypatch.setattr(zidoc.build, "load", broken)
    result = run_cli("validate", str(example_copy(tmp_path / "isian.xlsx")))
    assert result.exit_code == 3
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Terjadi kesalahan internal di zidoc")
    assert "Traceback" not in result.output
    [log] = logs.glob("zidoc-crash-*.log")
    assert str(log) in lines[0]
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: bug buatan untuk uji" in text


def test_output_folder_that_cannot_be_created(workspace, tmp_path):
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("ini berkas", encoding="utf-8")
    result = run_cli("build", "--out", str(blocker / "hasil"), str(example_copy(tmp_path / "a.xlsx")))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Tidak dapat menulis atau membaca ")
    assert "bukan-folder" in lines[0]
    assert "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == "ini berkas"



def test_a_damaged_part_is_explained_without_python_class_names(tmp_path):
    """Broken XML in the styles part: openpyxl raises a ParseError inside."""
    import zipfile

    path = example_copy(tmp_path / "rusak.xlsx")
    damaged = tmp_path / "gaya-rusak.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(damaged, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, data[: len(data) // 2] if name == "xl/styles.xml" else data)
    with pytest.raises(WorkbookFileError) as info:
        open_workbook(damaged)
    message = str(info.value)
    assert "gaya-rusak.xlsx tidak dapat dibaca sebagai workbook Excel" in message
    assert not re.search(r"[A-Z][a-z]+(Error|Exception)\b", message), message
