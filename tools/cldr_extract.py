"""Write src/mgcoach/i18n/cldr.json: the few CLDR values the package formats numbers and dates
with, for the languages it ships (en, nl), read once from Babel's locale data.

Babel is a development tool here: the package reads the committed JSON file and never imports
Babel (issue 19). Rerun this after upgrading Babel (and check `git diff` of the data file):

    .venv/bin/python tools/cldr_extract.py
"""

from __future__ import annotations

import json
from pathlib import Path

import babel
from babel import Locale
from babel.core import get_cldr_version

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "mgcoach" / "i18n" / "cldr.json"
LANGUAGES = ("en", "nl")
DATE_FORMS = ("short", "medium", "long", "full")
TIME_FORMS = ("medium",)  # moment_text's only form
SKELETONS = ("MMMd",)  # the chart's axis dates
NUMBERING = "latn"
SOURCE = "cldr"


def _rows(lang: str) -> list[dict[str, object]]:
    locale = Locale.parse(lang)
    symbols = locale.number_symbols[NUMBERING]
    values: dict[str, object] = {
        "number.decimal": symbols["decimal"],
        "number.group": symbols["group"],
        "number.infinity": symbols["infinity"],
        "number.decimal_pattern": locale.decimal_formats[None].pattern,
        "number.percent_pattern": locale.percent_formats[None].pattern,
        "plural.one": locale.plural_form.rules.get("one", ""),
        "months.format.abbreviated": [
            locale.months["format"]["abbreviated"][m] for m in range(1, 13)
        ],
        "months.format.wide": [locale.months["format"]["wide"][m] for m in range(1, 13)],
        "days.format.wide": [locale.days["format"]["wide"][d] for d in range(7)],
        "periods.format.abbreviated": [
            locale.day_periods["format"]["abbreviated"][p] for p in ("am", "pm")
        ],
    }
    for form in DATE_FORMS:
        values[f"date.{form}"] = locale.date_formats[form].pattern
    for form in TIME_FORMS:
        values[f"time.{form}"] = locale.time_formats[form].pattern
        values[f"datetime.{form}"] = locale.datetime_formats[form]
    for skeleton in SKELETONS:
        values[f"skeleton.{skeleton}"] = locale.datetime_skeletons[skeleton].pattern
    compact = locale.compact_decimal_formats["short"]
    for plural in sorted(compact):
        for magnitude in sorted(compact[plural], key=int):
            values[f"compact.short.{plural}.{magnitude}"] = compact[plural][magnitude].pattern
    return [
        {"lang": lang, "key": key, "value": value, "source": SOURCE}
        for key, value in values.items()
    ]


def text() -> str:
    """The data file's text, from the installed Babel."""
    data = {
        "about": "CLDR values for mgcoach.i18n.cldr; written by tools/cldr_extract.py",
        "sources": {SOURCE: f"Unicode CLDR {get_cldr_version()}, via Babel {babel.__version__}"},
        "rows": [row for lang in LANGUAGES for row in _rows(lang)],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    TARGET.write_text(text(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
