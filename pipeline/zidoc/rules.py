"""Rules across records (after reading): team structure, consistency warnings."""
from __future__ import annotations

from decimal import Decimal

from zidoc.config import Config
from zidoc.registry import DocumentKind
from zidoc.scoring import Scores, round2
from zidoc.workbook.model import Workbook
from zidoc.workbook.problems import Problems
from zidoc.workbook.schema import DOKUMEN_SHEET, NARASI

TOLERANCE = Decimal("0.01")


def _split(ref: str) -> tuple[str, str]:
    sheet, _, cell = ref.rpartition("!")
    return sheet, cell


def validate(wb: Workbook, scores: Scores, config: Config) -> Problems:
    problems = Problems()
    ident = wb.identitas

    if ident.nilai_resmi is not None:
        diff = abs(round2(scores.nilai_akhir) - ident.nilai_resmi)
        if diff > TOLERANCE:
            sheet, cell = _split(ident.cells["nilai_resmi"])
            from zidoc.formatting import angka

            problems.warning(
                f"nilai_resmi {angka(ident.nilai_resmi)} berbeda {angka(diff)} dari nilai akhir "
                f"hasil hitung {angka(scores.nilai_akhir)}; periksa kembali persen di sheet Nilai.",
                sheet, cell,
            )

    with_points = {p.area for p in wb.narasi}
    for item in config.lke.pengungkit:
        if item.kode not in with_points:
            problems.warning(
                f"area {item.kode} ({item.nama}) belum punya butir narasi.", NARASI.name
            )

    _validate_dokumen(wb, problems, config.documents)
    return problems


def _validate_dokumen(wb: Workbook, problems: Problems,
                      documents: tuple[DocumentKind, ...]) -> None:
    """A document's sheet filled but its Dokumen row (decree number) missing: warn now, the
    build skips it. Which sheet and which row: the registry says."""
    for doc in documents:
        if not doc.has_rows or doc.dokumen is None or doc.period is not None:
            continue  # a periodic document's row depends on the period: the build says
        if doc.rows_of(wb) and (wb.dokumen is None or doc.dokumen not in wb.dokumen):
            where = "sheet Dokumen tidak ada" if wb.dokumen is None else \
                f"sheet Dokumen belum memuat baris {doc.dokumen}"
            problems.warning(
                f"sheet {doc.sheet} sudah diisi, tetapi {where} (nomor dan tanggal Keputusan); "
                "Keputusannya tidak akan disusun.", DOKUMEN_SHEET.name,
            )
