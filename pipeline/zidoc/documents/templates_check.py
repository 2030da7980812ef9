"""`zidoc templates check`: every variable and tag of every Word template, against what zidoc
really passes to it.

The known names come from the contexts the build itself produces for the example workbook, so
nested attributes of loop variables (`area.nama`, `s.capaian`) are checked too. Each document part
(body with its tables, every header and footer) is prepared as docxtpl prepares it, with one
paragraph per line, so every finding names the part and the paragraph's text. All findings are
collected; nothing stops at the first."""
from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from zidoc.registry import DocumentKind

ANY = object()  # a value whose shape is unknown: anything used on it is accepted
_MISSING = object()
_PARAGRAPH = re.compile(r"<w:p([ >])")
_TAGS = re.compile(r"<[^>]+>")
_BLOCK_TAG = re.compile(r"\{%-?\s*(\w+)")
_EXPRESSION = re.compile(r"\{\{.*?\}\}")
_DELIMITER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_OPENERS = {"for", "if", "macro", "call", "filter", "with", "block", "raw"}
_SHOWN = 90  # paragraph text shown in a message, in characters


class CheckError(Exception):
    """The check itself could not run, worded for the user."""


@dataclass(frozen=True)
class Finding:
    template: str
    part: str
    paragraph: str
    message: str
    warning: bool = False  # the build goes on (and says the same); the check does not fail

    def __str__(self) -> str:
        where = f"{self.template}, {self.part}"
        if self.paragraph:
            where += f', paragraf "{self.paragraph}"'
        return ("Peringatan: " if self.warning else "") + f"{where}: {self.message}"


# --- the document parts, as docxtpl prepares them ---------------------------------------------

@dataclass(frozen=True)
class Part:
    label: str  # "isi dokumen", "kepala halaman (header1.xml)" ...
    lines: tuple[str, ...]  # the patched XML, one paragraph per line (as docxtpl renders it)
    broken: tuple[tuple[str, str], ...] = ()  # (paragraph text, message) found before patching
    # Every tag as typed, in order: (its form after docxtpl's preparation, as typed, where:
    # " (tabel 2, baris 3, kolom 1)" or "")
    typed: tuple[tuple[str, str, str], ...] = ()

    def as_typed(self, lineno: int, prepared_tag: re.Match | None) -> tuple[str, str]:
        """(the tag as typed, where it stands) for a tag found in the prepared line `lineno`:
        the n-th tag of the same prepared form in the part is the n-th typed one."""
        if prepared_tag is None:
            return "", ""
        form = _form(prepared_tag[0])
        before = "\n".join(self.lines[: lineno - 1]) + "\n" + \
            self.lines[lineno - 1][: prepared_tag.start()]
        nth = sum(1 for m in _ANY_TAG.finditer(before) if _form(m[0]) == form)
        same = [(typed, where) for f, typed, where in self.typed if f == form]
        if not same:
            return prepared_tag[0], ""
        return same[min(nth, len(same) - 1)]

    def paragraph(self, lineno: int | None, focus: str = "") -> str:
        if not lineno or not 0 < lineno <= len(self.lines):
            return ""
        return _shown(self.lines[lineno - 1], focus)

    def in_table(self, lineno: int) -> bool:
        before = "\n".join(self.lines[: lineno - 1])
        opened = len(re.findall(r"<w:tbl[ >]", before))
        return opened > before.count("</w:tbl>")


_ANY_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_PREFIXED = re.compile(r"^(\{[%{]-?)\s*(?:tr|tc|p|r)\s+")


def _form(tag: str) -> str:
    """A tag as docxtpl's preparation leaves it ('{%tr for a in b %}' -> '{% for a in b %}'),
    spaces collapsed: what a typed tag and a prepared one have in common."""
    return " ".join(_PREFIXED.sub(r"\1 ", tag).split())


def typed_tags(xml: str) -> tuple[tuple[str, str, str], ...]:
    """Every tag of a part as typed, with where it stands when in a table (see Part.typed)."""
    from lxml import etree

    from zidoc.documents.template_file import W_NS

    try:
        root = etree.fromstring(xml.encode("utf-8"),
                                etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return ()
    w = f"{{{W_NS}}}"
    tables = list(root.iter(f"{w}tbl"))
    found = []
    for paragraph in root.iter(f"{w}p"):
        text = "".join(t.text or "" for t in paragraph.iter(f"{w}t"))
        if "{" not in text:
            continue
        where = ""
        cell = next((a for a in paragraph.iterancestors(f"{w}tc")), None)
        if cell is not None:
            row = cell.getparent()
            table = row.getparent()
            rows = [r for r in table if r.tag == f"{w}tr"]
            cells = [c for c in row if c.tag == f"{w}tc"]
            where = (f" (tabel {tables.index(table) + 1}, baris {rows.index(row) + 1}, "
                     f"kolom {cells.index(cell) + 1})")
        for match in _ANY_TAG.finditer(text):
            found.append((_form(match[0]), match[0], where))
    return tuple(found)


def _text(xml_line: str) -> str:
    return " ".join(html.unescape(_TAGS.sub("", xml_line)).split())


def _shown(xml_line: str, focus: str = "", at: int | None = None) -> str:
    """The paragraph's text; when long, the part around `focus` (the tag or name at fault),
    found from position `at` when given."""
    text = _text(xml_line)
    if len(text) <= _SHOWN:
        return text
    at = text.find(focus, at or 0) if focus else -1
    if at < 0 or at + len(focus) <= _SHOWN - 3:
        return text[: _SHOWN - 3] + "..."
    start = max(0, min(at - _SHOWN // 3, len(text) - (_SHOWN - 6)))
    end = start + _SHOWN - 6
    return "..." + text[start:end] + ("..." if end < len(text) else "")


def _delimiter_problem(text: str) -> tuple[str, str, int] | None:
    """A tag opened and not closed within its paragraph (or closed without being opened)."""
    pairs = {"{{": "}}", "{%": "%}", "{#": "#}"}
    opened: tuple[str, int] | None = None
    for match in _DELIMITER.finditer(text):
        token = match[0]
        if token in pairs:
            if opened is not None:
                break
            opened = (token, match.start())
        elif opened is None or pairs[opened[0]] != token:
            return f"penutup tag '{token}' tanpa pembuka yang cocok", token, match.start()
        else:
            opened = None
    else:
        if opened is None:
            return None
    tag = text[opened[1]:opened[1] + 40].strip()
    return f"tag '{tag}' tidak ditutup di paragraf yang sama", tag, opened[1]


_NOTES = (("footnotes+xml", "catatan kaki"), ("endnotes+xml", "catatan akhir"))


def document_parts(path: Path, data: bytes | None = None) -> list[Part]:
    """The body (with its tables, text boxes and content controls), every header, footer,
    footnote and endnote part, prepared as the build prepares them (`data`: the template as
    template_file.open_template made it ready).

    A paragraph whose tags do not pair up is reported and blanked out first: left in, docxtpl's
    preparation would join it with the following paragraphs and hide every later finding."""
    import io

    from zidoc.documents.prepared import template_class
    from zidoc.documents.template_file import open_template

    tpl = template_class()(io.BytesIO(data if data is not None else open_template(path).data))
    tpl.init_docx()
    raw = [("isi dokumen", tpl.get_xml())]
    for uri, label in ((tpl.HEADER_URI, "kepala halaman"), (tpl.FOOTER_URI, "kaki halaman")):
        for _rel, part in tpl.get_headers_footers(uri):
            raw.append((f"{label} ({Path(str(part.partname)).name})", tpl.get_part_xml(part)))
    for part in tpl.docx.part.package.iter_parts():
        for suffix, label in _NOTES:
            if part.content_type.endswith(suffix):
                blob = part.blob
                raw.append((label, blob.decode("utf-8") if isinstance(blob, bytes) else blob))
    parts = []
    for label, xml in raw:
        lines = _PARAGRAPH.sub(r"\n<w:p\1", xml).split("\n")
        broken = []
        for n, line in enumerate(lines):
            problem = _delimiter_problem(_text(line))
            if problem:
                message, focus, at = problem
                broken.append((_shown(line, focus, at), message))
                lines[n] = line.replace("{", " ").replace("}", " ")
        patched = _PARAGRAPH.sub(r"\n<w:p\1", tpl.patch_xml("".join(lines)))
        parts.append(Part(label, tuple(patched.split("\n")), tuple(broken), typed_tags(xml)))
    return parts


# --- checking one part ------------------------------------------------------------------------

def _neutralised(line: str, env) -> str:
    """`line` without the tag that fails: the failing {{ }} expressions when they fail on their
    own (so the line's block tags still pair up), else every tag of the line."""
    from jinja2 import TemplateSyntaxError

    def fails(tag: str) -> bool:
        try:
            env.compile(env.parse(tag))
        except TemplateSyntaxError:
            return True
        return False

    expressions = [m for m in _EXPRESSION.finditer(line) if fails(m[0])]
    if not expressions:
        return line.replace("{", " ").replace("}", " ")
    for match in reversed(expressions):
        line = line[: match.start()] + line[match.end():]
    return line


def _unclosed_blocks(lines: list[str]) -> list[tuple[str, int]]:
    """Block tags left open ({% for %} without {% endfor %} ...), outermost first."""
    stack: list[tuple[str, int]] = []
    for lineno, line in enumerate(lines, 1):
        for match in _BLOCK_TAG.finditer(line):
            word = match[1]
            if word in _OPENERS:
                stack.append((word, lineno))
            elif word.startswith("end") and stack and stack[-1][0] == word[3:]:
                stack.pop()
    return stack


def _closer(typed: str, word: str) -> str:
    prefix = re.match(r"\{%-?\s*(tr|tc|p|r)\s", typed)
    return f"{{%{prefix[1]} end{word} %}}" if prefix else f"{{% end{word} %}}"


def _syntax_message(exc, part: Part | None = None, lineno: int | None = None,
                    lines: list[str] | None = None) -> str:
    detail = str(exc.message or exc).split("\n")[0].rstrip(".")
    if "No filter named" in detail or "No test named" in detail:
        return f"filter atau tes yang tidak dikenal ({detail})."
    unknown = re.search(r"Encountered unknown tag '(\w+)'", detail)
    if unknown and part is not None and lineno and lines and 0 < lineno <= len(lines):
        word = unknown[1]
        tag = re.search(r"\{%-?\s*" + word + r"\b.*?%\}", lines[lineno - 1])
        typed, where = part.as_typed(lineno, tag)
        typed = typed or f"{{% {word} %}}"
        if word.startswith("end"):
            return (f"tag '{typed}'{where} menutup blok '{word[3:]}' yang tidak pernah dibuka. "
                    "Mungkin baris atau paragraf pembukanya terhapus, atau penutupnya "
                    "tergandakan: pulihkan pembukanya atau hapus tag ini.")
        return f"tag '{typed}'{where} tidak dikenal. Periksa ejaannya."
    if "unexpected char" in detail:
        detail = detail.replace("unexpected char", "karakter tak terduga").replace(" at ", " di ")
    return f"tag rusak ({detail}). Ketik ulang tag ini di Word dalam satu ketikan."


def check_part(part: Part, template: str, context: dict, env) -> list[Finding]:
    from jinja2 import TemplateSyntaxError

    findings = [Finding(template, part.label, text, problem + ". Ketik ulang tag ini di Word "
                        "dalam satu ketikan.") for text, problem in part.broken]
    lines = list(part.lines)
    seen: set[int] = set()
    tree = None
    for _attempt in range(50):
        try:
            tree = env.parse("\n".join(lines))
            env.compile(tree)  # unknown filters and tests are found here
            break
        except TemplateSyntaxError as exc:
            tree = None
            unclosed = _unclosed_blocks(lines) if "end of template" in str(exc.message) else []
            if unclosed:
                for word, lineno in unclosed:
                    opener = re.search(r"\{%-?\s*" + word + r"\b.*?%\}", lines[lineno - 1])
                    typed, where = part.as_typed(lineno, opener)
                    typed = typed or f"{{% {word} %}}"
                    findings.append(Finding(
                        template, _label(part, lineno), part.paragraph(lineno, "{% " + word),
                        f"tag '{typed}'{where} membuka blok yang tidak ditutup: tidak ada "
                        f"'{_closer(typed, word)}' yang cocok sesudahnya. Mungkin baris atau "
                        "paragraf penutupnya terhapus, atau baris pembukanya tergandakan."))
                # Close them at the end so that the rest can still be checked.
                lines.append("".join(f"{{% end{w} %}}" for w, _ in reversed(unclosed)))
                continue
            lineno = exc.lineno
            findings.append(Finding(template, _label(part, lineno), part.paragraph(lineno),
                                    _syntax_message(exc, part, lineno, lines)))
            if not lineno or lineno in seen or lineno > len(lines):
                break
            seen.add(lineno)
            lines[lineno - 1] = _neutralised(lines[lineno - 1], env)  # look past it for more problems
    if tree is not None:
        for lineno, name, message in _Walker(context, env).run(tree):
            findings.append(Finding(template, _label(part, lineno), part.paragraph(lineno, name),
                                    message))
    return findings


def _label(part: Part, lineno: int | None) -> str:
    if lineno and part.label == "isi dokumen" and part.in_table(lineno):
        return "isi dokumen (tabel)"
    return part.label


# --- the variable walk ------------------------------------------------------------------------

def _merge(a, b):
    if a is ANY or b is ANY:
        return ANY
    if isinstance(a, dict) and isinstance(b, dict):
        merged = dict(a)
        for key, value in b.items():
            merged[key] = _merge(merged[key], value) if key in merged else value
        return merged
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return [*a, *b]
    return a if type(a) is type(b) else ANY


def _element(shape):
    if isinstance(shape, (list, tuple)) and shape:
        result = shape[0]
        for item in shape[1:]:
            result = _merge(result, item)
        return result
    return ANY


def _attribute(shape, name):
    if shape is ANY:
        return ANY
    if isinstance(shape, dict):
        if name in shape:
            return shape[name]
        return ANY if hasattr(shape, name) else _MISSING
    return ANY if hasattr(shape, name) else _MISSING


def _dotted(node) -> str:
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_dotted(node.node)}[{node.arg.value!r}]"
    return "(...)"


def _suggest(name: str, candidates) -> str:
    close = difflib.get_close_matches(name, [c for c in candidates if isinstance(c, str)], n=1)
    return f" Mungkin maksudnya '{close[0]}'?" if close else ""


class _Walker:
    """Walks a Jinja AST with scopes, resolving names and attributes against a sample context."""

    def __init__(self, context: dict, env):
        self.context = context
        self.globals = set(env.globals)
        self.scopes: list[dict] = [{}]
        self.found: list[tuple[int, str, str]] = []  # (line, name, message)

    def run(self, tree) -> list[tuple[int, str, str]]:
        self.visit(tree)
        unique = dict.fromkeys(self.found)  # keep order, drop repeats
        return list(unique)

    # scopes
    def lookup(self, name: str):
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        if name in self.context:
            return self.context[name]
        return ANY if name in self.globals else _MISSING

    def bind(self, target, shape) -> None:
        from jinja2 import nodes

        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = shape
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, ANY)

    def scoped(self, names: dict, body) -> None:
        self.scopes.append(dict(names))
        try:
            for node in body:
                self.visit(node)
        finally:
            self.scopes.pop()

    # statements
    def visit(self, node) -> None:
        from jinja2 import nodes

        if isinstance(node, nodes.Expr):
            self.expr(node)
        elif isinstance(node, nodes.For):
            element = _element(self.expr(node.iter))
            self.scopes.append({"loop": ANY})
            self.bind(node.target, element)
            if node.test is not None:
                self.expr(node.test)
            for child in node.body:
                self.visit(child)
            self.scopes.pop()
            for child in node.else_:
                self.visit(child)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.expr(node.node))
        elif isinstance(node, nodes.AssignBlock):
            for child in node.body:
                self.visit(child)
            self.bind(node.target, ANY)
        elif isinstance(node, nodes.With):
            values = [self.expr(v) for v in node.values]
            self.scopes.append({})
            for target, value in zip(node.targets, values):
                self.bind(target, value)
            for child in node.body:
                self.visit(child)
            self.scopes.pop()
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            if isinstance(node, nodes.Macro):
                self.scopes[-1][node.name] = ANY
            else:
                self.expr(node.call)
            for default in node.defaults:
                self.expr(default)
            names = {a.name: ANY for a in node.args} | dict.fromkeys(
                ("caller", "varargs", "kwargs"), ANY)
            self.scoped(names, node.body)
        else:
            for child in node.iter_child_nodes():
                self.visit(child)

    # expressions: return the value's shape
    def expr(self, node):
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return ANY
            shape = self.lookup(node.name)
            if shape is _MISSING:
                known = set(self.context) | {k for s in self.scopes for k in s}
                self.found.append((node.lineno, node.name, f"variabel '{node.name}' tidak "
                                   "dikenal." + _suggest(node.name, known)))
                return ANY
            return shape
        if isinstance(node, nodes.Getattr):
            return self.member(node, node.attr)
        if isinstance(node, nodes.Getitem):
            self.expr(node.arg)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.member(node, node.arg.value)
            base = self.expr(node.node)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, int):
                return _element(base)
            return ANY
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Expr):
                self.expr(child)
            else:
                self.visit(child)
        return ANY

    def member(self, node, name: str):
        base = self.expr(node.node)
        shape = _attribute(base, name)
        if shape is _MISSING:
            owner = _dotted(node.node)
            hint = _suggest(name, base) if isinstance(base, dict) else ""
            self.found.append((node.lineno, _dotted(node), f"'{_dotted(node)}' tidak dikenal: "
                               f"'{owner}' tidak punya '{name}'." + hint))
            return ANY
        return shape


# --- the whole check --------------------------------------------------------------------------

def template_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.docx") if not p.name.startswith("~$") and p.is_file())


def check_template(path: Path, context: dict, document: DocumentKind | None = None
                   ) -> list[Finding]:
    """Every finding in the template at `path`; with `document` (its registry entry), its
    structure too (sections, orientations, section breaks that a tag would remove)."""
    from zidoc.documents.prepared import jinja_env
    from zidoc.documents.template_file import TemplateRefused, open_template

    try:
        source = open_template(path)
    except TemplateRefused as exc:
        return [Finding(path.name, "berkas", "", str(exc))]
    try:
        parts = document_parts(path, source.data)
    except Exception as exc:  # noqa: BLE001 - any damage to the file is reported the same way
        return [Finding(path.name, "berkas", "", f"tidak dapat dibuka sebagai dokumen Word ({exc}).")]
    env = jinja_env()
    findings: list[Finding] = [Finding(path.name, "berkas", "", note, warning=True)
                               for note in source.notes]
    if document is not None:
        findings += check_structure(path, document, source.data)
    for part in parts:
        findings += check_part(part, path.name, context, env)
    return findings


# --- the structure: sections and orientations --------------------------------------------------

ORIENTATION_WORDS = {"portrait": "tegak", "landscape": "mendatar"}
_P_BLOCK = re.compile(r"\{%-?\s*p\s+(end)?(for|if)\b")
_P_TAG = re.compile(r"\{%-?\s*(p|tr|tc)\s")
_BREAK_HELP = (" Di Word: klik Beranda > tombol \u00b6 (tampilkan tanda format) agar tanda "
               "'Section Break (Next Page)' terlihat, letakkan kursor tepat sebelum tanda itu "
               "(sesudah teks tag), tekan Enter agar pemisahnya pindah ke paragraf biasa di luar "
               "semua tag {%p ... %}, lalu simpan dan jalankan lagi 'zidoc templates check'.")


def _orientation(sect) -> str:
    from docx.oxml.ns import qn

    size = sect.find(qn("w:pgSz"))
    if size is None:
        return "portrait"
    if size.get(qn("w:orient")) == "landscape":
        return "landscape"
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    if width and height and int(width) > int(height):
        return "landscape"
    return "portrait"


def _listed(orientations) -> str:
    return ", ".join(f"bagian {n} {ORIENTATION_WORDS[o]}" for n, o in enumerate(orientations, 1))


def check_structure(path: Path, document: DocumentKind, data: bytes | None = None
                    ) -> list[Finding]:
    """The sections (and their orientations) `document` needs, and no section break in a
    paragraph that the build removes: a {%p %} tag's own paragraph, or one inside a {%p for/if
    %} block (it would vanish or repeat). LibreOffice, for one, moves a section break into the
    paragraph before it when it saves. `data`: the template as open_template made it ready."""
    import io

    from docx import Document

    body = Document(io.BytesIO(data) if data is not None else str(path)).element.body
    return structure_findings(body, path.name, document)


def structure_findings(body, name: str, document: DocumentKind) -> list[Finding]:
    """check_structure on a document's body element (the build checks the template it has
    already opened)."""
    from docx.oxml.ns import qn

    findings: list[Finding] = []
    found: list[str] = []
    depth = 0
    for p in body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        sect = p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if sect is not None:
            found.append(_orientation(sect))
            shown = _shown(html.escape(text)) or "(paragraf kosong)"
            if _P_TAG.search(text):
                findings.append(Finding(
                    name, "isi dokumen", shown,
                    f"pemisah bagian (section break) akhir bagian {len(found)} ada di paragraf "
                    "tag ini; saat dokumen disusun paragraf tag dihapus beserta pemisahnya, "
                    "sehingga bagian berikutnya kehilangan ukuran dan arah halamannya."
                    + _BREAK_HELP))
            elif depth > 0:
                findings.append(Finding(
                    name, "isi dokumen", shown,
                    f"pemisah bagian (section break) akhir bagian {len(found)} ada di dalam blok "
                    "{%p for/if %}; saat dokumen disusun pemisah itu bisa hilang atau berulang."
                    " Pindahkan pemisahnya ke paragraf biasa sesudah '{%p endfor %}' atau "
                    "'{%p endif %}'." + _BREAK_HELP))
        for match in _P_BLOCK.finditer(text):
            depth = max(0, depth - 1) if match[1] else depth + 1
    body_sect = body.find(qn("w:sectPr"))
    found.append(_orientation(body_sect) if body_sect is not None else "portrait")
    needed = list(document.sections)
    if found != needed and not findings:
        findings.append(Finding(
            name, "isi dokumen", "",
            f"dokumen '{document.title}' memerlukan {len(needed)} bagian (section): "
            f"{_listed(needed)}; templat ini punya {len(found)}: {_listed(found)}. Di Word, atur "
            "lewat Tata Letak > Pemisah > Halaman Berikutnya dan Tata Letak > Orientasi, atau "
            "pakai lagi templat bawaan (jalankan 'zidoc init' di folder baru)."))
    return findings
