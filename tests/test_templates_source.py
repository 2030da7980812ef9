"""tools/make_templates.py is the single source of the Word templates: the committed
templates/docx/*.docx must be exactly what it builds (compared part by part as text, since
zip bytes carry timestamps). After changing the generator: python tools/make_templates.py"""
from __future__ import annotations

import importlib.util
import io
import zipfile

import pytest
from conftest import REPO

TOOLS = REPO / "tools" / "make_templates.py"


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location("make_templates", TOOLS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parts(data: bytes | str) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as archive:
        return {name: archive.read(name).decode("utf-8", errors="replace")
                for name in archive.namelist()}


def test_every_template_has_its_builder(generator):
    committed = sorted(p.name for p in (REPO / "templates" / "docx").glob("*.docx"))
    assert committed == sorted(generator.BUILDERS)


@pytest.mark.parametrize("name", ["laporan-pelaksanaan.docx", "sk-tim.docx", "rencana-aksi.docx"])
def test_committed_template_equals_the_generator_output(generator, name):
    buffer = io.BytesIO()
    generator.BUILDERS[name]().save(buffer)
    built = parts(buffer.getvalue())
    committed = parts(str(REPO / "templates" / "docx" / name))
    assert sorted(committed) == sorted(built), name
    differing = [part for part in built if built[part] != committed[part]]
    assert not differing, (f"{name}: {differing} differ from tools/make_templates.py; "
                           "run: python tools/make_templates.py")
