"""Template contexts of the two Keputusan: the SK Tim and the Rencana Aksi.

Which Dokumen row and which [keputusan.*] texts a Keputusan uses comes from its registry
entry (`doc.dokumen`); when it is skipped is decided there too. The fixes applied to the
rendered Word file are in wordfix.py.

The fixed texts (Menimbang, Mengingat, diktum) come from config.toml; their {placeholders}
are filled by plain replacement from a fixed set of names. Workbook text is only ever a
value: it is never scanned for placeholders or evaluated as a template."""
from __future__ import annotations

from zidoc.config import PLACEHOLDER, Config, KeputusanTeks
from zidoc.documents.formatting import tanggal
from zidoc.documents.laporan import ROMAN, satker_context
from zidoc.documents.numbering import letters
from zidoc.documents.registry import DocumentKind
from zidoc.documents.wordfix import MONTH_MARK
from zidoc.scoring import Scores
from zidoc.workbook.model import AREA_KEDUDUKAN, KEDUDUKAN, Aksi, AnggotaTim, Keputusan, Workbook
from zidoc.workbook.values import format_nip

# Diktum labels, as written in Indonesian decrees.
_ONES = ("", "SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN")
# Everyone above the per-area groups, in the order of KEDUDUKAN.
TOP_KEDUDUKAN = tuple(k for k in KEDUDUKAN if k not in AREA_KEDUDUKAN)
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


def _ordered(members: list[AnggotaTim]) -> list[AnggotaTim]:
    """Workbook `no` order where given (those first), else sheet order (sort is stable)."""
    return sorted(members, key=lambda m: (m.no is None, m.no or 0))


def _area_title(config: Config, kode: str) -> str:
    number = config.lke.areas.index(kode)
    return f"Area {ROMAN[number]} {config.lke.nama(kode)}"


def _member_row(number: int, m: AnggotaTim) -> dict:
    return {
        "no": str(number),
        "nama": m.nama,
        "nip": nip_text(m.nip) if m.nip else "-",
        "jabatan": m.jabatan,
        "kedudukan": m.kedudukan,
    }


def frame(wb: Workbook, config: Config, doc: DocumentKind) -> dict:
    """The Keputusan frame of `doc`, from its Dokumen row and its [keputusan.*] texts."""
    return keputusan_context(wb, config.keputusan[doc.dokumen], wb.dokumen[doc.dokumen])


def sk_tim_context(wb: Workbook, scores: Scores, config: Config, doc: DocumentKind) -> dict:
    """SK Tim: the frame plus the team, grouped by kedudukan then by area."""
    context = frame(wb, config, doc)
    number = 0
    pimpinan = []
    for kedudukan in TOP_KEDUDUKAN:
        for m in _ordered([m for m in wb.tim if m.kedudukan == kedudukan]):
            number += 1
            pimpinan.append(_member_row(number, m))
    kelompok = []
    for kode in config.lke.areas:
        rows = []
        for kedudukan in AREA_KEDUDUKAN:
            for m in _ordered([m for m in wb.tim if m.kedudukan == kedudukan and m.area == kode]):
                number += 1
                rows.append(_member_row(number, m))
        if rows:
            kelompok.append({"judul": _area_title(config, kode), "anggota": rows})
    return {**context, "pimpinan": pimpinan, "kelompok": kelompok}


def _action_row(number: int, a: Aksi) -> dict:
    return {
        "no": str(number),
        "kegiatan": a.kegiatan,
        "output": a.output or "",
        "target": a.target or "",
        "indikator": a.indikator or "",
        "penanggung_jawab": a.penanggung_jawab or "",
        "keterangan": a.keterangan or "",
        "tanda": [MONTH_MARK if on else "" for on in a.bulan],
    }


def rencana_aksi_context(wb: Workbook, scores: Scores, config: Config, doc: DocumentKind
                         ) -> dict:
    """Rencana Aksi: the frame plus the actions grouped by area, numbered within each area."""
    context = frame(wb, config, doc)
    kelompok = []
    for kode in config.lke.areas:
        actions = [a for a in wb.rencana_aksi if a.area == kode]
        if actions:
            kelompok.append({
                "judul": _area_title(config, kode).upper(),
                "aksi": [_action_row(n, a) for n, a in enumerate(actions, 1)],
            })
    return {**context, "kelompok": kelompok}
