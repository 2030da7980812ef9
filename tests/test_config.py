"""config.toml validated whole: every problem at once with its key and line, unknown keys
refused with a suggestion, weights checked against their totals, placeholders checked."""
from __future__ import annotations

import copy
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from zidoc.config import ConfigError, load_config, parse_config, placeholder_problems
from zidoc.toml_lines import line_of, parse_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
SHIPPED = (REPO / "config.toml").read_text(encoding="utf-8")


def raw() -> dict:
    return copy.deepcopy(tomllib.loads(SHIPPED))


def problems(data: dict, tmp_path: Path) -> list[str]:
    with pytest.raises(ConfigError) as info:
        parse_config(data, tmp_path)
    assert str(info.value) == "\n".join(info.value.lines)
    return info.value.lines


def load_text(tmp_path: Path, text: str) -> ConfigError:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return info.value


def line_with(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the `occurrence`-th line containing `needle` (independent of the
    locator under test)."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


# --- the line locator ------------------------------------------------------------------------
LOCATOR_SAMPLE = """\
# comment [not.a.table]
top = 1

[folder]
inputs = "in \\" # not a comment"   # trailing [comment]
"quoted key" = "x"

[lke]
bobot_pengungkit = "60"

[[lke.pengungkit]]
kode = "P1"

[[lke.pengungkit]]
kode = "P2"
bobot = "7"

[[lke.hasil]]
kode = "I"

[[lke.hasil.indikator]]
kode = "H1"

[[lke.hasil.indikator]]
kode = "H2"

[[lke.hasil]]
kode = "II"

[[lke.hasil.indikator]]
kode = "H3"
bobot = "17.5"

[keputusan.sk_tim]
tentang = \"\"\"
[not.a.header]
kode = "not a key"
\"\"\"
menimbang = [
  "satu",
  "dua [x]",
  "tiga",
]
inline = ["a", "b"]
map = { I = "1", II = "2" }
after = 1
"""


@pytest.mark.parametrize("key, line", [
    ("top", 2),
    ("folder", 4),
    ("folder.inputs", 5),
    ("folder.quoted key", 6),
    ("folder.templates", 4),  # missing: its table
    ("lke", 8),
    ("lke.bobot_pengungkit", 9),
    ("lke.pengungkit", 11),  # the array: its first entry
    ("lke.pengungkit[1]", 11),
    ("lke.pengungkit[2].kode", 15),
    ("lke.pengungkit[2].bobot", 16),
    ("lke.pengungkit[1].bobot", 11),  # missing key: its entry
    ("lke.pengungkit[9].bobot", 11),  # no such entry: the array
    ("lke.hasil[1].indikator[2].kode", 25),
    ("lke.hasil[2].indikator[1].kode", 31),  # the count restarts under each [[lke.hasil]]
    ("lke.hasil[2].indikator[1].bobot", 32),
    ("lke.hasil[2].indikator", 30),
    ("keputusan", 34),  # implicit table: its first sub-table
    ("keputusan.sk_tim.tentang", 35),
    ("keputusan.sk_tim.menimbang", 39),
    ("keputusan.sk_tim.menimbang[1]", 40),
    ("keputusan.sk_tim.menimbang[3]", 42),
    ("keputusan.sk_tim.inline[2]", 44),  # items on the key's line: the key's line
    ("keputusan.sk_tim.map.II", 45),
    ("keputusan.sk_tim.after", 46),
    ("nowhere", None),
])
def test_locator_finds_the_line_of_a_key(key, line):
    assert line_of(LOCATOR_SAMPLE, key) == line


def test_locator_ignores_lookalikes_in_strings_and_comments():
    # "kode" inside the multi-line string and "[not.a.header]" are no keys or tables.
    assert line_of(LOCATOR_SAMPLE, "keputusan.sk_tim.kode") == 34
    assert line_of(LOCATOR_SAMPLE, "not.a.header") is None
    assert line_of(LOCATOR_SAMPLE, "not.a.table") is None


def test_parse_path():
    assert parse_path("lke.hasil[2].indikator[1].bobot") == (
        ("lke", None), ("hasil", 2), ("indikator", 1), ("bobot", None))


def test_locator_on_the_shipped_config():
    assert line_of(SHIPPED, "predikat[2].nilai_akhir") == line_with(SHIPPED, 'nilai_akhir = "85"')
    assert line_of(SHIPPED, "lke.hasil[2].indikator[1].bobot") == \
        line_with(SHIPPED, 'kode = "H3"') + 2
    assert line_of(SHIPPED, "keputusan.rencana_aksi.diktum[3].teks") == \
        line_with(SHIPPED, 'teks = "Tim Pembangunan Zona Integritas memantau')


# --- every problem at once -------------------------------------------------------------------
def test_the_shipped_config_is_valid(config):
    assert config.lke.bobot_total == Decimal(100)
    assert [p.nama for p in config.predikat] == ["WBK", "WBBM"]


def test_all_problems_at_once_each_with_key_and_line(tmp_path):
    text = (SHIPPED
            .replace("[[predikat]]", "[[predikatt]]", 1)
            .replace('ukuran_huruf = 12', 'ukuran_huruf = 40')
            .replace('bobot = "8"', 'bobot = "9"')
            .replace('nilai_akhir = "85"', 'nilai_akhir = "delapan"')
            .replace("di lingkungan {nama_satker};", "di lingkungan {nama satker};", 1))
    error = load_text(tmp_path, text)
    by_key = {p.key: p for p in error.problems}
    assert set(by_key) == {"predikatt", "dokumen.ukuran_huruf", "lke.pengungkit",
                           "predikat[1].nilai_akhir", "keputusan.sk_tim.menimbang[1]"}
    assert by_key["predikatt"].line == line_with(text, "[[predikatt]]")
    assert by_key["dokumen.ukuran_huruf"].line == line_with(text, "ukuran_huruf = 40")
    assert by_key["lke.pengungkit"].line == line_with(text, "[[lke.pengungkit]]")
    # The misspelt [[predikatt]] is not counted: the remaining one is predikat[1].
    assert by_key["predikat[1].nilai_akhir"].line == line_with(text, 'nilai_akhir = "delapan"')
    assert by_key["keputusan.sk_tim.menimbang[1]"].line == line_with(text, "{nama satker}")
    # One line per problem, in file order, each naming its line and its key.
    lines = str(error).splitlines()
    assert len(lines) == 5
    assert [p.line for p in error.problems] == sorted(p.line for p in error.problems)
    for problem, line in zip(error.problems, lines):
        assert line.startswith(f"config.toml baris {problem.line}: ")
        assert problem.key.split(".")[0] in line


# --- unknown keys ----------------------------------------------------------------------------
@pytest.mark.parametrize("edit, key, hint", [
    (lambda r: r.__setitem__("predikatt", r.pop("predikat")), "predikatt", "'predikat'"),
    (lambda r: r["folder"].__setitem__("output", "x"), "folder.output", "'outputs'"),
    (lambda r: r["dokumen"].__setitem__("kertass", "A4"), "dokumen.kertass", "'kertas'"),
    (lambda r: r["lke"].__setitem__("bobot_pengunkit", "60"), "lke.bobot_pengunkit",
     "'bobot_pengungkit'"),
    (lambda r: r["lke"]["pengungkit"][2].__setitem__("bobott", "1"), "lke.pengungkit[3].bobott",
     "'bobot'"),
    (lambda r: r["lke"]["hasil"][1].__setitem__("indikatorr", []), "lke.hasil[2].indikatorr",
     "'indikator'"),
    (lambda r: r["lke"]["hasil"][0]["indikator"][1].__setitem__("nma", "x"),
     "lke.hasil[1].indikator[2].nma", "'nama'"),
    (lambda r: r["predikat"][1].__setitem__("nilai_akir", "85"), "predikat[2].nilai_akir",
     "'nilai_akhir'"),
    (lambda r: r["keputusan"]["sk_tim"].__setitem__("menimbangg", []),
     "keputusan.sk_tim.menimbangg", "'menimbang'"),
    (lambda r: r["keputusan"].__setitem__("sk_timm", {}), "keputusan.sk_timm", "'sk_tim'"),
])
def test_unknown_keys_are_refused_with_a_suggestion(tmp_path, edit, key, hint):
    data = raw()
    edit(data)
    lines = problems(data, tmp_path)
    assert any(f"kunci '{key}' tidak dikenal; maksud Anda {hint}?" in line for line in lines), lines


def test_unknown_key_without_a_close_match_lists_the_known_ones(tmp_path):
    data = raw()
    data["dokumen"]["zzz"] = 1
    (line,) = problems(data, tmp_path)
    assert "kunci 'dokumen.zzz' tidak dikenal; yang dikenal: kertas, huruf, ukuran_huruf." in line


# --- weights and their totals ----------------------------------------------------------------
def test_changed_weights_that_still_add_up_are_accepted(tmp_path):
    data = raw()
    data["lke"]["pengungkit"][0]["bobot"] = "9"
    data["lke"]["pengungkit"][1]["bobot"] = "6"
    parsed = parse_config(data, tmp_path)
    assert [i.bobot for i in parsed.lke.pengungkit][:2] == [Decimal(9), Decimal(6)]


def test_pengungkit_weights_must_reach_their_total(tmp_path):
    data = raw()
    data["lke"]["pengungkit"][0]["bobot"] = "9"
    (line,) = problems(data, tmp_path)
    assert "jumlah bobot [[lke.pengungkit]]" in line and "'lke.bobot_pengungkit' (60)" in line
    assert "P1 9 + P2 7 + P3 10 + P4 10 + P5 15 + P6 10 = 61" in line


def test_indicator_weights_must_reach_their_group(tmp_path):
    data = raw()
    data["lke"]["hasil"][0]["indikator"][1]["bobot"] = "4"  # H2: group I no longer 22.5
    lines = problems(data, tmp_path)
    assert any("'lke.hasil[1].bobot' (22.5): H1 17.5 + H2 4 = 21.5" in line for line in lines)
    assert any("'lke.bobot_hasil' (40)" in line for line in lines)


def test_declared_totals_must_add_up_to_100(tmp_path):
    data = raw()
    data["lke"]["bobot_hasil"] = "45"
    lines = problems(data, tmp_path)
    assert any("'lke.bobot_pengungkit' + 'lke.bobot_hasil' harus 100" in line
               and "60 + 45 = 105" in line for line in lines), lines


def test_without_declared_totals_all_weights_must_add_up_to_100(tmp_path):
    # A config from an older zidoc has no [lke] totals and no group weights: still accepted,
    # and still checked against 100.
    data = raw()
    for key in ("bobot_pengungkit", "bobot_hasil"):
        del data["lke"][key]
    for group in data["lke"]["hasil"]:
        del group["bobot"]
    assert parse_config(data, tmp_path).lke.bobot_total == 100
    data["lke"]["hasil"][1]["indikator"][0]["bobot"] = "17"
    (line,) = problems(data, tmp_path)
    assert "jumlah semua bobot [lke] harus 100" in line and "= 99.5" in line


def test_bad_numbers_are_named_and_totals_then_not_judged(tmp_path):
    data = raw()
    data["lke"]["pengungkit"][0]["bobot"] = "delapan"
    data["lke"]["pengungkit"][1]["bobot"] = True
    lines = problems(data, tmp_path)
    assert len(lines) == 2, lines
    assert "'lke.pengungkit[1].bobot' bukan angka ('delapan')" in lines[0]
    assert "'lke.pengungkit[2].bobot' harus berupa angka" in lines[1]


def test_duplicate_codes_are_named(tmp_path):
    data = raw()
    data["lke"]["hasil"][1]["indikator"][0]["kode"] = "P3"
    lines = problems(data, tmp_path)
    assert any("kode 'P3' pada 'lke.hasil[2].indikator[1].kode' sudah dipakai di "
               "'lke.pengungkit[3].kode'" in line for line in lines), lines


# --- [[predikat]] ----------------------------------------------------------------------------
def test_predikat_codes_must_exist_with_a_suggestion(tmp_path):
    data = raw()
    data["predikat"][0]["nilai_indikator"] = {"H1": "15.75", "h2": "2.50"}
    data["predikat"][1]["nilai_kelompok"] = {"I": "19.50", "III": "1"}
    lines = problems(data, tmp_path)
    assert any("'predikat[1].nilai_indikator' menyebut kode h2 yang tidak ada di [lke]; "
               "maksud Anda H2?" in line for line in lines), lines
    assert any("'predikat[2].nilai_kelompok' menyebut kode III" in line for line in lines), lines


def test_unreachable_minimums_are_refused(tmp_path):
    data = raw()
    data["predikat"][0]["nilai_indikator"]["H2"] = "6"  # H2 weighs 5
    data["predikat"][1]["persen_area"] = "101"
    lines = problems(data, tmp_path)
    assert any("'predikat[1].nilai_indikator.H2' (6) melebihi bobot H2 (5)" in line
               for line in lines), lines
    assert any("'predikat[2].persen_area' (101) melebihi 100%" in line for line in lines), lines


# --- placeholders ----------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("di {nama satker}", "{nama satker} yang tidak dikenal; maksud Anda {nama_satker}?"),
    ("tahun {Tahun}", "{Tahun} yang tidak dikenal; maksud Anda {tahun}?"),
    ("tahun { tahun }", "{ tahun } yang tidak dikenal; maksud Anda {tahun}?"),
    ("oleh {penandatangan-nama}", "maksud Anda {penandatangan_nama}?"),
    ("di {kantor_kami}", "{kantor_kami} yang tidak dikenal. Penanda yang dikenal: {nama_satker}"),
    ("tahun {{ tahun }}", "memakai {{ tahun }}; penanda ditulis dengan satu kurung kurawal, "
                          "yaitu {tahun}."),
    ("tahun {tahun", "kurung kurawal tanpa pasangan"),
    ("tahun tahun}", "kurung kurawal tanpa pasangan"),
])
def test_any_braced_name_must_be_a_known_placeholder(text, expected):
    (found,) = placeholder_problems(text)
    assert expected in found


def test_known_placeholders_pass():
    assert placeholder_problems("di {nama_satker} {tahun} oleh {penandatangan_jabatan}") == []
    assert placeholder_problems("tanpa penanda") == []


def test_placeholder_problem_in_a_diktum_butir_names_key_and_line(tmp_path):
    text = SHIPPED.replace("kepada {penandatangan_jabatan}.", "kepada {penandatangan jabatan}.", 1)
    error = load_text(tmp_path, text)
    (problem,) = error.problems
    assert problem.key == "keputusan.sk_tim.diktum[2].butir[5]"
    assert problem.line == line_with(text, "{penandatangan jabatan}")
    assert "maksud Anda {penandatangan_jabatan}?" in str(error)


def test_single_brackets_for_an_array_of_tables_are_explained(tmp_path):
    data = raw()
    data["predikat"] = data["predikat"][0]  # [predikat] written instead of [[predikat]]
    lines = problems(data, tmp_path)
    assert any("'predikat' harus ditulis sebagai [[predikat]] (dua kurung siku)" in line
               for line in lines), lines


def test_missing_lke_and_wrong_types_are_all_reported(tmp_path):
    data = raw()
    del data["lke"]
    data["dokumen"]["ukuran_huruf"] = "12"
    data["folder"]["inputs"] = 3
    lines = problems(data, tmp_path)
    assert len(lines) == 3, lines
    assert any("kunci 'lke' wajib diisi." in line for line in lines)
    assert any("kunci 'dokumen.ukuran_huruf' harus berupa bilangan bulat." in line
               for line in lines)
    assert any("kunci 'folder.inputs' harus berupa teks." in line for line in lines)


def test_every_known_placeholder_is_filled_by_the_keputusan(config, example_workbook):
    """PLACEHOLDERS (what config.toml may use) are exactly names the Keputusan fill in."""
    from dataclasses import replace

    from zidoc.config import PLACEHOLDERS
    from zidoc.documents.common import keputusan_context
    from zidoc.workbook.reader import read_workbook

    wb, _ = read_workbook(example_workbook, config.lke.areas, config.lke.codes,
                          documents=config.documents)
    every = " ".join("{" + name + "}" for name in PLACEHOLDERS)
    teks = replace(config.keputusan["sk_tim"], menimbang=(every,))
    context = keputusan_context(wb, teks, wb.dokumen["sk_tim"])
    (filled,) = [m["teks"] for m in context["menimbang"]]
    assert "{" not in filled and "}" not in filled, filled
