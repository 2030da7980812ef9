"""Issue 22 (3): folders as arguments. `zidoc build DIR` and `zidoc validate DIR` take every
workbook in the folder, skipping the same files as the inputs folder does (one shared
function: cli/workbooks.py workbook_arguments)."""
from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from xlsx_edit import example_bytes


def _folder(root: Path) -> Path:
    """A folder as staff leave it: two workbooks (one in a subfolder), Excel's lock file, a
    macOS ._ file, a marked copy beside its workbook, a stray one, a hidden folder, a note."""
    folder = root / "kiriman"
    (folder / "bagian").mkdir(parents=True)
    (folder / ".git").mkdir()
    for name in ("satu.xlsx", "bagian/dua.xlsx", "satu-diperiksa.xlsx", ".git/lama.xlsx"):
        (folder / name).write_bytes(example_bytes())
    (folder / "~$satu.xlsx").write_bytes(b"kunci")
    (folder / "._satu.xlsx").write_bytes(b"\0\5\26\7")
    (folder / "tiga-diperiksa.xlsx").write_bytes(example_bytes())
    (folder / "catatan.txt").write_text("bukan workbook")
    return folder


def test_the_shared_function_skips_what_the_inputs_folder_skips(tmp_path):
    from zidoc.cli.workbooks import workbook_arguments

    folder = _folder(tmp_path)
    outputs = folder / "outputs"
    (outputs / "2024" / "kpu").mkdir(parents=True)
    (outputs / "2024" / "kpu" / "sumber-satu.xlsx").write_bytes(b"salinan")
    found = workbook_arguments((folder, folder / "satu.xlsx"), tmp_path / "inputs", outputs)
    assert found.paths == [folder / "bagian" / "dua.xlsx", folder / "satu.xlsx"]
    assert found.problem is None
    # Noted: the lock file, the ._ file and the marked copy without its workbook; the copy
    # beside its own workbook is zidoc's and goes unmentioned, as in the inputs folder.
    assert len(found.notes) == 1 and "3 berkas dilewati" in found.notes[0]
    assert "tiga-diperiksa.xlsx" in found.notes[0] and "satu-diperiksa" not in found.notes[0]
    # Nothing given: the inputs folder, the same way.
    same = workbook_arguments((), folder, outputs)
    assert same.paths == found.paths and same.notes == found.notes


def test_a_folder_without_workbooks_is_a_clear_refusal(tmp_path, workspace):
    from zidoc.cli.workbooks import workbook_arguments

    empty = tmp_path / "kosong"
    empty.mkdir()
    (empty / "~$lama.xlsx").write_bytes(b"kunci")
    found = workbook_arguments((empty,), tmp_path / "inputs")
    assert found.paths == [] and str(empty) in found.problem
    result = run_cli("validate", str(empty))
    assert result.exit_code == 1
    assert f"Tidak ada workbook isian (.xlsx) di {empty}" in result.output
    assert "zidoc validate data.xlsx" in result.output


def test_validate_dir_checks_every_workbook_in_it(tmp_path, workspace):
    folder = _folder(tmp_path)
    result = run_cli("validate", str(folder))
    assert result.exit_code == 0, result.output
    assert "satu.xlsx: tidak ada kesalahan" in result.output
    assert "dua.xlsx: tidak ada kesalahan" in result.output
    assert "lama.xlsx" not in result.output and "tiga-diperiksa.xlsx" in result.output


def test_build_dir_builds_the_workbooks_in_it(tmp_path, workspace):
    folder = tmp_path / "satu-saja"
    folder.mkdir()
    (folder / "data.xlsx").write_bytes(example_bytes())
    (folder / "~$data.xlsx").write_bytes(b"kunci")
    (folder / "data-diperiksa.xlsx").write_bytes(example_bytes())
    result = run_cli("build", str(folder), "--only", "sk-tim")
    assert result.exit_code == 0, result.output
    built = list((workspace / "outputs").rglob("sk-tim-*.docx"))
    assert len(built) == 1
    assert "data-diperiksa" not in result.output


def test_help_names_folders():
    for command in ("build", "validate"):
        assert "[WORKBOOK|FOLDER]..." in run_cli(command, "--help").output
