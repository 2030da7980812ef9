"""Render a Word template (docxtpl) with a context into .docx bytes.

Autoescape is on, so workbook text lands in the XML literally; undefined variables are
errors, never blanks."""
from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zidoc.config import Config
from zidoc.documents.prepared import jinja_env, template_class
from zidoc.documents.wordfix import tidy_markup
from zidoc.registry import DocumentKind

_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


class RenderError(Exception):
    """A template problem, worded for the user: the template file, the paragraph, what to fix
    (never the workbook's cells)."""


def template_problem(template: Path, detail: str) -> RenderError:
    return RenderError(
        f"Gagal: templat {template} bermasalah, jadi dokumennya tidak disusun dan tidak ada "
        f"berkas yang ditulis. {detail} Perbaiki templat itu di Word (atau pakai lagi templat "
        "bawaan dengan 'zidoc init' di folder baru), lalu jalankan 'zidoc templates check'."
    )


def _findings(template: Path, context: dict) -> str:
    """The template check's findings for `template` (file, part, quoted paragraph, what to do)."""
    from zidoc.documents.templates_check import ANY, check_template

    try:
        findings = check_template(template, {name: (ANY if value is None else value)
                                             for name, value in context.items()})
    except Exception:  # noqa: BLE001 - the message below still names the template
        return ""
    errors = [f for f in findings if not f.warning]
    return " ".join(f"Di {f.part}" + (f', paragraf "{f.paragraph}"' if f.paragraph else "")
                    + f": {f.message}" for f in errors[:3])


# Called with the docxtpl template being rendered, it returns what `{{ name }}` renders: an
# InlineImage (`inline_png`), a native chart (wordchart.chart_placer) ... Module-level
# functions or partials of them, so that they pickle.
Placer = Callable[[Any], object]


def inline_png(png: bytes, width_mm: float = 160) -> Placer:
    """A placer for a PNG picture `width_mm` wide (docxtpl's InlineImage)."""
    return functools.partial(_inline_image, png, width_mm)


def _inline_image(png: bytes, width_mm: float, tpl) -> object:
    from docx.shared import Mm
    from docxtpl import InlineImage

    return InlineImage(tpl, io.BytesIO(png), width=Mm(width_mm))


def render_docx(template: Path, context: dict, config: Config,
                images: dict[str, Placer] | None = None, finish: Callable | None = None,
                document: DocumentKind | None = None, notes: list[str] | None = None) -> bytes:
    """Render `template` with `context`; each of `images` (name -> placer) is called with the
    template and placed as `{{ name }}` (a picture, a native chart); `finish(document)`
    (python-docx) may adjust the rendered document before it is saved. The template is read
    as template_file.py reads it (the check does the same): what it did to the template
    (tracked changes accepted, comments dropped) is appended to `notes`; with `document`
    (its registry entry), its sections are checked as `zidoc templates check` does."""
    from jinja2 import TemplateError, UndefinedError

    from zidoc.documents.template_file import TemplateRefused, open_template

    if not template.is_file():
        raise RenderError(f"Gagal: templat {template} tidak ditemukan. Jalankan 'zidoc init' di "
                          "folder baru lalu salin templat bawaannya ke folder templat.")
    try:
        source = open_template(template)
    except TemplateRefused as exc:
        raise template_problem(template, str(exc)) from None
    try:
        tpl = template_class()(io.BytesIO(source.data))
        tpl.init_docx()
    except Exception as exc:  # noqa: BLE001 - any damaged template is reported the same way
        raise template_problem(template, f"Berkas ini tidak dapat dibuka sebagai dokumen Word "
                                         f"({exc}).") from None
    if document is not None:
        from zidoc.documents.templates_check import structure_findings

        found = structure_findings(tpl.docx.element.body, template.name, document)
        if found:
            raise template_problem(template, " ".join(
                (f'Di {f.part}, paragraf "{f.paragraph}": ' if f.paragraph else "")
                + f.message for f in found))
    if notes is not None:
        notes.extend(f"Peringatan: templat {template.name}: {note}" for note in source.notes)
    full = dict(context)
    for name, place in (images or {}).items():
        full[name] = place(tpl)
    raw_properties = take_properties(tpl.docx)  # filled below, within Word's length limit
    try:
        tpl.render(full, jinja_env=jinja_env(), autoescape=True)
    except UndefinedError as exc:
        match = _UNDEFINED.search(str(exc))
        name = next((g for g in match.groups() if g), str(exc)) if match else str(exc)
        where = _findings(template, full) or (
            f"Templat ini memakai variabel '{name}' yang tidak dikenal; periksa ejaannya.")
        raise template_problem(template, where) from None
    except TemplateError as exc:
        where = _findings(template, full) or (
            f"Ada tag yang rusak ({exc}); ketik ulang tag itu dalam satu ketikan.")
        raise template_problem(template, where) from None
    try:
        render_endnotes(tpl, full)
    except TemplateError as exc:
        where = _findings(template, full) or f"Ada tag yang rusak di catatan akhir ({exc})."
        raise template_problem(template, where) from None
    tidy_markup(tpl.docx)
    apply_page_setup(tpl.docx, config)
    if finish is not None:
        finish(tpl.docx)  # after the page setup: it may fit tables to the actual page
    try:
        set_properties(tpl.docx, raw_properties, full)
    except TemplateError as exc:
        raise template_problem(template, f"Properti dokumen (File > Info: Judul, Subjek, "
                                         f"Penulis) berisi tag yang tidak dapat diisi ({exc}).") from None
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


ENDNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"


def render_endnotes(tpl, context: dict) -> None:
    """Tags in endnotes filled too (docxtpl fills the body, headers, footers and footnotes)."""
    for part in tpl.docx.part.package.iter_parts():
        if part.content_type == ENDNOTES:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            if "{" not in blob:
                continue
            xml = tpl.render_xml_part(tpl.patch_xml(blob), part, context, jinja_env())
            part._blob = xml.encode("utf-8")


THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           'extended-properties"><Application>{application}</Application>'
           '<DocSecurity>0</DocSecurity></Properties>')


_PROPERTIES = ("title", "subject", "author")
_PROPERTY_LIMIT = 255  # characters Word (and python-docx) accept in a core property


def take_properties(document) -> dict[str, str]:
    """The template's title, subject and author (with their {{ tags }}), emptied in `document`
    so that docxtpl leaves them to set_properties."""
    props = document.core_properties
    raw = {name: getattr(props, name) or "" for name in _PROPERTIES}
    for name in _PROPERTIES:
        setattr(props, name, "")
    return raw


def _within_limit(text: str, limit: int = _PROPERTY_LIMIT) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def set_properties(document, raw: dict[str, str], context: dict) -> None:
    """The document's properties: title, subject and author from the template's own (`raw`,
    their {{ tags }} filled from `context`, within Word's 255 characters), created and
    modified now, zidoc and its version as the application; no library comment, no stale
    thumbnail, no stylesWithEffects out of step with the styles."""
    import datetime
    import html

    from zidoc import __version__

    props = document.core_properties
    for name, text in raw.items():
        if "{" in text:
            # The environment escapes for XML; python-docx escapes again when it writes.
            text = html.unescape(jinja_env().from_string(text).render(context))
        setattr(props, name, _within_limit(text))
    props.last_modified_by = "zidoc"
    props.comments = ""
    props.revision = 1
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    clean_package(document, f"zidoc {__version__}")


def clean_package(document, application: str) -> None:
    """No python-docx leftovers in the package: no stylesWithEffects part out of step with
    styles.xml (a cause of Word's repair prompt), no blank thumbnail, `application` as the
    program that wrote it. Shared with tools/make_templates.py."""
    from html import escape

    for rid, rel in list(document.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            del document.part.rels[rid]
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == THUMBNAIL:
            del package.rels[rid]
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML.format(application=escape(application, quote=False)).encode("utf-8")


def apply_page_setup(document, config: Config) -> None:
    """Paper size and body font from config, keeping each section's orientation: the page
    size of every section, `huruf` in every style that names a font (and in Normal, at
    `ukuran_huruf`). Straight on the styles' XML: python-docx's style objects cost more
    than the rest of the finishing together."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    width, height = config.paper_mm
    for section in document.sections:
        landscape = section.page_width > section.page_height
        section.page_width, section.page_height = (
            (Mm(height), Mm(width)) if landscape else (Mm(width), Mm(height))
        )
    rpr_tag, fonts_tag = qn("w:rPr"), qn("w:rFonts")
    name_tag, val = qn("w:name"), qn("w:val")
    for style in document.styles.element.iterchildren(qn("w:style")):
        if style.get(qn("w:type")) not in ("paragraph", "character", "table"):
            continue  # numbering styles have no run properties
        name = style.find(name_tag)
        normal = name is not None and name.get(val) == "Normal"
        rpr = style.find(rpr_tag)
        fonts = rpr.find(fonts_tag) if rpr is not None else None
        if not normal and fonts is None:
            continue  # inherits the font
        if rpr is None:
            rpr = style.get_or_add_rPr()
        if fonts is None:
            fonts = rpr.get_or_add_rFonts()  # in the schema's order
        for attribute in ("ascii", "hAnsi", "cs"):
            fonts.set(qn(f"w:{attribute}"), config.huruf)
        if normal:
            rpr.get_or_add_sz().set(val, str(round(config.ukuran_huruf * 2)))  # half-points
