"""Windows as home: the double-click launchers `zidoc init` writes, output on a console that
cannot encode every character, and the result at a glance after a build.

Windows itself is not available here: the launchers are checked by their text (what they run,
where they look for zidoc, ASCII with CRLF line endings), not executed by cmd.exe."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO, run_cli
from xlsx_edit import example_copy, set_identitas, set_nilai
from zidoc.launchers import LAUNCHERS, VENVS


def test_init_writes_the_launchers_with_crlf(tmp_path):
    result = run_cli("init", str(tmp_path))
    assert result.exit_code == 0, result.output
    for name in ("buat-dokumen.cmd", "periksa-workbook.cmd"):
        data = (tmp_path / name).read_bytes()
        assert f"dibuat: {tmp_path / name}" in result.output
        assert data.isascii()  # cmd.exe reads batch files in the console's code page
        assert b"\n" not in data.replace(b"\r\n", b""), name  # every line ends in CRLF
        assert b"\r" not in data.replace(b"\r\n", b""), name
        text = data.decode("ascii")
        assert text.startswith("@echo off\r\n")
        # Runs in its own folder, wherever it is double-clicked, a network share included
        # (cd /d cannot enter \\server\share: pushd maps a drive letter, popd frees it).
        assert 'pushd "%~dp0"\r\n' in text and "cd /d" not in text
        assert text.index("popd\r\n") > text.index(":akhir\r\n")
        # zidoc found is tried first: a venv copied from another PC does not start.
        assert '"%ZIDOC%" --version >nul 2>&1\r\nif errorlevel 1 set "RUSAK=1"' in text
        assert "if defined RUSAK goto rusak" in text and "disalin dari komputer lain" in text
        for venv in VENVS:  # a venv inside or beside the folder ...
            assert f'"{venv}"' in text
        assert r"%%~V\Scripts\zidoc.exe" in text
        assert "%%~$PATH:Z" in text  # ... else zidoc on PATH
        assert "pause >nul" in text and "Tekan tombol apa saja" in text  # the window stays
        for line in text.splitlines():  # what cmd.exe would read as syntax
            assert not (line.startswith("rem ") and ("<" in line or ">" in line)), line
            assert not (line.startswith("if ") and "echo" in line and "(" in line), line
    build = (tmp_path / "buat-dokumen.cmd").read_bytes().decode("ascii")
    assert '"%ZIDOC%" build\r\n' in build and "if errorlevel 1 goto gagal" in build
    check = (tmp_path / "periksa-workbook.cmd").read_bytes().decode("ascii")
    # zidoc opens the copies it has just written, wherever config.toml puts the inputs.
    assert '"%ZIDOC%" validate --tandai --buka\r\n' in check
    assert "if errorlevel 1 goto masalah" in check and "inputs\\" not in check
    # Existing launchers are kept (the user may have edited them).
    (tmp_path / "buat-dokumen.cmd").write_bytes(b"rem punya saya\r\n")
    again = run_cli("init", str(tmp_path))
    assert "sudah ada, dibiarkan" in again.output
    assert (tmp_path / "buat-dokumen.cmd").read_bytes() == b"rem punya saya\r\n"
    assert len(LAUNCHERS) == 2


def test_build_on_a_cp1252_console_with_non_latin1_names(workspace):
    """Names cp1252 cannot encode are replaced in the output; the build succeeds and ends
    with the result at a glance (the seed report's figures)."""
    path = example_copy(workspace / "satker-Łódź.xlsx")
    set_identitas(path, nama_satker="KPU Kota Bengkulu Ωmega 北京")
    env = dict(os.environ, PYTHONPATH=str(REPO / "pipeline"), PYTHONIOENCODING="cp1252")
    env.pop("PYTHONUTF8", None)
    done = subprocess.run([sys.executable, "-m", "zidoc", "build", path.name], cwd=workspace,
                          env=env, capture_output=True, timeout=300, check=False)
    out, err = done.stdout.decode("cp1252"), done.stderr.decode("cp1252")
    assert done.returncode == 0, err
    assert "Traceback" not in err and "UnicodeEncodeError" not in err
    assert "sumber-satker-?ód?.xlsx" in out  # Ł and ź replaced, ó kept (cp1252 has it)
    assert "== KPU Kota Bengkulu ?mega ?? 2024 ==" in out
    assert "Nilai akhir" in out and "90,19 (tahun lalu 89,24: naik +0,95)" in out
    glance = out[out.index("== KPU Kota Bengkulu"):]  # the block after the notes
    assert "WBK" in glance and "WBBM" in glance and "belum" not in glance
    assert "laporan-pelaksanaan-zi-2024.docx" in out


def test_glance_names_the_criteria_not_met(workspace):
    path = example_copy(workspace / "contoh.xlsx")
    set_nilai(path, {"P5": 50})  # Penguatan Pengawasan 50%: below 60 (WBK) and 75 (WBBM)
    result = run_cli("build", str(path), "--only", "laporan")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.lstrip().startswith("WB")]
    assert len(lines) == 2
    for line in lines:
        assert "syarat nilai belum terpenuhi: " in line
        assert "Area Penguatan Pengawasan" in line
