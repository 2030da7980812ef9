"""A meeting's photographs, made fit for a Word document (Pillow, imported only here and only
when a meeting has photos).

Each photo is turned upright by its EXIF orientation, scaled down to at most `LONG_SIDE` pixels
on its long side and stored again: as JPEG (quality 85) or, when it has transparency, as PNG.
Its EXIF data (camera, place) is not kept. A file that cannot be read as a picture is skipped
with a note naming it; files of other kinds in the folder are ignored."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".jpg", ".jpeg", ".png")  # any case
LONG_SIDE = 1600  # pixels
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Photo:
    name: str  # the file name
    caption: str  # the file name without extension, "_" and "-" as spaces
    data: bytes  # JPEG or PNG
    width: int  # pixels, upright
    height: int

    @property
    def landscape(self) -> bool:
        return self.width >= self.height


class PhotoError(Exception):
    """A file that cannot be used as a photo; the message is for the user."""


def photo_files(folder: Path) -> list[Path]:
    """The photos in `folder` (.jpg, .jpeg, .png in any case), in file-name order; [] when the
    folder is not there."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = [p for p in entries if p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
             and p.is_file()]
    return sorted(found, key=lambda p: (p.name.casefold(), p.name))


def caption(path: Path) -> str:
    """'foto_rapat-01.jpg' -> 'foto rapat 01'."""
    return " ".join(path.stem.replace("_", " ").replace("-", " ").split())


def _has_transparency(image) -> bool:
    if image.mode == "P":
        return "transparency" in image.info
    if image.mode in ("RGBA", "LA", "PA"):
        return image.getchannel("A").getextrema()[0] < 255
    return False


def prepare(path: Path, long_side: int = LONG_SIDE, quality: int = JPEG_QUALITY) -> Photo:
    """The photo at `path`, upright, at most `long_side` px, re-encoded; PhotoError when it
    cannot be read."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(path) as opened:
            if opened.format not in ("JPEG", "PNG", "MPO"):
                raise PhotoError(f"berkas {path.name} bukan foto JPEG atau PNG")
            if opened.format in ("JPEG", "MPO"):
                # Decode at a reduced scale when the photo is much larger than needed (the
                # JPEG decoder's own scaling: far faster than decoding in full).
                scale = long_side / max(opened.size)
                if scale < 1:
                    opened.draft("RGB", (int(opened.width * scale) + 1,
                                         int(opened.height * scale) + 1))
            image = ImageOps.exif_transpose(opened)
            image.load()
    except PhotoError:
        raise
    except Image.DecompressionBombError:
        raise PhotoError(f"foto {path.name} terlalu besar untuk dibaca") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise PhotoError(f"berkas {path.name} tidak dapat dibaca sebagai foto (rusak atau "
                         "bukan gambar JPEG/PNG)") from None
    image.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if _has_transparency(image):
        image.convert("RGBA").save(out, "PNG", optimize=True)
    else:
        image.convert("RGB").save(out, "JPEG", quality=quality, optimize=True)
    return Photo(path.name, caption(path), out.getvalue(), image.width, image.height)


def album(folder: Path) -> tuple[list[Photo], list[str]]:
    """(the photos of `folder` that could be read, a note for each that could not)."""
    photos, notes = [], []
    for path in photo_files(folder):
        try:
            photos.append(prepare(path))
        except PhotoError as exc:
            notes.append(f"Peringatan: {exc}, jadi dilewati ({path}).")
    return photos, notes
