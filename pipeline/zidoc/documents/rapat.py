"""Template contexts of a meeting's pack (spec/rapat.md): the invitation, the attendance list,
the minutes and the photographs, each written once per row of the Rapat sheet.

Which meeting is built is the registry's business (`doc.kunci`, set per row; --rapat KODE);
the meeting's photographs come from the evidence folder, bukti/<tahun>/rapat/<kode>/, and are
made fit for Word by photos.py (Pillow, imported only when a meeting has photos)."""
from __future__ import annotations

import functools
from pathlib import Path

from zidoc.config import Config
from zidoc.documents.common import members_in_order, nip_text, satker_context
from zidoc.formatting import hari_tanggal, tanggal
from zidoc.registry import TIM_MEMBERS, DocumentKind, file_key
from zidoc.scoring import Scores
from zidoc.workbook.model import Rapat, Workbook

NAMED_INVITEES = 8  # more invitees than this: "Daftar terlampir" and a Lampiran page
EXTRA_ROWS = 3  # empty numbered rows of the attendance list, for people not on the list
SIFAT = "Biasa"
TO_FILL = "." * 30  # printed where staff fill in by hand (a letter's number ...)
PHOTO_BOX_MM = 74  # each photo fits a square of this side (two per row on F4 and A4)


def meeting_keys(wb: Workbook) -> tuple[str, ...]:
    """The registry's rows: every meeting's kode, in sheet order."""
    return tuple(r.kode for r in wb.rapat or ())


def meeting(wb: Workbook, kode: str) -> Rapat:
    return next(r for r in wb.rapat or () if r.kode == kode)


def meeting_label(wb: Workbook, kode: str) -> str:
    """'Rapat R-01 (5 Februari 2024)': how the build names a meeting."""
    return f"Rapat {kode} ({tanggal(meeting(wb, kode).tanggal)})"


def photo_folder(config: Config, wb: Workbook, kode: str) -> Path:
    """bukti/<tahun>/rapat/<kode>/ in the working folder."""
    return (config.bukti or config.root / "bukti") / str(wb.identitas.tahun) / "rapat" / file_key(kode)


def _position(wb: Workbook, name: str | None) -> str | None:
    """A person's position: from the Tim sheet when the name is there, else the signer's
    when it is the signer."""
    if not name:
        return None
    wanted = " ".join(name.split()).casefold()
    for member in wb.tim or ():
        if " ".join(member.nama.split()).casefold() == wanted:
            return member.jabatan
    ident = wb.identitas
    if " ".join(ident.penandatangan_nama.split()).casefold() == wanted:
        return ident.penandatangan_jabatan
    return None


def _nip_of(wb: Workbook, name: str | None) -> str:
    wanted = " ".join((name or "").split()).casefold()
    for member in wb.tim or ():
        if member.nip and " ".join(member.nama.split()).casefold() == wanted:
            return f"NIP {nip_text(member.nip)}"
    ident = wb.identitas
    if ident.penandatangan_nip and " ".join(ident.penandatangan_nama.split()).casefold() == wanted:
        return f"NIP {nip_text(ident.penandatangan_nip)}"
    return ""


def invitees(wb: Workbook, config: Config, rapat: Rapat) -> list[dict]:
    """No | Nama | Jabatan of everyone invited: the meeting's Peserta rows, else the whole team
    in the order of the SK Tim's Lampiran."""
    if rapat.peserta:
        people = [(p.nama, ", ".join(x for x in (p.jabatan, p.instansi) if x))
                  for p in rapat.peserta]
    else:
        people = [(m.nama, m.jabatan)
                  for m in members_in_order(wb.tim or (), TIM_MEMBERS, config.lke.areas)]
    return [{"no": str(n), "nama": nama, "jabatan": jabatan or ""}
            for n, (nama, jabatan) in enumerate(people, 1)]


def meeting_context(wb: Workbook, config: Config, doc: DocumentKind) -> dict:
    """What the four documents share: the meeting's day, time, place and agenda."""
    rapat = meeting(wb, doc.kunci)
    pimpinan = rapat.pimpinan or wb.identitas.penandatangan_nama
    return {
        **satker_context(wb),
        "kode": rapat.kode,
        "hari_tanggal": hari_tanggal(rapat.tanggal),
        "tanggal_rapat": tanggal(rapat.tanggal),
        "waktu": rapat.waktu.shown(wb.identitas.zona_waktu),
        "tempat_rapat": rapat.tempat,
        "acara": list(rapat.acara),
        "acara_judul": rapat.acara[0],
        "pimpinan": pimpinan,
        "pimpinan_jabatan": _position(wb, pimpinan) or "",
    }


def undangan_context(wb: Workbook, scores: Scores, config: Config, doc: DocumentKind) -> dict:
    """The invitation letter: invitees by name when few, else "Daftar terlampir" and a
    Lampiran page listing them."""
    rapat = meeting(wb, doc.kunci)
    ident = wb.identitas
    people = invitees(wb, config, rapat)
    attached = len(people) > NAMED_INVITEES
    return {
        **meeting_context(wb, config, doc),
        "nomor": rapat.nomor_undangan or TO_FILL,
        "sifat": rapat.sifat or SIFAT,
        "lampiran": "1 (satu) berkas" if attached else "-",
        "hal": f"Undangan {rapat.acara[0]}",
        "tanggal_surat": tanggal(rapat.tanggal_undangan or rapat.tanggal),
        "terlampir": attached,
        "yth": [] if attached else people,
        "undangan": people,
        "penandatangan_nip": (f"NIP {nip_text(ident.penandatangan_nip)}"
                              if ident.penandatangan_nip else ""),
    }


def daftar_hadir_context(wb: Workbook, scores: Scores, config: Config, doc: DocumentKind
                         ) -> dict:
    """The attendance list: each invitee, then empty numbered rows; the signature column
    staggered (odd numbers on its left half, even on its right)."""
    rapat = meeting(wb, doc.kunci)
    people = invitees(wb, config, rapat)
    extra = [{"no": str(n), "nama": "", "jabatan": ""}
             for n in range(len(people) + 1, len(people) + 1 + EXTRA_ROWS)]
    rows = [{**p, "kiri": p["no"] + "." if int(p["no"]) % 2 else "",
             "kanan": "" if int(p["no"]) % 2 else p["no"] + "."}
            for p in people + extra]
    return {**meeting_context(wb, config, doc), "peserta": rows}


def notulen_context(wb: Workbook, scores: Scores, config: Config, doc: DocumentKind) -> dict:
    """The minutes: the heading table, the numbered points, the two signatures."""
    rapat = meeting(wb, doc.kunci)
    context = meeting_context(wb, config, doc)
    area = ""
    if rapat.area and rapat.area in config.lke.areas:
        area = f"{rapat.area} {config.lke.nama(rapat.area)}"
    return {
        **context,
        "notulis": rapat.notulis or "",
        "notulis_ttd": rapat.notulis or f"({TO_FILL})",
        "notulis_nip": _nip_of(wb, rapat.notulis),
        "pimpinan_nip": _nip_of(wb, context["pimpinan"]),
        "jumlah_peserta": f"{len(invitees(wb, config, rapat))} orang (daftar hadir terlampir)",
        "area": area,
        "pembahasan": list(rapat.pembahasan),
        "kesimpulan": list(rapat.kesimpulan),
        "tindak_lanjut": list(rapat.tindak_lanjut),
    }


def dokumentasi_context(wb: Workbook, scores: Scores, config: Config, doc: DocumentKind
                        ) -> dict:
    """The photographs' page: the meeting's line; the photos themselves are the picture
    `foto` (photo_rows)."""
    context = meeting_context(wb, config, doc)
    return {**context, "keterangan_rapat": (f"{context['acara_judul']}, "
                                            f"{context['hari_tanggal']}, {context['tempat_rapat']}")}


def has_photos(wb: Workbook, config: Config, doc: DocumentKind) -> bool:
    """The registry's `present`: a dokumentasi is written when the meeting's folder in
    bukti/ holds photographs."""
    from zidoc.documents.photos import photo_files

    return bool(photo_files(photo_folder(config, wb, doc.kunci)))


def photo_rows(wb: Workbook, scores: Scores, config: Config, doc: DocumentKind):
    """The picture `foto`: (placer, notes). The placer gives the rows of the photos' table,
    two photos per row, each {gambar, keterangan}; the notes name the photos skipped."""
    from zidoc.documents.photos import album

    photos, notes = album(photo_folder(config, wb, doc.kunci))
    return functools.partial(_placed, tuple(photos)), notes


def _placed(photos, tpl) -> list[dict]:
    import io

    from docx.shared import Mm
    from docxtpl import InlineImage

    def side(photo) -> dict:
        if photo is None:
            return {"gambar": "", "keterangan": ""}
        size = ({"width": Mm(PHOTO_BOX_MM)} if photo.landscape
                else {"height": Mm(PHOTO_BOX_MM)})
        return {"gambar": InlineImage(tpl, io.BytesIO(photo.data), **size),
                "keterangan": photo.caption}

    pairs = [photos[n:n + 2] for n in range(0, len(photos), 2)]
    return [{"kiri": side(pair[0]), "kanan": side(pair[1] if len(pair) > 1 else None)}
            for pair in pairs]


def finish(document) -> None:
    """Fit the full-width tables to the page (F4 or A4)."""
    from zidoc.documents.wordfix import fit_tables

    fit_tables(document)
