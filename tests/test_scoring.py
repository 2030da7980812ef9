"""Scoring: expected figures are computed here from the spec's weights, independently of
pipeline.scoring (only the inputs go through it)."""
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest
from zidoc.scoring import round2, score

WEIGHTS = {"P1": D(8), "P2": D(7), "P3": D(10), "P4": D(10), "P5": D(15), "P6": D(10),
           "H1": D("17.5"), "H2": D(5), "H3": D("17.5")}
EXAMPLE = dict(zip(WEIGHTS, map(D, "88.63 92.86 85.82 81.21 88.42 85.81 98.75 75.00 97.25".split())))


def expected(persen):
    nilai = {k: persen[k] * WEIGHTS[k] / 100 for k in WEIGHTS}
    pengungkit = sum(nilai[k] for k in ("P1", "P2", "P3", "P4", "P5", "P6"))
    group1 = nilai["H1"] + nilai["H2"]
    group2 = nilai["H3"]
    return {
        "pengungkit": pengungkit,
        "persen_pengungkit": pengungkit / 60 * 100,
        "group1": group1,
        "persen_group1": group1 / D("22.5") * 100,
        "group2": group2,
        "hasil": group1 + group2,
        "persen_hasil": (group1 + group2) / 40 * 100,
        "akhir": pengungkit + group1 + group2,
    }


def q(value):
    return value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def test_example_matches_the_worked_example(config):
    s = score(config.lke, config.predikat, EXAMPLE, D("89.24"))
    e = expected(EXAMPLE)
    assert s.pengungkit.nilai == e["pengungkit"] == D("52.1376")
    assert round2(s.pengungkit.persen) == D("86.90")
    assert s.hasil[0].nilai == D("21.03125") and round2(s.hasil[0].persen) == D("93.47")
    assert s.hasil[1].nilai == D("17.01875") and round2(s.hasil[1].persen) == D("97.25")
    assert s.nilai_hasil == D("38.05") and round2(s.persen_hasil) == D("95.13")
    assert s.nilai_akhir == D("90.1876") and round2(s.nilai_akhir) == D("90.19")
    assert s.selisih == D("0.95") and s.arah == "meningkat"


def test_example_meets_both_predicates_with_h2_the_narrowest_wbbm_margin(config):
    s = score(config.lke, config.predikat, EXAMPLE)
    assert [p.nama for p in s.predikat] == ["WBK", "WBBM"]
    assert all(p.met for p in s.predikat)
    wbbm = s.predikat[1]
    narrowest = min(wbbm.checks, key=lambda c: c.selisih)
    assert narrowest.selisih == 0 and "Capaian Kinerja" in narrowest.kriteria


def test_decrease_from_last_year(config):
    persen = dict(EXAMPLE, P5=D("70.10"), H3=D("80"))
    s = score(config.lke, config.predikat, persen, D("89.24"))
    e = expected(persen)
    assert s.nilai_akhir == e["akhir"]
    assert s.arah == "menurun"
    assert s.selisih == q(e["akhir"]) - D("89.24") < 0


def test_same_as_last_year_compares_printed_values(config):
    s = score(config.lke, config.predikat, EXAMPLE, D("90.19"))
    assert s.arah == "sama" and s.selisih == 0


def test_missing_wbk_area_threshold(config):
    persen = dict(EXAMPLE, P4=D("59.99"))
    s = score(config.lke, config.predikat, persen)
    wbk = s.predikat[0]
    assert not wbk.met
    failing = [c for c in wbk.checks if not c.met]
    assert [c.kriteria for c in failing] == ["Area Penguatan Akuntabilitas"]
    assert failing[0].selisih == D("-0.01")
    # The final value itself still clears 75.
    assert expected(persen)["akhir"] > 75


def test_missing_wbk_h2_threshold_with_answer_e(config):
    s = score(config.lke, config.predikat, dict(EXAMPLE, H2=D(0)))
    wbk = s.predikat[0]
    failing = {c.kriteria: c for c in wbk.checks if not c.met}
    assert "Capaian Kinerja Lebih Baik daripada Capaian Kinerja Sebelumnya" in failing
    assert failing["Capaian Kinerja Lebih Baik daripada Capaian Kinerja Sebelumnya"].selisih == D("-2.50")


@pytest.mark.parametrize("value, shown", [
    (D("95.125"), D("95.13")), (D("95.135"), D("95.14")), (D("0.005"), D("0.01")),
    (D("95.1249999"), D("95.12")),
])
def test_round2_is_half_up(value, shown):
    assert round2(value) == shown


def test_half_up_where_float_round_fails(config):
    # 95.125% of hasil: H1 and H3 at 95.125 and H2 at 95.125 give persen_hasil exactly 95.125.
    persen = dict(EXAMPLE, H1=D("95.125"), H2=D("95.125"), H3=D("95.125"))
    s = score(config.lke, config.predikat, persen)
    assert s.persen_hasil == D("95.125")
    assert round(float(s.persen_hasil), 2) == 95.12  # the float trap this guards against
    assert round2(s.persen_hasil) == D("95.13")


def test_thresholds_are_judged_on_the_printed_value(config):
    # Final value 74.995 prints as 75,00: it must not be reported as missing 75 by 0,01.
    persen = {k: D(0) for k in WEIGHTS}
    persen["P5"] = D("100")  # 15
    persen["H1"] = D("100")  # 17.5
    persen["H3"] = D("100")  # 17.5
    persen["P3"] = D("99.95")  # 9.995 -> pengungkit 24.995, total 59.995
    persen["P1"] = D("100")  # 8 -> 67.995
    persen["P2"] = D("100")  # 7 -> 74.995
    s = score(config.lke, config.predikat, persen)
    final = next(c for c in s.predikat[0].checks if c.kriteria == "Nilai akhir Zona Integritas")
    assert final.nilai == D("74.995")
    assert final.met and final.selisih == 0
