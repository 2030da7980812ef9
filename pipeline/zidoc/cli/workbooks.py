"""Which workbooks a command works on: the WORKBOOK|FOLDER arguments typed after it, or the
inputs folder when none was typed. One function for every command that reads workbooks
(`zidoc build`, `zidoc validate`, `zidoc bukti` ...): a folder named on the command line is
walked as the inputs folder is, skipping the same files.

    found = workbook_arguments((Path("inputs/2024"), Path("lain.xlsx")), config.inputs,
                               outputs=config.outputs, example="zidoc bukti")
    found.paths    # the workbooks, each once, in the order given
    found.notes    # lines for the user (files skipped, and why)
    found.problem  # set when nothing was found: the line to print before exit 1

A command declares its arguments with @workbooks_argument (files or folders that exist).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Files that are not the user's workbooks: Excel's lock files (~$name.xlsx), macOS resource
# forks (._name.xlsx) and zidoc's own marked copies (<name>-diperiksa.xlsx).
NOT_WORKBOOK_PREFIXES = ("~$", "._")
WORKBOOK_SUFFIX = ".xlsx"


def workbooks_argument(command):
    """The click argument `workbooks` ([WORKBOOK|FOLDER]...): files or folders that exist."""
    import click

    return click.argument(
        "workbooks", nargs=-1, metavar="[WORKBOOK|FOLDER]...",
        type=click.Path(exists=True, file_okay=True, dir_okay=True, readable=False,
                        path_type=Path))(command)


def not_a_workbook(path: Path) -> bool:
    from zidoc.workbook.marking import is_marked_copy

    return path.name.startswith(NOT_WORKBOOK_PREFIXES) or is_marked_copy(path)


def _key(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def find_workbooks(folder: Path, skipped: list[Path] | None = None,
                   outputs: Path | None = None) -> list[Path]:
    """Every .xlsx below `folder` outside hidden folders (.git, __MACOSX) and outside the
    `outputs` folder (zidoc's own copies of built workbooks, the recaps), skipping the files
    that are not the user's workbooks (not_a_workbook; appended to `skipped` when given)."""
    if not folder.is_dir():
        return []
    left_out = _key(outputs) if outputs is not None else None
    found = []
    for p in folder.rglob("*"):
        parts = p.relative_to(folder).parts[:-1]
        if any(part.startswith(".") or part == "__MACOSX" for part in parts):
            continue
        if p.suffix.lower() != WORKBOOK_SUFFIX or not p.is_file():
            continue
        if left_out is not None and left_out in _key(p).parents:
            continue
        if not_a_workbook(p):
            if skipped is not None:
                skipped.append(p)
        else:
            found.append(p)
    if skipped is not None:
        skipped.sort()
    return sorted(found)


@dataclass
class Found:
    """The workbooks to work on, what to tell the user, and (when nothing was found) why."""

    paths: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problem: str | None = None


def workbook_arguments(given: tuple[Path, ...] | list[Path], inputs: Path,
                       outputs: Path | None = None, example: str = "zidoc build") -> Found:
    """The workbooks named by `given` (files and folders, as typed), or every workbook in
    `inputs` when nothing was given. A folder counts as every workbook in it (and below),
    exactly as the inputs folder does: Excel's lock files, macOS's ._ files and marked copies
    are skipped (one note line; a marked copy beside its own workbook silently), hidden
    folders and the `outputs` folder are not entered. A file named on its own is taken as it
    is unless it is one of those. Each workbook once, in the order given."""
    from zidoc.workbook.marking import is_own_copy

    found = Found()
    candidates: list[Path] = []
    noted: list[Path] = []
    folders = [p for p in given if p.is_dir()] if given else [inputs]
    for item in (given or (inputs,)):
        if item.is_dir():
            skipped: list[Path] = []
            candidates += find_workbooks(item, skipped, outputs)
            noted += [p for p in skipped if not is_own_copy(p)]
        elif not_a_workbook(item):
            noted.append(item)
        else:
            candidates.append(item)
    if noted:
        names = ", ".join(p.name for p in noted[:5]) + (" ..." if len(noted) > 5 else "")
        found.notes.append(
            f"Catatan: {len(noted)} berkas dilewati karena bukan workbook isian (berkas kunci "
            f"Excel ~$, berkas ._ dari macOS, salinan bertanda -diperiksa): {names}")
    seen: set[Path] = set()
    for p in candidates:
        key = _key(p)
        if key not in seen:
            seen.add(key)
            found.paths.append(p)
    if found.paths:
        return found
    if not given:
        found.problem = (
            f"Tidak ada workbook (.xlsx) di {inputs}. Sebutkan berkasnya, misalnya "
            f"'{example} data.xlsx', atau buat folder kerja baru dengan 'zidoc init'.")
    elif folders:
        where = ", ".join(str(p) for p in folders)
        found.problem = (
            f"Tidak ada workbook isian (.xlsx) di {where}. Simpan workbook-nya di folder itu "
            f"(bukan salinan bertanda -diperiksa atau berkas ~$ / ._), atau sebutkan berkasnya, "
            f"misalnya '{example} data.xlsx'.")
    else:
        found.problem = (
            "Tidak ada workbook isian di antara berkas yang disebut. Sebutkan workbook "
            "isiannya sendiri (bukan salinan bertanda -diperiksa atau berkas ~$ / ._), "
            f"misalnya '{example} data.xlsx'.")
    return found
