"""The catalogs are compiled without Babel (mgcoach.i18n.po) into the very bytes Babel's
``write_mo(read_po(...))`` gives: for both shipped catalogs, and for a catalog with every
construct the reader knows (Babel is a development dependency: the oracle here). The header
entry is written as the file has it; Babel writes its own rendering of the header, which is
the same text for a header in the form Babel writes (as the shipped catalogs' are)."""

from __future__ import annotations

import gettext
import io
from importlib import resources

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from mgcoach.i18n import DOMAIN, LANGUAGES
from mgcoach.i18n.po import PoError, compile_po

SAMPLE = r"""# A translator's comment
msgid ""
msgstr ""
"Project-Id-Version: sample 1.0\n"
"Report-Msgid-Bugs-To: EMAIL@ADDRESS\n"
"POT-Creation-Date: 2026-12-06 21:51+0000\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
"Language: nl\n"
"Language-Team: nl <LL@li.org>\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=utf-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Generated-By: Babel 2.19.0\n"

#: a.py:1
msgid "zebra"
msgstr "zebra (nl)"

#, python-brace-format
msgid ""
"a long "
"line with \"quotes\", a tab\t, a backslash \\ and\n"
"a newline"
msgstr ""
"een lange regel met \"aanhalingstekens\"\n"
"en een \\ en é"

#, fuzzy
msgid "fuzzy one"
msgstr "vaag"

msgid "untranslated"
msgstr ""

msgctxt "month"
msgid "May"
msgstr "mei"

msgid "May"
msgstr "Mag"

msgid "{count} day"
msgid_plural "{count} days"
msgstr[0] "{count} dag"
msgstr[1] "{count} dagen"

msgid "{count} week"
msgid_plural "{count} weeks"
msgstr[0] "{count} week"
msgstr[1] ""

msgid "{count} year"
msgid_plural "{count} years"
msgstr[0] ""
msgstr[1] ""

#~ msgid "gone"
#~ msgstr "weg"
"""


def babel_mo(po: bytes, lang: str) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.BytesIO(po), locale=lang, domain=DOMAIN))
    return buffer.getvalue()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_shipped_catalog_compiles_to_babels_bytes(lang: str) -> None:
    path = resources.files("mgcoach.i18n").joinpath(f"locale/{lang}/LC_MESSAGES/{DOMAIN}.po")
    po = path.read_bytes()
    ours = compile_po(po)
    assert ours == babel_mo(po, lang)
    theirs = gettext.GNUTranslations(io.BytesIO(babel_mo(po, lang)))
    mine = gettext.GNUTranslations(io.BytesIO(ours))
    plurals = [key for key in theirs._catalog if isinstance(key, tuple)]  # type: ignore[attr-defined]
    assert len(plurals) > 40  # (msgid, form) pairs
    for key in theirs._catalog:  # type: ignore[attr-defined]
        if isinstance(key, tuple):
            continue
        assert mine.gettext(key) == theirs.gettext(key)
    for singular in {key[0] for key in plurals}:
        plural = next(k for k in theirs._catalog if k == (singular, 1))  # type: ignore[attr-defined]
        assert plural
        for count in (0, 1, 2, 5):
            assert mine.ngettext(singular, "x", count) == theirs.ngettext(singular, "x", count)


def test_every_construct_compiles_as_babel_compiles_it() -> None:
    po = SAMPLE.encode()
    assert compile_po(po) == babel_mo(po, "nl")
    catalog = gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    assert catalog.gettext("zebra") == "zebra (nl)"
    assert catalog.gettext("fuzzy one") == "fuzzy one"  # a fuzzy entry is not used
    assert catalog.gettext("gone") == "gone"  # nor an obsolete one
    assert catalog.pgettext("month", "May") == "mei"
    assert catalog.gettext("May") == "Mag"
    long_id = 'a long line with "quotes", a tab\t, a backslash \\ and\na newline'
    assert catalog.gettext(long_id) == 'een lange regel met "aanhalingstekens"\nen een \\ en é'
    assert catalog.ngettext("{count} day", "{count} days", 1) == "{count} dag"
    assert catalog.ngettext("{count} week", "{count} weeks", 5) == "{count} weeks"
    assert catalog.ngettext("{count} year", "{count} years", 0) == "{count} years"


def test_a_line_it_cannot_read_is_an_error() -> None:
    with pytest.raises(PoError, match="line 2"):
        compile_po(b'msgid "a"\nmsgfoo "b"\n')
