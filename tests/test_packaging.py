"""The wheel carries config.toml, lke.toml and the templates, so `zidoc init` works from a
non-editable install."""
import subprocess
import sys
import zipfile

import pytest
from conftest import REPO


def test_wheel_ships_config_and_templates(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        pytest.skip(f"pip wheel tidak dapat membangun wheel di sini: {proc.stderr[-300:]}")
    (wheel,) = tmp_path.glob("zidoc-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "zidoc/_data/config.toml" in names
    assert "zidoc/_data/lke.toml" in names  # the LKE structure, copied by `zidoc init`
    templates = sorted((REPO / "templates" / "docx").glob("*.docx"))
    assert templates
    for template in templates:
        assert f"zidoc/_data/templates/docx/{template.name}" in names
    assert "zidoc/cli/commands.py" in names
    assert "zidoc/workbook/contoh.toml" in names  # the example's rows (example.load_example)
    assert not any(n.startswith("pipeline/") for n in names)
