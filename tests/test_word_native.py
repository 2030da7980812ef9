"""Word-native documents, read back with independent tools: schema-valid (openxml-audit, 0
errors), Indonesian, real properties, Word's own numbering, one table per Lampiran whose
header repeats, widths that fit in both fonts, templates that survive a LibreOffice re-save.

Each variant (paper x font, with a 105-member team and a 40-action plan) is built ONCE per
module and shared by every assertion; the PDFs are made in one LibreOffice run."""
from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, run_cli, soffice
from docx import Document
from docx.oxml.ns import qn
from word_lists import numbered_paragraphs
from zidoc import __version__
from zidoc.workbook.example import load_example

from tests.test_keputusan import (
    AKSI_HEAD,
    AREAS,
    RA,
    SK,
    TIM_HEAD,
    big_plan,
    big_team,
    replace_sheet,
    set_paper,
)

LAPORAN = "laporan-pelaksanaan-zi-2024.docx"
MONEV = "laporan-monev-rencana-aksi-zi-2024-tw2.docx"  # the example's Realisasi ends at TW II
SKM = "laporan-skm-2024.docx"  # the example's survey (its responses beside the workbook)
VARIANTS = {"f4-arial": ("F4", "Arial"), "a4-bookman": ("A4", "Bookman Old Style")}
MEMBERS, ACTIONS = 105, 40
EXAMPLE = load_example()
HAS_PDF_TOOLS = soffice() is not None and shutil.which("pdftotext") and shutil.which("pdfinfo")


def _workspace(root: Path, kertas: str, huruf: str, templates: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy(REPO / "config.toml", root / "config.toml")
    shutil.copytree(templates, root / "templates" / "docx")
    set_paper(root, kertas, huruf)
    return root


def _big_workbook(folder: Path) -> Path:
    from zidoc.config import load_config
    from zidoc.workbook.starter import write_example_workbook

    path = folder / "contoh.xlsx"
    write_example_workbook(path, load_config(folder / "config.toml"))
    members = big_team(MEMBERS)
    members[0]["kedudukan"] = "Penanggung Jawab"  # the longest fixed label of the team table
    replace_sheet(path, "Tim", TIM_HEAD, members)
    # The plan carries the example's codes RA-01 ... so that its Realisasi rows still name
    # actions and the monitoring report is built (and audited) too.
    plan = [{"kode": f"RA-{n:02d}", **row} for n, row in enumerate(big_plan(ACTIONS), 1)]
    replace_sheet(path, "RencanaAksi", ["kode", *AKSI_HEAD], plan)
    return path


def _build(folder: Path, workbook: Path) -> Path:
    result = run_cli("build", str(workbook), cwd=folder)
    assert result.exit_code == 0, result.output
    return folder / "outputs" / "2024" / "kpu-kota-bengkulu"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Variant name -> its output folder (the three documents)."""
    root = tmp_path_factory.mktemp("native")
    outputs = {}
    for name, (kertas, huruf) in VARIANTS.items():
        folder = _workspace(root / name, kertas, huruf, REPO / "templates" / "docx")
        outputs[name] = _build(folder, _big_workbook(folder))
    return outputs


@pytest.fixture(scope="module")
def pdfs(built, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """(variant, document) -> its PDF, every document of every variant in one LibreOffice run
    (the files are copied under distinct names first)."""
    from zidoc.store.office import convert

    if not HAS_PDF_TOOLS:
        pytest.skip("LibreOffice (soffice) atau poppler (pdftotext, pdfinfo) tidak terpasang")
    root = tmp_path_factory.mktemp("pdf")
    sources = {}
    for variant, folder in built.items():
        for doc in (LAPORAN, SK, RA, MONEV):
            target = root / f"{variant}--{doc}"
            shutil.copy(folder / doc, target)
            sources[(variant, doc)] = target
    convert(list(sources.values()), root / "out")
    return {key: root / "out" / (path.stem + ".pdf") for key, path in sources.items()}


def page_texts(pdf: Path, layout: bool = False) -> list[str]:
    text = subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True,
                         text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


# --- schema ---------------------------------------------------------------------------------
def test_every_template_and_output_passes_openxml_audit(built):
    from openxml_audit import OpenXmlValidator

    validator = OpenXmlValidator()
    templates = sorted((REPO / "templates" / "docx").glob("*.docx"))
    files = templates + [folder / doc for folder in built.values()
                         for doc in (LAPORAN, SK, RA, MONEV, SKM)]
    # The Keputusan config.toml declares (their shared template is among the templates).
    first = next(iter(built.values()))
    files += [first / "sk-agen-perubahan-zi-2024.docx", first / "sk-satgas-spip-zi-2024.docx"]
    # A meeting's pack too (R-01: its invitation with a Lampiran), on F4/Arial and A4/Bookman.
    pack = [f"rapat/R-01/{name}-R-01.docx" for name in ("undangan", "daftar-hadir", "notulen")]
    files += [folder / doc for folder in built.values() for doc in pack]
    assert len(files) == len(templates) + 8 * len(built) + 2
    for path in files:
        result = validator.validate(str(path))
        assert result.error_count == 0, (path, [str(e) for e in result.errors][:5])


# --- language and properties ----------------------------------------------------------------
def test_indonesian_language_and_document_properties(built):
    start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)
    satker = dict(EXAMPLE.identitas)
    for folder in built.values():
        for doc_name, title in (
            (LAPORAN, f"Laporan Pelaksanaan Zona Integritas {satker['singkatan_satker']} "
                      "Tahun 2024"),
            (SK, f"Keputusan {satker['nama_satker']} Nomor 443 Tahun 2024 tentang Pembentukan"),
            (RA, f"Keputusan {satker['nama_satker']} Nomor 28 Tahun 2024 tentang Rencana Aksi"),
            (SKM, f"Laporan Survei Kepuasan Masyarakat {satker['singkatan_satker']} Tahun 2024"),
        ):
            path = folder / doc_name
            doc = Document(str(path))
            defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/"
                                               f"{qn('w:rPr')}/{qn('w:lang')}")
            assert defaults.get(qn("w:val")) == "id-ID"
            languages = {el.get(qn("w:val")) for el in doc.styles.element.iter(qn("w:lang"))}
            assert languages == {"id-ID"}
            props = doc.core_properties
            assert props.title.startswith(title), props.title
            assert props.subject and "{" not in props.subject and "{" not in props.title
            assert props.author == satker["nama_satker"]
            assert not props.comments and props.last_modified_by == "zidoc"
            for stamp in (props.created, props.modified):
                assert stamp.replace(tzinfo=datetime.timezone.utc) >= start
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
                app = archive.read("docProps/app.xml").decode("utf-8")
            assert f"<Application>zidoc {__version__}</Application>" in app
            assert not [n for n in names if "thumbnail" in n or "stylesWithEffects" in n]


# --- numbering ------------------------------------------------------------------------------
def test_lists_are_word_numbering_and_print_as_before(built):
    folder = built["f4-arial"]
    doc = Document(str(folder / LAPORAN))
    items = numbered_paragraphs(doc)
    heads = [(label, "".join(t.text or "" for t in p.iter(qn("w:t")))) for p, _, lvl, label in items
             if lvl == 0]
    assert heads == [(f"{n}.", name) for n, name in enumerate(AREAS.values(), 1)]
    # The points restart at a. in each area and follow the workbook's letters.
    by_area: dict[str, list[str]] = {}
    area = None
    for p, _, lvl, label in items:
        if lvl == 0:
            area = "".join(t.text or "" for t in p.iter(qn("w:t")))
        else:
            by_area.setdefault(area, []).append(label)
    expected: dict[str, list[str]] = {}
    for point in EXAMPLE.narasi:
        expected.setdefault(AREAS[point["area"]], []).append(
            (point.get("butir") or "abcdefghijklmnopqrstuvwxyz"[
                len(expected.get(AREAS[point["area"]], []))]) + ".")
    assert by_area == expected
    # No typed label left in a numbered paragraph (the number is Word's, not text).
    for p, *_ in items:
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        assert not re.match(r"^([a-z]|\d+)\.\s", text), text
    # The Keputusan: Menimbang, Mengingat and every diktum's items are Word lists.
    from zidoc.config import load_config

    config = load_config(REPO / "config.toml")
    abc = "abcdefghijklmnopqrstuvwxyz"
    for name, key in ((SK, "sk_tim"), (RA, "rencana_aksi")):
        teks = config.keputusan[key]
        expected = [f"{abc[n]}." for n in range(len(teks.menimbang))]
        expected += [f"{n}." for n in range(1, len(teks.mengingat) + 1)]
        for diktum in teks.diktum:
            expected += [f"{abc[n]}." for n in range(len(diktum.butir))]
        doc = Document(str(folder / name))
        labels = [label for _, _, _, label in numbered_paragraphs(doc) if label]
        assert labels == expected
        assert any(d.butir for d in teks.diktum) or name == RA


def test_monitoring_report_lists_are_word_numbering(built):
    doc = Document(str(built["f4-arial"] / MONEV))

    def text(p) -> str:
        return "".join(t.text or "" for t in p.iter(qn("w:t")))

    items = numbered_paragraphs(doc)
    heads = [(label, text(p)) for p, *_, label in items if label.endswith(".")]
    assert heads == [(f"{n}.", name) for n, name in enumerate(AREAS.values(), 1)]
    assert [doc.paragraphs[n].style.name for n, p in enumerate(doc.paragraphs)
            if any(p._p is q for q, *_ in items) and p.text in AREAS.values()] == \
        ["Heading 2"] * len(AREAS)
    # The late actions without a note: a dash list of Word's, the dash not typed.
    dashes = [text(p) for p, *_, label in items if label == "-"]
    assert dashes and all(d.startswith("Kegiatan nomor ") for d in dashes)
    assert not [p.text for p in doc.paragraphs if re.match(r"^(-|\d+\.)\s", p.text)]


def test_survey_report_lists_and_table_headers_are_words(built):
    """The SKM report: legal bases 1. 2. 3. and the three priorities a. b. c. by Word's
    numbering; every table's header row repeats on a new page."""
    doc = Document(str(built["a4-bookman"] / SKM))
    labels = [label for *_, label in numbered_paragraphs(doc)]
    assert labels == ["1.", "2.", "3.", "a.", "b.", "c."]
    assert not [p.text for p in doc.paragraphs if re.match(r"^([a-z]|\d+)\.\s", p.text)]
    for table in doc.tables[:-1]:  # the last: the signature block
        first = table._tbl.findall(qn("w:tr"))[0]
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


# --- the Lampiran: one table, header repeated, kept with the signature ------------------------
def test_one_table_per_lampiran_with_repeated_header(built):
    for folder in built.values():
        for name, header_rows, rows in ((SK, 1, MEMBERS), (RA, 2, ACTIONS)):
            doc = Document(str(folder / name))
            body = doc.element.body
            assert not [t for t in body.iter(qn("w:tbl")) if t.getparent() is not body]
            lampiran = doc.tables[-1]
            trs = lampiran._tbl.findall(qn("w:tr"))
            assert [tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
                    for tr in trs[:header_rows + 1]] == [True] * header_rows + [False]
            numbered = [tr for tr in trs if re.fullmatch(r"\d+\.", "".join(
                t.text or "" for t in tr.find(qn("w:tc")).iter(qn("w:t"))))]
            assert len(numbered) == rows
            for tr in trs:
                assert tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_rendered_pages_keep_header_signature_and_widths(pdfs, variant):
    # The last rows of each Lampiran: the last area's last member / action.
    last_member = [m for m in big_team(MEMBERS) if m["area"] == "P6"][-1]["nama"]
    last_action = [a for a in big_plan(ACTIONS) if a["area"] == "P6"][-1]["kegiatan"]
    for name, header, landscape_lampiran in ((SK, "Kedudukan", False),
                                             (RA, "Jadwal Pelaksanaan (Bulan)", True)):
        pdf = pdfs[(variant, name)]
        texts = [" ".join(t.split()) for t in page_texts(pdf)]
        sizes = page_sizes(pdf)
        start = next(n for n, t in enumerate(texts) if t.startswith("LAMPIRAN"))
        # Portrait decree, then the Lampiran in its own orientation to the last page.
        assert all(w < h for w, h in sizes[:start])
        assert all((w > h) == landscape_lampiran for w, h in sizes[start:])
        # The header row on every page the table reaches, the signature page included when
        # the last rows are on it.
        signed = [n for n, t in enumerate(texts) if "Rayendra Pirasad" in t]
        assert signed[-1] == len(texts) - 1
        last_row = f"{last_member} " if name == SK else last_action
        table_pages = [n for n in range(start, len(texts))
                       if n < len(texts) - 1 or last_row in texts[n]]
        for n in table_pages:
            assert header in texts[n]
        # The whole signer block on one page (title, name).
        assert "KETUA KOMISI PEMILIHAN UMUM KOTA BENGKULU," in texts[-1]
    # No column: every number on one line ("100." never wraps) in both fonts.
    layout = "\n".join(page_texts(pdfs[(variant, SK)], layout=True))
    for n in (9, 10, 99, 100, MEMBERS):
        assert re.search(rf"(?m)^\s*{n}\.\s+Pegawai", layout), n
    # The longest fixed label of the Kedudukan column on one line.
    assert re.search(r"(?m)^\s*1\.\s+Pengarah Besar.*Penanggung Jawab\s*$", layout)
    laporan = "\n".join(page_texts(pdfs[(variant, LAPORAN)], layout=True))
    for n in (10, 11, 12):
        assert re.search(rf"(?m)^\s*{n}\.\s+\S", laporan), n
    # The monitoring report: its fixed labels on one line, the action table's header on
    # every page that holds an action row.
    pages = page_texts(pdfs[(variant, MONEV)], layout=True)
    monev = "\n".join(pages)
    assert re.search(r"(?m)^\s*No\s+Area Perubahan\s+Jumlah\s+Terjadwal\s+Selesai\s+"
                     r"Terlambat\s+Capaian\s*$", monev)
    assert re.search(r"(?m)^\s*No\s+Kegiatan\s+Target\b.*\sRealisasi\s+Status\s+Bukti", monev)
    assert re.search(r"\d+,\d\d%\s+Sesuai jadwal\s", monev)
    rows = [page for page in pages
            if re.search(r"(?m)^\s*\d+\.\s+Kegiatan nomor \d+\s+\d+,\d\d%", page)]
    assert len(rows) >= 2 and all("Realisasi" in page for page in rows)


# --- templates re-saved by LibreOffice ----------------------------------------------------------
@pytest.mark.skipif(not HAS_PDF_TOOLS,
                    reason="LibreOffice (soffice) atau poppler (pdftotext, pdfinfo) tidak terpasang")
def test_templates_resaved_by_libreoffice_still_build_right(tmp_path):
    from zidoc.store.office import convert, find_soffice

    resaved = tmp_path / "resaved"
    with tempfile.TemporaryDirectory(prefix="zidoc-lo-") as profile:
        subprocess.run([find_soffice(), f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML",
                        "--outdir", str(resaved),
                        *map(str, sorted((REPO / "templates" / "docx").glob("*.docx")))],
                       capture_output=True, timeout=300, check=True)
    from zidoc.config import load_config

    assert sorted(p.name for p in resaved.glob("*.docx")) == sorted(
        {d.template for d in load_config(REPO / "config.toml").documents})
    folder = _workspace(tmp_path / "kerja", "F4", "Arial", resaved)
    check = run_cli("templates", "check", cwd=folder)
    assert check.exit_code == 0, check.output
    from zidoc.workbook.starter import write_example_workbook

    workbook = folder / "contoh.xlsx"
    write_example_workbook(workbook, load_config(folder / "config.toml"))
    out = _build(folder, workbook)
    # What LibreOffice writes that Word's schema refuses ("true" flags on rows, a sectPr
    # before the other paragraph properties, numId 0) is not carried into the documents.
    from openxml_audit import OpenXmlValidator

    validator = OpenXmlValidator()
    assert validator.validate(str(resaved / "sk-tim.docx")).error_count > 0  # the premise
    # A meeting's pack from the re-saved templates too (issue 21): R-01 with its Lampiran.
    pack = [f"rapat/R-01/{name}-R-01.docx" for name in ("undangan", "daftar-hadir", "notulen")]
    for doc in (LAPORAN, SK, RA, MONEV, SKM, *pack):
        result = validator.validate(str(out / doc))
        assert result.error_count == 0, (doc, [str(e) for e in result.errors][:5])
    from docx import Document as Read
    from word_lists import numbered_paragraphs as numbered

    notulen = Read(str(out / pack[2]))
    labels = [label for _p, _id, _lvl, label in numbered(notulen)]
    assert labels == ["1.", "2.", "1.", "2.", "3.", "1.", "2.", "1.", "2."]  # Word's numbers
    hadir = Read(str(out / pack[1])).tables[-1]
    assert hadir.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in hadir.rows[2].cells][-2:] == ["", "2."]  # staggered, kept
    converted = convert([out / LAPORAN, out / SK, out / RA, out / MONEV], tmp_path / "pdf")
    laporan, sk, ra, monev = converted
    for pdf in (laporan, sk, monev):
        assert all(w < h for w, h in page_sizes(pdf))
    sizes, texts = page_sizes(ra), [" ".join(t.split()) for t in page_texts(ra)]
    start = next(n for n, t in enumerate(texts) if t.startswith("LAMPIRAN"))
    assert start >= 1 and all(w < h for w, h in sizes[:start])
    assert all(w > h for w, h in sizes[start:])
    assert "Jadwal Pelaksanaan (Bulan)" in texts[start] and "Rayendra Pirasad" in texts[-1]
    sk_text = " ".join(" ".join(page_texts(sk)).split())
    assert "a. bahwa dalam rangka" in sk_text and "1. Undang-Undang Nomor 28 Tahun 1999" in sk_text
    assert "Pegawai 26" in sk_text and "{{" not in sk_text and "{%" not in sk_text
    lap_text = " ".join(" ".join(page_texts(laporan)).split())
    assert "1. Manajemen Perubahan a." in lap_text and "{{" not in lap_text
    monev_text = " ".join(" ".join(page_texts(monev)).split())
    assert "1. Manajemen Perubahan" in monev_text and "2. Penataan Tatalaksana" in monev_text  # Word numbers, kept
    assert "{{" not in monev_text and "{%" not in monev_text


# --- styles: heading levels, captions, navigation pane ----------------------------------------
def test_distinct_headings_captions_and_navigation_pane(built):
    folder = built["a4-bookman"]
    doc = Document(str(folder / LAPORAN))
    h1, h2 = doc.styles["Heading 1"], doc.styles["Heading 2"]
    assert (h1.font.size, h1.font.all_caps) != (h2.font.size, h2.font.all_caps)
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert [c.split(".")[0] for c in captions] == ["Tabel 1", "Gambar 1"]
    for name in (SK, RA):
        doc = Document(str(folder / name))
        outline = [p.text for p in doc.paragraphs
                   if p._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") is not None
                   or (p.style.element.pPr is not None
                       and p.style.element.pPr.find(qn("w:outlineLvl")) is not None)]
        assert outline[0] == "KEPUTUSAN KOMISI PEMILIHAN UMUM KOTA BENGKULU"
        assert outline[1].startswith(("SUSUNAN KEANGGOTAAN", "RENCANA AKSI"))
        assert len(outline) == 2
