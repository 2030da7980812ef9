"""[keputusan] in config.toml: defaults, overrides, placeholders, messages naming the key."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from zidoc.config import ConfigError, load_config, parse_config
from zidoc.documents.common import diktum_label, fill

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent


def repo_raw() -> dict:
    return tomllib.loads((REPO / "config.toml").read_text(encoding="utf-8"))


def with_keputusan(section) -> dict:
    raw = repo_raw()
    raw["keputusan"] = section
    return raw


def test_shipped_defaults(config):
    sk, ra = config.keputusan["sk_tim"], config.keputusan["rencana_aksi"]
    assert sk.tentang.startswith("Pembentukan Tim Pembangunan Zona Integritas")
    assert ra.tentang.startswith("Rencana Aksi Pembangunan Zona Integritas")
    assert len(sk.menimbang) == 3 and len(ra.menimbang) == 3
    assert any("Nomor 90 Tahun 2021" in m for m in sk.mengingat)
    assert len(sk.diktum) == 4 and len(ra.diktum) == 5
    assert len(sk.diktum[1].butir) == 5 and sk.diktum[0].butir == ()
    assert sk.diktum[-1].teks == "Keputusan ini mulai berlaku pada tanggal ditetapkan."


def test_missing_section_takes_the_shipped_texts(config, tmp_path):
    raw = repo_raw()
    del raw["keputusan"]
    parsed = parse_config(raw, tmp_path)
    assert parsed.keputusan == {key: config.keputusan[key] for key in ("sk_tim", "rencana_aksi")}
    assert parsed.documents == tuple(d for d in config.documents
                                     if d.dokumen not in ("sk_agen_perubahan", "sk_satgas_spip"))


def test_partial_override_keeps_other_defaults(config, tmp_path):
    parsed = parse_config(with_keputusan({"sk_tim": {"menimbang": ["bahwa {tahun} cukup;"]}}),
                          tmp_path)
    assert parsed.keputusan["sk_tim"].menimbang == ("bahwa {tahun} cukup;",)
    assert parsed.keputusan["sk_tim"].mengingat == config.keputusan["sk_tim"].mengingat
    assert parsed.keputusan["rencana_aksi"] == config.keputusan["rencana_aksi"]


def test_override_from_a_working_folder(tmp_path):
    text = (REPO / "config.toml").read_text(encoding="utf-8")
    text = text.replace('teks = "Keputusan ini mulai berlaku pada tanggal ditetapkan."',
                        'teks = "Keputusan ini berlaku sejak   1 Januari {tahun}."', 1)
    (tmp_path / "config.toml").write_text(text, encoding="utf-8")
    parsed = load_config(tmp_path / "config.toml")
    # Whitespace is normalised; the placeholder stays until a workbook fills it.
    assert parsed.keputusan["sk_tim"].diktum[-1].teks == "Keputusan ini berlaku sejak 1 Januari {tahun}."


@pytest.mark.parametrize("section, key", [
    ({"sk_tim": {"menimbang": ["bahwa {nama_kantor} perlu;"]}}, "keputusan.sk_tim.menimbang[1]"),
    ({"sk_tim": {"menimbang": []}}, "keputusan.sk_tim.menimbang"),
    ({"sk_tim": {"menimbang": "bahwa"}}, "keputusan.sk_tim.menimbang"),
    ({"sk_tim": {"mengingat": ["a", 3]}}, "keputusan.sk_tim.mengingat[2]"),
    ({"rencana_aksi": {"tentang": "Rencana {tentang}"}}, "keputusan.rencana_aksi.tentang"),
    ({"rencana_aksi": {"diktum": []}}, "keputusan.rencana_aksi.diktum"),
    ({"rencana_aksi": {"diktum": [{"teks": "x", "butir": ["a", " "]}]}},
     "keputusan.rencana_aksi.diktum[1].butir[2]"),
    ({"rencana_aksi": {"diktum": [{"teks": "x", "isi": "y"}]}},
     "keputusan.rencana_aksi.diktum[1].isi"),
    ({"rencana_aksi": {"diktum": [{"teks": "x"}] * 21}}, "keputusan.rencana_aksi.diktum"),
    ({"sk_team": {}}, "keputusan.sk_team"),
    ({"sk_tim": "teks"}, "keputusan.sk_tim"),
])
def test_bad_texts_name_the_key(tmp_path, section, key):
    with pytest.raises(ConfigError) as info:
        parse_config(with_keputusan(section), tmp_path)
    assert key in str(info.value)


def test_unknown_placeholder_lists_the_known_ones(tmp_path):
    with pytest.raises(ConfigError) as info:
        parse_config(with_keputusan({"sk_tim": {"menimbang": ["{Tahun}"]}}), tmp_path)
    assert "{Tahun}" in str(info.value) and "{tahun}" in str(info.value)


def test_fill_is_one_plain_pass():
    values = {"nama_satker": "Kantor {tahun} {{ 7*7 }}", "tahun": "2024"}
    assert fill("di {nama_satker} tahun {tahun}", values) == \
        "di Kantor {tahun} {{ 7*7 }} tahun 2024"
    assert fill("{{ tahun }} and {x}", values) == "{{ tahun }} and {x}"


@pytest.mark.parametrize("n, label", [
    (1, "KESATU"), (2, "KEDUA"), (3, "KETIGA"), (4, "KEEMPAT"), (5, "KELIMA"), (9, "KESEMBILAN"),
    (10, "KESEPULUH"), (11, "KESEBELAS"), (12, "KEDUA BELAS"), (19, "KESEMBILAN BELAS"),
    (20, "KEDUA PULUH"),
])
def test_diktum_labels(n, label):
    assert diktum_label(n) == label


def test_a_config_saved_with_a_bom_is_read(tmp_path):
    from conftest import REPO

    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (REPO / "config.toml").read_bytes())
    loaded, shipped = load_config(path), load_config(REPO / "config.toml")
    assert (loaded.lke, loaded.predikat) == (shipped.lke, shipped.predikat)
    assert loaded.keputusan == shipped.keputusan


@pytest.mark.parametrize("text, where", [
    ('nama = "KPU Kota\n', "baris 1, kolom"),
    ('[lke]\nareas = ["a", "b"\nx = 1\n', "baris 3, kolom"),
    ("tahun 2024\n", "baris 1, kolom"),
])
def test_toml_syntax_errors_are_explained_in_indonesian(tmp_path, text, where):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert where in message, message
    assert "periksa tanda kutip dan tanda =" in message.lower()
    assert not re.search(r"\b(Invalid|Expected|line|column|statement)\b", message), message
