"""The layers declared in pyproject.toml hold: `lint-imports` (import-linter) finds no import
from a lower layer to a higher one, so zidoc has no import cycle between its stages."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_import_layers_are_kept():
    env = dict(os.environ, PYTHONPATH=str(REPO / "pipeline"))
    # import-linter's own command line, in its own process (its graph cache off: a clean read)
    code = "import sys; from importlinter.cli import lint_imports_command; " \
           "sys.argv = ['lint-imports', '--no-cache']; lint_imports_command()"
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept, 0 broken" in run.stdout


def test_a_layer_broken_is_reported(tmp_path):
    """The contract bites: the same check over a copy of zidoc where config imports the
    build fails and names the import."""
    import shutil

    shutil.copytree(REPO / "pipeline" / "zidoc", tmp_path / "zidoc",
                    ignore=shutil.ignore_patterns("__pycache__"))
    config = tmp_path / "zidoc" / "config.py"
    config.write_text(config.read_text(encoding="utf-8") + "\nfrom zidoc import build  # noqa\n",
                      encoding="utf-8")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    code = "import sys; from importlinter.cli import lint_imports_command; " \
           "sys.argv = ['lint-imports', '--no-cache']; lint_imports_command()"
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode != 0
    assert "zidoc.config -> zidoc.build" in run.stdout
