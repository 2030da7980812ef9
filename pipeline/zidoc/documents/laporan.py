"""Template contexts: the model and scores turned into display strings.

Every value is plain text (escaped by the renderer); templates only place it."""
from __future__ import annotations

from decimal import Decimal

from zidoc.config import Config
from zidoc.documents.common import ROMAN, satker_context
from zidoc.formatting import angka, letters, persen, selisih, tanggal
from zidoc.registry import DocumentKind
from zidoc.scoring import Scores, round2
from zidoc.workbook.model import Workbook


def _item_row(number: str, item) -> dict:
    return {
        "no": number,
        "kode": item.kode,
        "nama": item.nama,
        "bobot": angka(item.bobot),
        "persen": persen(item.persen),
        "nilai": angka(item.nilai),
    }


def _group_row(number: str, group, items: list[dict]) -> dict:
    return {
        "no": number,
        "kode": group.kode,
        "nama": group.nama,
        "bobot": angka(group.bobot),
        "persen": persen(group.persen),
        "nilai": angka(group.nilai),
        "indikator": items,
    }


def score_context(scores: Scores) -> dict:
    """The score table, the comparison with last year and the threshold checks."""
    pengungkit = [_item_row(str(n), i) for n, i in enumerate(scores.pengungkit.items, 1)]
    hasil = [
        _group_row(
            ROMAN[n],
            group,
            [_item_row(chr(ord("a") + m), i) for m, i in enumerate(group.items)],
        )
        for n, group in enumerate(scores.hasil)
    ]
    predikat = []
    for result in scores.predikat:
        unmet = [c.kriteria for c in result.checks if not c.met]
        predikat.append(
            {
                "nama": result.nama,
                "judul": result.judul,
                "terpenuhi": result.met,
                "kesimpulan": (
                    f"Seluruh syarat nilai {result.judul} terpenuhi."
                    if result.met
                    else f"Syarat nilai {result.judul} belum terpenuhi pada: {'; '.join(unmet)}."
                ),
                "syarat": [
                    {
                        "kriteria": c.kriteria,
                        "minimum": (persen if c.satuan == "%" else angka)(c.minimum),
                        "capaian": (persen if c.satuan == "%" else angka)(c.nilai),
                        "selisih": selisih(c.selisih),
                        "status": "Memenuhi" if c.met else "Belum memenuhi",
                    }
                    for c in result.checks
                ],
            }
        )
    return {
        "pengungkit": pengungkit,
        "bobot_pengungkit": angka(scores.pengungkit.bobot),
        "persen_pengungkit": persen(scores.pengungkit.persen),
        "nilai_pengungkit": angka(scores.pengungkit.nilai),
        "hasil": hasil,
        "bobot_hasil": angka(scores.bobot_hasil),
        "persen_hasil": persen(scores.persen_hasil),
        "nilai_hasil": angka(scores.nilai_hasil),
        # Every weight added up (100 by PermenPANRB 90/2021), from config like the others.
        "bobot_total": angka(scores.pengungkit.bobot + scores.bobot_hasil),
        "nilai_akhir": angka(scores.nilai_akhir),
        "nilai_tahun_lalu": "" if scores.nilai_tahun_lalu is None else angka(scores.nilai_tahun_lalu),
        "arah": scores.arah or "",
        "selisih": "" if scores.selisih is None else selisih(scores.selisih),
        "predikat": predikat,
    }


def opening_context(nilai_resmi: Decimal | None, scores: Scores) -> dict:
    """The value the opening paragraph reports and how it compares with last year.

    The evaluator's official value (nilai_resmi) is the one reported when given, as in the
    model report; when it differs from the table's computed value, both are named."""
    computed = round2(scores.nilai_akhir)
    shown = computed if nilai_resmi is None else round2(nilai_resmi)
    catatan = ""
    if shown != computed:
        catatan = f"nilai hasil perhitungan komponen pada tabel di bawah: {angka(computed)}"
    last = scores.nilai_tahun_lalu
    if last is None:
        perbandingan = ""
    elif shown == round2(last):
        perbandingan = f"sama dengan tahun sebelumnya yaitu {angka(last)}"
    else:
        arah = "meningkat" if shown > round2(last) else "menurun"
        perbandingan = f"{arah} dari tahun sebelumnya yaitu {angka(last)}"
    return {"nilai_laporan": angka(shown), "catatan_nilai": catatan, "perbandingan": perbandingan}


def laporan_context(wb: Workbook, scores: Scores, config: Config,
                    doc: DocumentKind | None = None) -> dict:
    """Everything the Laporan template uses, except the chart (its registry picture).
    `doc` (its registry entry) is not needed: the Laporan uses no Dokumen row."""
    from zidoc.documents.monev import laporan_sentence

    ident = wb.identitas
    # The plan's monitoring is an indicator of the first area, Manajemen Perubahan (LKE
    # P1.A.3 Pemantauan dan Evaluasi): its latest capaian is said there, when known.
    pemantauan = laporan_sentence(wb, config)
    areas = []
    for number, item in enumerate(config.lke.pengungkit, 1):
        narasi = [p for p in wb.narasi if p.area == item.kode]
        # Word's own numbering prints the letters when they run a, b, c ... in the area;
        # otherwise the workbook's letters are typed.
        urut = all(p.butir == letters(n) for n, p in enumerate(narasi))
        points = [
            {
                "butir": p.butir,
                "urut": urut,
                "judul": p.judul or "",
                # The title runs into the text ("Tim Kerja Pembentukan ..."), as in the seed.
                "pembuka": p.uraian[0],
                "baris": list(p.uraian[1:]),
            }
            for p in narasi
        ]
        awards = [
            f"Pada tahun {h.tahun} {ident.singkatan_satker} mendapatkan penghargaan dari "
            f"{h.pemberi} kategori {h.kategori}."
            for h in wb.penghargaan
            if h.area == item.kode
        ]
        areas.append(
            {"no": str(number), "kode": item.kode, "nama": item.nama, "butir": points,
             "penghargaan": awards, "pemantauan": pemantauan if number == 1 else ""}
        )
    return {
        **satker_context(wb),
        **score_context(scores),
        **opening_context(ident.nilai_resmi, scores),
        "dasar_penunjukan": ident.dasar_penunjukan or "",
        "penilai": ident.penilai or "",
        "tanggal_laporan": tanggal(ident.tanggal_laporan),
        "areas": areas,
        "lke": lke_context(scores),
        "bukti": bukti_context(wb, scores),
    }


def bukti_context(wb: Workbook, scores: Scores) -> dict:
    """The section "Kelengkapan Bukti Dukung" (after the LKE annex): a row per area and the
    total, and the sentence on positive answers without files; `ada` is False when the LKE
    is not in use or its evidence was not checked."""
    register = wb.bukti
    if scores.lke is None or register is None or not getattr(register, "questions", ()):
        return {"ada": False, "areas": [],
                "total": dict.fromkeys(("kode", "nama", "pertanyaan", "terjawab", "lengkap",
                                        "belum_ada_bukti", "hanya_keterangan", "persen"), ""),
                "kalimat": ""}

    def row(s) -> dict:
        return {"kode": s.kode or "Jumlah", "nama": s.nama if s.kode else "",
                "pertanyaan": str(s.pertanyaan), "terjawab": str(s.terjawab),
                "lengkap": str(s.lengkap), "belum_ada_bukti": str(s.belum_ada_bukti),
                "hanya_keterangan": str(s.hanya_keterangan),
                "persen": persen(s.persen_lengkap)}

    missing = register.positive_without_files
    kalimat = (f"Terdapat {missing} jawaban bernilai di atas 0 yang belum didukung berkas; "
               "bukti dukungnya perlu dilengkapi sebelum penilaian." if missing else
               "Seluruh jawaban bernilai di atas 0 telah didukung berkas.")
    return {"ada": True, "areas": [row(s) for s in register.areas],
            "total": row(register.total), "kalimat": kalimat}


LOSSES_SHOWN = 5  # "Titik perbaikan": the indicators with the largest loss


def lke_context(scores: Scores) -> dict:
    """The annex "Rincian Penilaian Mandiri (LKE)" and "Titik perbaikan"; `ada` is False (and
    the lists empty) when the areas did not come from LKE answers."""
    lke = scores.lke
    if lke is None:
        return {"ada": False, "sumber": "", "areas": [], "pemenuhan": "", "reform": "",
                "bobot_pemenuhan": "", "bobot_reform": "", "nilai": "", "bobot": "",
                "persen": "", "kerugian": [], "kekurangan": []}
    areas = []
    for area in lke.areas:
        areas.append({
            "kode": area.kode,
            "nama": area.nama,
            "bobot": angka(area.bobot),
            "nilai": angka(area.nilai),
            "persen": persen(area.persen),
            "pemenuhan": angka(area.component("pemenuhan").nilai),
            "persen_pemenuhan": persen(area.component("pemenuhan").persen),
            "reform": angka(area.component("reform").nilai),
            "persen_reform": persen(area.component("reform").persen),
            "komponen": [
                {"judul": c.judul, "bobot": angka(c.bobot), "nilai": angka(c.nilai),
                 "persen": persen(c.persen),
                 "indikator": [
                     {"kode": i.indicator.kode, "nama": i.indicator.nama,
                      "bobot": angka(i.indicator.bobot), "nilai": angka(i.nilai),
                      "persen": persen(i.persen)}
                     for i in c.items]}
                for c in area.components],
        })
    kerugian = [
        {"no": str(n), "kode": i.indicator.kode, "nama": i.indicator.nama,
         "bobot": angka(i.indicator.bobot), "nilai": angka(i.nilai),
         "kehilangan": angka(i.kehilangan)}
        for n, i in enumerate(lke.largest_losses(LOSSES_SHOWN), 1)
    ]
    kekurangan = []
    for result in scores.predikat:
        for check in result.checks:
            if check.met:
                continue
            missing = -check.selisih
            if check.satuan == "%":
                points = missing * check.bobot / 100 if check.bobot is not None else None
                kurang = persen(missing) + ("" if points is None else f" ({angka(points)} poin)")
                shown = persen
            else:
                kurang, shown = f"{angka(missing)} poin", angka
            kekurangan.append({"predikat": result.nama, "kriteria": check.kriteria,
                               "minimum": shown(check.minimum), "capaian": shown(check.nilai),
                               "kurang": kurang})
    bobot = sum((a.bobot for a in lke.areas), Decimal(0))
    nilai = sum((a.nilai for a in lke.areas), Decimal(0))
    from_lke = [a.kode for a in lke.areas if a.kode in lke.dipakai]
    others = [a.kode for a in lke.areas if a.kode not in lke.dipakai]
    sumber = ("Persentase seluruh area pada Tabel 1 diambil dari perhitungan ini."
              if not others else
              "Persentase area pada Tabel 1 diambil dari sheet Nilai (nilai penilai), bukan "
              "dari perhitungan ini." if not from_lke else
              f"Persentase area {', '.join(from_lke)} pada Tabel 1 diambil dari perhitungan ini; "
              f"area {', '.join(others)} dari sheet Nilai.")
    return {
        "ada": True,
        "sumber": sumber,
        "areas": areas,
        "pemenuhan": angka(lke.total("pemenuhan")),
        "reform": angka(lke.total("reform")),
        "bobot_pemenuhan": angka(sum((a.component("pemenuhan").bobot for a in lke.areas),
                                     Decimal(0))),
        "bobot_reform": angka(sum((a.component("reform").bobot for a in lke.areas),
                                  Decimal(0))),
        "nilai": angka(nilai),
        "bobot": angka(bobot),
        "persen": persen(nilai / bobot * 100 if bobot else Decimal(0)),
        "kerugian": kerugian,
        "kekurangan": kekurangan,
    }


def area_chart(wb: Workbook, scores: Scores, config: Config):
    """The Laporan's `grafik`: a native Word chart of the areas against the WBK/WBBM lines,
    as a placer for render.py."""
    from zidoc.documents.chart import area_bar_chart, area_chart_data
    from zidoc.documents.wordchart import chart_placer

    chart = area_bar_chart(area_chart_data(scores, config.predikat, wb.identitas.tahun))
    return chart_placer(chart, width_mm=160, height_mm=85, font=config.huruf)
