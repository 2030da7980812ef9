"""Template contexts of the Keputusan: those listing people (the SK Tim and every one declared
in config.toml) and the Rencana Aksi.

Which Dokumen row and which [keputusan.*] texts a Keputusan uses comes from its registry
entry (`doc.dokumen`); when it is skipped is decided there too. The fixes applied to the
rendered Word file are in wordfix.py.

The fixed texts (Menimbang, Mengingat, diktum) come from config.toml; their {placeholders}
are filled by plain replacement from a fixed set of names. Workbook text is only ever a
value: it is never scanned for placeholders or evaluated as a template."""
from __future__ import annotations

from zidoc.config import Config
from zidoc.documents.common import ROMAN, keputusan_context, members_grouped, nip_text
from zidoc.documents.wordfix import MONTH_MARK
from zidoc.registry import DocumentKind
from zidoc.scoring import Scores
from zidoc.workbook.model import Aksi, AnggotaTim, Workbook


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


def members_context(wb: Workbook, scores: Scores, config: Config, doc: DocumentKind) -> dict:
    """A Keputusan listing people (the SK Tim, and every one config declares): the frame plus
    its people, by position in the Keputusan's order; those of a position listed by area
    (`doc.members.by_area`) and with an area come under their area's heading."""
    context = frame(wb, config, doc)
    leaders, groups = members_grouped(doc.rows_of(wb), doc.members, config.lke.areas)
    pimpinan = [_member_row(number, m) for number, m in enumerate(leaders, 1)]
    number = len(pimpinan)
    kelompok = []
    for kode, members in groups:
        rows = [_member_row(n, m) for n, m in enumerate(members, number + 1)]
        number += len(rows)
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
