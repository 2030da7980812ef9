"""Template contexts of the two Keputusan: the SK Tim and the Rencana Aksi.

The fixed texts (Menimbang, Mengingat, diktum) come from config.toml; their {placeholders}
are filled by plain replacement from a fixed set of names. Workbook text is only ever a
value: it is never scanned for placeholders or evaluated as a template."""
from __future__ import annotations

from zidoc.config import PLACEHOLDER, Config, KeputusanTeks
from zidoc.documents.formatting import tanggal
from zidoc.documents.laporan import ROMAN, satker_context
from zidoc.documents.numbering import letters
from zidoc.workbook.model import KEDUDUKAN, Aksi, AnggotaTim, Keputusan, Workbook
from zidoc.workbook.values import format_nip

# Diktum labels, as written in Indonesian decrees.
_ONES = ("", "SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN")
# Everyone above the per-area groups, in the order of KEDUDUKAN.
TOP_KEDUDUKAN = tuple(k for k in KEDUDUKAN if k not in ("Koordinator", "Anggota"))
MONTH_MARK = "\u25cf"  # ●
MONTH_FILL = "A6BFE0"
NBSP = "\u00a0"
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
        "penerbit_kapital": penerbit.upper(),
        "tempat": values["tempat"],
        "tentang": values["tentang"],
        "tentang_kapital": values["tentang"].upper(),
        "judul_lampiran_kapital": fill(teks.judul_lampiran, values).upper(),
        "jabatan_kapital": ident.penandatangan_jabatan.upper(),
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
        "keterangan": a.keterangan or "",
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


SIGNATURE_STYLE = "TandaTangan"  # style id of "Tanda Tangan" in the templates
KEEP_ROWS = 2  # table rows kept on the page of the signature that follows the table


def finish_keputusan(document) -> None:
    """After rendering (and the page setup): shade the months, fit the full-width tables to
    their section's text width, keep every signature with what precedes it."""
    shade_marks(document)
    fit_tables(document)
    keep_signatures(document)


def _sections_of_tables(body):
    """(table, sectPr) for each top-level table: a section ends at the paragraph holding its
    sectPr, the last section at the body's own sectPr."""
    from docx.oxml.ns import qn

    pending = []
    for child in body:
        if child.tag == qn("w:tbl"):
            pending.append(child)
        elif child.tag == qn("w:p"):
            ppr = child.find(qn("w:pPr"))
            sect = ppr.find(qn("w:sectPr")) if ppr is not None else None
            if sect is not None:
                yield from ((t, sect) for t in pending)
                pending = []
        elif child.tag == qn("w:sectPr"):
            yield from ((t, child) for t in pending)
            pending = []


def fit_tables(document) -> None:
    """Tables whose width is 100% (w:tblW type pct 5000) get grid and cell widths scaled so
    that they add up to the text width of their section: Word and LibreOffice then agree."""
    from docx.oxml.ns import qn

    w_attr, type_attr = qn("w:w"), qn("w:type")
    for tbl, sect in _sections_of_tables(document.element.body):
        tblw = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblW')}")
        if tblw is None or tblw.get(type_attr) != "pct" or tblw.get(w_attr) != "5000":
            continue
        size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
        if size is None or margins is None:
            continue
        text_width = (int(size.get(w_attr)) - int(margins.get(qn("w:left")))
                      - int(margins.get(qn("w:right"))))
        cols = tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
        old = [int(c.get(w_attr)) for c in cols]
        total = sum(old)
        if not total:
            continue
        new = [w * text_width // total for w in old]
        new[-1] += text_width - sum(new)
        for col, width in zip(cols, new):
            col.set(w_attr, str(width))
        for tr in tbl.iter(qn("w:tr")):
            start = 0
            for tc in tr.findall(qn("w:tc")):
                tcpr = tc.find(qn("w:tcPr"))
                span_el = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
                span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
                tcw = tcpr.find(qn("w:tcW")) if tcpr is not None else None
                if tcw is not None:
                    tcw.set(w_attr, str(sum(new[start:start + span])))
                    tcw.set(type_attr, "dxa")
                start += span


def keep_signatures(document) -> None:
    """Keep every signature block with what precedes it, so that a signer never stands alone
    on a page. Word would honour keep-with-next on the last table rows, LibreOffice does not;
    both honour a row that cannot split. So the last rows of the table before the signature,
    the paragraphs between them (the Keterangan line) and the signature block are moved
    into one borderless, full-width, cantSplit row right after the table."""
    from copy import deepcopy

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_tag, tbl_tag = qn("w:p"), qn("w:tbl")
    body = document.element.body

    def style_of(p) -> str | None:
        el = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return el.get(qn("w:val")) if el is not None else None

    for p in list(body.iterchildren(p_tag)):
        if style_of(p) != SIGNATURE_STYLE:
            continue
        before = p.getprevious()
        if before is not None and before.tag == p_tag and style_of(before) == SIGNATURE_STYLE:
            continue  # not the first line of its block
        block = [p]
        nxt = p.getnext()
        while nxt is not None and nxt.tag == p_tag and style_of(nxt) == SIGNATURE_STYLE:
            block.append(nxt)
            nxt = nxt.getnext()
        between = []
        while before is not None and before.tag == p_tag and len(between) < 3 and \
                before.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
            between.insert(0, before)
            before = before.getprevious()
        if before is None or before.tag != tbl_tag:
            continue
        rows = before.findall(qn("w:tr"))
        body_rows = [r for r in rows if r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None]
        tail = body_rows[-KEEP_ROWS:] if len(body_rows) > KEEP_ROWS else body_rows[-1:]
        if len(tail) == len(rows):
            tail = []
        wrapper, cell = _wrapper_after(before)
        if tail:
            inner = OxmlElement("w:tbl")
            inner.append(deepcopy(before.find(qn("w:tblPr"))))
            inner.append(deepcopy(before.find(qn("w:tblGrid"))))
            for row in tail:
                inner.append(row)  # moves the row
            cell.append(inner)
        for q in between + block:
            cell.append(q)  # moves the paragraph
        for q in cell.iter(p_tag):
            _keep_next(q)
        _keep_next(block[-1], False)


def _wrapper_after(table):
    """A one-cell borderless table inserted after `table`, full width, zero cell margins,
    its one row cantSplit. Returns (table, cell)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def el(tag, parent=None, **attrs):
        node = OxmlElement(tag)
        for name, value in attrs.items():
            node.set(qn(f"w:{name}"), value)
        if parent is not None:
            parent.append(node)
        return node

    total = sum(int(c.get(qn("w:w"))) for c in table.iter(qn("w:gridCol")))
    tbl = el("w:tbl")
    tblpr = el("w:tblPr", tbl)
    el("w:tblW", tblpr, w="5000", type="pct")
    borders = el("w:tblBorders", tblpr)
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el(f"w:{edge}", borders, val="nil")
    el("w:tblLayout", tblpr, type="fixed")
    mar = el("w:tblCellMar", tblpr)
    for edge in ("left", "right"):
        el(f"w:{edge}", mar, w="0", type="dxa")
    grid = el("w:tblGrid", tbl)
    el("w:gridCol", grid, w=str(total))
    tr = el("w:tr", tbl)
    trpr = el("w:trPr", tr)
    el("w:cantSplit", trpr)
    tc = el("w:tc", tr)
    tcpr = el("w:tcPr", tc)
    el("w:tcW", tcpr, w=str(total), type="dxa")
    # A hairline paragraph between the two tables: Word would join adjacent tables into one.
    spacer = el("w:p")
    ppr = el("w:pPr", spacer)
    el("w:spacing", ppr, before="0", after="0", line="20", lineRule="exact")
    rpr = el("w:rPr", ppr)
    el("w:sz", rpr, val="2")
    table.addnext(spacer)
    spacer.addnext(tbl)
    return tbl, tc


def _keep_next(p, on: bool = True) -> None:
    from docx.text.paragraph import Paragraph

    Paragraph(p, None).paragraph_format.keep_with_next = on
