"""Indonesian display forms: decimal comma, two decimals half up, dates like 19 Mei 2025,
item labels a., b., c."""
from __future__ import annotations

import string
from datetime import date
from decimal import Decimal

from zidoc.scoring import round2


def angka(value: Decimal) -> str:
    """90.1876 -> '90,19'; 1234.5 -> '1.234,50' (two decimals, half up)."""
    from babel.numbers import format_decimal

    # Round half up ourselves: Babel would round half even.
    return format_decimal(round2(value), format="#,##0.00", locale="id",
                          decimal_quantization=False)


def persen(value: Decimal) -> str:
    """88.63 -> '88,63%'."""
    return angka(value) + "%"


def selisih(value: Decimal) -> str:
    """Signed change: '+0,95', '-1,20', '0,00'; -0,004 prints '0,00' (the sign of the
    printed value, never '-0,00')."""
    shown = round2(value)
    return ("+" if shown > 0 else "-" if shown < 0 else "") + angka(abs(shown))


def tanggal(value: date) -> str:
    """date(2025, 5, 19) -> '19 Mei 2025'."""
    from babel.dates import format_date

    return format_date(value, "d MMMM y", locale="id")


def letters(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, 701 -> zz, 702 -> aaa (like spreadsheet columns)."""
    result = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        result = string.ascii_lowercase[rest] + result
    return result


def hari_tanggal(value: date) -> str:
    """date(2024, 2, 5) -> 'Senin, 5 Februari 2024' (the day's name, then the date)."""
    from babel.dates import format_date

    return format_date(value, "EEEE, d MMMM y", locale="id")
