"""Draw the example's two sample meeting photos (bukti/2024/rapat/R-02/) with Pillow.

    python tools/make_sample_photos.py

They are drawings, not photographs of anyone: a meeting room with a table, the participants
and a projected slide. Kept small (JPEG, 1024 x 768, well under 60 KB each)."""
from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "bukti" / "2024" / "rapat" / "R-02"
SIZE = (1024, 768)
SHIRTS = ((196, 160, 110), (90, 110, 150), (240, 240, 235), (120, 140, 100), (170, 90, 80))


def _room(draw: ImageDraw.ImageDraw, slide: str) -> None:
    w, h = SIZE
    for y in range(h):  # wall and floor, gently shaded
        shade = 228 - y // 12 if y < h * 0.62 else 150 - (y - int(h * 0.62)) // 8
        draw.line([(0, y), (w, y)], fill=(shade, shade - 6, shade - 18))
    draw.rectangle([300, 70, 724, 300], fill=(250, 250, 252), outline=(60, 60, 70), width=4)
    draw.rectangle([300, 70, 724, 110], fill=(150, 30, 40))
    draw.text((320, 82), "KPU KOTA BENGKULU", fill=(255, 255, 255))
    for n, line in enumerate(slide.split("\n")):
        draw.text((330, 140 + 34 * n), line, fill=(30, 30, 40))
    for n in range(4):  # bars of a chart on the slide
        draw.rectangle([560 + 36 * n, 270 - 30 * (n + 1), 585 + 36 * n, 270], fill=(60, 100, 170))


def _person(draw: ImageDraw.ImageDraw, x: int, y: int, scale: float, shirt) -> None:
    r = int(34 * scale)
    draw.ellipse([x - int(70 * scale), y + r, x + int(70 * scale), y + int(220 * scale)],
                 fill=shirt)
    draw.ellipse([x - r, y - r, x + r, y + r], fill=(150, 105, 75))
    draw.chord([x - r, y - r - 4, x + r, y + r // 2], 180, 360, fill=(35, 30, 30))


def _table(draw: ImageDraw.ImageDraw) -> None:
    draw.polygon([(120, 520), (904, 520), (1010, 700), (14, 700)], fill=(120, 80, 50))
    draw.polygon([(14, 700), (1010, 700), (1010, 730), (14, 730)], fill=(90, 60, 38))
    for x in (230, 420, 610, 800):  # papers on the table
        draw.polygon([(x, 560), (x + 70, 560), (x + 80, 610), (x - 10, 610)],
                     fill=(245, 245, 240))


def photo(slide: str, people: list[tuple[int, int, float]]) -> Image.Image:
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    _room(draw, slide)
    for n, (x, y, scale) in enumerate(sorted(people, key=lambda p: p[1])):
        _person(draw, x, y, scale, SHIRTS[n % len(SHIRTS)])
    _table(draw)
    return image.filter(ImageFilter.GaussianBlur(1.2))


PHOTOS = {
    "Pembukaan_rapat_oleh_Ketua_Tim.jpg": photo(
        "Monitoring dan Evaluasi\nRencana Aksi Triwulan I\nTahun 2024",
        [(150, 430, 1.0), (330, 400, 0.8), (700, 400, 0.8), (880, 430, 1.0), (512, 380, 0.7)]),
    "Paparan_capaian_rencana_aksi.jpg": photo(
        "Capaian Rencana Aksi\nper Area Perubahan\nTriwulan I",
        [(200, 440, 1.05), (420, 410, 0.85), (620, 410, 0.85), (840, 440, 1.05)]),
}


def main(out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, image in PHOTOS.items():
        image.save(out / name, "JPEG", quality=70, optimize=True)
        print(out / name, (out / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
