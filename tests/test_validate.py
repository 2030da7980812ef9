"""Cross-record rules: every problem at once, warnings that let the build go on."""
from conftest import run_cli


def test_team_rules_are_reported_together_with_cell_errors(workspace, example_workbook):
    import openpyxl

    wb = openpyxl.load_workbook(example_workbook)
    ws = wb["Tim"]
    col = {c.value: c.column for c in ws[1]}
    rows = {ws.cell(r, col["kedudukan"]).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(rows["Wakil Ketua"], col["kedudukan"]).value = "Ketua"      # a second Ketua
    ws.cell(rows["Anggota"], col["area"]).value = None                  # Anggota without area
    ws.cell(rows["Sekretaris"], col["nip"]).value = "1234"              # a cell error
    wb.save(example_workbook)

    result = run_cli("validate", str(example_workbook))
    assert result.exit_code == 1
    out = result.output
    assert "Tim: tim harus punya tepat satu Ketua (ditemukan 2:" in out
    letter = {name: openpyxl.utils.get_column_letter(c) for name, c in col.items()}
    assert f"Tim!{letter['area']}{rows['Anggota']}: Anggota " in out
    assert "harus diberi area (P1-P6)." in out
    assert f"Tim!{letter['nip']}{rows['Sekretaris']}: nip: NIP harus 18 angka" in out
