"""The optional LibreOffice conversion (the only shell-out zidoc makes)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

PROGRAM = Path("LibreOffice") / "program" / "soffice.exe"
# Where Windows keeps Program Files: ProgramW6432 is the 64-bit folder even when Python is a
# 32-bit program (its ProgramFiles is then "Program Files (x86)").
PROGRAM_FOLDERS = (("ProgramW6432", r"C:\Program Files"), ("ProgramFiles", r"C:\Program Files"),
                   ("ProgramFiles(x86)", r"C:\Program Files (x86)"))
# The installer's registry entries: the program folder, and the App Paths entry Windows' own
# "Run" uses (HKLM, both registry views, then the user's own install).
REGISTRY_KEYS = ((r"SOFTWARE\LibreOffice\UNO\InstallPath", "soffice.exe"),
                 (r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath", "soffice.exe"),
                 (r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\soffice.exe", ""))


def windows_candidates() -> list[Path]:
    """Where LibreOffice may be on Windows, most likely first."""
    found: list[Path] = []
    for variable, default in PROGRAM_FOLDERS:
        found.append(Path(os.environ.get(variable) or default) / PROGRAM)
    found += _registry_candidates()
    return list(dict.fromkeys(found))


def _registry_candidates() -> list[Path]:
    try:
        import winreg
    except ImportError:  # not Windows
        return []
    found = []
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        for key, program in REGISTRY_KEYS:
            try:
                with winreg.OpenKey(hive, key) as handle:
                    value, _kind = winreg.QueryValueEx(handle, "")
            except OSError:
                continue
            if isinstance(value, str) and value.strip():
                path = Path(value.strip().strip('"'))
                found.append(path / program if program else path)
    return found


class OfficeError(Exception):
    """LibreOffice missing or failing, worded for the user."""


INSTALL_HINT = (
    "LibreOffice tidak ditemukan. Pasang LibreOffice: di Debian/Ubuntu "
    "'apt-get install libreoffice-writer-nogui', di Windows unduh pemasangnya dari "
    "libreoffice.org, lalu jalankan lagi."
)


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in windows_candidates():
        if candidate.is_file():
            return str(candidate)
    return None


def convert(files: list[Path], outdir: Path, target: str = "pdf", timeout: float = 300) -> list[Path]:
    """Convert `files` with one headless LibreOffice process; returns the converted paths.

    `target` is a LibreOffice filter spec, e.g. 'pdf' or a PDF/A filter string."""
    binary = find_soffice()
    if binary is None:
        raise OfficeError(INSTALL_HINT)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zidoc-lo-") as profile:
        command = [
            binary, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
            "--norestore", "--convert-to", target, "--outdir", str(outdir), *map(str, files),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OfficeError(f"LibreOffice gagal dijalankan ({exc}).") from None
    results = [outdir / (f.stem + ".pdf") for f in files]
    missing = [r.name for r in results if not r.is_file()]
    if missing:
        raise OfficeError(f"LibreOffice tidak menghasilkan {', '.join(missing)}.")
    return results
