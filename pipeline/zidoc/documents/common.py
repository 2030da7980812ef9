"""What every document's context shares: the unit, the signer, the dates, the Keputusan frame.

The document builders (laporan, keputusan, monev ...) import this module and never each other's
helpers, so no two of them depend on one another."""
from __future__ import annotations

from zidoc.config import PLACEHOLDER, KeputusanTeks
from zidoc.formatting import letters, tanggal
from zidoc.registry import Members
from zidoc.workbook.model import AnggotaTim, Keputusan, Workbook
from zidoc.workbook.values import format_nip

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def satker_context(wb: Workbook) -> dict:
    ident = wb.identitas
    return {
        "tahun": str(ident.tahun),
        "nama_satker": ident.nama_satker,
        "nama_satker_kapital": ident.nama_satker.upper(),
        "singkatan_satker": ident.singkatan_satker,
        "singkatan_satker_kapital": ident.singkatan_satker.upper(),
        "tempat": ident.tempat,
        "penandatangan_nama": ident.penandatangan_nama,
        "penandatangan_jabatan": ident.penandatangan_jabatan,
    }


# Diktum labels, as written in Indonesian decrees.
_ONES = ("", "SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN")
NBSP = "\u00a0"
# A signer's title in capitals breaks before the last of these words ("KETUA KOMISI PEMILIHAN
# UMUM / KOTA BENGKULU,") when it does not fit on one line of the signer block.
REGION_WORDS = ("KOTA", "KABUPATEN", "PROVINSI")
SIGNER_LINE = 30  # characters in capitals on one line of the signer block (12 pt, 95 mm)


def diktum_label(n: int) -> str:
    """1 -> 'KESATU', 2 -> 'KEDUA', 11 -> 'KESEBELAS', 12 -> 'KEDUA BELAS', 20 -> 'KEDUA PULUH'."""
    if n == 1:
        return "KESATU"
    if n < 10:
        return "KE" + _ONES[n]
    if n == 10:
        return "KESEPULUH"
    if n == 11:
        return "KESEBELAS"
    if n < 20:
        return "KE" + _ONES[n - 10] + " BELAS"
    if n % 10 == 0 and n < 100:
        return "KE" + _ONES[n // 10] + " PULUH"
    raise ValueError(n)


def signer_title(title: str, line: int = SIGNER_LINE) -> str:
    """`title` with a line break ("\\n", a Word line break) before its last region word when it
    is longer than `line` characters and the part before fits on a line; else as it is (Word
    wraps it). 'KETUA KOMISI PEMILIHAN UMUM KOTA BENGKULU' -> 'KETUA KOMISI PEMILIHAN UMUM\\n
    KOTA BENGKULU'."""
    if len(title) <= line:
        return title
    words = title.split(" ")
    for n in range(len(words) - 1, 0, -1):
        if words[n].upper() in REGION_WORDS:
            first = " ".join(words[:n])
            return f"{first}\n{' '.join(words[n:])}" if len(first) <= line else title
    return title


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each {name} in a config text by values[name], in one pass (inserted values are
    not scanned again). Names were checked when config.toml was loaded."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def keputusan_context(wb: Workbook, teks: KeputusanTeks, dokumen: Keputusan) -> dict:
    """The Keputusan frame: heading, considerations, legal bases, diktum, signature."""
    ident = wb.identitas
    penerbit = ident.penerbit_keputusan or ident.nama_satker
    values = {
        "nama_satker": ident.nama_satker,
        "nama_satker_kapital": ident.nama_satker.upper(),
        "penerbit_keputusan": penerbit,
        "singkatan_satker": ident.singkatan_satker,
        "tahun": str(ident.tahun),
        "tempat": dokumen.tempat or ident.tempat,
        "penandatangan_jabatan": ident.penandatangan_jabatan,
        "penandatangan_nama": ident.penandatangan_nama,
    }
    values["tentang"] = fill(teks.tentang, values)
    return {
        **satker_context(wb),
        "nomor": dokumen.nomor,
        "tahun_keputusan": str(dokumen.tanggal.year),
        "tanggal": tanggal(dokumen.tanggal),
        "penerbit": penerbit,
        "penerbit_kapital": penerbit.upper(),
        "tempat": values["tempat"],
        "tentang": values["tentang"],
        "tentang_kapital": values["tentang"].upper(),
        "judul_lampiran_kapital": fill(teks.judul_lampiran, values).upper(),
        "jabatan_kapital": ident.penandatangan_jabatan.upper(),
        # The signer's title in the signature blocks, broken in a sensible place.
        "jabatan_ttd": signer_title(ident.penandatangan_jabatan.upper() + ","),
        "penandatangan_nama": ident.penandatangan_nama,
        "penandatangan_nip": (
            f"NIP {nip_text(ident.penandatangan_nip)}" if ident.penandatangan_nip else ""
        ),
        "menimbang": [
            {"huruf": letters(n), "teks": fill(t, values)}
            for n, t in enumerate(teks.menimbang)
        ],
        "mengingat": [
            {"no": str(n), "teks": fill(t, values)} for n, t in enumerate(teks.mengingat, 1)
        ],
        "diktum": [
            {
                "label": diktum_label(n),
                "teks": fill(d.teks, values),
                "butir": [
                    {"huruf": letters(m), "teks": fill(b, values)}
                    for m, b in enumerate(d.butir)
                ],
            }
            for n, d in enumerate(teks.diktum, 1)
        ],
    }


def nip_text(nip: str) -> str:
    """'19680411 199303 1 009' with no-break spaces, so a NIP never breaks across lines."""
    return format_nip(nip).replace(" ", NBSP)



def ordered_members(members) -> list[AnggotaTim]:
    """Workbook `no` order where given (those first), else sheet order (sort is stable)."""
    return sorted(members, key=lambda m: (m.no is None, m.no or 0))


def members_grouped(people, positions: Members, areas: tuple[str, ...]
                    ) -> tuple[list[AnggotaTim], list[tuple[str, list[AnggotaTim]]]]:
    """People as a Keputusan's Lampiran lists them: (those listed by position, in the
    positions' order; [(area, its people) for each area that has any]): the people of a
    position listed by area (`positions.by_area`) and with an area come under their area."""

    def by_area(m: AnggotaTim) -> bool:
        return m.area is not None and m.kedudukan in positions.by_area

    leaders = [m for kedudukan in positions.kedudukan
               for m in ordered_members([m for m in people
                                         if m.kedudukan == kedudukan and not by_area(m)])]
    groups = []
    for kode in areas:
        members = [m for kedudukan in positions.by_area
                   for m in ordered_members([m for m in people if m.kedudukan == kedudukan
                                             and m.area == kode and by_area(m)])]
        if members:
            groups.append((kode, members))
    return leaders, groups


def members_in_order(people, positions: Members, areas: tuple[str, ...]) -> list[AnggotaTim]:
    """Everyone, in the order of the Keputusan's Lampiran (members_grouped, flattened)."""
    leaders, groups = members_grouped(people, positions, areas)
    return leaders + [m for _kode, members in groups for m in members]
