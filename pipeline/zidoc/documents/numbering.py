"""Item labels shared by the reader and the documents."""
from __future__ import annotations

import string


def letters(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, 701 -> zz, 702 -> aaa (like spreadsheet columns)."""
    result = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        result = string.ascii_lowercase[rest] + result
    return result
