"""Template contexts of the two Keputusan: the SK Tim and the Rencana Aksi.

The fixed texts (Menimbang, Mengingat, diktum) come from config.toml; their {placeholders}
are filled by plain replacement from a fixed set of names. Workbook text is only ever a
value: it is never scanned for placeholders or evaluated as a template."""
from __future__ import annotations

from .config import PLACEHOLDER, Config, KeputusanTeks
from .context import ROMAN, satker_context
from .formatting import tanggal
from .model import Aksi, AnggotaTim, Keputusan, Workbook
from .values import format_nip

# Diktum labels, as written in Indonesian decrees.
_ONES = ("", "SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN")
TOP_KEDUDUKAN = ("Pengarah", "Penanggung Jawab", "Ketua", "Wakil Ketua", "Sekretaris")
MONTH_MARK = "\u25cf"  # ●
MONTH_FILL = "A6BFE0"
# CT_TcPr children that must come after w:shd (ECMA-376 order; Word rejects other orders).
_AFTER_SHD = ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers",
              "cellIns", "cellDel", "cellMerge", "tcPrChange")

# Document kind (build) -> workbook Dokumen key, display name, the sheet it needs.
KEPUTUSAN = {
    "sk-tim": ("sk_tim", "SK Tim", "Tim"),
    "rencana-aksi": ("rencana_aksi", "Rencana Aksi", "RencanaAksi"),
}


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


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each {name} in a config text by values[name], in one pass (inserted values are
    not scanned again). Names were checked when config.toml was loaded."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def missing_reason(wb: Workbook, kind: str) -> str | None:
    """Why the Keputusan `kind` cannot be built from `wb`, or None when it can."""
    key, _name, sheet = KEPUTUSAN[kind]
    rows = wb.tim if kind == "sk-tim" else wb.rencana_aksi
    if rows is None:
        return f"sheet {sheet} tidak ada di workbook"
    if not rows:
        return f"sheet {sheet} belum berisi data"
    if wb.dokumen is None:
        return "sheet Dokumen (nomor dan tanggal Keputusan) tidak ada di workbook"
    if key not in wb.dokumen:
        return f"sheet Dokumen belum memuat baris '{key}' (nomor dan tanggal Keputusan)"
    return None


def skipped_line(kind: str, output: str, reason: str) -> str:
    """The one Indonesian line the build prints for a Keputusan it did not write."""
    name = KEPUTUSAN[kind][1]
    return f"Dilewati: {name} ({output}) tidak disusun karena {reason}."


def keputusan_context(wb: Workbook, teks: KeputusanTeks, dokumen: Keputusan) -> dict:
    """The Keputusan frame: heading, considerations, legal bases, diktum, signature."""
    ident = wb.identitas
    values = {
        "nama_satker": ident.nama_satker,
        "nama_satker_kapital": ident.nama_satker.upper(),
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
        "tempat": values["tempat"],
        "tentang": values["tentang"],
        "tentang_kapital": values["tentang"].upper(),
        "judul_lampiran_kapital": fill(teks.judul_lampiran, values).upper(),
        "jabatan_kapital": ident.penandatangan_jabatan.upper(),
        "penandatangan_nama_kapital": ident.penandatangan_nama.upper(),
        "menimbang": [
            {"huruf": chr(ord("a") + n), "teks": fill(t, values)}
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
                    {"huruf": chr(ord("a") + m), "teks": fill(b, values)}
                    for m, b in enumerate(d.butir)
                ],
            }
            for n, d in enumerate(teks.diktum, 1)
        ],
    }


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
        "nip": format_nip(m.nip) if m.nip else "-",
        "jabatan": m.jabatan,
        "kedudukan": m.kedudukan,
    }


def sk_tim_context(wb: Workbook, config: Config) -> dict:
    """SK Tim: the frame plus the team, grouped by kedudukan then by area."""
    context = keputusan_context(wb, config.keputusan["sk_tim"], wb.dokumen["sk_tim"])
    number = 0
    pimpinan = []
    for kedudukan in TOP_KEDUDUKAN:
        for m in _ordered([m for m in wb.tim if m.kedudukan == kedudukan]):
            number += 1
            pimpinan.append(_member_row(number, m))
    kelompok = []
    for kode in config.lke.areas:
        rows = []
        for kedudukan in ("Koordinator", "Anggota"):
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
        "tanda": [MONTH_MARK if on else "" for on in a.bulan],
    }


def rencana_aksi_context(wb: Workbook, config: Config) -> dict:
    """Rencana Aksi: the frame plus the actions grouped by area, numbered within each area."""
    context = keputusan_context(
        wb, config.keputusan["rencana_aksi"], wb.dokumen["rencana_aksi"]
    )
    kelompok = []
    for kode in config.lke.areas:
        actions = [a for a in wb.rencana_aksi if a.area == kode]
        if actions:
            kelompok.append({
                "judul": _area_title(config, kode).upper(),
                "aksi": [_action_row(n, a) for n, a in enumerate(actions, 1)],
            })
    return {**context, "kelompok": kelompok}


def shade_marks(document, mark: str = MONTH_MARK, fill_color: str = MONTH_FILL) -> None:
    """Shade every table cell whose whole text is `mark` (the scheduled months), keeping the
    schema order of the cell properties."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    t_tag, tcpr_tag = qn("w:t"), qn("w:tcPr")
    after = {qn(f"w:{name}") for name in _AFTER_SHD}
    for tc in document.element.body.iter(qn("w:tc")):
        if "".join(t.text or "" for t in tc.iter(t_tag)) != mark:
            continue
        tcpr = tc.find(tcpr_tag)
        if tcpr is None:
            tcpr = OxmlElement("w:tcPr")
            tc.insert(0, tcpr)
        for old in tcpr.findall(qn("w:shd")):
            tcpr.remove(old)
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill_color)
        successor = next((child for child in tcpr if child.tag in after), None)
        if successor is None:
            tcpr.append(shd)
        else:
            successor.addprevious(shd)
