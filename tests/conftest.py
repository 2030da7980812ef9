"""Shared fixtures: real files built in the test, the repo's own config and templates."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent


def pytest_addoption(parser, pluginmanager):
    """pyproject.toml's addopts start pytest-xdist workers (-n auto --dist worksteal). Without
    the plugin (-p no:xdist, or not installed) those two options are accepted and ignored, so
    the tests run in one process; with it, -n0 does the same."""
    if not pluginmanager.has_plugin("xdist"):
        group = parser.getgroup("xdist", "pytest-xdist absent: options ignored")
        # _addoption: a lowercase short option, as pytest-xdist itself declares it
        group._addoption("-n", "--numprocesses", dest="numprocesses", default=None)
        group.addoption("--dist", dest="dist", default="no")


@pytest.fixture
def config():
    from zidoc.config import load_config

    return load_config(REPO / "config.toml")


@pytest.fixture
def example_workbook(tmp_path) -> Path:
    """The example workbook (KPU Kota Bengkulu 2024) as a fresh file: the bytes openpyxl wrote
    once for the session (xlsx_edit.example_bytes); test_example.py tests the writing itself."""
    from xlsx_edit import example_bytes

    path = tmp_path / "contoh.xlsx"
    path.write_bytes(example_bytes())
    return path


def working_folder(folder: Path, config_extra: str = "") -> Path:
    """A working folder at `folder`: the repo's config.toml (with `config_extra` appended)
    and its templates, and an empty outputs/."""
    (folder / "templates").mkdir(parents=True)
    text = (REPO / "config.toml").read_text(encoding="utf-8")
    (folder / "config.toml").write_text(text + config_extra, encoding="utf-8")
    shutil.copytree(REPO / "templates" / "docx", folder / "templates" / "docx")
    (folder / "outputs").mkdir()
    return folder


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    """A working folder (config.toml + templates) as cwd, with an empty outputs/."""
    folder = working_folder(tmp_path / "kerja")
    monkeypatch.chdir(folder)
    return folder


def run_cli(*args: str, cwd: Path | None = None):
    """Run `zidoc` in-process (click's runner); returns the click Result."""
    from zidoc.cli.commands import main

    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args), prog_name="zidoc", catch_exceptions=False)
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), prog_name="zidoc", catch_exceptions=False)
    finally:
        os.chdir(old)


def run_zidoc_process(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `python -m zidoc` as a real process (for exit codes, kills, tracebacks)."""
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "zidoc", *args], cwd=cwd, env=env,
                          check=False, capture_output=True, text=True, timeout=timeout)


def docx_text(path: Path) -> str:
    """All text of a .docx (body paragraphs, tables, headers and footers), via python-docx."""
    from docx import Document

    doc = Document(str(path))
    parts: list[str] = []

    def walk(container):
        for block in container.iter_inner_content():
            if hasattr(block, "rows"):
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                parts.append(block.text)

    walk(doc)
    for section in doc.sections:
        for hf in (section.header, section.footer):
            walk(hf)
    return "\n".join(parts)


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (a meeting's pack in rapat/<kode>/ too) by its relative path
    ("rapat/R-01/undangan-R-01.docx"), with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def soffice() -> str | None:
    """The LibreOffice binary, or None."""
    from zidoc.store.office import find_soffice

    return find_soffice()
