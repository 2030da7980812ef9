"""The documents zidoc writes. A module of its own, with no imports, so that the command
line (its --only choices) starts without loading the build."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentKind:
    kind: str  # "laporan", "sk-tim", "rencana-aksi"
    template: str  # file name in the templates folder
    output: str  # output file name pattern, {tahun}


DOCUMENTS = (
    DocumentKind("laporan", "laporan-pelaksanaan.docx", "laporan-pelaksanaan-zi-{tahun}.docx"),
    DocumentKind("sk-tim", "sk-tim.docx", "sk-tim-zi-{tahun}.docx"),
    DocumentKind("rencana-aksi", "rencana-aksi.docx", "rencana-aksi-zi-{tahun}.docx"),
)
KINDS = tuple(d.kind for d in DOCUMENTS)
