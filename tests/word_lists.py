"""Read Word numbering back: the label Word prints before each numbered paragraph ("a.", "1."),
computed from numbering.xml the way Word counts (per list, a level restarting after a higher
one), independently of zidoc's code."""
from __future__ import annotations

import string

from docx.oxml.ns import qn


def _letters(n: int) -> str:
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = string.ascii_lowercase[rest] + out
    return out


def _format(fmt: str, n: int) -> str:
    if fmt == "decimal":
        return str(n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt in ("none", "bullet"):  # a bullet's lvlText is the mark itself, no counter
        return ""
    raise AssertionError(f"numFmt {fmt} not expected")


def levels(doc) -> dict[str, dict[int, tuple[str, str, int]]]:
    """numId -> ilvl -> (numFmt, lvlText, start)."""
    numbering = doc.part.numbering_part.element
    abstract = {}
    for a in numbering.findall(qn("w:abstractNum")):
        lv = {}
        for lvl in a.findall(qn("w:lvl")):
            start = lvl.find(qn("w:start"))
            lv[int(lvl.get(qn("w:ilvl")))] = (
                lvl.find(qn("w:numFmt")).get(qn("w:val")),
                lvl.find(qn("w:lvlText")).get(qn("w:val")),
                int(start.get(qn("w:val"))) if start is not None else 1,
            )
        abstract[a.get(qn("w:abstractNumId"))] = lv
    return {n.get(qn("w:numId")): abstract[n.find(qn("w:abstractNumId")).get(qn("w:val"))]
            for n in numbering.findall(qn("w:num"))}


def numbered_paragraphs(doc) -> list[tuple[object, str, int, str]]:
    """(w:p element, numId, ilvl, printed label) for every numbered paragraph, in order."""
    defs = levels(doc)
    counters: dict[str, dict[int, int]] = {}
    result = []
    for p in doc.element.body.iter(qn("w:p")):
        numpr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if numpr is None:
            continue
        num_id = numpr.find(qn("w:numId")).get(qn("w:val"))
        ilvl_el = numpr.find(qn("w:ilvl"))
        ilvl = int(ilvl_el.get(qn("w:val"))) if ilvl_el is not None else 0
        lv = defs[num_id]
        count = counters.setdefault(num_id, {})
        count[ilvl] = count.get(ilvl, lv[ilvl][2] - 1) + 1
        for deeper in [k for k in count if k > ilvl]:
            del count[deeper]  # a lower level restarts after a higher one
        text = lv[ilvl][1]
        for k in range(ilvl + 1):
            text = text.replace(f"%{k + 1}", _format(lv[k][0], count.get(k, lv[k][2])))
        result.append((p, num_id, ilvl, text))
    return result


def label_of(doc, p) -> str:
    """The printed label of paragraph element `p` ("" when not numbered)."""
    return next((label for q, _, _, label in numbered_paragraphs(doc) if q is p), "")
