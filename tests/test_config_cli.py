"""config.toml through the CLI, in a folder made by `zidoc init`: problems stop the build
(exit 1, naming the key and its line), and the weights printed in the Laporan come from
config.toml, never from a literal."""
from __future__ import annotations

import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from conftest import run_cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LAPORAN = Path("outputs") / "2024" / "kpu-kota-bengkulu" / "laporan-pelaksanaan-zi-2024.docx"
# The example's percentages, from spec/scoring.md (worked example, KPU Kota Bengkulu 2024).
PERSEN = {"P1": "88.63", "P2": "92.86", "P3": "85.82", "P4": "81.21", "P5": "88.42",
          "P6": "85.81", "H1": "98.75", "H2": "75.00", "H3": "97.25"}


@pytest.fixture(scope="module")
def initialised(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("init") / "folder-zi"
    result = run_cli("init", str(folder))
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def folder(initialised, tmp_path) -> Path:
    """A fresh copy of the `zidoc init` folder (init once per module: it writes a workbook)."""
    import shutil

    copy = tmp_path / "folder-zi"
    shutil.copytree(initialised, copy)
    return copy


def edit_config(folder: Path, *replacements: tuple[str, str]) -> str:
    path = folder / "config.toml"
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def line_with(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def build_fails(folder: Path) -> str:
    result = run_cli("build", "--only", "laporan", cwd=folder)
    assert result.exit_code == 1, result.output
    assert not (folder / LAPORAN).exists()
    return result.output


def test_unknown_table_stops_the_build_naming_the_key(folder):
    # Misspelt, [[predikat]] used to vanish silently, and with it the WBK/WBBM checks.
    text = edit_config(folder, ("[[predikat]]", "[[predikatt]]"))
    output = build_fails(folder)
    assert (f"Kesalahan konfigurasi: config.toml baris {line_with(text, '[[predikatt]]')}: "
            "kunci 'predikatt' tidak dikenal; maksud Anda 'predikat'?") in output


def test_weights_that_no_longer_add_up_stop_the_build(folder):
    text = edit_config(folder, ('bobot = "8"', 'bobot = "9"'))
    output = build_fails(folder)
    assert f"config.toml baris {line_with(text, '[[lke.pengungkit]]')}: " in output
    assert "jumlah bobot [[lke.pengungkit]] tidak sama dengan 'lke.bobot_pengungkit' (60)" in output
    assert "= 61." in output


def test_placeholder_typo_stops_the_build_naming_the_placeholder(folder):
    text = edit_config(folder, ("di lingkungan {nama_satker};", "di lingkungan {nama satker};"))
    output = build_fails(folder)
    assert (f"config.toml baris {line_with(text, '{nama satker}')}: "
            "'keputusan.sk_tim.menimbang[1]' memakai penanda {nama satker} yang tidak dikenal; "
            "maksud Anda {nama_satker}?") in output


def test_every_problem_is_printed_at_once(folder):
    edit_config(folder, ("[[predikat]]", "[[predikatt]]"), ('bobot = "8"', 'bobot = "9"'),
                ("di lingkungan {nama_satker};", "di lingkungan {nama satker};"))
    output = build_fails(folder)
    assert output.count("Kesalahan konfigurasi: config.toml baris ") == 3, output
    validate = run_cli("validate", cwd=folder)
    assert validate.exit_code == 1
    assert validate.output.count("Kesalahan konfigurasi: ") == 3, validate.output


def _half_up(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _koma(value: Decimal) -> str:
    return f"{_half_up(value):.2f}".replace(".", ",")


def _score_table(path: Path) -> list[list[str]]:
    from docx import Document

    for table in Document(str(path)).tables:
        rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
        if rows and rows[0][:3] == ["No", "Komponen / Area Perubahan", "Bobot"]:
            return rows[1:]
    raise AssertionError("score table not found")


def test_changed_weights_change_every_printed_weight_and_the_final_value(folder):
    text = edit_config(folder, ('bobot = "8"', 'bobot = "9"'), ('bobot = "7"', 'bobot = "6"'))
    result = run_cli("build", "--only", "laporan", cwd=folder)
    assert result.exit_code == 0, result.output

    # Expected values straight from the spec's formula: nilai = persen / 100 x bobot, the
    # final value the sum of every nilai; weights read from the edited config.toml.
    lke = tomllib.loads(text)["lke"]
    bobot = {i["kode"]: Decimal(i["bobot"]) for i in lke["pengungkit"]}
    groups = {g["kode"]: {i["kode"]: Decimal(i["bobot"]) for i in g["indikator"]}
              for g in lke["hasil"]}
    for indicators in groups.values():
        bobot.update(indicators)
    assert (bobot["P1"], bobot["P2"]) == (Decimal(9), Decimal(6))
    nilai = {k: Decimal(PERSEN[k]) / 100 * bobot[k] for k in bobot}
    final = sum(nilai.values(), Decimal(0))
    assert _koma(final) == "90,15"  # 90,19 with the regulation's weights

    rows = _score_table(folder / LAPORAN)
    by_name = {row[1]: row for row in rows}
    names = {i["kode"]: i["nama"] for i in lke["pengungkit"]}
    for kode, nama in names.items():
        row = by_name[nama]
        assert row[2:] == [_koma(bobot[kode]), _koma(Decimal(PERSEN[kode])) + "%",
                           _koma(nilai[kode])], row
    for group in lke["hasil"]:
        row = by_name[group["nama"]]
        assert row[2] == _koma(sum(groups[group["kode"]].values(), Decimal(0)))
        for n, item in enumerate(group["indikator"]):
            row = by_name[f"{chr(ord('a') + n)}. {item['nama']}"]
            assert row[2] == _koma(bobot[item["kode"]])
            assert row[4] == _koma(nilai[item["kode"]])
    pengungkit = sum((bobot[k] for k in names), Decimal(0))
    hasil = sum(bobot.values(), Decimal(0)) - pengungkit
    assert by_name["PENGUNGKIT"][2] == by_name["TOTAL PENGUNGKIT"][2] == _koma(pengungkit)
    assert by_name["TOTAL PENGUNGKIT"][4] == _koma(sum((nilai[k] for k in names), Decimal(0)))
    assert by_name["HASIL"][2] == by_name["TOTAL HASIL"][2] == _koma(hasil)
    assert by_name["NILAI ZONA INTEGRITAS"][2] == _koma(sum(bobot.values(), Decimal(0)))
    assert by_name["NILAI ZONA INTEGRITAS"][4] == _koma(final)

    # The opening reports the evaluator's 90,19 from the workbook and names the computed value.
    from conftest import docx_text

    assert f"nilai hasil perhitungan komponen pada tabel di bawah: {_koma(final)}" in \
        docx_text(folder / LAPORAN)
