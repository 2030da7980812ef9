"""--tandai: the marked copy <name>-diperiksa.xlsx (fills, comments, Masalah links), the
workbook itself untouched, old copies removed, copies never taken as inputs."""
from __future__ import annotations

import hashlib

import openpyxl
import pytest
from conftest import run_cli
from xlsx_edit import edit_workbook, example_copy
from zidoc.workbook.marking import ERROR_FILL, MASALAH, WARNING_FILL, marked_path


def damage(wb):
    """Four errors and one warning, at cells chosen here (the example's layout)."""
    wb["Nilai"]["C4"] = "abc"  # P3: not a number
    wb["Nilai"]["C6"] = 120  # P5: above 100
    wb["Tim"]["F3"] = "Bos"  # unknown kedudukan
    wb["Identitas"]["B3"] = None  # nama_satker empty
    ws = wb["Identitas"]
    ws.append(["warna_favorit", "biru"])  # unknown key: a warning on its kunci cell
    wb["Nilai"]["C8"].comment = openpyxl.comments.Comment("catatan saya", "staf")


ERRORS = {("Nilai", "C4"): "bukan angka", ("Nilai", "C6"): "antara 0 dan 100",
          ("Tim", "F3"): "Bos", ("Identitas", "B3"): "nama_satker wajib diisi"}


@pytest.fixture
def damaged(workspace):
    path = example_copy(workspace / "data-satker.xlsx")
    edit_workbook(path, damage)
    return path


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_marked_copy_fills_comments_and_links(damaged):
    warning_row = openpyxl.load_workbook(damaged)["Identitas"].max_row
    warning = ("Identitas", f"A{warning_row}")
    before = _sha(damaged)
    result = run_cli("validate", "--tandai", str(damaged))
    assert result.exit_code == 1, result.output
    assert _sha(damaged) == before  # the workbook itself is never touched
    copy = marked_path(damaged)
    assert copy.name == "data-satker-diperiksa.xlsx" and copy.is_file()
    assert str(copy) in result.output

    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames[0] == MASALAH
    for (sheet, coordinate), words in ERRORS.items():
        cell = wb[sheet][coordinate]
        assert cell.fill.fgColor.rgb.endswith(ERROR_FILL), (sheet, coordinate)
        assert cell.comment is not None and words in cell.comment.text, (sheet, coordinate)
    cell = wb[warning[0]][warning[1]]
    assert cell.fill.fgColor.rgb.endswith(WARNING_FILL)
    assert "warna_favorit" in cell.comment.text
    # A comment the user wrote stays; an unmarked cell keeps its look.
    assert wb["Nilai"]["C8"].comment.text == "catatan saya"
    assert wb["Nilai"]["C5"].fill.fgColor.rgb != f"00{ERROR_FILL}"

    masalah = wb[MASALAH]
    links = {}
    for row in masalah.iter_rows(min_row=3):
        place = row[2]
        if place.hyperlink is not None:
            links[place.value] = (place.hyperlink.location, row[1].value, row[3].value)
    expected = {f"{s}!{c}": f"'{s}'!{c}" for s, c in [*ERRORS, warning]}
    assert {k: v[0] for k, v in links.items()} == expected
    assert links["Nilai!C4"][1] == "Kesalahan" and "bukan angka" in links["Nilai!C4"][2]
    assert links[f"Identitas!{warning[1]}"][1] == "Peringatan"
    # Everything else in the workbook is still there: the other sheets and their content.
    original = openpyxl.load_workbook(damaged)
    assert wb.sheetnames[1:] == original.sheetnames
    assert wb["Ringkasan"]["E18"].value == original["Ringkasan"]["E18"].value  # a formula


def test_clean_workbook_removes_an_old_copy(workspace):
    path = example_copy(workspace / "bersih.xlsx")
    old = marked_path(path)
    old.write_bytes(b"lama")
    result = run_cli("validate", "--tandai", str(path))
    assert result.exit_code == 0, result.output
    assert not old.exists()
    assert "bersih-diperiksa.xlsx" in result.output and "dihapus" in result.output
    assert not any(workspace.glob("*-diperiksa.xlsx"))


def test_build_tandai_marks_and_build_skips_marked_copies(damaged, workspace):
    inputs = workspace / "inputs" / "2024"
    inputs.mkdir(parents=True)
    moved = damaged.rename(inputs / damaged.name)
    result = run_cli("build", "--tandai")
    assert result.exit_code == 1
    copy = marked_path(moved)
    assert copy.is_file()
    # A second run does not take the copy for a workbook of its own.
    again = run_cli("validate")
    assert "data-satker-diperiksa.xlsx:" not in again.output  # named in a note at most
    assert again.output.count("data-satker.xlsx:") == 1


def test_message_text_is_never_a_formula(tmp_path, example_workbook):
    from zidoc.workbook.marking import marked_bytes
    from zidoc.workbook.problems import Problems

    problems = Problems()
    problems.error("=HYPERLINK(\"http://contoh\")", "Nilai", "C2")
    path = tmp_path / "m.xlsx"
    path.write_bytes(marked_bytes(example_workbook, problems))
    cell = openpyxl.load_workbook(path)[MASALAH]["D3"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_a_problem_inside_a_merged_range_marks_its_top_left_cell(workspace):
    """Two problems of one merge (C3 merged over C4) share the one cell Excel shows."""
    path = example_copy(workspace / "gabung.xlsx")
    edit_workbook(path, lambda wb: wb["Nilai"].merge_cells("C3:C4"))
    result = run_cli("validate", "--tandai", str(path))
    assert result.exit_code == 1
    assert "Salinan bertanda (2 kesalahan) ditulis" in result.output, result.output
    ws = openpyxl.load_workbook(marked_path(path))["Nilai"]
    comment = ws["C3"].comment.text
    assert "digabung" in comment and "persen wajib diisi" in comment
    assert "zidoc:" not in comment  # one comment, not a second one quoting the first
    assert ws["C3"].fill.fgColor.rgb.endswith(ERROR_FILL)


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="FIFOs are POSIX")
def test_tandai_never_reads_a_fifo(workspace, tmp_path):
    """The marked copy reads its workbook as the reader does: a FIFO is refused, not read
    (which would wait for a writer for ever)."""
    import os

    from conftest import run_zidoc_process

    fifo = tmp_path / "isian.xlsx"
    os.mkfifo(fifo)
    result = run_zidoc_process("validate", "--tandai", str(fifo), cwd=workspace, timeout=30)
    assert result.returncode == 1
    assert "pipa (FIFO)" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr and not marked_path(fifo).exists()


@pytest.mark.skipif(__import__("sys").platform in ("win32", "darwin"),
                    reason="file names that are not UTF-8 need a POSIX file system that allows them")
def test_a_workbook_name_that_is_not_utf8_is_marked(damaged):
    import os

    odd = damaged.with_name(os.fsdecode(b"isian-\xff\xe9.xlsx"))
    damaged.rename(odd)
    result = run_cli("validate", "--tandai", str(odd))
    assert result.exit_code == 1
    copy = marked_path(odd)
    assert copy.is_file(), result.output
    sheet = openpyxl.load_workbook(copy)[MASALAH]
    assert "isian-??.xlsx" in sheet["A1"].value


def test_control_characters_in_a_message_are_dropped(tmp_path, example_workbook):
    from zidoc.workbook.marking import marked_bytes
    from zidoc.workbook.problems import Problems

    problems = Problems()
    problems.error("kode 'P\x0b1' tidak dikenal", "Nilai", "A2")
    path = tmp_path / "m.xlsx"
    path.write_bytes(marked_bytes(example_workbook, problems))
    book = openpyxl.load_workbook(path)
    assert book[MASALAH]["D3"].value == "kode 'P1' tidak dikenal"
    assert "kode 'P1' tidak dikenal" in book["Nilai"]["A2"].comment.text


def test_a_copy_that_cannot_be_written_says_why_in_indonesian(damaged, monkeypatch):
    import errno

    from zidoc.fs import files

    def refuse(path, data):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(files, "atomic_write", refuse)
    result = run_cli("validate", "--tandai", str(damaged))
    assert result.exit_code == 1
    assert "data-satker-diperiksa.xlsx tidak dapat ditulis (tidak ada izin)" in result.output
    assert "Permission denied" not in result.output


def test_masalah_rows_are_as_tall_as_their_wrapped_message(tmp_path, example_workbook):
    """LibreOffice does not fit row heights when it opens an .xlsx: without a height a long
    message runs over the next row (seen in the PDF of a marked copy)."""
    from zidoc.workbook.marking import marked_bytes
    from zidoc.workbook.problems import Problems

    problems = Problems()
    problems.error("pendek.", "Nilai", "C2")
    problems.error("kata " * 80, "Nilai", "C3")  # 400 characters: 4+ lines at 90-100 a line
    path = tmp_path / "m.xlsx"
    path.write_bytes(marked_bytes(example_workbook, problems))
    ws = openpyxl.load_workbook(path)[MASALAH]
    short, long = ws.row_dimensions[3].height, ws.row_dimensions[4].height
    assert short and long and long >= 4 * short


@pytest.mark.skipif(__import__("sys").platform == "win32",
                    reason="Windows refuses long paths with other errors than ENAMETOOLONG")
def test_a_copy_name_too_long_says_to_shorten_it(workspace):
    """The copy's name is 10 characters longer than the workbook's: a name that just fits
    gets a copy name that does not."""
    import os

    limit = os.pathconf(workspace, "PC_NAME_MAX") if hasattr(os, "pathconf") else 255
    path = example_copy(workspace / ("x" * (limit - len(".xlsx") - 3) + ".xlsx"))
    edit_workbook(path, damage)
    result = run_cli("validate", "--tandai", str(path))
    assert result.exit_code == 1
    assert "tidak dapat ditulis (nama atau jalurnya terlalu panjang)" in result.output
    assert "Perpendek nama workbook-nya" in result.output
    assert "sedang dibuka di Excel" not in result.output


def test_build_tandai_reads_only_the_workbooks_with_problems_again(damaged, workspace,
                                                                  monkeypatch):
    """After a batch, a workbook built without a problem has nothing to mark (its old copy
    goes); only the others are read a second time for their problems."""
    from collections import Counter

    from zidoc import build

    inputs = workspace / "inputs" / "2024"
    inputs.mkdir(parents=True)
    bad = damaged.rename(inputs / damaged.name)
    clean = example_copy(inputs / "bersih.xlsx")
    marked_path(clean).write_bytes(b"lama")
    reads = Counter()
    real_load = build.load

    def counting_load(path, *args, **kwargs):
        reads[path.name] += 1
        return real_load(path, *args, **kwargs)

    monkeypatch.setattr(build, "load", counting_load)
    result = run_cli("build", "--tandai", "--jobs", "1")
    assert result.exit_code == 1
    assert marked_path(bad).is_file() and not marked_path(clean).exists()
    assert reads == Counter({bad.name: 2, clean.name: 1})  # built once each, bad read again


def test_a_hidden_sheet_differing_in_case_is_not_the_one_marked(tmp_path, example_workbook):
    """A problem on Nilai!C3 marks the visible 'Nilai', not a hidden 'nilai ' after it."""
    from zidoc.workbook.marking import marked_bytes
    from zidoc.workbook.problems import Problems

    path = example_copy(tmp_path / "dua.xlsx")

    def hidden_twin(wb):
        twin = wb.copy_worksheet(wb["Nilai"])
        twin.title, twin.sheet_state = "nilai ", "hidden"

    edit_workbook(path, hidden_twin)
    problems = Problems()
    problems.error("persen kosong.", "Nilai", "C3")
    out = tmp_path / "m.xlsx"
    out.write_bytes(marked_bytes(path, problems))
    book = openpyxl.load_workbook(out)
    assert book["Nilai"]["C3"].comment is not None
    assert book["nilai "]["C3"].comment is None
    assert book[MASALAH]["C3"].hyperlink.location == "'Nilai'!C3"


def test_a_sheet_named_with_a_space_is_marked_as_the_reader_found_it(workspace):
    """'Rencana Aksi' is read as RencanaAksi (schema.sheet_key); its cells are marked too."""
    path = example_copy(workspace / "spasi.xlsx")

    def rename(wb):
        wb["RencanaAksi"].title = "Rencana Aksi"
        wb["Rencana Aksi"]["A2"] = "P9"  # an area that does not exist

    edit_workbook(path, rename)
    result = run_cli("validate", "--tandai", str(path))
    assert result.exit_code == 1, result.output
    book = openpyxl.load_workbook(marked_path(path))
    comment = book["Rencana Aksi"]["A2"].comment
    assert comment is not None and "P9" in comment.text
    links = [c.hyperlink.location for c in book[MASALAH]["C"] if c.hyperlink]
    assert "'Rencana Aksi'!A2" in links


def test_buka_opens_the_copies_just_written(damaged, workspace, monkeypatch):
    """periksa-workbook.cmd runs `validate --tandai --buka`: zidoc opens (Windows: the
    Explorer's "open", os.startfile) only the copies it has just written."""
    import os

    clean = example_copy(workspace / "bersih.xlsx")
    marked_path(clean).write_bytes(b"salinan lama")  # removed, so not opened
    opened = []
    monkeypatch.setattr(os, "startfile", opened.append, raising=False)
    result = run_cli("validate", "--tandai", "--buka", str(damaged), str(clean))
    assert result.exit_code == 1
    assert opened == [marked_path(damaged)]
    assert "dibuka di Excel" in result.output and "(Masalah)" in result.output

    # Without an "open" (not Windows), the copy's place is printed instead.
    monkeypatch.delattr(os, "startfile", raising=False)
    result = run_cli("validate", "--tandai", "--buka", str(damaged))
    assert f"Buka salinan bertanda ini di Excel: {marked_path(damaged)}" in result.output
    # Without --buka nothing is opened.
    monkeypatch.setattr(os, "startfile", opened.append, raising=False)
    run_cli("validate", "--tandai", str(damaged))
    assert opened == [marked_path(damaged)]
