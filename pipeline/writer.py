"""Output paths, atomic writes and the manifest."""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path

WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                    *(f"lpt{i}" for i in range(1, 10))}
MANIFEST = "manifest.json"


def slug(text: str, fallback: str = "satker") -> str:
    """'KPU Kota Bengkulu' -> 'kpu-kota-bengkulu'; safe as a folder name on every system."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    if not result or result in WINDOWS_RESERVED:
        result = f"{fallback}-{result}" if result else fallback
    return result


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_files(folder: Path, files: dict[str, bytes], written: list[Path]) -> None:
    """Write all `files` (name -> bytes) into `folder`, appending each finished path to `written`.

    Every file is first staged as a temporary file beside its target; only when all are
    staged are they moved into place, in order. If staging fails nothing has changed: the
    temporary files are removed, and so are the folders made for them."""
    made = [p for p in (folder, *folder.parents) if not p.exists()]
    staged: list[tuple[str, Path]] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            staged.append((_stage(folder / name, data), folder / name))
    except BaseException:
        _discard(tmp for tmp, _ in staged)
        for path in made:  # deepest first
            try:
                path.rmdir()
            except OSError:
                pass
        raise
    try:
        for tmp, target in staged:
            os.replace(tmp, target)
            written.append(target)
    finally:
        _discard(tmp for tmp, _ in staged[len(written):])


def _stage(path: Path, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _discard([tmp])
        raise
    return tmp


def _discard(paths) -> None:
    for tmp in paths:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def manifest_bytes(manifest: dict) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode(
        "utf-8")


def read_manifest(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_manifest(folder: Path, manifest: dict) -> Path:
    path = folder / MANIFEST
    atomic_write(path, manifest_bytes(manifest))
    return path
