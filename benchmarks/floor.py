"""The floor for benchmark (a): the least a build of the example could cost.

It imports only openpyxl and docxtpl, loads the workbook with openpyxl and renders every
template of the working folder with docxtpl, writing the .docx files. No validation, no
scoring, no number formatting, no chart: the context is
the workbook's cells as text. When the workbook's Survei sheet names a responses file, the
floor also reads it with pandas (the library zidoc uses for it) and sums each column: the
least a survey's figures cost.

    python benchmarks/floor.py WORKBOOK TEMPLATES_DIR OUT_DIR
"""
from __future__ import annotations

import io
import sys
from pathlib import Path


def sheet_rows(ws) -> list[dict]:
    rows = ws.iter_rows(values_only=True)
    header = [str(h).strip().lower() if h is not None else "" for h in next(rows, ())]
    return [
        {k: ("" if v is None else str(v)) for k, v in zip(header, row) if k}
        for row in rows if any(v is not None for v in row)
    ]


def context(sheets: dict[str, list[dict]]) -> dict:
    ident = {r["kunci"]: r.get("nilai", "") for r in sheets.get("Identitas", [])}
    nilai = sheets.get("Nilai", [])
    area_rows = [r for r in nilai if r["kode"].startswith("P")]
    hasil_rows = [r for r in nilai if r["kode"].startswith("H")]

    def item(n, r):
        return {"no": str(n), "kode": r["kode"], "nama": r.get("komponen", ""),
                "bobot": "", "persen": r["persen"], "nilai": r["persen"]}

    areas = []
    for n, r in enumerate(area_rows, 1):
        points = [
            {"butir": p.get("butir", ""), "judul": p.get("judul", ""),
             "pembuka": p["uraian"].split("\n")[0], "baris": p["uraian"].split("\n")[1:]}
            for p in sheets.get("Narasi", []) if p["area"] == r["kode"]
        ]
        awards = [f"{h['pemberi']} {h['kategori']}" for h in sheets.get("Penghargaan", [])
                  if h["area"] == r["kode"]]
        areas.append({"no": str(n), "kode": r["kode"], "nama": r.get("komponen", ""),
                      "butir": points, "penghargaan": awards})
    syarat = [{"kriteria": r.get("komponen", ""), "minimum": "", "capaian": r["persen"],
               "selisih": "", "status": ""} for r in nilai + area_rows[:2]]
    ctx = {k: v for k, v in ident.items()}
    ctx.update({
        "nama_satker_kapital": ident.get("nama_satker", "").upper(),
        "singkatan_satker_kapital": ident.get("singkatan_satker", "").upper(),
        "pengungkit": [item(n, r) for n, r in enumerate(area_rows, 1)],
        "hasil": [{"no": "I", "nama": "", "bobot": "", "persen": "", "nilai": "",
                   "indikator": [item(n, r) for n, r in enumerate(hasil_rows, 1)]}],
        "predikat": [{"nama": n, "judul": n, "kesimpulan": "", "syarat": syarat}
                     for n in ("WBK", "WBBM")],
        "areas": areas,
        "perbandingan": "", "grafik": "",
        # Team and action plan rows, under the names a template may loop over.
        "tim": sheets.get("Tim", []), "anggota": sheets.get("Tim", []),
        "rencana_aksi": sheets.get("RencanaAksi", []), "aksi": sheets.get("RencanaAksi", []),
    })
    for key in ("bobot_pengungkit", "persen_pengungkit", "nilai_pengungkit", "bobot_hasil",
                "persen_hasil", "nilai_hasil", "nilai_akhir"):
        ctx.setdefault(key, "")
    return ctx


def main(argv: list[str]) -> int:
    workbook, templates, out = Path(argv[0]), Path(argv[1]), Path(argv[2])

    import openpyxl
    from docxtpl import DocxTemplate
    from jinja2 import ChainableUndefined, Environment

    book = openpyxl.load_workbook(workbook, data_only=True)
    sheets = {ws.title: sheet_rows(ws) for ws in book.worksheets if ws.title != "Petunjuk"}
    ctx = context(sheets)
    survei = {r["kunci"]: r.get("nilai", "") for r in sheets.get("Survei", [])}
    if survei.get("berkas"):
        import pandas as pd

        responses = pd.read_csv(workbook.parent / survei["berkas"], dtype=str,
                                keep_default_na=False)
        ctx["responden"] = str(len(responses))
        ctx["profil"] = [{"judul": str(c), "rows": [{"label": str(k), "jumlah": str(v)}
                                                     for k, v in responses[c].value_counts().items()]}
                         for c in responses.columns[1:6]]
    out.mkdir(parents=True, exist_ok=True)
    env = Environment(autoescape=True, undefined=ChainableUndefined)
    for template in sorted(templates.glob("*.docx")):
        tpl = DocxTemplate(str(template))
        tpl.render(ctx, jinja_env=env, autoescape=True)
        buffer = io.BytesIO()
        tpl.save(buffer)
        (out / template.name).write_bytes(buffer.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
