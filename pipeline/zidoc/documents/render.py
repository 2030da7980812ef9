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

_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


class RenderError(Exception):
    """A template problem, worded for the user."""


@functools.lru_cache(maxsize=1)
def jinja_env():
    """One environment per process; it compiles each template part once.

    docxtpl compiles every part (body, headers, footers) of a template on every render; the
    parts of a template are the same text each time, so the compiled template is kept, keyed
    by that text. A compiled template holds no render state: reusing it is safe."""
    from jinja2 import Environment, StrictUndefined

    class CompilingOnceEnvironment(Environment):
        max_cached = 64

        def __init__(self, **options):
            super().__init__(**options)
            self._compiled: dict[str, object] = {}

        def from_string(self, source, globals=None, template_class=None):
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            template = self._compiled.get(source)
            if template is None:
                if len(self._compiled) >= self.max_cached:
                    self._compiled.clear()
                template = self._compiled[source] = super().from_string(source)
            return template

    return CompilingOnceEnvironment(autoescape=True, undefined=StrictUndefined)


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
                images: dict[str, Placer] | None = None, finish: Callable | None = None) -> bytes:
    """Render `template` with `context`; each of `images` (name -> placer) is called with the
    template and placed as `{{ name }}` (a picture, a native chart); `finish(document)`
    (python-docx) may adjust the rendered document before it is saved."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError, UndefinedError

    if not template.is_file():
        raise RenderError(f"templat {template} tidak ditemukan. Jalankan 'zidoc init' untuk membuat ulang.")
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()
    except Exception as exc:  # noqa: BLE001 - any damaged template is reported the same way
        raise RenderError(f"templat {template.name} tidak dapat dibuka sebagai dokumen Word ({exc}).") from None
    full = dict(context)
    for name, place in (images or {}).items():
        full[name] = place(tpl)
    try:
        tpl.render(full, jinja_env=jinja_env(), autoescape=True)
    except UndefinedError as exc:
        match = _UNDEFINED.search(str(exc))
        name = next((g for g in match.groups() if g), str(exc)) if match else str(exc)
        raise RenderError(
            f"templat {template.name} memakai variabel '{name}' yang tidak dikenal. "
            "Periksa ejaannya di Word (atau jalankan 'zidoc templates check')."
        ) from None
    except TemplateError as exc:
        line = f" (baris {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise RenderError(f"templat {template.name} mengandung tag yang rusak{line}: {exc}.") from None
    apply_page_setup(tpl.docx, config)
    if finish is not None:
        finish(tpl.docx)  # after the page setup: it may fit tables to the actual page
    properties = tpl.docx.core_properties
    properties.author = properties.last_modified_by = "zidoc"
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def apply_page_setup(document, config: Config) -> None:
    """Paper size and body font from config, keeping each section's orientation."""
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    width, height = config.paper_mm
    for section in document.sections:
        landscape = section.page_width > section.page_height
        section.page_width, section.page_height = (
            (Mm(height), Mm(width)) if landscape else (Mm(width), Mm(height))
        )
    for style in document.styles:
        font = getattr(style, "font", None)
        if font is None:
            continue
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if style.name == "Normal" or fonts is not None:
            font.name = config.huruf
            rpr.get_or_add_rFonts().set(qn("w:cs"), config.huruf)
        if style.name == "Normal":
            font.size = Pt(config.ukuran_huruf)
