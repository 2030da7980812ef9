"""The public satisfaction survey (Survei Kepuasan Masyarakat, spec/survei.md).

`responses.read_responses` reads a web form's export (.csv or .xlsx) with pandas, imported
there and only there, so a build without a Survei sheet never loads it; `index.compute` turns
the answers into the exact figures (NRR, IKM, konversi, mutu, the profile, the minimum
sample); `sheet.processing_workbook` writes the processing sheet offices publish. Nothing
here knows about documents: the report's context is documents/skm.py."""
