"""Word templates prepared once, not at every build.

Before docxtpl renders a part of a template (the body, a header, a footer), it cleans the
part's XML for Jinja (`patch_xml`: some twenty regular expressions over the whole part), and
Jinja compiles the result to Python code. For the four templates that is about 0,07 s of a
0,5 s build, the same work every time while the templates are unchanged. Both results are
kept:

- in the process: a batch renders the same templates for every workbook;
- on disk, with Jinja's `FileSystemBytecodeCache`, in zidoc's per-user cache folder
  (`%LOCALAPPDATA%\\zidoc\\cache\\templat` on Windows, `~/.cache/zidoc/templat` elsewhere),
  created private and checked (a shared C:\\Temp would let another user plant code), each
  result under the SHA-256 of the text it came from and of the versions of zidoc,
  docxtpl and Jinja (Jinja adds Python's in the file). An edited template or an upgrade
  finds nothing and does the work again; files left by older templates are small (tens of
  kB) and may be deleted at any time.

A cache that cannot be read or written is left alone: the build does the work itself.
Setting `ZIDOC_TANPA_CACHE=1` turns the disk cache off (the benchmarks' cold runs, a test).
"""
from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

NO_CACHE = "ZIDOC_TANPA_CACHE"
_MAX_IN_PROCESS = 64  # prepared parts and compiled templates kept per process


def _disk_cache():
    """Jinja's file system bytecode cache in zidoc's private per-user cache folder
    (fs.files.user_cache_folder), or None."""
    if os.environ.get(NO_CACHE):
        return None
    from jinja2 import FileSystemBytecodeCache

    from zidoc.fs.files import user_cache_folder

    folder = user_cache_folder("templat")
    if folder is None:  # no private folder: no cache rather than a shared one
        return None
    try:
        return FileSystemBytecodeCache(str(folder), pattern="zidoc-%s.jinja")
    except (OSError, RuntimeError):
        return None


def _key(*texts: str) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def jinja_env():
    """One environment per process; it compiles each template part once per process, and
    once per machine while the disk cache holds it.

    docxtpl compiles every part of a template on every render (`from_string`); a compiled
    template holds no render state, so reusing it is safe. Jinja's loaders use the bytecode
    cache the same way (get_bucket, compile on a miss, set_bucket)."""
    import jinja2
    from jinja2 import Environment, StrictUndefined

    from zidoc import __version__

    # What compiles: this environment's options are zidoc's, so a newer zidoc or Jinja never
    # takes code compiled by an older one.
    compiler = _key(__version__, jinja2.__version__)

    class CompilingOnceEnvironment(Environment):
        def __init__(self, **options):
            super().__init__(**options)
            self._compiled: dict[str, object] = {}

        def from_string(self, source, globals=None, template_class=None):
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            template = self._compiled.get(source)
            if template is None:
                if len(self._compiled) >= _MAX_IN_PROCESS:
                    self._compiled.clear()
                template = self._compiled[source] = self._load(source)
            return template

        def _load(self, source: str):
            cache = self.bytecode_cache
            bucket = None
            if cache is not None:
                try:
                    # Named by what compiled it and by the source (each part its own file).
                    bucket = cache.get_bucket(self, _key(compiler, source), None, source)
                except Exception:  # noqa: BLE001 - an unreadable cache is no cache
                    bucket = None
            code = bucket.code if bucket is not None else None
            if code is None:
                code = self.compile(source)
                if bucket is not None:
                    bucket.code = code
                    try:
                        cache.set_bucket(bucket)
                    except OSError:  # full or read-only: next time compiles again
                        pass
            return self.template_class.from_code(self, code, self.make_globals(None))

    return CompilingOnceEnvironment(autoescape=True, undefined=StrictUndefined,
                                    bytecode_cache=_disk_cache())


class _PreparedTexts:
    """docxtpl's cleaned part XML, by the SHA-256 of the part's XML and docxtpl's version,
    in the process and in the disk cache's folder."""

    def __init__(self, version: str, folder: Path | None):
        self.version = version
        self.memory: dict[str, str] = {}
        self.folder = folder

    def get(self, raw: str, prepare) -> str:
        prepared = self.memory.get(raw)
        if prepared is not None:
            return prepared
        path = self.folder / f"zidoc-{_key(self.version, raw)}.xml" if self.folder else None
        prepared = _read(path) if path is not None else None
        if prepared is None:
            prepared = prepare(raw)
            if path is not None:
                _write(path, prepared)
        if len(self.memory) >= _MAX_IN_PROCESS:
            self.memory.clear()
        self.memory[raw] = prepared
        return prepared


# The cached text starts with its own SHA-256: a file cut short or changed is not used.
def _read(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest, _, body = data.partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode() != digest:
        return None
    return body.decode("utf-8", "surrogatepass")


def _write(path: Path, text: str) -> None:
    body = text.encode("utf-8", "surrogatepass")
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
        os.replace(temporary, path)
    except OSError:  # full, read-only, or (Windows) in use by another build: skip
        try:
            temporary.unlink()
        except OSError:
            pass


@functools.lru_cache(maxsize=1)
def template_class():
    """docxtpl's DocxTemplate, with each part's cleaning (`patch_xml`) done once (see the
    module docstring); patch_xml depends on the part's text alone."""
    import docxtpl
    from docxtpl import DocxTemplate

    cache = jinja_env().bytecode_cache  # the one folder, checked once
    # The version names what prepares: docxtpl's cleaning, then zidoc's plain tags.
    texts = _PreparedTexts(f"{docxtpl.__version__}+plain-tags",
                           Path(cache.directory) if cache is not None else None)

    from zidoc.documents.template_file import plain_tags

    class PreparedTemplate(DocxTemplate):
        def patch_xml(self, src_xml):
            # Tags typed with autocorrect are read as typed without it (template_file.py).
            return texts.get(src_xml, lambda raw: plain_tags(DocxTemplate.patch_xml(self, raw)))

    return PreparedTemplate
