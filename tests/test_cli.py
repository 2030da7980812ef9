"""The command-line contract: init, build, validate, --version, --help, exit codes."""
from pathlib import Path

from conftest import REPO, docx_text, run_cli, run_zidoc_process
from zidoc import __version__


def test_init_then_build_in_an_empty_folder(tmp_path):
    folder = tmp_path / "folder-zi"
    result = run_cli("init", str(folder))
    assert result.exit_code == 0, result.output
    assert (folder / "config.toml").is_file()
    assert (folder / "templates" / "docx" / "laporan-pelaksanaan.docx").is_file()
    workbooks = list((folder / "inputs").rglob("*.xlsx"))
    assert len(workbooks) == 1 and workbooks[0].parent.name == "2024"
    assert (folder / "outputs").is_dir()

    built = run_cli("build", cwd=folder)
    assert built.exit_code == 0, built.output
    laporan = folder / "outputs" / "2024" / "kpu-kota-bengkulu" / "laporan-pelaksanaan-zi-2024.docx"
    assert str(laporan) in built.output
    assert "90,19" in docx_text(laporan)
    # The example's survey responses came with it: the SKM report and its processing sheet.
    assert (folder / "inputs" / "2024" / "survei-kepuasan-kpu-kota-bengkulu-2024.csv").is_file()
    for name in ("laporan-skm-2024.docx", "pengolahan-skm-2024.xlsx"):
        assert str(laporan.with_name(name)) in built.output
    assert "IKM 84,35 (mutu B, Baik) dari 120 responden" in docx_text(laporan)
    # The example's sample photos (meeting R-02) are in the folder's bukti/: its dokumentasi.
    photos = sorted((folder / "bukti" / "2024" / "rapat" / "R-02").glob("*.jpg"))
    assert len(photos) == 2 and all(p.stat().st_size < 60_000 for p in photos)
    assert "Rapat R-02 (3 April 2024): 4 dokumen" in built.output


def test_init_never_overwrites(tmp_path):
    run_cli("init", str(tmp_path))
    (tmp_path / "config.toml").write_text("# punya saya\n", encoding="utf-8")
    again = run_cli("init", str(tmp_path))
    assert again.exit_code == 0
    assert "sudah ada, dibiarkan" in again.output
    assert (tmp_path / "config.toml").read_text(encoding="utf-8") == "# punya saya\n"


def test_starter_workbook_has_petunjuk_and_dropdowns(tmp_path):
    import openpyxl

    run_cli("init", str(tmp_path))
    (path,) = (tmp_path / "inputs").rglob("*.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Petunjuk"
    assert "CONTOH" in " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row).upper()
    assert wb["Nilai"].data_validations.dataValidation
    assert wb["Narasi"].data_validations.dataValidation


def test_build_without_argument_uses_the_inputs_folder_and_skips_lock_files(tmp_path):
    run_cli("init", str(tmp_path))
    (tmp_path / "inputs" / "2024" / "~$contoh.xlsx").write_bytes(b"lock")
    result = run_cli("build", cwd=tmp_path)
    assert result.exit_code == 0, result.output


def test_build_out_option(tmp_path):
    run_cli("init", str(tmp_path))
    result = run_cli("build", "--out", str(tmp_path / "lain"), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "lain" / "2024" / "kpu-kota-bengkulu" / "manifest.json").is_file()


def test_validate_reports_sheet_and_cell_and_exits_1(workspace, example_workbook):
    from xlsx_edit import set_nilai

    set_nilai(example_workbook, {"P2": 120})
    result = run_cli("validate", str(example_workbook))
    assert result.exit_code == 1
    assert "Nilai!C3: persen harus antara 0 dan 100, bukan 120." in result.output
    built = run_cli("build", str(example_workbook))
    assert built.exit_code == 1
    assert not any((workspace / "outputs").iterdir())


def test_version_and_indonesian_help():
    assert run_cli("--version").output.strip() == f"zidoc {__version__}"
    top = run_cli("--help").output
    assert "Cara pakai: zidoc" in top and "Perintah:" in top and "Options" not in top
    for command, first_line in (("build", "Menyusun dokumen Word dari WORKBOOK."),
                                ("validate", "Memeriksa WORKBOOK tanpa mengubahnya."),
                                ("init", "Membuat folder kerja baru di FOLDER")):
        result = run_cli(command, "--help")
        assert result.exit_code == 0
        assert first_line in result.output
        assert "Tampilkan bantuan ini lalu keluar." in result.output
        assert "Show this message" not in result.output


def test_wrong_usage_exits_2(tmp_path):
    proc = run_zidoc_process("build", "--tidak-ada", cwd=tmp_path)
    assert proc.returncode == 2
    proc = run_zidoc_process("build", str(tmp_path / "tidak-ada.xlsx"), cwd=tmp_path)
    assert proc.returncode == 2


def test_repo_root_is_a_working_folder():
    assert (REPO / "config.toml").is_file()
    assert list((REPO / "inputs" / "2024").glob("*.xlsx"))
    assert (REPO / "templates" / "docx" / "laporan-pelaksanaan.docx").is_file()
    assert Path(REPO / "outputs").is_dir()


def test_usage_errors_are_explained_in_indonesian(tmp_path):
    proc = run_zidoc_process("build", "tidak-ada.xlsx", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Kesalahan: berkas 'tidak-ada.xlsx' tidak ditemukan." in proc.stderr
    proc = run_zidoc_process("buil", cwd=tmp_path)
    assert proc.returncode == 2
    assert "perintah 'buil' tidak dikenal. Mungkin maksudnya 'build'?" in proc.stderr
    assert "Error" not in proc.stderr


def _all_commands(group, prefix=()):
    import click

    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _all_commands(command, (*prefix, name))


def test_every_help_screen_is_indonesian():
    from zidoc.cli.commands import main

    commands = list(_all_commands(main))
    assert ("templates", "check") in commands
    for command in [(), *commands]:
        text = run_cli(*command, "--help").output
        assert "Cara pakai: zidoc" in text, command
        assert "Tampilkan bantuan ini lalu keluar." in text, command
        for english in ("Usage:", "Options:", "Commands:", "Show this message", "[required]",
                        "INTEGER", "DIRECTORY"):
            assert english not in text, (command, english)


def test_bare_zidoc_shows_help_without_an_error_line(tmp_path):
    proc = run_zidoc_process(cwd=tmp_path)
    assert "Perintah:" in proc.stderr and "Kesalahan" not in proc.stderr


def test_build_finds_a_workbook_with_an_upper_case_extension(workspace, example_workbook):
    """Windows keeps the case a file was saved with: DATA.XLSX is a workbook too."""
    import shutil

    (workspace / "inputs" / "2024").mkdir(parents=True)
    shutil.copy(example_workbook, workspace / "inputs" / "2024" / "DATA.XLSX")
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    folder = workspace / "outputs" / "2024" / "kpu-kota-bengkulu"
    assert (folder / "laporan-pelaksanaan-zi-2024.docx").is_file()
    assert (folder / "sumber-DATA.XLSX").is_file()
