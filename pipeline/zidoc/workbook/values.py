"""Turn raw cell values into typed values. Each parser raises ValueProblem with an
Indonesian sentence; the reader adds the cell."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# Characters XML 1.0 cannot hold (control characters other than tab, newline, return).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Excel's escape for a control character inside text: _x0007_ (only below U+0020).
_OOXML_ESCAPE = re.compile("_x(00[01][0-9A-Fa-f])_")
# Invisible characters pasted from web pages and PDFs (zero-width space and joiners, word
# joiner, byte order mark, soft hyphen, Mongolian vowel separator): removed from every text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)?|[.,]\d+)$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_LONG = re.compile(r"^(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{4})$")
MAX_DIGITS = 20  # more digits in one number is a paste gone wrong, not a score
# Parts of an Excel number format that are shown as they are, never as a unit: "text",
# \x (one escaped character), [Red] / [$-421] sections, and _x / *x padding.
_FORMAT_LITERAL = re.compile(r'"[^"]*"?|\\.|\[[^\]]*\]?|[_*].')


class ValueProblem(ValueError):
    """A cell value that cannot be used; the message is for the user."""


def clean_text(value: object) -> tuple[str, bool]:
    """Trimmed text with non-breaking spaces as spaces and XML-illegal characters removed.

    Returns (text, stripped) where `stripped` says illegal characters were removed."""
    if value is None:
        return "", False
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if "_x" in text:  # Excel stores control characters as _x000B_ and a CR as _x000D_
        text = _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    cleaned = _INVISIBLE.sub("", _XML_ILLEGAL.sub(" ", text))
    cleaned = cleaned.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in cleaned.split("\n")]
    return "\n".join(lines).strip("\n ").strip(), _XML_ILLEGAL.search(text) is not None


def parse_number(value: object, number_format: str = "General") -> Decimal:
    """88.63, '88,63', '88.63', '88,63%' and an Excel percent cell 0.8863 all give 88.63."""
    if isinstance(value, bool):
        raise ValueProblem("harus berupa angka, bukan TRUE/FALSE.")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueProblem("bukan angka yang sah.")
        # repr gives the shortest decimal that round-trips: 88.63, not 88.6299999...
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if is_percent_format(number_format):
            number *= 100
        return _normalise(number)
    if isinstance(value, str):
        text = value.replace("\u00a0", " ").strip()
        # "88,63%" means 88.63: the sign only says the unit.
        text = text.rstrip("%").strip().replace(" ", "")
        if not _NUMBER.match(text):
            raise ValueProblem(
                f"'{value.strip()}' bukan angka. Tulis angka saja, misalnya 88,63 atau 88,63%."
            )
        if sum(ch.isdigit() for ch in text) > MAX_DIGITS:
            raise ValueProblem(_too_long(value.strip()))
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern already guards this
            raise ValueProblem(f"'{value.strip()}' bukan angka.") from None
        return _normalise(number)
    if isinstance(value, (datetime, date)):
        raise ValueProblem(date_formatted(value))
    raise ValueProblem("bukan angka.")


def looks_like_a_number_shown_as_date(value: object) -> bool:
    """A date before 1910 at midnight: almost surely a small number (a nomor, a no) typed in a
    cell formatted as a date (443 shows as 18/03/1901)."""
    if isinstance(value, datetime):
        return value.year < 1910 and value.time() == datetime.min.time()
    return isinstance(value, date) and value.year < 1910


def date_formatted(value: date) -> str:
    """The message for a number typed in a cell formatted as a date (Excel shows 2024 as
    16/07/1905): name the format, and the number it really holds."""
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    serial = (moment - datetime(1899, 12, 30)).days
    return (f"sel ini berformat tanggal, sehingga isinya terbaca sebagai tanggal "
            f"{value:%d/%m/%Y} (angka {serial}). Bila yang dimaksud angka, ubah format selnya "
            "menjadi General atau Number (Home > Number Format), lalu ketik ulang angkanya.")


def is_percent_format(number_format: str | None) -> bool:
    """True when the format shows the value as a percentage: a % outside quoted text,
    escaped characters and [..] sections (0.00"%" and 0.00\\% only print a % sign)."""
    return "%" in _FORMAT_LITERAL.sub("", number_format or "")


def _too_long(shown: object) -> str:
    return (f"angka '{shown}' terlalu panjang (lebih dari {MAX_DIGITS} angka). Tulis nilainya "
            "saja, misalnya 88,63.")


def _normalise(number: Decimal) -> Decimal:
    # Drop float noise beyond 10 places (0.8863 * 100 from a percent cell), keep exact input.
    if number.as_tuple().exponent < -10:
        try:
            number = number.quantize(Decimal("1e-10"))
        except InvalidOperation:  # more digits than Decimal's precision holds
            raise ValueProblem(_too_long(show_number(number))) from None
    return number


def parse_int(value: object, number_format: str = "General") -> int:
    if isinstance(value, (datetime, date)):
        raise ValueProblem(date_formatted(value))
    try:
        number = parse_number(value, "General")
    except ValueProblem:
        shown = value.strip() if isinstance(value, str) else value
        raise ValueProblem(f"'{shown}' bukan bilangan bulat; tulis angka saja, misalnya 2024.") from None
    if number != number.to_integral_value():
        raise ValueProblem(f"harus bilangan bulat, bukan {show_number(number)}.")
    return int(number)


_ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}
_QUARTER = re.compile(r"^(?:TW|TRIWULAN|Q)?\s*\.?\s*([0-9]+|[IV]+)$")


def parse_triwulan(value: object, number_format: str = "General") -> int:
    """A quarter 1-4: 2, '2', 'II', 'TW 2', 'TW II', 'Triwulan 2' all give 2."""
    if isinstance(value, str):
        text = _SPACES.sub(" ", value).strip().upper()
        match = _QUARTER.match(text)
        if match:
            token = match.group(1)
            number = _ROMAN_QUARTERS.get(token) if not token.isdigit() else int(token)
            if number is not None and 1 <= number <= 4:
                return number
        raise ValueProblem(f"'{value.strip()}' tidak dikenal; tulis 1, 2, 3 atau 4 (boleh juga "
                           "I-IV atau TW 2).")
    number = parse_int(value, number_format)
    if not 1 <= number <= 4:
        raise ValueProblem(f"harus 1, 2, 3 atau 4, bukan {number}.")
    return number


def show_number(number: Decimal) -> str:
    """A number as the user wrote it, with a decimal comma: -0.5 -> '-0,5'."""
    return format(number, "f").replace(".", ",")


@lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    """Indonesian month names and abbreviations from Babel's CLDR data."""
    from babel import Locale

    locale = Locale.parse("id")
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                names[name.lower().rstrip(".")] = number
    names.update({"agu": 8, "agt": 8, "nop": 11, "des": 12, "sept": 9})
    # Older Indonesian spellings, still in letters and SKs: Pebruari, Nopember, Djuni ...
    names.update({"pebruari": 2, "peb": 2, "pebr": 2, "februari": 2, "nopember": 11,
                  "agustus": 8, "agust": 8, "agus": 8, "djanuari": 1, "djuni": 6, "djuli": 7,
                  "juni": 6, "juli": 7, "okt": 10, "oktober": 10, "nov": 11, "jan": 1,
                  "feb": 2, "mar": 3, "apr": 4, "mei": 5, "jun": 6, "jul": 7, "sep": 9})
    return names


def parse_date(value: object) -> date:
    """An Excel date, '2025-05-19', '19/05/2025' or '19 Mei 2025'."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = _SPACES.sub(" ", value).strip()
        day = month = year = None
        if m := _ISO.match(text):
            year, month, day = (int(g) for g in m.groups())
        elif m := _DMY.match(text):
            day, month, year = (int(g) for g in m.groups())
        elif m := _LONG.match(text):
            month = _month_names().get(m.group(2).lower())
            if month is None:
                raise ValueProblem(f"nama bulan '{m.group(2)}' tidak dikenal.")
            day, year = int(m.group(1)), int(m.group(3))
        if year is not None:
            try:
                return date(year, month, day)
            except ValueError:
                raise ValueProblem(f"tanggal '{text}' tidak ada di kalender.") from None
        raise ValueProblem(
            f"'{text}' bukan tanggal. Gunakan tanggal Excel, atau tulis misalnya 19 Mei 2025, "
            "2025-05-19 atau 19/05/2025."
        )
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueProblem("berisi angka, padahal yang diminta tanggal (misalnya 19 Mei 2025).")
    raise ValueProblem("bukan tanggal.")


def parse_nip(value: object) -> str:
    """18 digits (spaces allowed): birth date, TMT year-month, gender 1/2, serial."""
    if isinstance(value, float):
        # Excel keeps 15 significant digits: an 18-digit NIP typed as a number has already
        # lost its last digits, so it cannot be trusted.
        raise ValueProblem(
            "NIP tersimpan sebagai angka sehingga Excel mengubah angka-angka terakhirnya. "
            "Ketik ulang NIP sebagai teks (awali dengan tanda petik ', misalnya '196804111993031009)."
        )
    text = re.sub(r"[\s\u00a0]", "", str(value))
    if not re.fullmatch(r"\d{18}", text):
        raise ValueProblem(
            "NIP harus 18 angka (spasi boleh), misalnya 19680411 199303 1 009. "
            "Isi kolom sebagai teks agar Excel tidak mengubahnya."
        )
    try:
        birth, tmt_year, tmt_month = nip_dates(text)
    except ValueError:
        raise ValueProblem(f"NIP {format_nip(text)}: tanggal lahir (8 angka pertama) tidak sah.") from None
    if not 1 <= tmt_month <= 12 or tmt_year < birth.year:
        raise ValueProblem(f"NIP {format_nip(text)}: TMT (angka ke-9 s.d. 14) tidak sah.")
    if text[14] not in "12":
        raise ValueProblem(f"NIP {format_nip(text)}: angka ke-15 (jenis kelamin) harus 1 atau 2.")
    return text


def nip_dates(nip: str) -> tuple[date, int, int]:
    """(birth date, TMT year, TMT month) of an 18-digit NIP; ValueError for a bad birth date."""
    return date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8])), int(nip[8:12]), int(nip[12:14])


def format_nip(nip: str) -> str:
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"


# --- meeting times (Rapat!waktu) ---------------------------------------------------------------
ZONES = ("WIB", "WITA", "WIT")  # Indonesia's time zones (Identitas!zona_waktu)
_CLOCK = r"(\d{1,2})\s*[.:]\s*(\d{2})"
_UNTIL = r"\s*(?:-|\u2013|\u2014|s\.?\s*d\.?|s/d|sampai(?:\s+dengan)?|hingga)\s*"
_ZONE = r"(?:\s*(WIB|WITA|WIT))?"
_TIME_TEXT = re.compile(
    rf"^(?:pukul|pkl\.?|jam)?\s*{_CLOCK}{_ZONE}"
    rf"(?:{_UNTIL}(?:{_CLOCK}|(selesai))){_ZONE}$", re.IGNORECASE)
_ONE_TIME = re.compile(rf"^(?:pukul|pkl\.?|jam)?\s*{_CLOCK}{_ZONE}$", re.IGNORECASE)


@dataclass(frozen=True)
class Waktu:
    """A meeting's time: its start, and its end (None: "s.d. selesai"); `zona` when the cell
    names one (else the Identitas zona_waktu applies)."""
    mulai: time
    selesai: time | None = None
    zona: str | None = None

    def shown(self, zona: str) -> str:
        """'09.00 WIB s.d. selesai', '09.00 - 11.00 WIB' (the cell's own zone first)."""
        zone = self.zona or zona
        start = f"{self.mulai:%H.%M}"
        if self.selesai is None:
            return f"{start} {zone} s.d. selesai"
        return f"{start} - {self.selesai:%H.%M} {zone}"


def _clock(hours: str, minutes: str, shown: str) -> time:
    h, m = int(hours), int(minutes)
    if h == 24 and m == 0:
        h = 0
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise ValueProblem(f"jam '{shown}' tidak ada; jam 00 sampai 23, menit 00 sampai 59.")
    return time(h, m)


def _day_fraction(value: float) -> time:
    minutes = round(value * 24 * 60)
    if not 0 <= minutes < 24 * 60:
        raise ValueProblem("bukan jam; tulis misalnya 09.00 atau 09.00 - 11.00.")
    return time(minutes // 60, minutes % 60)


def parse_waktu(value: object, number_format: str = "General") -> Waktu:
    """A meeting's time: an Excel time, or text. '09.00', '9:00', '09.00-11.00',
    '09.00 - selesai', '09.00 s.d. 11.00 WIB', 'pukul 9.00 WITA' ... An end before the start
    is an error."""
    if isinstance(value, bool):
        raise ValueProblem("bukan jam; tulis misalnya 09.00 atau 09.00 - 11.00.")
    if isinstance(value, datetime):
        if value.year < 1910 or value.date() == date(1899, 12, 30):  # a time as a serial
            return Waktu(value.time().replace(second=0, microsecond=0))
        raise ValueProblem(f"berisi tanggal {value:%d/%m/%Y}, padahal yang diminta jam "
                           "(misalnya 09.00 - 11.00). Tanggalnya diisi di kolom tanggal.")
    if isinstance(value, time):
        return Waktu(value.replace(second=0, microsecond=0))
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueProblem("bukan jam yang sah.")
        if 0 <= value < 1:
            return Waktu(_day_fraction(float(value)))
        raise ValueProblem(f"angka {show_number(Decimal(repr(value)))} bukan jam; tulis "
                           "misalnya 09.00 atau 09.00 - 11.00.")
    if not isinstance(value, str):
        raise ValueProblem("bukan jam.")
    text = _SPACES.sub(" ", value).strip()
    if match := _ONE_TIME.match(text):
        zone = match.group(3)
        return Waktu(_clock(match.group(1), match.group(2), text),
                     zona=zone.upper() if zone else None)
    match = _TIME_TEXT.match(text)
    if match is None:
        raise ValueProblem(f"'{text}' bukan jam. Tulis misalnya 09.00, 09.00 - 11.00 atau "
                           "09.00 - selesai (boleh juga jam Excel).")
    h1, m1, zone1, h2, m2, until_end, zone2 = match.groups()
    if zone1 and zone2 and zone1.upper() != zone2.upper():
        raise ValueProblem(f"'{text}' memakai dua zona waktu ({zone1} dan {zone2}).")
    zone = (zone2 or zone1 or "").upper() or None
    start = _clock(h1, m1, text)
    if until_end:
        return Waktu(start, None, zone)
    end = _clock(h2, m2, text)
    if end <= start:
        raise ValueProblem(f"jam selesai {end:%H.%M} tidak sesudah jam mulai {start:%H.%M}.")
    return Waktu(start, end, zone)


def parse_zona(value: object, number_format: str = "General") -> str:
    """WIB, WITA or WIT (any case)."""
    text = clean_text(value)[0].upper()
    if text not in ZONES:
        raise ValueProblem(f"'{clean_text(value)[0]}' bukan zona waktu; pilih "
                           f"{', '.join(ZONES[:-1])} atau {ZONES[-1]}.")
    return text
