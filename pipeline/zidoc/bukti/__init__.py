"""Evidence (bukti dukung, spec/bukti.md): every LKE answer tied to its files, the gaps named.

Stages, one module each: `scan` (names and sizes under bukti/<tahun>/, never outside it),
`refs` (a bukti_dukung cell -> references -> files), `register` (statuses, warnings at their
cells, the per-area figures), `sheet` (the register workbook), `pack` (the streamed,
deterministic zip) and `output` (both written all-or-nothing under the folder's lock)."""
