"""Templates prepared once (documents/prepared.py): a build that finds the prepared parts on
disk does no preparing and writes the same documents; a damaged or missing cache changes
nothing but the time."""
from __future__ import annotations

import io
import tempfile
import zipfile

import pytest

PARTS = ("word/document.xml", "word/footer1.xml", "word/charts/chart1.xml")


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    """An empty folder for zidoc's cache folder, and no prepared template in the
    process (each use of `new_process` starts like a new build process)."""
    from zidoc.documents import prepared

    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))  # zidoc's per-user cache folder
    monkeypatch.setenv("LOCALAPPDATA", str(folder))
    monkeypatch.delenv(prepared.NO_CACHE, raising=False)
    prepared.jinja_env.cache_clear()
    prepared.template_class.cache_clear()
    yield folder
    prepared.jinja_env.cache_clear()
    prepared.template_class.cache_clear()


def new_process():
    from zidoc.documents import prepared

    prepared.jinja_env.cache_clear()
    prepared.template_class.cache_clear()


@pytest.fixture
def counted(monkeypatch):
    """How often docxtpl cleans a part and Jinja compiles one."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment

    calls = {"patch": 0, "compile": 0}
    patch, compile_ = DocxTemplate.patch_xml, Environment.compile

    def counting_patch(self, src):
        calls["patch"] += 1
        return patch(self, src)

    def counting_compile(self, *args, **kwargs):
        calls["compile"] += 1
        return compile_(self, *args, **kwargs)

    monkeypatch.setattr(DocxTemplate, "patch_xml", counting_patch)
    monkeypatch.setattr(Environment, "compile", counting_compile)
    return calls


def rendered_parts(config, example_workbook, tmp_path) -> dict[str, dict[str, bytes]]:
    from zidoc.build import load, render_documents

    loaded = load(example_workbook, config, tmp_path / "out")
    documents, _ = render_documents(loaded.workbook, loaded.scores, config)
    parts = {}
    for doc, data in documents.items():
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts[doc.kind] = {n: z.read(n) for n in PARTS if n in z.namelist()}
    return parts


def test_a_second_build_prepares_nothing_and_writes_the_same(
        cache_folder, counted, config, example_workbook, tmp_path):
    first = rendered_parts(config, example_workbook, tmp_path)
    assert counted["patch"] >= 4 and counted["compile"] >= 4
    assert list(cache_folder.rglob("zidoc-*.xml")) and list(cache_folder.rglob("zidoc-*.jinja"))

    new_process()
    counted.update(patch=0, compile=0)
    second = rendered_parts(config, example_workbook, tmp_path)
    assert counted == {"patch": 0, "compile": 0}
    assert second == first


def test_a_damaged_cache_is_not_used(cache_folder, counted, config, example_workbook, tmp_path):
    first = rendered_parts(config, example_workbook, tmp_path)
    files = sorted(cache_folder.rglob("zidoc-*"))
    for n, path in enumerate(files):
        data = path.read_bytes()
        # Cut short, changed in the middle, or emptied: each kind on some file.
        path.write_bytes((data[: len(data) // 2], data[:-40] + b"x" * 40, b"")[n % 3])

    new_process()
    counted.update(patch=0, compile=0)
    assert rendered_parts(config, example_workbook, tmp_path) == first
    assert counted["patch"] > 0 and counted["compile"] > 0  # prepared again


def test_without_the_disk_cache_nothing_is_written(
        cache_folder, config, example_workbook, tmp_path, monkeypatch):
    from zidoc.documents import prepared

    monkeypatch.setenv(prepared.NO_CACHE, "1")
    new_process()
    rendered_parts(config, example_workbook, tmp_path)
    assert not list(cache_folder.rglob("zidoc-*"))


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path):
    from zidoc.documents.prepared import _read, _write

    missing = tmp_path / "tidak-ada" / "zidoc-x.xml"
    _write(missing, "<w:p/>")  # no folder: no error, nothing written
    assert not missing.exists() and _read(missing) is None
    kept = tmp_path / "zidoc-y.xml"
    _write(kept, "<w:p>\u00e9</w:p>")
    assert _read(kept) == "<w:p>\u00e9</w:p>"
    assert not list(tmp_path.glob("*.tmp"))
