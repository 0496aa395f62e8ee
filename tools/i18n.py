"""Extract user-facing strings and merge them into the English and Dutch catalogs.

Run with `make i18n`. English entries are filled with their msgid; new Dutch entries stay
empty until translated (the catalog test fails while any is empty or fuzzy).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "mgcoach"
LOCALE = PACKAGE / "i18n" / "locale"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "NP_": (1, 2)}


def extract() -> Catalog:
    """Every marked string in the package, as a template catalog."""
    template = Catalog(project="mgcoach", domain="mgcoach")
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python"), ("web/templates/**.html", "jinja2.ext:babel_extract")],
        options_map={"web/templates/**.html": {"extensions": "jinja2.ext.i18n"}},
        keywords=KEYWORDS,
    ):
        template.add(message, None, [(f"src/mgcoach/{filename}", lineno)], context=context)
    return template


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "mgcoach.po"


def load(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain="mgcoach", project="mgcoach")
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain="mgcoach")


def update(lang: str, template: Catalog) -> Catalog:
    catalog = load(lang)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.fuzzy = False
    catalog.project, catalog.version = "mgcoach", "0.1.0"
    if lang == "en":
        for message in catalog:
            if isinstance(message.id, tuple):  # a plural entry: one form per plural form
                if not all(message.string):
                    message.string = message.id
            elif message.id and not message.string:
                message.string = message.id
    return catalog


def main() -> None:
    for lang in ("en", "nl"):
        catalog = update(lang, extract())  # a fresh template: update() shares message objects
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=True)
        missing = [m.id for m in catalog if m.id and not m.string]
        print(f"{lang}: {len(catalog)} messages, {len(missing)} untranslated")


if __name__ == "__main__":
    main()
