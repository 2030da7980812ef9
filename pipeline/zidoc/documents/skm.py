"""Template context of the Laporan Survei Kepuasan Masyarakat (SKM), its chart, its processing
sheet and the Laporan Pelaksanaan's sentence on it.

The figures come from zidoc.survei (exact; the build reads the responses once, in
build.with_survey, and keeps them in `wb.survei.hasil`); here they become display strings:
NRR with 2 decimals, NRR tertimbang with 3, konversi with 2, half up (spec/survei.md)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from zidoc.config import Config
from zidoc.documents.common import satker_context
from zidoc.formatting import angka, persen, tanggal
from zidoc.registry import DocumentKind
from zidoc.scoring import Scores
from zidoc.survei.index import KONVERSI, MUTU, Survey, mutu
from zidoc.workbook.model import Workbook

THOUSANDTH = Decimal("0.001")
COLOUR_LOW = "#c00000"  # an unsur whose mutu is C or D
LOW_MUTU = ("C", "D")


def survey_of(wb: Workbook, config: Config) -> Survey:
    """The workbook's survey: as the build read it, else read now (a context made without
    build.load); raises ResponsesError when the responses are not usable."""
    assert wb.survei
    if wb.survei.hasil is not None:
        return wb.survei.hasil
    from zidoc.survei.responses import read_responses

    return read_responses(wb.survei.path(wb.source), config.survei, wb.survei.populasi)


def tiga(value: Decimal) -> str:
    """0.4 -> '0,400'; 0.30555... -> '0,306' (three decimals, half up)."""
    return format(value.quantize(THOUSANDTH, rounding=ROUND_HALF_UP), "f").replace(".", ",")


def periode(wb: Workbook) -> str:
    """The survey's period as printed: the Survei sheet's, else 'Tahun <tahun>'."""
    return (wb.survei and wb.survei.periode) or f"Tahun {wb.identitas.tahun}"


def bobot_text(survey: Survey) -> str:
    return "1/9" if survey.bobot_tepat else format(survey.bobot.normalize(), "f").replace(".", ",")


def _unsur(number: int, u) -> dict:
    return {"no": str(number), "kode": u.kode, "nama": u.nama, "nrr": angka(u.nrr),
            "nrr_tertimbang": tiga(u.nrr_tertimbang), "mutu": u.mutu.huruf,
            "kinerja": u.mutu.kinerja, "jumlah": str(u.jumlah), "responden": str(u.responden)}


def _scale(value: Decimal) -> str:
    """A band's bound on the 1-4 scale as the regulation prints it: 3,5324; 3,532; 2,60."""
    text = format(value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize(), "f")
    whole, _, decimals = text.partition(".")
    return f"{whole},{decimals.ljust(2, '0')}"


def mutu_table() -> list[dict]:
    """The bands of PermenPANRB 14/2017, best first: A 3,5324 - 4,00 (88,31 - 100,00) ..."""
    rows = []
    top = Decimal(100)
    for m in MUTU:
        rows.append({"huruf": m.huruf, "kinerja": m.kinerja,
                     "interval": f"{_scale(m.batas / KONVERSI)} - {_scale(top / KONVERSI)}",
                     "konversi": f"{angka(m.batas)} - {angka(top)}"})
        top = m.batas - Decimal("0.01")
    return rows


def sample_sentence(survey: Survey) -> str:
    """The sample against the Krejcie-Morgan minimum; "" without populasi."""
    if survey.minimum is None:
        return ""
    base = (f"Jumlah pengguna layanan pada periode survei (populasi) adalah {survey.populasi} "
            f"orang; menurut tabel Krejcie dan Morgan (tingkat kepercayaan 95%, batas kesalahan "
            f"5%), sampel minimalnya {survey.minimum} responden.")
    if survey.kurang_sampel:
        return (base + f" Jumlah responden ({survey.responden}) kurang dari sampel minimal "
                f"itu, sehingga hasil survei ini belum dapat dianggap mewakili seluruh pengguna "
                "layanan; pada periode berikutnya jumlah responden perlu ditambah.")
    return base + f" Jumlah responden ({survey.responden}) telah memenuhi sampel minimal itu."


def skm_context(wb: Workbook, scores: Scores, config: Config, doc: DocumentKind) -> dict:
    survey = survey_of(wb, config)
    survei = wb.survei
    row = wb.dokumen[doc.dokumen_code]
    shown_periode = periode(wb)
    lowest = survey.lowest()
    return {
        **satker_context(wb),
        "periode": shown_periode,
        "periode_kapital": shown_periode.upper(),
        "nomor": row.nomor or "",
        "tempat": row.tempat or wb.identitas.tempat,
        "tanggal": tanggal(row.tanggal),
        "jenis_layanan": survei.jenis_layanan or "",
        "metode": survei.metode or "",
        "berkas": survey.berkas,
        "responden": str(survey.responden),
        "populasi": "" if survey.populasi is None else str(survey.populasi),
        "sampel": sample_sentence(survey),
        "kurang_sampel": survey.kurang_sampel,
        "bobot": bobot_text(survey),
        "unsur": [_unsur(n, u) for n, u in enumerate(survey.unsur, 1)],
        "ikm": tiga(survey.ikm),
        "konversi": angka(survey.konversi),
        "mutu": survey.mutu.huruf,
        "kinerja": survey.mutu.kinerja,
        "mutu_tabel": mutu_table(),
        "profil": [
            {"judul": p.judul, "judul_kecil": p.judul.lower(),
             "rows": [{"label": r.label, "jumlah": str(r.jumlah), "persen": persen(r.persen)}
                      for r in p.rows],
             "jumlah": str(sum(r.jumlah for r in p.rows))}
            for p in survey.profil],
        "terendah": [_unsur(n, u) for n, u in enumerate(lowest, 1)],
        "terendah_kode": ", ".join(u.kode for u in lowest),
        "saran": [{"no": str(n), "teks": s.teks, "jumlah": str(s.jumlah)}
                  for n, s in enumerate(survey.saran, 1)],
    }


def nrr_chart(wb: Workbook, config: Config):
    """The nine NRR as a bar chart (chart.bar_chart) on the 0-4 scale, labelled as the table
    prints them; an unsur of mutu C or D in red; a line at the lowest NRR of mutu B."""
    from zidoc.documents.chart import LegendKey, Series, Threshold, bar_chart

    survey = survey_of(wb, config)
    low = MUTU[1].batas / KONVERSI  # 3,0644: below it, mutu C or D
    colours = tuple(COLOUR_LOW if u.mutu.huruf in LOW_MUTU else None for u in survey.unsur)
    return bar_chart(
        categories=tuple(u.kode for u in survey.unsur),
        series=(Series("NRR per unsur", tuple(u.nrr for u in survey.unsur),
                       labels=tuple(angka(u.nrr) for u in survey.unsur),
                       point_colours=colours),),
        lines=(Threshold(f"Batas mutu B ({format(low, 'f').replace('.', ',')})", low),),
        keys=((LegendKey("Mutu C atau D", COLOUR_LOW),) if any(colours) else ()),
        title=f"Nilai rata-rata (NRR) per unsur pelayanan, survei kepuasan masyarakat "
              f"{periode(wb)}",
        axis_title="NRR (skala 1-4)",
        axis_max=Decimal(4),
        major_unit=Decimal(1),
    )


def nrr_picture(wb: Workbook, scores: Scores, config: Config):
    """The report's `grafik`: the NRR chart as a native Word chart (a placer for render.py)."""
    from zidoc.documents.wordchart import chart_placer

    return chart_placer(nrr_chart(wb, config), width_mm=160, height_mm=80, font=config.huruf)


def processing_sheet(wb: Workbook, scores: Scores, config: Config,
                     doc: DocumentKind) -> dict[str, bytes]:
    """`pengolahan-skm-<tahun>.xlsx`, written beside the report."""
    from zidoc.survei.sheet import processing_workbook

    title = (f"Pengolahan Survei Kepuasan Masyarakat {wb.identitas.nama_satker} "
             f"{periode(wb)}")
    name = f"pengolahan-skm-{wb.identitas.tahun}.xlsx"
    return {name: processing_workbook(survey_of(wb, config), title)}


def summary(wb: Workbook, scores: Scores, config: Config, doc: DocumentKind) -> dict[str, Decimal]:
    """The manifest entry's exact figures: IKM, konversi, respondents."""
    survey = survey_of(wb, config)
    return {"ikm": survey.ikm, "konversi": survey.konversi,
            "responden": Decimal(survey.responden)}


def recap_values(ringkasan: dict[str, Decimal]) -> tuple[Decimal | None, str | None]:
    """The recap's columns: the konversi (exact; the recap rounds) and its mutu letter."""
    konversi = ringkasan.get("konversi")
    return konversi, None if konversi is None else mutu(konversi).huruf


def laporan_sentence(wb: Workbook, config: Config) -> str:
    """The Laporan Pelaksanaan's sentence in the area of config's [survei] area; "" without
    a survey."""
    if not wb.survei:
        return ""
    survey = survey_of(wb, config)
    return (f"Hasil Survei Kepuasan Masyarakat {periode(wb)}: IKM {angka(survey.konversi)} "
            f"(mutu {survey.mutu.huruf}, {survey.mutu.kinerja}) dari {survey.responden} "
            "responden.")


def summary_lines(survey: Survey) -> list[str]:
    """What `zidoc survei FILE` prints: each unsur's NRR and mutu, then IKM, konversi, mutu,
    respondents (and the sample against its minimum, when populasi is known)."""
    width = max(len(u.nama) for u in survey.unsur)
    lines = [f"Survei Kepuasan Masyarakat: {survey.berkas} ({survey.responden} responden, "
             f"bobot unsur {bobot_text(survey)})", ""]
    lines.append(f"{'Kode':<5} {'Unsur':<{width}}  {'NRR':>5}  {'Tertimbang':>10}  Mutu")
    for u in survey.unsur:
        lines.append(f"{u.kode:<5} {u.nama:<{width}}  {angka(u.nrr):>5}  "
                     f"{tiga(u.nrr_tertimbang):>10}  {u.mutu.huruf} ({u.mutu.kinerja})")
    lines += ["",
              f"IKM (nilai interval) : {tiga(survey.ikm)}",
              f"IKM konversi         : {angka(survey.konversi)}",
              f"Mutu pelayanan       : {survey.mutu.huruf} ({survey.mutu.kinerja})",
              f"Responden            : {survey.responden}",
              "Prioritas perbaikan  : " + ", ".join(f"{u.kode} {u.nama} ({angka(u.nrr)})"
                                                    for u in survey.lowest())]
    if survey.minimum is not None:
        lines.append(f"Sampel minimal       : {survey.minimum} (Krejcie-Morgan, populasi "
                     f"{survey.populasi})" + (" - responden KURANG dari sampel minimal"
                                              if survey.kurang_sampel else ""))
    return lines
