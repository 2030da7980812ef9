"""`zidoc rekap`: the year's recap, read back with openpyxl and checked against figures
computed here from the spec's weights and thresholds (not by zidoc.scoring)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest
from conftest import run_cli
from variants import write_variant

D = Decimal
EXAMPLE = {"P1": "88.63", "P2": "92.86", "P3": "85.82", "P4": "81.21", "P5": "88.42",
           "P6": "85.81", "H1": "98.75", "H2": "75.00", "H3": "97.25"}
AREAS = ("P1", "P2", "P3", "P4", "P5", "P6")
# spec/scoring.md: weights, and the thresholds of Tabel 6.
BOBOT = {"P1": D(8), "P2": D(7), "P3": D(10), "P4": D(10), "P5": D(15), "P6": D(10),
         "H1": D("17.5"), "H2": D(5), "H3": D("17.5")}
THRESHOLDS = {
    "WBK": {"akhir": D(75), "pengungkit": D(40), "area": D(60), "I": D("18.25"),
            "II": D("14.00"), "H1": D("15.75"), "H2": D("2.50")},
    "WBBM": {"akhir": D(85), "pengungkit": D(48), "area": D(75), "I": D("19.50"),
             "II": D("15.75"), "H1": D("15.75"), "H2": D("3.75")},
}

# (satker, overrides, last year's value)
SATKER = [
    # P1 88.8475 -> final value 90.2050 exactly: half up gives 90.21 (a float round gives 90.2).
    ("KPU Kabupaten Alfa", {"P1": "88.8475"}, "89.24"),
    ("KPU Kabupaten Beta", {"P4": "70"}, "91.00"),  # an area under 75%: not WBBM
    ("KPU Kabupaten Gama", {"P5": "55", "H2": "50"}, None),  # an area under 60%: not WBK
    ("KPU Kabupaten Delta", {a: "95" for a in AREAS} | {"H1": "100", "H2": "100", "H3": "100"},
     "90"),
]


def r2(value: Decimal) -> Decimal:
    return value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def expected(overrides: dict[str, str], last: str | None) -> dict:
    persen = {k: D(v) for k, v in (EXAMPLE | overrides).items()}
    nilai = {k: persen[k] * BOBOT[k] / 100 for k in BOBOT}
    pengungkit = sum(nilai[a] for a in AREAS)
    hasil = nilai["H1"] + nilai["H2"] + nilai["H3"]
    akhir = pengungkit + hasil
    met = {}
    for name, t in THRESHOLDS.items():
        met[name] = (akhir >= t["akhir"] and pengungkit >= t["pengungkit"]
                     and all(persen[a] >= t["area"] for a in AREAS)
                     and nilai["H1"] + nilai["H2"] >= t["I"] and nilai["H3"] >= t["II"]
                     and nilai["H1"] >= t["H1"] and nilai["H2"] >= t["H2"])
    return {
        "areas": [r2(persen[a]) for a in AREAS],
        "pengungkit": r2(pengungkit), "persen_pengungkit": r2(pengungkit / 60 * 100),
        "hasil": r2(hasil), "persen_hasil": r2(hasil / 40 * 100),
        "akhir": r2(akhir),
        "lalu": None if last is None else r2(D(last)),
        "selisih": None if last is None else r2(akhir) - r2(D(last)),
        "WBK": "Terpenuhi" if met["WBK"] else "Belum",
        "WBBM": "Terpenuhi" if met["WBBM"] else "Belum",
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The four satker built once for the module (each test runs `zidoc rekap` itself)."""
    import shutil

    from conftest import REPO
    from xlsx_edit import example_copy

    tmp_path = tmp_path_factory.mktemp("rekap")
    folder = tmp_path / "kerja"
    (folder / "templates").mkdir(parents=True)
    shutil.copy(REPO / "config.toml", folder / "config.toml")
    shutil.copytree(REPO / "templates" / "docx", folder / "templates" / "docx")
    example_workbook = example_copy(tmp_path / "contoh.xlsx")
    paths = [
        write_variant(example_workbook, tmp_path / f"wb{n}.xlsx", satker,
                      {k: float(v) for k, v in overrides.items()},
                      None if last is None else float(last))
        for n, (satker, overrides, last) in enumerate(SATKER)
    ]
    out = tmp_path / "hasil"
    result = run_cli("build", *map(str, paths), "--jobs", "1", "--out", str(out), cwd=folder)
    assert result.exit_code == 0, result.output
    return out


def test_recap_figures(built, workspace):
    result = run_cli("rekap", "--tahun", "2024", "--out", str(built))
    assert result.exit_code == 0, result.output
    path = built / "2024" / "rekap-zi-2024.xlsx"
    assert path.is_file() and str(path) in result.stdout

    ws = openpyxl.load_workbook(path)["Rekap"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    want = {satker: expected(o, last) for satker, o, last in SATKER}

    # Sorted by final value, highest first (computed here).
    order = sorted(want, key=lambda s: want[s]["akhir"], reverse=True)
    assert [r["Satker"] for r in rows] == order
    assert [r["No"] for r in rows] == [1, 2, 3, 4]

    area_headers = header[3:9]
    for row in rows:
        w = want[row["Satker"]]
        assert [row[h] for h in area_headers] == [float(v) for v in w["areas"]]
        assert row["Nilai pengungkit"] == float(w["pengungkit"])
        assert row["Pengungkit (%)"] == float(w["persen_pengungkit"])
        assert row["Nilai hasil"] == float(w["hasil"])
        assert row["Hasil (%)"] == float(w["persen_hasil"])
        assert row["Nilai akhir"] == float(w["akhir"])
        assert row["Nilai tahun lalu"] == (None if w["lalu"] is None else float(w["lalu"]))
        assert row["Perubahan"] == (None if w["selisih"] is None else float(w["selisih"]))
        assert row["Syarat nilai WBK"] == w["WBK"]
        assert row["Syarat nilai WBBM"] == w["WBBM"]

    by_satker = {r["Satker"]: r for r in rows}
    assert by_satker["KPU Kabupaten Alfa"]["Nilai akhir"] == 90.21
    assert by_satker["KPU Kabupaten Gama"]["Syarat nilai WBK"] == "Belum"
    assert "Area Penguatan Pengawasan" in by_satker["KPU Kabupaten Gama"][
        "Syarat yang belum terpenuhi"]
    assert by_satker["KPU Kabupaten Beta"]["Syarat nilai WBBM"] == "Belum"
    assert by_satker["KPU Kabupaten Delta"]["Syarat yang belum terpenuhi"] is None


def test_recap_layout(built, workspace):
    assert run_cli("rekap", "--tahun", "2024", "--out", str(built)).exit_code == 0
    ws = openpyxl.load_workbook(built / "2024" / "rekap-zi-2024.xlsx")["Rekap"]
    assert ws.freeze_panes == "C2"
    assert all(c.font.bold for c in ws[1])
    header = [c.value for c in ws[1]]
    final = ws.cell(row=2, column=header.index("Nilai akhir") + 1)
    assert isinstance(final.value, (int, float)) and final.number_format == "0.00"
    # Colour rules on the thresholds: on every area column and on the final value.
    ranges = {str(cf.sqref): [r.formula for r in cf.rules] for cf in ws.conditional_formatting}
    final_letter = final.column_letter
    assert ranges[f"{final_letter}2:{final_letter}5"] == [["85"], ["75"], ["75"]]
    assert ranges["D2:D5"] == [["75"], ["60"], ["60"]]


def test_no_manifest_for_the_year(tmp_path, workspace):
    result = run_cli("rekap", "--tahun", "2023", "--out", str(tmp_path / "kosong"))
    assert result.exit_code == 1
    assert "Belum ada hasil build untuk tahun 2023" in result.output
    assert not (tmp_path / "kosong" / "2023" / "rekap-zi-2023.xlsx").exists()
