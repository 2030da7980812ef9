r"""The Windows launchers `zidoc init` writes: double-click instead of typing a command.

`buat-dokumen.cmd` builds every workbook in the inputs folder and keeps the window open with a
short Indonesian summary; `periksa-workbook.cmd` validates with --tandai --buka: zidoc opens the
marked copies (<name>-diperiksa.xlsx) it has just written in Excel, wherever config.toml puts
the inputs. Both find zidoc in a virtual environment inside or
beside the working folder (.venv or venv), else on PATH, and check that it starts (a venv
copied from another PC fails with "Fatal error in launcher").

They enter their own folder with `pushd "%~dp0"` (and leave it with `popd`): on a network
share (\\server\share) `cd /d` fails and cmd.exe stays in C:\Windows, while pushd maps a drive
letter for the share. (In a .cmd file `set` resets ERRORLEVEL: one `set` per `if errorlevel`.)

Batch files are read by cmd.exe in the console's code page: the text is ASCII only, with
Windows line endings (CRLF). No < > in rem lines and no parentheses in commands under IF or
inside ( ) blocks, where cmd.exe would read them as syntax."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

# Searched in this order, relative to the launcher's folder (%~dp0).
VENVS = (".venv", "venv", r"..\.venv", r"..\venv")

_FIND = r"""
:cari_zidoc
rem zidoc di virtual environment di dalam atau di samping folder ini, atau di PATH.
set "ZIDOC="
set "RUSAK="
for %%V in ({venvs}) do (
  if not defined ZIDOC if exist "%~dp0%%~V\Scripts\zidoc.exe" set "ZIDOC=%~dp0%%~V\Scripts\zidoc.exe"
)
if not defined ZIDOC for %%Z in (zidoc.exe) do set "ZIDOC=%%~$PATH:Z"
if not defined ZIDOC exit /b 0
rem Dicoba dulu: virtual environment yang disalin dari komputer lain tidak dapat berjalan.
"%ZIDOC%" --version >nul 2>&1
if errorlevel 1 set "RUSAK=1"
exit /b 0

:rusak
echo zidoc ditemukan di %ZIDOC%
echo tetapi tidak dapat dijalankan, misalnya karena folder .venv disalin dari komputer lain.
echo Buat ulang virtual environment-nya di komputer ini, misalnya dari folder ini:
echo   rmdir /s /q .venv
echo   py -m venv .venv
echo   .venv\Scripts\pip install C:\jalur\ke\zidoc
echo Lalu klik dua kali berkas ini lagi.
goto akhir

:tidak_ada
echo zidoc belum terpasang di komputer ini.
echo Pasang sekali saja (lihat README, bagian Windows), misalnya dari folder ini:
echo   py -m venv .venv
echo   .venv\Scripts\pip install C:\jalur\ke\zidoc
echo Lalu klik dua kali berkas ini lagi.
goto akhir
""".replace("{venvs}", " ".join(f'"{v}"' for v in VENVS))

_END = r"""
:akhir
echo.
echo Tekan tombol apa saja untuk menutup jendela ini.
pause >nul
popd
exit /b
"""

BUAT_DOKUMEN = r"""@echo off
rem Dibuat oleh 'zidoc init'. Klik dua kali untuk menyusun dokumen Word dari semua workbook
rem di folder inputs. Hasilnya ada di folder outputs.
setlocal
pushd "%~dp0"
call :cari_zidoc
if not defined ZIDOC goto tidak_ada
if defined RUSAK goto rusak
echo Menyusun dokumen dari workbook di folder inputs ...
echo.
"%ZIDOC%" build
if errorlevel 1 goto gagal
echo.
echo SELESAI. Dokumen Word ada di folder outputs (daftar berkasnya di atas).
echo Buka dan periksa di Word; dokumen yang sudah Anda ubah tidak akan ditimpa.
goto akhir

:gagal
echo.
echo BELUM SELESAI: ada masalah (lihat pesan di atas).
echo Untuk melihat letak masalahnya langsung di workbook, klik dua kali periksa-workbook.cmd.
goto akhir
""" + _FIND + _END

PERIKSA_WORKBOOK = r"""@echo off
rem Dibuat oleh 'zidoc init'. Klik dua kali untuk memeriksa semua workbook di folder isian
rem (folder inputs di config.toml). Workbook yang bermasalah mendapat salinan bertanda
rem NAMA-diperiksa.xlsx yang dibuka zidoc di Excel: sel merah = kesalahan, kuning =
rem peringatan. Workbook aslinya tidak diubah.
setlocal
pushd "%~dp0"
call :cari_zidoc
if not defined ZIDOC goto tidak_ada
if defined RUSAK goto rusak
echo Memeriksa workbook ...
echo.
"%ZIDOC%" validate --tandai --buka
if errorlevel 1 goto masalah
echo.
echo SEMUA BAIK: tidak ada kesalahan. Susun dokumennya dengan buat-dokumen.cmd.
goto akhir

:masalah
echo.
echo Ada masalah, lihat pesan di atas dan salinan bertanda yang dibuka di Excel.
goto akhir
""" + _FIND + _END

LAUNCHERS: tuple[tuple[str, str], ...] = (
    ("buat-dokumen.cmd", BUAT_DOKUMEN),
    ("periksa-workbook.cmd", PERIKSA_WORKBOOK),
)


def launcher_bytes(text: str) -> bytes:
    """The file's bytes: ASCII with CRLF line endings."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("ascii")


def write_launchers(folder: Path) -> Iterator[tuple[Path, bool]]:
    """Write the launchers into `folder`; yields (path, created). Existing files are kept."""
    from zidoc.fs.files import atomic_write

    for name, text in LAUNCHERS:
        path = folder / name
        if path.exists():
            yield path, False
            continue
        atomic_write(path, launcher_bytes(text))
        yield path, True
