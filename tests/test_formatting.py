"""Indonesian display forms, each with the worked example of its docstring."""
from datetime import date
from decimal import Decimal as D

import pytest
from zidoc.formatting import angka, persen, selisih, tanggal


@pytest.mark.parametrize("value, shown", [
    (D("90.1876"), "90,19"), (D("1234.5"), "1.234,50"), (D("95.125"), "95,13"),
    (D("0"), "0,00"), (D("100"), "100,00"), (D("0.005"), "0,01"),
])
def test_angka_two_decimals_half_up_with_decimal_comma(value, shown):
    assert angka(value) == shown


def test_persen():
    assert persen(D("88.63")) == "88,63%"


@pytest.mark.parametrize("value, shown", [
    (D("0.95"), "+0,95"), (D("-1.2"), "-1,20"), (D("0"), "0,00"), (D("-0.004"), "0,00"), (D("0.005"), "+0,01"),
])
def test_selisih_is_signed(value, shown):
    assert selisih(value) == shown


@pytest.mark.parametrize("value, shown", [
    (date(2025, 5, 19), "19 Mei 2025"), (date(2024, 1, 2), "2 Januari 2024"),
    (date(2024, 8, 17), "17 Agustus 2024"), (date(2024, 12, 31), "31 Desember 2024"),
])
def test_tanggal(value, shown):
    assert tanggal(value) == shown
