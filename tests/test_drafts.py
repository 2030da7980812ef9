"""Drafts are never lost: edited documents survive rebuilds, locked files, and killed builds."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, docx_text, files_in, run_cli, working_folder
from drafts_helpers import (
    edit_docx,
    entry,
    laporan,
    manifest,
    rewrite_workbook,
    satker_folder,
    sha256,
)
from zidoc.fs.files import RETRY_WAITS


def open_in_word(src, dst) -> PermissionError:
    """Windows' answer to replacing a file another program holds open (WinError 5)."""
    exc = PermissionError(13, "Access is denied", str(src), None, str(dst))
    exc.winerror = 5
    return exc


STAFF_EDIT = "Catatan staf: bagian ini sudah diperiksa Sekretaris pada 3 Juni 2025."


def test_edited_laporan_survives_rebuild_and_v2_is_written(workspace, example_workbook):
    out = workspace / "outputs"
    first = run_cli("build", str(example_workbook))
    assert first.exit_code == 0, first.output
    original = laporan(out)
    edited = edit_docx(original, STAFF_EDIT)

    second = run_cli("build", str(example_workbook))
    assert second.exit_code == 0, second.output

    assert original.read_bytes() == edited  # byte for byte
    v2 = laporan(out, version=2)
    assert v2.is_file()
    assert STAFF_EDIT in docx_text(original)
    assert STAFF_EDIT not in docx_text(v2)
    assert "LAPORAN PELAKSANAAN ZONA INTEGRITAS" in docx_text(v2)
    message = [line for line in second.output.splitlines() if "tidak ditimpa" in line]
    assert len(message) == 1, second.output
    assert original.name in message[0] and v2.name in message[0]

    folder = satker_folder(out)
    base = entry(folder, original.name)
    assert base["diubah"] is True and base["draf_baru"] == v2.name
    assert base["sha256"] != sha256(edited)  # still the hash zidoc wrote
    newer = entry(folder, v2.name)
    assert newer["sha256"] == sha256(v2.read_bytes())
    assert newer["draf_untuk"] == original.name


def test_untouched_v2_is_replaced_and_an_edited_v2_gets_a_v3(workspace, example_workbook):
    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    edited = edit_docx(laporan(out), STAFF_EDIT)
    assert run_cli("build", str(example_workbook)).exit_code == 0
    assert run_cli("build", str(example_workbook)).exit_code == 0  # v2 untouched: replaced
    assert not laporan(out, version=3).exists()

    edited_v2 = edit_docx(laporan(out, version=2), "Suntingan kedua.")
    result = run_cli("build", str(example_workbook))
    assert result.exit_code == 0, result.output
    assert laporan(out).read_bytes() == edited
    assert laporan(out, version=2).read_bytes() == edited_v2
    v3 = laporan(out, version=3)
    assert v3.is_file() and "Suntingan kedua." not in docx_text(v3)
    assert laporan(out, version=2).name in result.output and v3.name in result.output


def test_untouched_documents_are_replaced(workspace, example_workbook):
    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    before = {p.name: p.read_bytes() for p in satker_folder(out).glob("*.docx")}
    result = run_cli("build", str(example_workbook))
    assert result.exit_code == 0, result.output
    assert "tidak ditimpa" not in result.output
    after = sorted(p.name for p in satker_folder(out).glob("*.docx"))
    assert after == sorted(before)  # no -v2 beside untouched documents
    folder = satker_folder(out)
    for name in after:
        assert entry(folder, name)["sha256"] == sha256((folder / name).read_bytes())


def test_a_file_zidoc_did_not_write_is_kept(workspace, example_workbook):
    """No manifest (lost, or the file came from elsewhere): the file is not zidoc's to replace."""
    out = workspace / "outputs"
    target = laporan(out)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"not a zidoc draft")
    result = run_cli("build", str(example_workbook))
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == b"not a zidoc draft"
    assert laporan(out, version=2).is_file()
    assert target.name in result.output


def test_source_workbook_copy_is_kept(workspace, example_workbook):
    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    folder = satker_folder(out)
    sumber = manifest(folder)["sumber"]
    copy = folder / sumber["salinan"]
    assert copy.read_bytes() == example_workbook.read_bytes()
    assert sumber["sha256"] == sha256(example_workbook.read_bytes())


def test_locked_document_is_reported_and_the_rest_is_written(workspace, example_workbook,
                                                             monkeypatch):
    """Windows refuses to replace a file open in Word (PermissionError): simulated here."""
    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    folder = satker_folder(out)
    locked = laporan(out)
    locked_bytes = locked.read_bytes()
    old_manifest = manifest(folder)
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst).name == locked.name:
            raise open_in_word(src, dst)
        return real_replace(src, dst)

    waits = []
    monkeypatch.setattr(time, "sleep", waits.append)
    monkeypatch.setattr(os, "replace", replace)
    result = run_cli("build", str(example_workbook))
    monkeypatch.setattr(os, "replace", real_replace)

    assert result.exit_code == 1
    assert waits == list(RETRY_WAITS) and 2.5 <= sum(waits) <= 3.5  # ~3 s before giving up
    lines = [line for line in result.output.splitlines() if locked.name in line]
    # The real file and the program for its type, never the temporary name.
    assert any(f"{locked} tidak dapat ditulis: sedang dibuka di program lain: Word atau WPS "
               "Writer, atau panel pratinjau Explorer." in line for line in lines), result.output
    assert ".tmp" not in result.output
    assert locked.read_bytes() == locked_bytes
    assert not laporan(out, version=2).exists()
    new_manifest = manifest(folder)
    assert new_manifest["dibuat"] >= old_manifest["dibuat"]  # the manifest was written
    assert entry(folder, locked.name)["sha256"] == sha256(locked_bytes)
    others = [e for e in new_manifest["dokumen"] if e["berkas"] != locked.name]
    for other in others:  # every other document was written
        assert sha256((folder / other["berkas"]).read_bytes()) == other["sha256"]
    assert (folder / new_manifest["sumber"]["salinan"]).is_file()
    assert not list(folder.glob(".*.tmp"))  # the temporary file was removed

    # Word closed: the next build replaces it as usual (it was never edited).
    again = run_cli("build", str(example_workbook))
    assert again.exit_code == 0, again.output
    assert not laporan(out, version=2).exists()


def test_a_file_held_for_a_moment_is_written_after_a_short_wait(workspace, example_workbook,
                                                                monkeypatch):
    """An antivirus or the indexer may hold a new file for a moment (PermissionError)."""
    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    changed = rewrite_workbook(example_workbook, example_workbook,
                               identitas={"penandatangan_nama": "Nama Pengganti"})
    real_replace = os.replace
    refusals = []

    def replace(src, dst):
        if Path(dst).name == laporan(out).name and len(refusals) < 2:
            refusals.append(dst)
            raise open_in_word(src, dst)
        return real_replace(src, dst)

    waits = []
    monkeypatch.setattr(time, "sleep", waits.append)
    monkeypatch.setattr(os, "replace", replace)
    result = run_cli("build", str(changed))
    monkeypatch.setattr(os, "replace", real_replace)
    assert result.exit_code == 0, result.output
    assert len(refusals) == 2 and waits == list(RETRY_WAITS[:2])  # growing waits
    assert "Nama Pengganti" in docx_text(laporan(out))
    assert entry(satker_folder(out), laporan(out).name)["sha256"] == sha256(
        laporan(out).read_bytes())


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_files_get_the_usual_mode_without_touching_the_umask(workspace, example_workbook,
                                                             monkeypatch):
    umask = os.umask(0o022)  # read it (the test's own process, before zidoc runs)
    os.umask(umask)

    def no_umask(mask):
        raise AssertionError("the process umask is global state: zidoc must not change it")

    monkeypatch.setattr(os, "umask", no_umask)
    assert run_cli("build", str(example_workbook)).exit_code == 0
    folder = satker_folder(workspace / "outputs")
    for path in folder.rglob("*"):  # a meeting's pack in rapat/<kode>/ too
        if path.is_file():
            assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path.name
        else:
            assert path.stat().st_mode & 0o777 == 0o777 & ~umask, path.name


def test_temporary_files_left_by_a_killed_build_are_removed(workspace, example_workbook):
    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    folder = satker_folder(out)
    stale = [folder / f".{laporan(out).name}.k3x_9a0b.tmp", folder / ".manifest.json.abcd1234.tmp"]
    others = [folder / ".catatan.tmp", folder / "data.abcd1234.tmp", folder / "catatan-staf.txt"]
    for path in stale + others:
        path.write_bytes(b"sisa")
    assert run_cli("build", str(example_workbook)).exit_code == 0
    assert not [p.name for p in stale if p.exists()]
    assert all(p.read_bytes() == b"sisa" for p in others)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork do not exist on Windows")
def test_builds_killed_at_random_moments_leave_only_complete_documents(tmp_path):
    """Builds killed with SIGKILL (no cleanup runs) at every step of writing their files and at
    random moments (tests/kill_driver.py, one process forking a build per kill). After each
    kill every document opens and the manifest recognises it; afterwards a complete build
    sees every file as zidoc's own."""
    import json

    from docx import Document

    folder = working_folder(tmp_path / "kerja")
    (folder / "inputs" / "2024").mkdir(parents=True)
    from zidoc.config import load_config
    from zidoc.workbook.starter import write_example_workbook

    write_example_workbook(folder / "inputs" / "2024" / "contoh.xlsx",
                           load_config(folder / "config.toml"))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "pipeline"), str(REPO)]),
               PYTHONIOENCODING="utf-8")
    command = [sys.executable, "-m", "zidoc", "build"]

    seed = int.from_bytes(os.urandom(4), "big")
    driver = subprocess.run([sys.executable, str(REPO / "tests" / "kill_driver.py"), str(seed)],
                            cwd=folder, env=env, capture_output=True, text=True, timeout=300,
                            check=False)
    assert driver.returncode == 0, driver.stderr
    report = json.loads(driver.stdout.strip().splitlines()[-1])
    assert not report["problems"], f"seed {seed}: {report}"
    kills = [k for k in report["kills"] if k.endswith(": killed")]
    assert len(kills) >= 9, report["kills"]  # every chosen step was reached and killed there

    documents = sorted((folder / "outputs").rglob("*.docx"))
    assert documents, "no document on disk"
    for path in documents:
        try:
            Document(str(path))
        except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
            pytest.fail(f"{path.name} is damaged after a kill (seed {seed}): {exc}")

    # Nothing was edited: a complete build afterwards sees every file as zidoc's own.
    final = subprocess.run(command, cwd=folder, env=env, capture_output=True, timeout=120,
                              check=False)
    assert final.returncode == 0, final.stderr
    assert not list((folder / "outputs").rglob("*-v2.docx")), f"seed {seed}"
    record = manifest(satker_folder(folder / "outputs"))
    for item in record["dokumen"]:
        path = satker_folder(folder / "outputs") / item["berkas"]
        assert sha256(path.read_bytes()) == item["sha256"], f"{item['berkas']} (seed {seed})"
        assert "sha256_baru" not in item
    leftovers = [p.name for p in (folder / "outputs").rglob(".*.tmp")]
    assert not leftovers, f"temporary files left (seed {seed}): {leftovers}"


def test_the_recorded_workbook_is_the_one_that_was_built(workspace, example_workbook,
                                                         monkeypatch):
    """Staff may save the workbook in Excel while zidoc builds: the manifest's hash and the
    sumber- copy must still be the bytes the documents were made from."""
    from zidoc.documents import render

    original = example_workbook.read_bytes()
    real = render.render_docx

    def render_while_saved_in_excel(*args, **kwargs):
        rewrite_workbook(example_workbook, example_workbook,
                         identitas={"penandatangan_nama": "Disimpan Sesudahnya"})
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "render_docx", render_while_saved_in_excel)
    result = run_cli("build", str(example_workbook))
    assert result.exit_code == 0, result.output
    assert example_workbook.read_bytes() != original  # the save really happened
    folder = satker_folder(workspace / "outputs")
    assert manifest(folder)["sumber"]["sha256"] == sha256(original)
    assert (folder / f"sumber-{example_workbook.name}").read_bytes() == original
    assert "Disimpan Sesudahnya" not in docx_text(laporan(workspace / "outputs"))


@pytest.fixture
def stop_at_final_manifest(monkeypatch):
    """Inside `with stop_at_final_manifest:` a build stops (KeyboardInterrupt, standing for a
    kill) just before its final manifest: the pending one (first write) is already on disk."""
    from contextlib import contextmanager

    from zidoc.store import drafts

    real = drafts.write_manifest

    @contextmanager
    def stopped():
        calls = []

        def write_manifest(folder, content):
            calls.append(content)
            if len(calls) == 2:
                raise KeyboardInterrupt
            return real(folder, content)

        monkeypatch.setattr(drafts, "write_manifest", write_manifest)
        try:
            yield
        finally:
            monkeypatch.setattr(drafts, "write_manifest", real)

    return stopped()


def test_a_build_stopped_before_its_final_manifest_does_not_make_drafts_look_edited(
        workspace, example_workbook, config, stop_at_final_manifest):
    """The window between replacing a document and writing the final manifest is a few
    milliseconds, so random kills rarely hit it: stop the build exactly there."""
    from zidoc.build import build_workbook

    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    old = laporan(out).read_bytes()
    changed = rewrite_workbook(example_workbook, example_workbook,
                               identitas={"penandatangan_nama": "Nama Pengganti"})
    with stop_at_final_manifest, pytest.raises(KeyboardInterrupt):
        build_workbook(changed, config, out)

    new = laporan(out).read_bytes()
    assert new != old  # the document was replaced, the final manifest never written
    pending = entry(satker_folder(out), laporan(out).name)
    assert pending["sha256"] == sha256(old) and pending["sha256_baru"] == sha256(new)

    result = run_cli("build", str(changed))
    assert result.exit_code == 0, result.output
    assert "tidak ditimpa" not in result.output
    assert not laporan(out, version=2).exists()
    assert "sha256_baru" not in entry(satker_folder(out), laporan(out).name)


def test_an_unwritable_manifest_stops_before_any_document_is_replaced(
        workspace, example_workbook, monkeypatch):
    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    folder = satker_folder(out)
    before = files_in(folder)
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst).name == "manifest.json":
            raise PermissionError(13, "Access is denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = run_cli("build", str(example_workbook))
    monkeypatch.setattr(os, "replace", real_replace)
    assert result.exit_code == 1
    assert "manifest.json tidak dapat ditulis" in result.output
    assert files_in(folder) == before


def test_a_stopped_rebuild_keeps_the_record_of_an_edited_draft(workspace, example_workbook,
                                                               config, stop_at_final_manifest):
    from zidoc.build import build_workbook

    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    edited = edit_docx(laporan(out), STAFF_EDIT)
    with stop_at_final_manifest, pytest.raises(KeyboardInterrupt):
        build_workbook(example_workbook, config, out)

    base = entry(satker_folder(out), laporan(out).name)
    assert base["diubah"] is True and base["draf_baru"] == laporan(out, version=2).name
    assert run_cli("build", str(example_workbook)).exit_code == 0
    assert laporan(out).read_bytes() == edited
    assert laporan(out, version=2).is_file() and not laporan(out, version=3).exists()
