"""`zidoc templates check`: shipped templates pass; typos and broken tags are all reported."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO, run_cli

LAPORAN = "laporan-pelaksanaan.docx"


def finding_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(LAPORAN + ",")]


def copy_templates(workspace: Path) -> Path:
    folder = workspace / "salinan"
    shutil.copytree(REPO / "templates" / "docx", folder)
    return folder


def test_shipped_templates_pass(workspace):
    result = run_cli("templates", "check")
    assert result.exit_code == 0, result.output
    shipped = sorted((REPO / "templates" / "docx").glob("*.docx"))
    assert f"{len(shipped)} templat diperiksa" in result.output


def test_injected_typo_is_named(workspace):
    from docx import Document

    folder = copy_templates(workspace)
    doc = Document(str(folder / LAPORAN))
    doc.paragraphs[0].insert_paragraph_before("Nilai total tahun ini {{ nilai_totl_salah }}.")
    doc.save(str(folder / LAPORAN))

    result = run_cli("templates", "check", str(folder))
    assert result.exit_code == 1
    lines = finding_lines(result.output)
    assert len(lines) == 1, result.output
    assert "nilai_totl_salah" in lines[0]
    assert "isi dokumen" in lines[0]
    assert '"Nilai total tahun ini {{ nilai_totl_salah }}."' in lines[0]


def test_every_problem_is_reported_at_once(workspace):
    from docx import Document

    folder = copy_templates(workspace)
    doc = Document(str(folder / LAPORAN))
    for paragraph in doc.paragraphs:
        if paragraph.text == "{{ area.nama }}" and paragraph.style.name == "Heading 2":
            paragraph.add_run(" ({{ area.kodee }})")  # attribute typo on a loop variable
        if paragraph.text == "{{ kalimat }}":
            paragraph.add_run(" {{ kalimat | hurufbesar }}")  # unknown filter
    first = doc.paragraphs[0]
    # A tag broken by Word: split over runs and missing its closing brace.
    first.add_run(" {{ singkatan_")
    first.add_run("satker }")
    cell_done = False
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.text == "{{ a.persen }}" and not cell_done:
                    cell.paragraphs[0].add_run(" {{ a.persenn }}")
                    cell_done = True
    assert cell_done
    doc.sections[0].footer.paragraphs[0].add_run(" {{ tahunn }}")
    doc.save(str(folder / LAPORAN))

    result = run_cli("templates", "check", str(folder))
    assert result.exit_code == 1
    lines = finding_lines(result.output)
    text = "\n".join(lines)
    assert len(lines) == 5, text

    def line_with(needle: str) -> str:
        found = [line for line in lines if needle in line]
        assert len(found) == 1, (needle, text)
        return found[0]

    assert "'area' tidak punya 'kodee'" in line_with("area.kodee")
    assert "Mungkin maksudnya 'kode'" in line_with("area.kodee")
    assert "hurufbesar" in line_with("hurufbesar")
    broken = line_with("{{ singkatan_satker }'")
    assert "tidak ditutup" in broken and "INTEGRITAS DI {{ singkatan_satker_kapital }}" in broken
    assert line_with("a.persenn").startswith(f"{LAPORAN}, isi dokumen (tabel),")
    footer = line_with("tahunn")
    assert footer.startswith(f"{LAPORAN}, kaki halaman (footer")
    assert "Mungkin maksudnya 'tahun'" in footer


def test_unclosed_block_and_missing_template(workspace):
    from docx import Document

    folder = copy_templates(workspace)
    doc = Document(str(folder / LAPORAN))
    for paragraph in doc.paragraphs:
        if paragraph.text == "{%p endfor %}":
            paragraph.text = "(dihapus)"  # the first {%p for %} loses its end
            break
    doc.save(str(folder / "lain.docx"))
    (folder / LAPORAN).unlink()

    result = run_cli("templates", "check", str(folder))
    assert result.exit_code == 1
    assert f"{LAPORAN}: templat ini tidak ada" in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("lain.docx,")]
    assert len(lines) == 1, result.output
    assert "tag '{%p for p in predikat %}'" in lines[0] and "tidak ditutup" in lines[0]
    assert "{% for p in predikat %}" in lines[0]


def test_known_names_include_loop_attributes(config):
    from zidoc.documents.templates_check import _element
    from zidoc.templates import known_contexts

    contexts = known_contexts(config)
    laporan = contexts[LAPORAN]
    assert {"nama_satker", "nilai_akhir", "areas", "grafik"} <= set(laporan)
    assert {"no", "nama", "butir", "penghargaan"} <= set(_element(laporan["areas"]))
    assert {"kriteria", "capaian"} <= set(_element(_element(laporan["predikat"])["syarat"]))


def _section_break_into_tag_paragraph(path: Path) -> None:
    """What a LibreOffice save did to the old Rencana Aksi template: the section break moved
    into a {%p endif %} paragraph, which the build removes (the Lampiran then came out
    portrait)."""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(path))
    holder = next(p for p in doc.paragraphs if p._p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
                  is not None)
    holder.insert_paragraph_before("{%p if penandatangan_nip %}")
    tag = holder.insert_paragraph_before("")
    tag._p.get_or_add_pPr().append(holder._p.pPr.sectPr)
    tag.add_run("{%p endif %}")
    doc.save(str(path))


def test_section_break_in_a_tag_paragraph_and_lost_orientation_are_explained(workspace):
    from docx import Document
    from docx.enum.section import WD_ORIENT

    folder = copy_templates(workspace)
    _section_break_into_tag_paragraph(folder / "rencana-aksi.docx")
    # sk-tim.docx with a landscape Lampiran, and the Laporan with a section it does not need.
    doc = Document(str(folder / "sk-tim.docx"))
    last = doc.sections[-1]
    last.orientation = WD_ORIENT.LANDSCAPE
    last.page_width, last.page_height = last.page_height, last.page_width
    doc.save(str(folder / "sk-tim.docx"))

    result = run_cli("templates", "check", str(folder))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    ra = [line for line in lines if line.startswith("rencana-aksi.docx,")]
    assert len(ra) == 1, result.output
    assert 'paragraf "{%p endif %}"' in ra[0] and "pemisah bagian (section break)" in ra[0]
    assert "Section Break (Next Page)" in ra[0] and "tekan Enter" in ra[0]
    sk = [line for line in lines if line.startswith("sk-tim.docx,")]
    assert len(sk) == 1, result.output
    assert "memerlukan 2 bagian (section): bagian 1 tegak, bagian 2 tegak" in sk[0]
    assert "templat ini punya 2: bagian 1 tegak, bagian 2 mendatar" in sk[0]


def test_a_broken_template_is_reported_as_a_template_problem(workspace, example_workbook):
    from docx import Document

    doc = Document(str(workspace / "templates" / "docx" / LAPORAN))
    doc.paragraphs[0].insert_paragraph_before("Satker: {{ nama_satker | hurufbesar }}")
    doc.save(str(workspace / "templates" / "docx" / LAPORAN))

    result = run_cli("build", str(example_workbook), cwd=workspace)
    assert result.exit_code == 1
    out = result.output
    assert f"templat {workspace / 'templates' / 'docx' / LAPORAN}" in out
    assert '"Satker: {{ nama_satker | hurufbesar }}"' in out and "hurufbesar" in out
    assert "zidoc templates check" in out
    assert "sel" not in out.lower().split() and "Perbaiki sel" not in out
    assert "baris" not in out
    assert not (workspace / "outputs" / "2024").exists()
