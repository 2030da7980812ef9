"""`zidoc status`: generated when, edited since, newer draft waiting, archived."""
from __future__ import annotations

import json
import re

from conftest import run_cli
from drafts_helpers import edit_docx, fake_convert, laporan


def rows(output: str) -> dict[str, list[str]]:
    """Table rows keyed by file name: columns split on runs of two or more spaces."""
    found = {}
    for line in output.splitlines():
        columns = re.split(r"\s{2,}", line.strip())
        if len(columns) >= 6 and columns[1].endswith(".docx"):
            found[columns[1]] = columns
    return found


def test_status_of_a_fresh_build(workspace, example_workbook):
    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    result = run_cli("status")
    assert result.exit_code == 0, result.output
    assert "Tahun 2024 - KPU Kota Bengkulu" in result.output
    assert "Belum diarsipkan" in result.output
    table = rows(result.output)
    row = table[laporan(out).name]
    assert row[0] == "Laporan Pelaksanaan"
    assert re.fullmatch(r"\d{1,2} \w+ \d{4} \d{2}\.\d{2}", row[2]), row  # generated when
    assert row[3:] == ["tidak", "-", "belum"]


def test_status_after_an_edit_a_rebuild_and_an_archive(workspace, example_workbook):
    from zidoc.store.archive import archive_year

    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    edit_docx(laporan(out), "Suntingan staf.")
    assert run_cli("build", str(example_workbook)).exit_code == 0
    v2 = laporan(out, version=2).name

    table = rows(run_cli("status", "--tahun", "2024").output)
    assert table[laporan(out).name][3:] == ["ya", v2, "belum"]
    assert table[v2][3:] == ["tidak", "-", "belum"]

    outcome = archive_year(out, 2024, convert=fake_convert([]))
    assert len(outcome.notes) == 1 and v2 in outcome.notes[0]  # both versions archived, said so
    result = run_cli("status", "--tahun", "2024", "--out", str(out))
    assert "Sudah diarsipkan" in result.output
    table = rows(result.output)
    assert table[laporan(out).name][5] == "ya"
    assert table[v2][5] == "ya"

    edit_docx(laporan(out, version=2), "Diubah sesudah diarsipkan.")
    table = rows(run_cli("status").output)
    assert table[v2][3] == "ya"
    assert table[v2][5] == "ya, tetapi berubah sesudahnya"


def test_status_without_builds(workspace):
    result = run_cli("status", "--tahun", "2030")
    assert result.exit_code == 0
    assert "Belum ada dokumen" in result.output and "zidoc build" in result.output


def test_a_manifest_that_is_not_an_object_is_reported_damaged_and_a_rebuild_is_safe(
        workspace, example_workbook):
    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    manifest = laporan(out).parent / "manifest.json"
    manifest.write_text("[1]", encoding="utf-8")

    result = run_cli("status")
    assert result.exit_code == 0, result.output
    assert "Belum ada dokumen" not in result.output
    assert "manifest.json rusak" in result.output
    assert "Aman untuk menjalankan 'zidoc build' lagi" in result.output

    before = laporan(out).read_bytes()
    result = run_cli("build", str(example_workbook))
    assert result.exit_code == 0, result.output
    assert laporan(out).read_bytes() == before  # not recognised as zidoc's: kept as it is
    assert isinstance(json.loads(manifest.read_text(encoding="utf-8")), dict)
    assert "rusak" not in run_cli("status").output


def test_a_manifest_whose_document_list_is_damaged_does_not_stop_a_rebuild(
        workspace, example_workbook):
    out = workspace / "outputs"
    assert run_cli("build", str(example_workbook)).exit_code == 0
    manifest = laporan(out).parent / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps(dict(data, dokumen=[{"jenis": "x"}, 5])), encoding="utf-8")
    assert run_cli("status").exit_code == 0
    result = run_cli("build", str(example_workbook))
    assert result.exit_code == 0, result.output
