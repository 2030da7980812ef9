"""Find the line of a key in a TOML file's text (tomllib keeps no positions).

A key path is written as in zidoc's messages: dotted names, with a 1-based index after an
array of tables or an array item, e.g. `predikat[2].nilai_akhir`,
`lke.hasil[1].indikator[2].bobot`, `keputusan.sk_tim.menimbang[3]`.

The scan understands what config.toml uses: table headers `[a.b]`, array-of-tables headers
`[[a.b]]` (counted per parent, so `[[lke.hasil.indikator]]` restarts under each
`[[lke.hasil]]`), `key = value` lines (bare, quoted or dotted keys), multi-line arrays with
one item per line, and multi-line strings (whose lines are never read as keys). A path not
found exactly falls back to its nearest ancestor that is (a missing key points at its table)."""
from __future__ import annotations

import re

Path = tuple[tuple[str, int | None], ...]  # ((name, index or None), ...)

_SEGMENT = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")
_BARE_OR_QUOTED = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+))\s*')


def parse_path(dotted: str) -> Path:
    """'lke.hasil[2].bobot' -> (('lke', None), ('hasil', 2), ('bobot', None))."""
    parts: list[tuple[str, int | None]] = []
    for match in _SEGMENT.finditer(dotted):
        name, indices = match.group(1), re.findall(r"\[(\d+)\]", match.group(2))
        parts.append((name, int(indices[0]) if indices else None))
        for extra in indices[1:]:  # a[1][2]: an array inside an array
            parts.append(("", int(extra)))
    return tuple(parts)


def _split_key(text: str) -> list[str] | None:
    """The names of a (possibly dotted, possibly quoted) TOML key, or None if not a key."""
    names, pos = [], 0
    while True:
        match = _BARE_OR_QUOTED.match(text, pos)
        if not match:
            return None
        names.append(next(g for g in match.groups() if g is not None))
        pos = match.end()
        if pos >= len(text):
            return names
        if text[pos] != ".":
            return None
        pos += 1


def _outside_strings(text: str):
    """(index, character) of every character outside TOML strings (basic strings honour a
    backslash escape, literal strings do not); the quotes themselves are skipped."""
    quote, escaped = None, False
    for n, ch in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        else:
            yield n, ch


def _code(line: str) -> str:
    """The line without its comment (a # outside strings)."""
    return next((line[:n] for n, ch in _outside_strings(line) if ch == "#"), line)


def _brackets(code: str) -> int:
    """Opening minus closing square brackets outside strings."""
    return sum({"[": 1, "]": -1}.get(ch, 0) for _, ch in _outside_strings(code))


def key_lines(text: str) -> dict[Path, int]:
    """Every table, key and one-per-line array item of `text`, with its 1-based line."""
    found: dict[Path, int] = {}
    counts: dict[Path, int] = {}  # array-of-tables path (parent resolved) -> entries so far
    current_index: dict[tuple[str, ...], int] = {}  # names of an array of tables -> its index
    table: Path = ()
    lines = text.splitlines()
    n = 0
    while n < len(lines):
        raw = lines[n]
        n += 1
        code = _code(raw).strip()
        if not code:
            continue
        header = re.fullmatch(r"\[\[(.+)\]\]|\[(.+)\]", code)
        if header:
            is_array = header.group(1) is not None
            names = _split_key(header.group(1) or header.group(2))
            if names is None:
                continue
            resolved: list[tuple[str, int | None]] = []
            for depth, name in enumerate(names[:-1]):
                resolved.append((name, current_index.get(tuple(names[: depth + 1]))))
            if is_array:
                key = (*resolved, (names[-1], None))
                counts[key] = counts.get(key, 0) + 1
                current_index[tuple(names)] = counts[key]
                # A new entry: deeper arrays restart their count under it.
                for deeper in [k for k in current_index if k[: len(names)] == tuple(names)
                               and len(k) > len(names)]:
                    del current_index[deeper]
                table = (*resolved, (names[-1], counts[key]))
                found.setdefault(table[:-1] + ((names[-1], None),), n)
            else:
                table = (*resolved, (names[-1], None))
            found.setdefault(table, n)
            continue
        if "=" not in code:
            continue
        key_text, value = code.split("=", 1)
        names = _split_key(key_text)
        if names is None:
            continue
        path = table + tuple((name, None) for name in names)
        found.setdefault(path, n)
        value = value.strip()
        if value.startswith(('"""', "'''")):
            fence = value[:3]
            if value.count(fence) < 2:  # the string goes on: skip to its closing fence
                while n < len(lines) and fence not in lines[n]:
                    n += 1
                n += 1
            continue
        depth = _brackets(value)
        if value.startswith("[") and depth > 0:
            items_inline = value[1:].strip()
            item = 0
            if items_inline:  # items share the line with "[": no line of their own
                item = None
            while n < len(lines) and depth > 0:
                inner = _code(lines[n]).strip()
                n += 1
                if item is not None and inner and inner[0] in "\"'[{0123456789-+tf":
                    item += 1
                    found.setdefault(path[:-1] + ((path[-1][0], item),), n)
                depth += _brackets(inner)
    return found


def line_of(text: str, dotted: str) -> int | None:
    """The line of the key `dotted` in `text`, or of its nearest ancestor; None if none."""
    return line_in(key_lines(text), dotted)


def line_in(found: dict[Path, int], dotted: str) -> int | None:
    """line_of() on the result of key_lines() (scan once, look up many)."""
    path = parse_path(dotted)
    while path:
        if path in found:
            return found[path]
        # An implicit table ([lke] never written): its first sub-table or key.
        starts = [line for key, line in found.items() if key[: len(path)] == path]
        if starts:
            return min(starts)
        last_name, last_index = path[-1]
        path = path[:-1] + ((last_name, None),) if last_index is not None else path[:-1]
    return None
