"""The optional LibreOffice conversion (the only shell-out zidoc makes)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

WINDOWS_CANDIDATES = (
    Path(os.environ.get("ProgramFiles", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.exe",
    Path(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / "LibreOffice" / "program" / "soffice.exe",
)


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
    for candidate in WINDOWS_CANDIDATES:
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
