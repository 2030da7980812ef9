"""Template context of the Laporan Monitoring dan Evaluasi Rencana Aksi (one per quarter).

The figures come from zidoc.monev (exact); here they become display strings. Which quarter is
built is the registry's business (`doc.periode`, set from --triwulan or the latest quarter);
the Rencana Aksi decree the opening names is the Dokumen row of the document `doc.refers`."""
from __future__ import annotations

from decimal import Decimal

from zidoc.config import Config
from zidoc.documents.common import keputusan_context, satker_context
from zidoc.formatting import angka, persen, tanggal
from zidoc.monev import TERLAMBAT, AksiMonev, Capaian, Monev, latest_quarter, monitor
from zidoc.registry import TRIWULAN, DocumentKind, by_kind
from zidoc.scoring import Scores
from zidoc.workbook.model import Workbook

AXIS_MAX = Decimal(110)  # room above a 100% bar for its label (see capaian_chart)
NONE = "-"  # printed where there is no figure (nothing scheduled yet, no bukti dukung)


def latest_triwulan(wb: Workbook) -> int | None:
    """The registry's default period: the latest quarter with a Realisasi row."""
    return latest_quarter(wb.realisasi)


def monev_of(wb: Workbook, config: Config, triwulan: int) -> Monev:
    areas = tuple((a.kode, a.nama) for a in config.lke.pengungkit)
    return monitor(wb.rencana_aksi or (), wb.realisasi or (), triwulan, areas)


def _capaian(value: Decimal | None) -> str:
    return NONE if value is None else persen(value)


def _summary(number: str, nama: str, c: Capaian) -> dict:
    return {"no": number, "nama": nama, "aksi": str(c.aksi), "dijadwalkan": str(c.dijadwalkan),
            "selesai": str(c.selesai), "terlambat": str(c.terlambat),
            "capaian": _capaian(c.capaian)}


def _evidence(row, register) -> str:
    """The Bukti Dukung cell: the names of the referenced files (not their folders), links
    and descriptions as checked by zidoc.bukti; the cell's text when it was not checked."""
    if row is None or not row.bukti_dukung:
        return NONE
    names = register.names(row.bukti_cell) if register is not None else ()
    return "; ".join(names) if names else row.bukti_dukung


def _action(number: int, a: AksiMonev, register=None) -> dict:
    row = a.row
    return {
        "no": str(number),
        "kode": a.aksi.kode or "",
        "kegiatan": a.aksi.kegiatan,
        "target": persen(a.target),
        "realisasi": persen(a.realisasi),
        "status": a.status,
        "terlambat": a.status == TERLAMBAT,
        "bukti_dukung": _evidence(row, register),
    }


def _decree(wb: Workbook, config: Config, doc: DocumentKind) -> dict:
    """The Rencana Aksi decree the opening names, when its Dokumen row is there."""
    basis = by_kind(doc.refers) if doc.refers else None
    code = basis.dokumen if basis is not None else None
    row = (wb.dokumen or {}).get(code) if code else None
    if row is None or code not in config.keputusan:
        return {"keputusan": ""}
    frame = keputusan_context(wb, config.keputusan[code], row)
    penerbit = wb.identitas.penerbit_keputusan or wb.identitas.nama_satker
    nomor = f" Nomor {row.nomor}" if row.nomor else ""
    return {"keputusan": (f"Keputusan {penerbit}{nomor} Tahun "
                          f"{frame['tahun_keputusan']} tanggal {frame['tanggal']} tentang "
                          f"{frame['tentang']}")}


def summary_sentence(monev: Monev, nama: str) -> str:
    """'Sampai dengan triwulan II, capaian rencana aksi 82,50%' (the Laporan's sentence)."""
    total = monev.total
    if total.capaian is None:
        return (f"Sampai dengan triwulan {nama}, belum ada kegiatan rencana aksi yang "
                f"dijadwalkan ({total.selesai} dari {total.aksi} kegiatan selesai).")
    return (f"Sampai dengan triwulan {nama}, capaian rencana aksi "
            f"{_capaian(total.capaian)} ({total.selesai} dari {total.aksi} kegiatan selesai, "
            f"{total.terlambat} terlambat).")


def monev_context(wb: Workbook, scores: Scores, config: Config, doc: DocumentKind) -> dict:
    assert doc.period is not None and doc.periode is not None
    triwulan = doc.periode
    nama = doc.period.name(triwulan)
    monev = monev_of(wb, config, triwulan)
    row = wb.dokumen[doc.dokumen_code]
    areas = []
    for number, area in enumerate(monev.areas, 1):
        areas.append({**_summary(str(number), area.nama, area.ringkasan),
                      "kode": area.kode,
                      "kegiatan": [_action(n, a, wb.bukti) for n, a in enumerate(area.aksi, 1)]})
    # Kendala dan tindak lanjut: late actions first, then the others, each in plan order.
    noted = [a for a in monev.aksi if a.row is not None and (a.row.kendala or a.row.tindak_lanjut)]
    noted.sort(key=lambda a: a.status != TERLAMBAT)
    kendala = [{**_action(n, a, wb.bukti), "kendala": a.row.kendala or NONE,
                "tindak_lanjut": a.row.tindak_lanjut or NONE}
               for n, a in enumerate(noted, 1)]
    late = [a for a in monev.aksi if a.status == TERLAMBAT]
    total = monev.total
    return {
        **satker_context(wb),
        **_decree(wb, config, doc),
        "triwulan": nama,
        "triwulan_angka": str(triwulan),
        "nomor": row.nomor or "",
        "tempat": row.tempat or wb.identitas.tempat,
        "tanggal": tanggal(row.tanggal),
        "ringkasan": [_summary(a["no"], a["nama"], c.ringkasan)
                      for a, c in zip(areas, monev.areas)],
        "total": _summary("", "Jumlah", total),
        "capaian_total": _capaian(total.capaian),
        "capaian_ada": total.capaian is not None,
        "jumlah_aksi": str(total.aksi),
        "jumlah_dijadwalkan": str(total.dijadwalkan),
        "jumlah_selesai": str(total.selesai),
        "jumlah_terlambat": str(total.terlambat),
        "areas": areas,
        "kendala": kendala,
        "terlambat_tanpa_catatan": [a.aksi.kegiatan for a in late
                                    if a.row is None or not (a.row.kendala or a.row.tindak_lanjut)],
    }


def laporan_sentence(wb: Workbook, config: Config) -> str:
    """The Laporan's sentence on the plan's latest capaian; "" without Realisasi."""
    latest = latest_triwulan(wb)
    if latest is None:
        return ""
    return summary_sentence(monev_of(wb, config, latest), TRIWULAN.name(latest))


def capaian_chart(wb: Workbook, config: Config, triwulan: int):
    """Capaian per area as a bar chart (chart.bar_chart): one bar per area, labelled as the
    summary table prints it. An area with nothing scheduled yet has no bar and the label "-".
    The value axis runs to 110: capaian is often 100, and a label above a bar that reaches
    the top of the axis ran into the legend (LibreOffice, F4 and A4)."""
    from zidoc.documents.chart import Series, bar_chart

    monev = monev_of(wb, config, triwulan)
    name = TRIWULAN.name(triwulan)
    capaian = tuple(a.ringkasan.capaian for a in monev.areas)
    return bar_chart(
        categories=tuple(a.nama for a in monev.areas),
        series=(Series(f"Capaian s.d. Triwulan {name}", capaian,
                       labels=tuple(NONE if c is None else angka(c) for c in capaian)),),
        title=f"Capaian rencana aksi per area sampai dengan triwulan {name} "
              f"tahun {wb.identitas.tahun}",
        axis_max=AXIS_MAX,
    )


def capaian_picture(wb: Workbook, scores: Scores, config: Config, doc: DocumentKind):
    """The report's `grafik`: capaian per area as a native Word chart (a placer for
    render.py)."""
    from zidoc.documents.wordchart import chart_placer

    return chart_placer(capaian_chart(wb, config, doc.periode), width_mm=160, height_mm=80,
                        font=config.huruf)


def finish(document) -> None:
    """Fit the full-width tables to the page (F4 or A4)."""
    from zidoc.documents.wordfix import fit_tables

    fit_tables(document)


def summary(wb: Workbook, scores: Scores, config: Config, doc: DocumentKind) -> dict[str, Decimal]:
    """The manifest entry's exact figures: the quarter and the whole plan's capaian."""
    monev = monev_of(wb, config, doc.periode)
    figures = {"triwulan": Decimal(doc.periode)}
    if monev.total.capaian is not None:
        figures["capaian"] = monev.total.capaian
    return figures


def recap_values(ringkasan: dict[str, Decimal]) -> tuple[str | None, Decimal | None]:
    """The recap's columns: the quarter ("II") and the capaian (exact; the recap rounds)."""
    triwulan = ringkasan.get("triwulan")
    return (TRIWULAN.name(int(triwulan)) if triwulan in TRIWULAN.values else None,
            ringkasan.get("capaian"))
