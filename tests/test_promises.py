"""Issue 12: promises that hold on real machines. One section per class: all or nothing,
no traceback, one build per folder, Ctrl+C, bounded resources, what office suites write,
Indonesian messages, files in inputs that are not workbooks."""
from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import REPO, files_in, run_cli, run_zidoc_process
from xlsx_edit import SHEET_PART, edit_workbook, example_copy, rewrite_part, snapshot

SLUG_FOLDER = Path("2024") / "kpu-kota-bengkulu"


def manifest_problems(folder: Path) -> list[str]:
    """What is wrong between a folder and its manifest: a confirmed entry naming a missing
    file or a file with another hash, a leftover temporary file. Empty when consistent."""
    from zidoc.fs.files import TEMP_PATTERN, sha256_file

    found = []
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for e in data["dokumen"]:
        path = folder / e["berkas"]
        if "sha256_baru" in e:  # pending: the previous or the new hash
            if path.exists():
                hashes = {e.get("sha256"), e["sha256_baru"]}
                if sha256_file(path) not in hashes:
                    found.append(f"{e['berkas']}: pending hash mismatch")
            continue
        if not path.exists():
            found.append(f"{e['berkas']}: named but missing")
        elif e.get("diubah") is not True and sha256_file(path) != e["sha256"]:
            found.append(f"{e['berkas']}: hash differs")
    found += [p.name for p in folder.iterdir() if TEMP_PATTERN.match(p.name)]
    return found


def small_manifest():
    from zidoc.store.manifest import Manifest

    return Manifest(zidoc="t", dibuat="2026-01-01T00:00:00+00:00", tahun=2024, satker="S",
                    singkatan_satker="S")


# --- 1. All or nothing ---------------------------------------------------------------------

def test_a_full_disk_on_the_second_file_writes_nothing(tmp_path, monkeypatch):
    from zidoc.fs import files
    from zidoc.store.drafts import Draft, write_outputs

    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "lama.txt").write_text("lama", encoding="utf-8")
    before = snapshot(folder)
    real_fdopen = os.fdopen
    calls = []

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, _data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self):
            pass

        def fileno(self):
            return self.handle.fileno()

    def fdopen(fd, *args, **kwargs):
        calls.append(fd)
        handle = real_fdopen(fd, *args, **kwargs)
        return Full(handle) if len(calls) == 2 else handle

    monkeypatch.setattr(files.os, "fdopen", fdopen)
    drafts = [Draft("laporan", "a.docx", b"A" * 100), Draft("sk-tim", "b.docx", b"B" * 100)]
    report = write_outputs(folder, drafts, small_manifest(), None, {"sumber-x.xlsx": b"X"})
    assert not report.written
    assert any("ruang disk penuh" in f and "Tidak ada berkas yang ditulis" in f
               for f in report.failures), report.failures
    assert snapshot(folder) == before  # no document, no manifest, no temporary file


def test_a_name_too_long_is_refused_before_any_byte(tmp_path):
    from zidoc.store.drafts import Draft, write_outputs

    folder = tmp_path / "out"
    drafts = [Draft("laporan", "a.docx", b"A"), Draft("sk-tim", "b" * 240 + ".docx", b"B")]
    report = write_outputs(folder, drafts, small_manifest(), None)
    assert not report.written and any("terlalu panjang" in f for f in report.failures)
    assert list(folder.iterdir()) == []


def test_not_enough_free_space_is_refused_before_any_byte(tmp_path, monkeypatch):
    import shutil as shutil_module

    from zidoc.store.drafts import Draft, write_outputs

    usage = shutil_module.disk_usage(tmp_path)
    monkeypatch.setattr(shutil_module, "disk_usage",
                        lambda _p: usage._replace(free=1000))
    folder = tmp_path / "out"
    report = write_outputs(folder, [Draft("laporan", "a.docx", b"A" * 5000)], small_manifest(),
                           None)
    assert any("ruang disk" in f and "tidak cukup" in f for f in report.failures)
    assert list(folder.iterdir()) == []


def test_ctrl_c_while_staging_leaves_no_temporary_file(tmp_path, monkeypatch):
    from zidoc.store import drafts
    from zidoc.store.drafts import Draft, write_outputs

    real = drafts.stage
    calls = []

    def stage(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(path, data)

    monkeypatch.setattr(drafts, "stage", stage)
    folder = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        write_outputs(folder, [Draft("laporan", "a.docx", b"A"), Draft("sk-tim", "b.docx", b"B")],
                      small_manifest(), None)
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32",
                    reason="a 243-character name inside pytest's deep temporary folder passes "
                           "Windows' 259-character path limit")
def test_a_very_long_workbook_name_still_builds(workspace, tmp_path):
    name = "laporan-" + "sangat-panjang-" * 15 + "2024.xlsx"  # 243 characters
    source = example_copy(tmp_path / name)
    result = run_cli("build", str(source))
    assert result.exit_code == 0, result.output
    folder = workspace / "outputs" / SLUG_FOLDER
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    copy = folder / data["sumber"]["salinan"]
    assert copy.read_bytes() == source.read_bytes() and len(copy.name) < 230
    assert manifest_problems(folder) == []


def test_two_workbooks_for_one_folder_write_nothing_for_either(workspace, example_workbook):
    """Both are named on both sides, and neither is written."""
    first, second = workspace / "a.xlsx", workspace / "b.xlsx"
    shutil.copy(example_workbook, first)
    shutil.copy(example_workbook, second)
    result = run_cli("build", str(first), str(second), "--jobs", "1")
    assert result.exit_code == 1
    assert "a.xlsx dan b.xlsx sama-sama untuk satker dan tahun yang sama" in result.output
    assert "b.xlsx dan a.xlsx sama-sama untuk satker dan tahun yang sama" in result.output
    assert "tidak ada berkas yang ditulis untuk keduanya" in result.output
    assert "Untuk workbook yang gagal tidak ada berkas yang ditulis." in result.output
    assert not (workspace / "outputs" / SLUG_FOLDER).exists()


def test_three_workbooks_for_one_folder_are_counted(workspace, example_workbook):
    paths = [workspace / f"{n}.xlsx" for n in "abc"]
    for path in paths:
        shutil.copy(example_workbook, path)
    result = run_cli("build", *map(str, paths), "--jobs", "1")
    assert result.exit_code == 1
    assert "a.xlsx dan b.xlsx, c.xlsx sama-sama untuk satker dan tahun yang sama" in result.output
    assert "tidak ada berkas yang ditulis untuk semuanya (3 workbook)" in result.output
    assert "keduanya" not in result.output
    assert not (workspace / "outputs" / SLUG_FOLDER).exists()


# --- 2. No traceback, ever -------------------------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32" or sys.platform == "darwin",
                    reason="names with bytes that are not UTF-8 exist on Linux file systems")
def test_undecodable_file_name_on_an_ascii_console(workspace, tmp_path):
    raw = os.fsencode(str(tmp_path)) + b"/isian-\xff\xfe-\xc3\xa9.xlsx"
    with open(raw, "wb") as handle:
        handle.write(example_copy(tmp_path / "x.xlsx").read_bytes())
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="ascii:strict", LC_ALL="C")
    result = subprocess.run([sys.executable, "-m", "zidoc", "build", raw], cwd=workspace,
                            env=env, capture_output=True, timeout=120, check=False)
    stderr = result.stderr.decode("ascii", "replace")
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr
    folder = workspace / "outputs" / SLUG_FOLDER
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert "\ufffd" in data["sumber"]["berkas"]
    assert (folder / data["sumber"]["salinan"]).is_file()
    assert manifest_problems(folder) == []


def test_the_crash_handler_survives_a_broken_exception_and_no_temp_folder(
        workspace, tmp_path, monkeypatch):
    import tempfile

    import zidoc.build

    class Nasty(Exception):
        def __str__(self):
            raise RuntimeError("str() fails too")

    def broken(*_a, **_k):
        raise Nasty

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tidak-ada"))
    monkeypatch.setattr(zidoc.build, "load", broken)
    result = run_cli("validate", str(example_copy(tmp_path / "isian.xlsx")))
    assert result.exit_code == 3
    lines = result.output.strip().splitlines()
    assert lines == ["Terjadi kesalahan internal di zidoc (bukan kesalahan isian Anda)."]


def test_crash_log_is_written_exclusively_with_any_name(tmp_path, monkeypatch):
    import tempfile

    from zidoc.cli.crash import write_crash_log

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    try:
        raise ValueError("nama \udcff rusak")
    except ValueError as exc:
        first = write_crash_log(exc, ["zidoc", "build", "a-\udcfe.xlsx"])
        second = write_crash_log(exc, ["zidoc"])
    assert first != second and first.is_file() and second.is_file()
    assert "\\udcfe" in first.read_text(encoding="utf-8")


# --- 3. One build at a time per output folder ------------------------------------------------

def test_a_held_lock_makes_the_second_build_wait_then_say_who(workspace, example_workbook,
                                                              monkeypatch):
    from zidoc.fs import lock

    folder = workspace / "outputs" / SLUG_FOLDER
    monkeypatch.setattr(lock, "WAIT", 0.3)
    with lock.FolderLock(folder):
        started = time.monotonic()
        result = run_cli("build", str(example_workbook))
        waited = time.monotonic() - started
    assert result.exit_code == 1
    assert "sedang dipakai oleh zidoc lain" in result.output
    assert f"di komputer {lock.host_name()}" in result.output
    assert f"proses {os.getpid()}" in result.output
    assert waited >= 0.3
    assert sorted(p.name for p in folder.iterdir()) == []  # lock released, nothing written


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_stale_lock_of_a_killed_process_is_taken_over(workspace, example_workbook):
    from zidoc.fs import lock

    folder = workspace / "outputs" / SLUG_FOLDER
    folder.mkdir(parents=True)
    (folder / lock.LOCK_NAME).write_text(json.dumps(
        {"pid": _dead_pid(), "host": lock.host_name(), "user": "staf", "time": "2024"}),
        encoding="utf-8")
    result = run_cli("build", str(example_workbook))
    assert result.exit_code == 0, result.output
    assert not (folder / lock.LOCK_NAME).exists()
    assert manifest_problems(folder) == []


@pytest.mark.parametrize("content, age, stale", [
    ("", 0, False), ("", 60, True), ("{garbled", 60, True),
    ('{"pid": 1, "host": "pc-lain", "user": "u", "time": "t"}', 0, False),
    ('{"pid": 1, "host": "pc-lain", "user": "u", "time": "t"}', 7200, True),
], ids=["empty-new", "empty-old", "garbled-old", "other-host-new", "other-host-old"])
def test_lock_staleness(tmp_path, content, age, stale):
    from zidoc.fs import lock

    path = tmp_path / lock.LOCK_NAME
    path.write_text(content, encoding="utf-8")
    then = time.time() - age
    os.utime(path, (then, then))
    assert lock.is_stale(path, lock.read_holder(path)) is stale
    taken = False
    try:
        with lock.FolderLock(tmp_path, wait=0.1):
            taken = True
    except lock.LockBusy as exc:
        assert "pc-lain" in str(exc) or "zidoc lain" in str(exc)
    assert taken is stale


def test_a_lock_taken_over_from_us_is_not_removed_by_us(tmp_path):
    from zidoc.fs import lock

    mine = lock.FolderLock(tmp_path)
    mine.acquire()
    (tmp_path / lock.LOCK_NAME).write_text('{"pid": 1, "token": "other"}', encoding="utf-8")
    mine.release()
    assert (tmp_path / lock.LOCK_NAME).exists()


def test_temporary_files_of_a_live_build_are_never_removed(tmp_path):
    from zidoc.fs.files import host_tag, remove_stale_temps

    live = tmp_path / f".a.docx.abcd1234.{os.getpid()}-{host_tag()}.tmp"
    dead = tmp_path / f".a.docx.abcd1235.{_dead_pid()}-{host_tag()}.tmp"
    foreign = tmp_path / f".a.docx.abcd1236.{os.getpid()}-{'0000' if host_tag() != '0000' else '0001'}.tmp"
    old_style = tmp_path / ".a.docx.abcd1237.tmp"
    for path in (live, dead, foreign, old_style):
        path.write_bytes(b"x")
    removed = remove_stale_temps(tmp_path)
    assert sorted(removed) == sorted([dead, old_style])
    assert live.exists() and foreign.exists()


# --- 4. Ctrl+C ------------------------------------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32",
                    reason="os.kill(pid, SIGINT) terminates the process on Windows")
def test_sigint_deferred_during_the_moves(tmp_path):
    from zidoc.fs.files import deferred_interrupt

    done = []
    with pytest.raises(KeyboardInterrupt):
        with deferred_interrupt():
            os.kill(os.getpid(), signal.SIGINT)
            done.append("moves finished")
    assert done == ["moves finished"]


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
def test_ctrl_c_in_a_batch_one_line_exit_130_no_worker_traceback(workspace, tmp_path,
                                                               example_workbook):
    from variants import write_variant

    paths = [str(write_variant(example_workbook, tmp_path / f"k{n}.xlsx", f"KPU Uji {n}",
                               {"P1": 70.0 + n})) for n in range(4)]
    out = tmp_path / "hasil"
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "zidoc", "build", *paths, "--jobs", "2", "--out", str(out)],
        cwd=workspace, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,  # a shell running the tests in the background ignores SIGINT:
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as a console does
    time.sleep(0.8)  # the workers are started (spawn) and preparing
    os.killpg(process.pid, signal.SIGINT)  # as a console's Ctrl+C: the whole group
    stdout, stderr = process.communicate(timeout=60)
    text = stderr.decode("utf-8")
    assert process.returncode in (130, 0), text  # 0: it had already finished
    assert "Traceback" not in text and "KeyboardInterrupt" not in text
    if process.returncode == 130:
        assert "Dihentikan (Ctrl+C)" in text
    for folder in out.glob("2024/*") if out.exists() else []:
        assert manifest_problems(folder) == []


# --- 5. Bounded resources --------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_blocking(workspace, tmp_path):
    fifo = tmp_path / "isian.xlsx"
    os.mkfifo(fifo)
    result = run_zidoc_process("validate", str(fifo), cwd=workspace, timeout=30)
    assert result.returncode == 1
    assert "pipa (FIFO), bukan berkas workbook" in result.stdout + result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused(workspace):
    result = run_zidoc_process("build", "/dev/zero", cwd=workspace, timeout=30)
    assert result.returncode == 1
    assert "perangkat, bukan berkas workbook" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def _empty_cell_bomb(path: Path, rows: int) -> Path:
    example_copy(path)
    # Rows and cells without r= (positions implied, as the format allows): compresses ~1000x.
    body = ('<row><c s="1"/><c s="1"/><c s="1"/><c s="1"/></row>' * rows)
    return rewrite_part(path, SHEET_PART["Narasi"],
                        lambda xml: xml.replace("</sheetData>", body + "</sheetData>"))


def test_a_small_file_inflating_to_millions_of_empty_cells_stops_early(tmp_path):
    from zidoc.workbook.xlsx import WorkbookFileError, open_workbook

    path = _empty_cell_bomb(tmp_path / "bom.xlsx", 300_000)  # 1.2 million cells
    assert path.stat().st_size < 1 << 20
    started = time.monotonic()
    with pytest.raises(WorkbookFileError, match="terlalu banyak sel"):
        open_workbook(path)
    assert time.monotonic() - started < 10


def test_a_file_above_the_size_bound_is_refused_before_reading(tmp_path, monkeypatch):
    from zidoc.workbook import xlsx

    path = example_copy(tmp_path / "besar.xlsx")
    monkeypatch.setattr(xlsx, "MAX_FILE", 1000)
    with pytest.raises(xlsx.WorkbookFileError, match="terlalu besar"):
        xlsx.read_bytes(path)


# --- 6. What office suites really write ------------------------------------------------------

def read(path, config):
    from zidoc.workbook.reader import read_workbook

    return read_workbook(path, config.lke.areas, config.lke.codes,
                         documents=config.documents)


def messages(problems) -> str:
    return "\n".join(str(p) for p in problems)


@pytest.mark.parametrize("empty", ["<v></v>", "<v/>"])
def test_an_empty_string_formula_result_is_an_empty_value(tmp_path, config, empty):
    path = example_copy(tmp_path / "isian.xlsx")
    edit_workbook(path, lambda wb: wb["Narasi"].__setitem__("C2", '=IF(1,"","x")'))

    def cache_empty(xml: str) -> str:
        start = xml.index('<c r="C2"')
        end = xml.index("</c>", start) + len("</c>")
        cell = f'<c r="C2" t="str"><f>IF(1,"","x")</f>{empty}</c>'
        return xml[:start] + cell + xml[end:]

    rewrite_part(path, SHEET_PART["Narasi"], cache_empty)
    wb, problems = read(path, config)
    assert wb is not None, messages(problems)
    assert wb.narasi[0].judul is None


def test_a_number_formula_never_calculated_is_still_reported(tmp_path, config):
    path = example_copy(tmp_path / "isian.xlsx")
    edit_workbook(path, lambda wb: wb["Nilai"].__setitem__("C2", "=80+8"))
    wb, problems = read(path, config)
    assert wb is None and "belum pernah dihitung" in messages(problems)


@pytest.mark.parametrize("other", ["nilai", " NILAI", "Ni lai"])
def test_two_sheets_differing_in_case_or_spaces_name_both(tmp_path, config, other):
    path = example_copy(tmp_path / "isian.xlsx")

    def add(wb):
        ws = wb.copy_worksheet(wb["Nilai"])
        ws.title = "KLON"
        ws.sheet_state = "hidden"

    edit_workbook(path, add)
    # openpyxl (like Excel) refuses two names equal but for case; other programs write them.
    rewrite_part(path, "xl/workbook.xml", lambda xml: xml.replace('name="KLON"', f'name="{other}"'))
    wb, problems = read(path, config)
    text = messages(problems)
    assert wb is None
    assert f"'Nilai' dan '{other}' (tersembunyi)" in text, text


def _header_column(ws, name: str) -> int:
    return next(c.column for c in ws[1] if str(c.value).strip().lower() == name)


@pytest.mark.parametrize("mark", ["-", "0", 0, "tidak", "TIDAK", "\u2013"])
def test_a_month_cell_saying_no_is_not_scheduled(tmp_path, config, mark):
    from zidoc.workbook.model import MONTHS

    path = example_copy(tmp_path / "isian.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["RencanaAksi"]
    columns = [_header_column(ws, m) for m in MONTHS]
    for n, column in enumerate(columns):
        ws.cell(2, column).value = "x" if n == 0 else mark
        ws.cell(3, column).value = mark
    wb.save(path)
    model, problems = read(path, config)
    text = messages(problems)
    assert model is None
    assert "belum ada bulan yang dijadwalkan" in text  # row 3: every month says no
    assert "RencanaAksi!" in text


def test_the_month_rule_is_in_the_petunjuk(example_workbook):
    from zidoc.workbook.model import NOT_SCHEDULED

    wb = openpyxl.load_workbook(example_workbook)
    text = "\n".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row
                     if c.value is not None)
    assert all(f"'{m}'" in text for m in NOT_SCHEDULED if m.isascii())


def test_invisible_characters_in_codes_and_keys_are_removed(tmp_path, config):
    path = example_copy(tmp_path / "isian.xlsx")

    def paste(wb):
        nilai = wb["Nilai"]
        nilai["A2"] = "\ufeffP\u200b1\u00ad"
        ident = wb["Identitas"]
        for row in ident.iter_rows(min_row=2):
            if row[0].value == "tahun":
                row[0].value = "tahun\u200b"
        wb["Narasi"]["A2"] = "P1\u2060"

    edit_workbook(path, paste)
    wb, problems = read(path, config)
    assert wb is not None, messages(problems)
    assert "P1" in wb.nilai and wb.identitas.tahun == 2024


def test_merged_and_numbered_cells_in_unread_columns_never_block(tmp_path, config):
    path = example_copy(tmp_path / "isian.xlsx")

    def decorate(wb):
        nilai = wb["Nilai"]
        column = _header_column(nilai, "komponen")
        letter = openpyxl.utils.get_column_letter(column)
        nilai.merge_cells(f"{letter}2:{letter}3")
        ident = wb["Identitas"]
        column = _header_column(ident, "keterangan")
        letter = openpyxl.utils.get_column_letter(column)
        ident.merge_cells(f"{letter}2:{letter}4")
        tim = wb["Tim"]
        no = _header_column(tim, "no")
        for row in range(tim.max_row + 1, tim.max_row + 40):  # pre-numbered empty rows
            tim.cell(row, no).value = row - 1
        narasi = wb["Narasi"]
        extra = narasi.max_column + 1
        narasi.cell(1, extra).value = "No."
        for row in range(2, 300):
            narasi.cell(row, extra).value = row - 1

    edit_workbook(path, decorate)
    wb, problems = read(path, config)
    assert wb is not None, messages(problems)


@pytest.mark.parametrize("text, month", [("10 Nopember 2024", 11), ("3 Pebruari 2024", 2),
                                         ("17 Agustus 2024", 8), ("17 Agt 2024", 8)])
def test_older_month_spellings_are_dates(text, month):
    from zidoc.workbook.values import parse_date

    assert parse_date(text).month == month


def test_a_year_in_a_date_formatted_cell_says_so(tmp_path, config):
    path = example_copy(tmp_path / "isian.xlsx")

    def date_format(wb):
        for row in wb["Identitas"].iter_rows(min_row=2):
            if row[0].value == "tahun":
                row[1].value = 2024
                row[1].number_format = "dd/mm/yyyy"

    edit_workbook(path, date_format)
    wb, problems = read(path, config)
    text = messages(problems)
    assert wb is None and "berformat tanggal" in text and "(angka 2024)" in text, text


# --- 7. Every message in Indonesian ----------------------------------------------------------

@pytest.mark.parametrize("command", [("build", "WB"), ("status",), ("rekap", "--tahun", "2024"),
                                     ("archive", "--tahun", "2024")])
def test_out_pointing_at_a_file_is_indonesian_exit_1(workspace, example_workbook, tmp_path,
                                                     command):
    """A folder that cannot be written is exit 1 (README), like every file-system refusal."""
    blocker = tmp_path / "berkas.txt"
    blocker.write_text("x", encoding="utf-8")
    args = [str(example_workbook) if a == "WB" else a for a in command]
    result = run_cli(*args, "--out", str(blocker))
    assert result.exit_code == 1
    assert "adalah berkas, bukan folder" in result.output
    assert "is a file" not in result.output
    assert blocker.read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="permissions do not stop root (or work so on Windows)")
def test_an_unreadable_workbook_is_indonesian_exit_1(workspace, tmp_path):
    path = example_copy(tmp_path / "terkunci.xlsx")
    path.chmod(0)
    try:
        result = run_cli("validate", str(path))
    finally:
        path.chmod(0o644)
    assert result.exit_code == 1
    assert "tidak dapat dibuka (tidak ada izin" in result.output


def test_an_unreadable_workbook_message(tmp_path, monkeypatch):
    """The same as root: the read itself refused."""
    from zidoc.workbook import xlsx

    path = example_copy(tmp_path / "terkunci.xlsx")

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(xlsx.os, "open", refuse)
    with pytest.raises(xlsx.WorkbookFileError, match="tidak ada izin membacanya"):
        xlsx.read_bytes(path)


@pytest.mark.parametrize("message, expected", [
    ("Invalid value for '[WORKBOOK]...': File 'a.xlsx' is not readable.", "tidak dapat dibaca"),
    ("Invalid value for '--out': Directory 'x' is a file.", "adalah berkas, bukan folder"),
    ("Something entirely new happened here.", "perintah tidak dapat dijalankan"),
])
def test_click_messages_are_translated(message, expected):
    from zidoc.cli.commands import indonesian_usage_error

    assert expected in indonesian_usage_error(message)


# --- 8. Files in inputs that are not the user's workbooks -----------------------------------

def test_lock_files_resource_forks_and_marked_copies_are_skipped(workspace, example_workbook):
    inputs = workspace / "inputs" / "2024"
    inputs.mkdir(parents=True)
    shutil.copy(example_workbook, inputs / "isian.xlsx")
    (inputs / "~$isian.xlsx").write_bytes(b"\x00lock")
    (inputs / "._isian.xlsx").write_bytes(b"\x00\x05\x16\x07AppleDouble")
    shutil.copy(example_workbook, inputs / "isian-diperiksa.xlsx")  # beside isian.xlsx
    shutil.copy(example_workbook, inputs / "lama-diperiksa.xlsx")  # its workbook is gone
    (inputs / "__MACOSX").mkdir()
    (inputs / "__MACOSX" / "isian.xlsx").write_bytes(b"junk")
    result = run_cli("validate")
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("Catatan: 3 berkas")]
    assert len(notes) == 1 and "~$isian.xlsx" in notes[0] and "._isian.xlsx" in notes[0]
    assert "lama-diperiksa.xlsx" in notes[0]
    # zidoc's own marked copy beside its workbook: skipped without a note on every run.
    assert "isian-diperiksa.xlsx" not in result.output
    assert "isian.xlsx: tidak ada kesalahan" in result.output
    assert "diperiksa.xlsx: tidak ada" not in result.output


def test_a_marked_copy_named_alone_says_what_to_name(workspace, example_workbook):
    copy = workspace / "isian-diperiksa.xlsx"
    shutil.copy(example_workbook, copy)
    result = run_cli("validate", str(copy))
    assert result.exit_code == 1
    assert "isian-diperiksa.xlsx" in result.output  # the note names it
    assert "Tidak ada workbook isian di antara berkas yang disebut" in result.output


def test_zip_bomb_fixture_is_small(tmp_path):
    """The bomb of the resource test really is a small file that inflates a lot."""
    path = _empty_cell_bomb(tmp_path / "bom.xlsx", 300_000)
    with zipfile.ZipFile(path) as archive:
        inflated = sum(i.file_size for i in archive.infolist())
    assert inflated > 20 * path.stat().st_size


def test_a_move_failing_for_a_full_disk_puts_every_file_back(workspace, example_workbook,
                                                             monkeypatch):
    """A failure at the moves (not a file open in Word): the files already moved are put
    back, the manifest is the one before, nothing of this build stays."""
    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    folder = out / SLUG_FOLDER
    before = files_in(folder)
    changed = example_copy(workspace / "lain.xlsx")
    edit_workbook(changed, lambda wb: wb["Narasi"].__setitem__("D2", "Uraian yang berubah."))
    real = os.replace
    moves = []

    def replace(src, dst):
        if str(src).endswith(".tmp") and Path(dst).suffix == ".docx":
            moves.append(dst)
            if len(moves) == 2:
                raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = run_cli("build", str(changed))
    monkeypatch.setattr(os, "replace", real)
    assert result.exit_code == 1
    assert "ruang disk penuh" in result.output and "dikembalikan seperti semula" in result.output
    assert files_in(folder) == before
    again = run_cli("build", str(example_workbook))  # nothing looks edited afterwards
    assert again.exit_code == 0 and "tidak ditimpa" not in again.output


def test_a_file_open_in_word_is_reported_and_the_others_move(workspace, example_workbook,
                                                             monkeypatch):
    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    folder = out / SLUG_FOLDER
    real = os.replace

    def replace(src, dst):
        if Path(dst).name.startswith("laporan") and str(src).endswith(".tmp"):
            exc = PermissionError(13, "Access is denied", str(dst))
            exc.winerror = 32  # Windows: the file is open in another program
            raise exc
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr("zidoc.fs.files.RETRY_WAITS", (0.01,))
    result = run_cli("build", str(example_workbook))
    monkeypatch.setattr(os, "replace", real)
    assert result.exit_code == 1
    assert "sedang dibuka" in result.output
    assert manifest_problems(folder) == []


def test_a_nomor_typed_in_a_date_formatted_cell_says_so(tmp_path, config):
    path = example_copy(tmp_path / "isian.xlsx")

    def date_format(wb):
        ws = wb["Dokumen"]
        column = _header_column(ws, "nomor")
        ws.cell(2, column).value = 443
        ws.cell(2, column).number_format = "d-mmm-yy"

    edit_workbook(path, date_format)
    wb, problems = read(path, config)
    text = messages(problems)
    assert wb is None and "nomor: sel ini berformat tanggal" in text and "(angka 443)" in text
    assert "Dokumen!" in text


def test_a_merge_over_the_whole_sheet_stops_early(tmp_path):
    """openpyxl makes one object per merged cell: one <mergeCell ref="A1:XFD1048576"/> in a
    tiny file would take all memory."""
    from zidoc.workbook.xlsx import WorkbookFileError, open_workbook

    path = example_copy(tmp_path / "gabung.xlsx")
    rewrite_part(path, SHEET_PART["Narasi"], lambda xml: xml.replace(
        "</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="F1:XFD1048576"/>'
        "</mergeCells>"))
    started = time.monotonic()
    with pytest.raises(WorkbookFileError, match="terlalu luas"):
        open_workbook(path)
    assert time.monotonic() - started < 10


def test_ordinary_merges_are_counted_but_accepted(tmp_path, config):
    path = example_copy(tmp_path / "gabung.xlsx")
    edit_workbook(path, lambda wb: wb["Nilai"].merge_cells("H2:J40"))
    wb, problems = read(path, config)
    assert wb is not None, messages(problems)


def test_a_stale_lock_that_cannot_be_moved_still_ends_in_a_message(tmp_path, monkeypatch):
    from zidoc.fs import lock

    (tmp_path / lock.LOCK_NAME).write_text(json.dumps(
        {"pid": _dead_pid(), "host": lock.host_name(), "user": "staf", "time": "t"}),
        encoding="utf-8")

    def refuse(*_args):
        raise PermissionError(13, "denied")

    monkeypatch.setattr(lock.os, "rename", refuse)
    monkeypatch.setattr(lock.os, "replace", refuse)
    with pytest.raises(lock.LockBusy, match="pengguna staf"):
        lock.FolderLock(tmp_path, wait=0.2).acquire()
