"""Windows as staff really run it: Windows' answers simulated on any system.

Windows itself is not available here. Its answers are: OSErrors carrying `winerror` (32 and 33
for a file another program holds, 3 and 206 for a path too long), a process id reused by a
newer process, the owner files Word/WPS (`~$name`) and LibreOffice (`.~lock.name#`) leave
beside an open document, and `zidoc.fs.files.WINDOWS` switched on for its path limits, hidden
files and worker cap. Each test asserts the Indonesian message names the real file (never a
temporary name) and the right cause."""
from __future__ import annotations

import json
import os
import stat
import sys
import time
from pathlib import Path

import pytest
from conftest import run_cli
from zidoc.fs import files
from zidoc.fs.files import RETRY_WAITS

SLUG = "kpu-kota-bengkulu"


def windows_error(cls, winerror: int, filename, filename2=None, errno_=13):
    """An OSError as Windows raises it: errno from its table, `winerror` set."""
    exc = cls(errno_, "Windows said no", str(filename), None,
              None if filename2 is None else str(filename2))
    exc.winerror = winerror
    return exc


@pytest.fixture
def windows(monkeypatch):
    """Windows' path limits, hidden files and worker cap on; the hidden-attribute calls
    recorded (ctypes.windll does not exist here)."""
    calls = []
    monkeypatch.setattr(files, "WINDOWS", True)
    monkeypatch.setattr(files, "_file_attributes", lambda path, hidden: calls.append(
        (Path(path).name, hidden)))
    return calls


@pytest.fixture
def waits(monkeypatch):
    slept = []
    monkeypatch.setattr(time, "sleep", slept.append)
    return slept


# --- 1. Windows' meaning first: in use, too long ---------------------------------------------

@pytest.mark.parametrize("winerror", [32, 33])
@pytest.mark.parametrize("name, program", [
    ("laporan-pelaksanaan-zi-2024.docx", "Word atau WPS Writer"),
    ("rekap-zi-2024.xlsx", "Excel atau WPS Spreadsheets"),
])
def test_a_file_in_use_names_the_real_file_and_its_program(tmp_path, winerror, name, program):
    from zidoc.cli.crash import describe_os_error

    target = tmp_path / name
    temp = tmp_path / f".{name[:5]}.0a1b2c3d.4242-abcd.tmp"  # zidoc's temporary name
    exc = windows_error(PermissionError, winerror, temp, target)
    assert files.os_reason(exc) == (f"sedang dibuka di program lain: {program}, atau panel "
                                    "pratinjau Explorer")
    message = describe_os_error(exc)
    assert message.startswith(f"Tidak dapat menulis atau membaca {target} (sedang dibuka")
    assert f"Tutup berkas itu di {program}" in message
    assert ".tmp" not in message and "tidak ada izin" not in message
    if name.endswith(".xlsx"):
        assert "Word" not in message


@pytest.mark.parametrize("winerror", [3, 206])
def test_a_path_too_long_gives_its_length_the_limit_and_the_way_out(tmp_path, winerror):
    from zidoc.cli.crash import describe_os_error

    target = tmp_path / ("d" * 120) / ("e" * 120) / "laporan-pelaksanaan-zi-2024.docx"
    length = len(os.path.abspath(target))
    assert length > 259
    exc = windows_error(FileNotFoundError, winerror, target, errno_=2)
    assert files.os_reason(exc) == (f"jalurnya terlalu panjang untuk Windows: {length} "
                                    "karakter, paling banyak 259")
    message = describe_os_error(exc)
    assert str(target) in message and "berkas atau folder tidak ada" not in message
    for way_out in ("singkatan_satker yang lebih pendek", "lebih dekat ke akar drive",
                    "--out"):
        assert way_out in message


def test_a_workbook_open_with_a_sharing_lock_says_so(tmp_path, monkeypatch):
    from zidoc.workbook import xlsx

    path = tmp_path / "isian.xlsx"
    path.write_bytes(b"PK")

    def refuse(*_a, **_k):
        raise windows_error(PermissionError, 32, path)

    monkeypatch.setattr(xlsx.os, "open", refuse)
    with pytest.raises(xlsx.WorkbookFileError) as raised:
        xlsx.read_bytes(path)
    assert ("sedang dibuka di program lain: Excel atau WPS Spreadsheets, atau panel pratinjau "
            "Explorer") in str(raised.value)


def test_winerror_3_on_a_short_path_is_a_missing_folder(tmp_path):
    exc = windows_error(FileNotFoundError, 3, tmp_path / "tidak-ada" / "a.docx", errno_=2)
    assert files.os_reason(exc) == "folder tidak ada"


def test_a_file_held_for_a_moment_is_retried_with_growing_waits(tmp_path, monkeypatch, waits):
    real = os.replace
    refusals = []

    def replace(src, dst):
        if len(refusals) < 3:  # an antivirus scan: 3 refusals, then free
            refusals.append(dst)
            raise windows_error(PermissionError, 32, src, dst)
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    files.atomic_write(tmp_path / "a.docx", b"isi")
    assert (tmp_path / "a.docx").read_bytes() == b"isi"
    assert waits == list(RETRY_WAITS[:3])
    assert 2.5 <= sum(RETRY_WAITS) <= 3.5  # about 3 s before giving up
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_file_still_held_raises_file_in_use_naming_the_target(tmp_path, monkeypatch, waits):
    target = tmp_path / "rekap-zi-2024.xlsx"
    target.write_bytes(b"lama")
    monkeypatch.setattr(os, "replace", lambda src, dst: (_ for _ in ()).throw(
        windows_error(PermissionError, 5, src, dst)))  # access denied: open in Excel
    with pytest.raises(files.FileInUse) as raised:
        files.atomic_write(target, b"baru")
    assert raised.value.filename == str(target) and files.in_use(raised.value)
    assert waits == list(RETRY_WAITS)
    assert target.read_bytes() == b"lama" and not list(tmp_path.glob(".*.tmp"))


def test_an_error_while_staging_names_the_target_not_the_temporary_file(tmp_path, monkeypatch):
    real_open = os.open

    def refuse(path, flags, mode=0o777, **kw):
        if str(path).endswith(".tmp"):
            raise windows_error(PermissionError, 32, path)
        return real_open(path, flags, mode, **kw)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(PermissionError) as raised:
        files.stage(tmp_path / "laporan.docx", b"x")
    assert raised.value.filename == str(tmp_path / "laporan.docx")


# --- 2. Paths: limits before anything is created, names fitted --------------------------------

def padded(base: Path, length: int) -> Path:
    """`base` with folders added until its path has exactly `length` characters."""
    path = base
    while (need := length - len(os.path.abspath(path)) - 1) >= 0:
        path = path / ("z" * (50 if need > 100 else max(need, 1)))
    assert len(os.path.abspath(path)) == length, path
    return path


def test_build_with_30_characters_of_room_shortens_names_and_rekap_names_excel(
        workspace, example_workbook, windows, monkeypatch, waits):
    """The satker folder's path leaves 30 characters (259 - its length - the separator), in
    a OneDrive for work folder: the build succeeds with shortened names, the same on a
    rebuild; the recap open in Excel is reported as such."""
    synced = workspace / "OneDrive - Komisi Pemilihan Umum Republik Indonesia"
    out = padded(synced / "ZI", 259 - 1 - 30 - len(f"/2024/{SLUG}"))
    folder = out / "2024" / SLUG
    assert files.name_room(folder) == 30
    # Without the meetings: their folders rapat/<kode>/ take 11 of the 30 characters, too
    # few left for a file (refused, naming the path: a build without that room is refused).
    from xlsx_edit import edit_workbook

    edit_workbook(example_workbook, lambda wb: (wb.remove(wb["Rapat"]), wb.remove(wb["Peserta"])))
    result = run_cli("build", str(example_workbook), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "folder yang disinkronkan" in result.output and str(synced) in result.output
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    names = [d["berkas"] for d in manifest["dokumen"]]
    assert "sk-tim-zi-2024.docx" in names and "rencana-aksi-zi-2024.docx" in names  # fit
    shortened = [n for n in names if n.startswith("laporan-")]
    assert len(shortened) == 2 and "laporan-pelaksanaan-zi-2024.docx" not in names
    for name in names:
        assert name.endswith(".docx") and len(name) + len("-v2") <= 30, name
        assert len(os.path.abspath(folder / name)) <= 259
        assert (folder / name).is_file()
    copy = manifest["sumber"]["salinan"]
    assert (folder / copy).read_bytes() == example_workbook.read_bytes()
    # The copy fits Windows' 259 but not Excel's 218: said, with the way to open it.
    assert f"Excel tidak dapat membuka {folder / copy}" in result.output
    # The lock is hidden while held; zidoc's visible files never are.
    assert any(name == ".zidoc-lock" and hidden for name, hidden in windows)
    assert not any(hidden and not name.startswith(".") for name, hidden in windows)

    again = run_cli("build", str(example_workbook), "--out", str(out))
    assert again.exit_code == 0, again.output
    assert "tidak ditimpa" not in again.output  # the same names: recognised as zidoc's
    after = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [d["berkas"] for d in after["dokumen"]] == names
    assert not any("-v2" in p.name for p in folder.iterdir())

    # The year's archive (a fixed name, 36 characters) cannot fit: said before converting.
    from zidoc.store import office

    monkeypatch.setattr(office, "convert", lambda *a, **k: pytest.fail("converted"))
    archive = run_cli("archive", "--tahun", "2024", "--out", str(out))
    assert archive.exit_code == 1
    assert f"{folder / f'arsip-zi-2024-{SLUG}.zip'} terlalu panjang untuk Windows" in (
        archive.output)
    assert "Tidak ada arsip yang ditulis." in archive.output

    recap = run_cli("rekap", "--tahun", "2024", "--out", str(out))
    assert recap.exit_code == 0, recap.output
    target = out / "2024" / "rekap-zi-2024.xlsx"
    assert target.is_file() and "Excel tidak dapat membuka" in recap.output  # > 218
    owner = target.with_name("~$rekap-zi-2024.xlsx")  # open in WPS: no OS lock, an owner file
    owner.write_bytes(b"")
    before = target.read_bytes()
    in_wps = run_cli("rekap", "--tahun", "2024", "--out", str(out))
    assert in_wps.exit_code == 1 and target.read_bytes() == before
    assert f"{target} sedang dibuka di program lain (ada berkas ~$rekap-zi-2024.xlsx" in (
        in_wps.output)
    owner.unlink()
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (_ for _ in ()).throw(
        windows_error(PermissionError, 32, src, dst)) if Path(dst) == target else real(src, dst))
    busy = run_cli("rekap", "--tahun", "2024", "--out", str(out))
    assert busy.exit_code == 1
    assert (f"Tidak dapat menulis atau membaca {target} (sedang dibuka di program lain: Excel "
            "atau WPS Spreadsheets, atau panel pratinjau Explorer). Tutup berkas itu di Excel "
            "atau WPS Spreadsheets") in busy.output
    assert ".tmp" not in busy.output and "Word" not in busy.output
    assert waits[-len(RETRY_WAITS):] == list(RETRY_WAITS)


@pytest.mark.parametrize("room, limit", [
    (0, 247),  # the folder itself past CreateDirectory's limit
    (20, 259),  # the folder fits, its files (and their temporary names) do not
])
def test_build_with_no_room_is_refused_before_any_folder_is_created(
        workspace, example_workbook, windows, room, limit):
    base = workspace / "OneDrive - KPU"
    base.mkdir()
    out = padded(base, 259 - 1 - room - len(f"/2024/{SLUG}"))
    top = base / out.relative_to(base).parts[0]
    result = run_cli("build", str(example_workbook), "--out", str(out), "--only", "laporan")
    assert result.exit_code == 1
    assert "terlalu panjang untuk Windows" in result.output
    assert f"paling banyak {limit})" in result.output and "singkatan_satker" in result.output
    assert "Tidak ada berkas atau folder yang dibuat." in result.output
    assert not top.exists()  # not the output folder, nor any folder on its way


def test_a_folder_past_windows_folder_limit_is_refused(tmp_path, windows):
    folder = padded(tmp_path, 248)
    why = files.folder_problem(folder, ["a.docx"])
    assert why is not None and "248 karakter; paling banyak 247" in why
    assert files.folder_problem(padded(tmp_path, 200), ["a.docx"]) is None


def test_fitted_names_keep_their_extension_versions_and_stay_apart(tmp_path, windows):
    from zidoc.store.drafts import base_of, draft_name

    folder = padded(tmp_path, 259 - 1 - 24)  # 24 characters of room
    long = "laporan-monev-rencana-aksi-zi-2024-tw1.docx"
    first, second = draft_name(folder, long), draft_name(folder, long, 2)
    assert len(first) <= 20 and second.endswith("-v2.docx") and len(second) <= 24
    assert base_of(second) == first  # versions share the shortened name
    assert draft_name(folder, long) == first  # stable
    assert draft_name(folder, long.replace("tw1", "tw2")) != first  # apart
    marked = files.fit_name("isian-kpu-kota-bengkulu-2024-diperiksa.xlsx", 30,
                            keep="-diperiksa.xlsx")
    assert marked.endswith("-diperiksa.xlsx") and len(marked) <= 30


@pytest.mark.skipif(sys.platform == "win32", reason="Windows' limits always apply there")
def test_without_windows_nothing_is_shortened(tmp_path):
    from zidoc.store.drafts import draft_name

    assert not files.WINDOWS
    folder = padded(tmp_path, 250)
    assert draft_name(folder, "laporan-pelaksanaan-zi-2024.docx") == (
        "laporan-pelaksanaan-zi-2024.docx")


# --- 3. config.toml folder values --------------------------------------------------------------

@pytest.mark.parametrize("written, fix", [
    ("D:\\new\\tahun", "inputs = 'D:\\new\\tahun', atau dengan garis miring biasa: "
                       'inputs = "D:/new/tahun"'),
    ("D:\\ZI\\inputs", "inputs = 'D:\\ZI\\inputs', atau dengan garis miring biasa: "
                       'inputs = "D:/ZI/inputs"'),
])
def test_a_windows_path_in_double_quotes_is_answered_with_the_fix(workspace, written, fix):
    config = workspace / "config.toml"
    text = config.read_text(encoding="utf-8")
    assert 'inputs = "inputs"' in text
    config.write_text(text.replace('inputs = "inputs"', f'inputs = "{written}"'),
                      encoding="utf-8")
    result = run_cli("validate")
    assert result.exit_code == 1
    assert f"Tulis jalur Windows di antara tanda kutip tunggal: {fix}." in result.output
    assert "Tidak ada workbook" not in result.output  # never a path with a newline and a tab
    if "new" in written:  # read as a newline and a tab: the value itself is refused
        assert "'folder.inputs' berisi karakter kendali" in result.output
    else:  # \Z is no TOML escape: the syntax error's hint
        assert "penulisan tidak sah pada baris" in result.output
    config.write_text(text.replace('inputs = "inputs"', f"inputs = '{written}'"),
                      encoding="utf-8")
    from zidoc.config import load_config

    assert load_config(config).inputs.name.endswith(written.rsplit("\\", 1)[-1])


# --- 5. The lock ----------------------------------------------------------------------------

def write_lock(folder: Path, pid: int, started: float | None) -> Path:
    from zidoc.fs.lock import LOCK_NAME, host_name

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    path.write_text(json.dumps({"pid": pid, "started": started, "host": host_name(),
                                "user": "staf", "time": "2024-01-01T00:00:00+00:00",
                                "token": "lama"}), encoding="utf-8")
    return path


@pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                    reason="the start time of another process is read from /proc here")
def test_a_lock_whose_pid_now_belongs_to_a_newer_process_is_taken_over(tmp_path):
    from zidoc.fs.lock import FolderLock, LockBusy, process_started

    alive = os.getppid()  # runs, on this host, and is not this process
    started = process_started(alive)
    assert started is not None
    reused = write_lock(tmp_path / "a", alive, started - 600)  # written by an older process
    with FolderLock(tmp_path / "a", wait=0.2):
        holder = json.loads(reused.read_text(encoding="utf-8"))
        assert holder["pid"] == os.getpid() and holder["token"] != "lama"
        assert abs(holder["started"] - process_started(os.getpid())) < 1
    assert not reused.exists()

    write_lock(tmp_path / "b", alive, started)  # the very process that wrote it: busy
    with pytest.raises(LockBusy) as busy:
        with FolderLock(tmp_path / "b", wait=0.1):
            pass
    assert f"(proses {alive})" in str(busy.value)


def test_a_lock_without_a_start_time_trusts_the_pid(tmp_path, monkeypatch):
    from zidoc.fs import lock

    monkeypatch.setattr(lock, "process_started", lambda pid: 5000.0)
    write_lock(tmp_path, os.getppid(), None)  # an older zidoc's lock
    with pytest.raises(lock.LockBusy):
        with lock.FolderLock(tmp_path, wait=0.05):
            pass


def test_lock_release_is_retried_while_the_file_is_held(tmp_path, monkeypatch, waits):
    from zidoc.fs.lock import LOCK_NAME, FolderLock

    real = os.unlink
    held = []

    def unlink(path, *a, **kw):
        if Path(path).name == LOCK_NAME and len(held) < 2:
            held.append(path)
            raise windows_error(PermissionError, 32, path)
        return real(path, *a, **kw)

    monkeypatch.setattr(os, "unlink", unlink)
    with FolderLock(tmp_path, wait=0.1):
        pass
    assert len(held) == 2 and waits == list(RETRY_WAITS[:2])
    assert not (tmp_path / LOCK_NAME).exists()


# --- 6. Open in an editor: owner files -------------------------------------------------------

def small_manifest():
    from zidoc.store.manifest import Manifest

    return Manifest(zidoc="t", dibuat="2026-01-01T00:00:00+00:00", tahun=2024, satker="S",
                    singkatan_satker="S")


@pytest.mark.parametrize("owner, program", [
    ("~$poran-zi-2024.docx", "Word atau WPS Writer"),  # Word drops two characters ...
    ("~$laporan-zi-2024.docx", "Word atau WPS Writer"),  # ... WPS and short names do not
    (".~lock.laporan-zi-2024.docx#", "LibreOffice"),
])
def test_a_document_open_in_an_editor_is_kept_and_the_draft_goes_beside_it(
        tmp_path, owner, program):
    from zidoc.store.drafts import Draft, write_outputs
    from zidoc.store.manifest import read_manifest

    name = "laporan-zi-2024.docx"
    first = write_outputs(tmp_path, [Draft("laporan", name, b"v1")], small_manifest(), None)
    assert first.ok
    (tmp_path / owner.upper() if owner.startswith("~$") else tmp_path / owner).write_bytes(b"")
    previous = read_manifest(tmp_path).manifest
    second = write_outputs(tmp_path, [Draft("laporan", name, b"v2")], small_manifest(),
                           previous)
    assert second.ok, second.failures
    assert (tmp_path / name).read_bytes() == b"v1"  # never replaced under the editor
    assert (tmp_path / "laporan-zi-2024-v2.docx").read_bytes() == b"v2"
    note = " ".join(second.notes)
    assert f"{tmp_path / name} sedang dibuka di {program}" in note
    assert "laporan-zi-2024-v2.docx" in note and "Bila berkas itu tidak sedang dibuka" in note
    entries = {e.berkas: e for e in read_manifest(tmp_path).manifest.dokumen}
    assert not entries[name].diubah and entries[name].draf_baru == "laporan-zi-2024-v2.docx"
    assert entries["laporan-zi-2024-v2.docx"].draf_untuk == name


def test_without_an_owner_file_the_unedited_draft_is_replaced(tmp_path):
    from zidoc.store.drafts import Draft, write_outputs
    from zidoc.store.manifest import read_manifest

    write_outputs(tmp_path, [Draft("laporan", "a-zi.docx", b"v1")], small_manifest(), None)
    (tmp_path / "~$lain.docx").write_bytes(b"")  # another document's owner file
    again = write_outputs(tmp_path, [Draft("laporan", "a-zi.docx", b"v2")], small_manifest(),
                          read_manifest(tmp_path).manifest)
    assert again.ok and not again.notes
    assert (tmp_path / "a-zi.docx").read_bytes() == b"v2"


# --- 7. Workers, cache, LibreOffice, hidden files, synced folders ------------------------------

def test_workers_are_capped_at_61_on_windows(monkeypatch):
    from zidoc.batch import worker_count

    assert worker_count(64, 100) == (61 if sys.platform == "win32" else 64)
    monkeypatch.setattr(files, "WINDOWS", True)
    assert worker_count(64, 100) == 61 and worker_count(64, 3) == 3


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and owners")
def test_the_template_cache_is_a_private_per_user_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = files.user_cache_folder("templat")
    assert folder == tmp_path / "cache" / "zidoc" / "templat"
    assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0  # only its user
    folder.chmod(0o777)  # planted: another user could write in it
    assert files.user_cache_folder("templat") is None
    monkeypatch.setattr(files, "WINDOWS", True)
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    assert files.user_cache_folder() == tmp_path / "AppData" / "Local" / "zidoc" / "cache"


def test_the_build_uses_that_cache_folder(tmp_path, monkeypatch):
    from zidoc.documents import prepared

    monkeypatch.delenv(prepared.NO_CACHE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    cache = prepared._disk_cache()
    assert cache is not None and Path(cache.directory) == files.user_cache_folder("templat")


def test_libreoffice_is_found_through_programw6432_and_the_registry(tmp_path, monkeypatch):
    import types

    from zidoc.store import office

    program = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"")
    monkeypatch.setattr(office.shutil, "which", lambda _name: None)
    monkeypatch.setenv("ProgramW6432", str(tmp_path / "Program Files"))
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files (x86)"))  # 32-bit Python
    assert office.find_soffice() == str(program)

    installed = tmp_path / "D" / "LibreOffice 24" / "program"
    fake = types.SimpleNamespace(HKEY_LOCAL_MACHINE="HKLM", HKEY_CURRENT_USER="HKCU")

    class Key:
        def __init__(self, hive, key):
            if (hive, key) != ("HKLM", office.REGISTRY_KEYS[0][0]):
                raise OSError("no such key")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    fake.OpenKey = Key
    fake.QueryValueEx = lambda handle, name: (str(installed), 1)
    monkeypatch.setitem(sys.modules, "winreg", fake)
    assert installed / "soffice.exe" in office.windows_candidates()


def test_zidocs_own_dot_files_are_hidden_on_windows_and_documents_are_not(tmp_path, windows):
    target = tmp_path / "laporan.docx"
    files.atomic_write(target, b"isi")
    assert target.read_bytes() == b"isi"
    staged = [(name, hidden) for name, hidden in windows if name.endswith(".tmp")]
    assert [h for _n, h in staged] == [True, False]  # hidden while written, shown before moving
    assert [h for name, h in windows if name == "laporan.docx"] == [False]  # made sure


def test_synced_roots_are_recognised(tmp_path, monkeypatch):
    for variable in files.SYNC_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    assert files.synced_root(tmp_path / "ZI" / "outputs") is None
    monkeypatch.setenv("OneDrive", str(tmp_path / "Satu"))
    assert files.synced_root(tmp_path / "Satu" / "ZI") == tmp_path / "Satu"
    business = tmp_path / "OneDrive - Komisi Pemilihan Umum Republik Indonesia"
    assert files.synced_root(business / "ZI" / "outputs") == business


# --- the satker folder name ----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("CON", "satker-con"), ("con.", "satker-con"), (" Prn ", "satker-prn"),
    ("AUX", "satker-aux"), ("NUL ", "satker-nul"), ("COM1", "satker-com1"),
    ("com9.", "satker-com9"), ("LPT1", "satker-lpt1"), ("lpt9 ", "satker-lpt9"),
    ("KPU Kota Bengkulu.", "kpu-kota-bengkulu"), ("KPU Kota Bengkulu . ", "kpu-kota-bengkulu"),
    ("Kanwil ", "kanwil"), ("", "satker-e3b0c442"), ("...", "satker-ab5df625"),
])
def test_satker_folder_names_are_valid_and_stable(text, expected):
    from zidoc.fs.files import WINDOWS_RESERVED, slug

    name = slug(text)
    assert name == expected  # the same folder on every run and every computer
    assert name.lower() not in WINDOWS_RESERVED and name.rstrip(" .") == name and name
    assert files.name_problem(Path("out"), name) is None


def test_satker_names_without_usable_letters_get_folders_of_their_own():
    from zidoc.fs.files import slug

    names = {slug(t) for t in ("北京", "上海", "", " ", "...", "…")}
    assert len(names) == 5  # "" and " " are the same empty name
    assert slug("北京") == slug("北京") == slug(" 北京 ")


# --- the README's Windows quick start ------------------------------------------------------

def test_readme_windows_commands_are_powershell_51_lines():
    """PowerShell 5.1 (Windows 10/11's own) rejects `&&`; the Linux commands (CI runs the
    test command through .ci/run) stay as they were."""
    import re

    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```powershell\n(.*?)```", readme, re.DOTALL)
    assert len(blocks) >= 3
    lines = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert not [line for line in lines if "&&" in line or "||" in line or "/bin/" in line]
    assert ".venv\\Scripts\\python -m pytest -q" in lines and ".venv\\Scripts\\zidoc build" in lines
    for command in ("python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/zidoc build",
                    'python3 -m venv .venv && .venv/bin/pip install ".[test]" && '
                    ".venv/bin/python -m pytest -q"):
        assert f"```bash\n{command}\n```" in readme
    assert '".[test]" && .venv/bin/python -m pytest -q' in (
        REPO / ".ci" / "run").read_text(encoding="utf-8")
