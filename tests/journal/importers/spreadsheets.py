"""An export opened in Excel and saved again, written the way Excel writes it per locale.

Excel reads ``2024-03-05`` as a date, ``112.60`` as a number and ``8:05 AM`` as a time, and
writes them back in the locale's short formats: en-US ``3/5/2024``, ``112.6``, ``8:05 AM``;
en-GB ``05/03/2024``, ``112.6``, ``08:05``; nl-NL ``5-3-2024``, ``112,6``, ``8:05``; de-DE
``05.03.2024``, ``112,6``, ``08:05``. Trailing zeros go (``0.00`` -> ``0``); text such as
``1.00 cup - 81g`` stays as it is; ``true`` becomes ``TRUE``. "CSV" uses the locale's list
separator (``,`` for en, ``;`` for nl and de) in the Windows code page (cp1252) with CRLF;
"CSV UTF-8" adds a BOM; "Unicode text" is UTF-16 LE with a BOM, tab-separated. A cell is quoted
only when it holds the separator, a quote or a line end.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUMBER = re.compile(r"-?\d+\.\d+|-?\d+")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2}) ([AP])M")


@dataclass(frozen=True)
class Locale:
    name: str
    separator: str
    decimal: str
    date: str  # a format with {d} {m} {y}, zero-padded as {dd} {mm}
    clock24: str | None  # None: 12-hour as written; else a format with {h} {hh} {mm}


LOCALES = {
    "en-US": Locale("en-US", ",", ".", "{m}/{d}/{y}", None),
    "en-GB": Locale("en-GB", ",", ".", "{dd}/{mm}/{y}", "{hh}:{min}"),
    "nl-NL": Locale("nl-NL", ";", ",", "{d}-{m}-{y}", "{h}:{min}"),
    "de-DE": Locale("de-DE", ";", ",", "{dd}.{mm}.{y}", "{hh}:{min}"),
}


def _date(cell: str, locale: Locale) -> str:
    match = _ISO.fullmatch(cell)
    if match is None:
        return cell
    y, m, d = match.groups()
    return locale.date.format(y=y, m=int(m), d=int(d), mm=m, dd=d)


def _number(cell: str, locale: Locale) -> str:
    if not _NUMBER.fullmatch(cell):
        return cell
    text = f"{float(cell):.10f}".rstrip("0").rstrip(".")  # Excel's General format
    return text.replace(".", locale.decimal)


def _clock(cell: str, locale: Locale) -> str:
    match = _CLOCK.fullmatch(cell)
    if match is None or locale.clock24 is None:
        return cell
    hour = int(match.group(1)) % 12 + (12 if match.group(3) == "P" else 0)
    return locale.clock24.format(h=hour, hh=f"{hour:02d}", min=match.group(2))


def _boolean(cell: str) -> str:
    return cell.upper() if cell in ("true", "false") else cell


def resave(
    data: bytes, locale_name: str, *, save_as: str = "csv", header_noise: bool = False
) -> bytes:
    """``data`` (a UTF-8 export) as Excel in ``locale_name`` saves it: ``save_as`` is ``csv``
    (cp1252), ``csv-utf8`` (BOM) or ``unicode`` (UTF-16, tabs). ``header_noise`` adds what a
    hand-edited sheet keeps: quotes and trailing spaces around header names."""
    locale = LOCALES[locale_name]
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    out = []
    for index, row in enumerate(rows):
        if index == 0:
            out.append([f'"{name} ' if header_noise and i % 2 else name for i, name in
                        enumerate(row)] if header_noise else row)  # fmt: skip
            continue
        out.append([_clock(_number(_date(_boolean(cell), locale), locale), locale) for cell in row])
    separator = "\t" if save_as == "unicode" else locale.separator
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerows(out)
    text = buffer.getvalue()
    if save_as == "unicode":
        return text.encode("utf-16")  # little-endian with a BOM on every platform we run
    if save_as == "csv-utf8":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode("cp1252")
