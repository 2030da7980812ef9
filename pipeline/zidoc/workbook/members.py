"""Rules of a sheet of people (Tim and every Keputusan's member sheet), checked while reading:
they need no scores, so every problem is shown at once with the cells' own."""
from __future__ import annotations

from zidoc.registry import KETUA, TIM_MEMBERS, Members
from zidoc.workbook.model import TIM, AnggotaTim
from zidoc.workbook.problems import Problems
from zidoc.workbook.values import nip_dates


def _split(ref: str) -> tuple[str, str]:
    sheet, _, cell = ref.rpartition("!")
    return sheet, cell


def check_team(tim: tuple[AnggotaTim, ...], positions: Members = TIM_MEMBERS) -> Problems:
    """Rules of a sheet of people. They need no scores, so the reader runs them even when
    other cells have errors: every problem is shown at once."""
    problems = Problems()
    if tim:  # an absent or empty sheet only skips its Keputusan
        _validate_tim(tim, positions, problems)
    return problems


def _validate_tim(tim: tuple[AnggotaTim, ...], positions: Members, problems: Problems) -> None:
    ketua = [m for m in tim if m.kedudukan == KETUA]
    if KETUA in positions.kedudukan and len(ketua) != 1:
        where = ", ".join(m.cell for m in ketua) or "tidak ada"
        sheet, _ = _split(tim[0].cell)
        noun = "tim" if sheet == TIM else f"sheet {sheet}"
        problems.error(f"{noun} harus punya tepat satu Ketua (ditemukan {len(ketua)}: {where}).",
                       sheet)
    seen: dict[str, str] = {}
    for m in tim:
        sheet, cell = _split(m.cell)
        if m.nip and m.nip in seen:
            problems.warning(
                f"NIP {m.nama} sama dengan NIP di {seen[m.nip]}; periksa apakah tertukar.",
                sheet, cell,
            )
        elif m.nip:
            seen[m.nip] = m.cell
        if m.nip:
            birth, tmt_year, tmt_month = nip_dates(m.nip)
            age = tmt_year - birth.year - ((tmt_month, 1) < (birth.month, birth.day))
            if age < 18:
                problems.warning(
                    f"NIP {m.nama}: menurut NIP, umur saat TMT baru {age} tahun; periksa NIP.",
                    sheet, cell,
                )
