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
    for photo in sorted((REPO / "bukti").rglob("*.jpg")):  # the example's sample photos
        assert f"zidoc/_data/{photo.relative_to(REPO).as_posix()}" in names
    assert "zidoc/cli/commands.py" in names
    assert "zidoc/workbook/contoh.toml" in names  # the example's rows (example.load_example)
    # ... and its survey responses, written beside the example workbook by `zidoc init`
    assert "zidoc/workbook/survei-kepuasan-kpu-kota-bengkulu-2024.csv" in names
    assert not any(n.startswith("pipeline/") for n in names)


def test_readme_developer_tree_names_every_module():
    """The README's folder tree is how a newcomer finds a module: every package and module of
    pipeline/zidoc is named there (a module added without a line fails here)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Untuk pengembang", 1)[1]
    tree = section.split("```text", 1)[1].split("```", 1)[0]
    package = REPO / "pipeline" / "zidoc"
    missing = [str(p.relative_to(package)) for p in sorted(package.rglob("*.py"))
               if p.name not in ("__init__.py", "__main__.py") and p.name not in tree]
    missing += [f"{d.name}/" for d in sorted(package.iterdir())
                if (d / "__init__.py").is_file() and f"{d.name}/" not in tree]
    assert not missing, f"README (Untuk pengembang) does not name: {missing}"
