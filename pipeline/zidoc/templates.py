"""`zidoc templates check`: every template of a folder checked against the contexts the build
itself renders for the example workbook (documents/templates_check.py checks one template)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from zidoc.config import Config
from zidoc.documents.templates_check import ANY, CheckError, _merge, check_template, template_files


def known_contexts(config: Config) -> dict[str, dict]:
    """Template file name -> the full context (images included) the build renders it with,
    for the example workbook."""
    from zidoc import build
    from zidoc.workbook.starter import write_example_workbook

    with tempfile.TemporaryDirectory(prefix="zidoc-cek-") as tmp:
        path = Path(tmp) / "contoh.xlsx"
        write_example_workbook(path, config)  # with its survey responses beside it
        loaded = build.load(path, config, Path(tmp) / "outputs")
        if loaded.workbook is None:
            raise CheckError(
                "Contoh workbook tidak cocok dengan config.toml, jadi data templat tidak dapat "
                "disusun: " + "; ".join(str(p) for p in loaded.problems.errors)
            )
        # The build's own list of jobs: exactly the contexts it renders, for every document
        # (a meeting's dokumentasi too, whether or not the folder has its photos).
        jobs, _ = build.document_jobs(loaded.workbook, loaded.scores, config, every_row=True)
    contexts: dict[str, dict] = {}
    for job in jobs:  # a per-row document: one job per row, their contexts merged
        context = {**job.context, **{name: ANY for name in job.images}}
        known = contexts.get(job.document.template)
        contexts[job.document.template] = context if known is None else _merge(known, context)
    return contexts


def check_folder(folder: Path, config: Config, warnings: list[str] | None = None
                 ) -> tuple[list[str], list[Path]]:
    """(finding lines, templates checked). An empty first list means every template is fine.
    Every registry entry's template must be there. What the build goes on with but says
    (tracked changes accepted, comments dropped) is added to `warnings`."""
    try:
        contexts = known_contexts(config)
    except CheckError as exc:
        return [str(exc)], []
    union: dict = {}
    for context in contexts.values():
        union = _merge(union, context)
    files = template_files(folder)
    lines: list[str] = []
    present = {p.name for p in files}
    documents = config.documents
    for doc in documents:
        if doc.template not in present:
            lines.append(f"{doc.template}: templat ini tidak ada di {folder}, padahal dipakai "
                         f"untuk dokumen '{doc.kind}'. Jalankan 'zidoc init' untuk membuatnya lagi.")
    kinds = {doc.template: doc for doc in documents}
    for path in files:
        context = contexts.get(path.name, union if isinstance(union, dict) else {})
        findings = check_template(path, context, kinds.get(path.name))
        lines += [str(f) for f in findings if not f.warning]
        if warnings is not None:
            warnings += [str(f) for f in findings if f.warning]
    return lines, files

