"""Both catalogs cover every marked string, with every placeholder kept, and load."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from mgcoach.i18n import language_from_environment, set_language, translate, translations

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[^}]*\}")


def _tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def extracted() -> set[str | tuple[str, ...]]:
    return {message.id for message in _tool().extract() if message.id}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_catalog_is_complete(lang: str, extracted: set[str | tuple[str, ...]]) -> None:
    path = ROOT / "src/mgcoach/i18n/locale" / lang / "LC_MESSAGES/mgcoach.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    entries = {m.id: m for m in catalog if m.id}
    missing = extracted - set(entries)
    assert not missing, f"run `make i18n`: {sorted(missing, key=str)[:5]}"
    for msgid in extracted:
        message = entries[msgid]
        assert all(_forms(message.string)), f"{lang}: untranslated {msgid!r}"
        assert not message.fuzzy, f"{lang}: fuzzy {msgid!r}"
        # A plural entry (ngettext) has a tuple of forms on each side, one per plural form.
        said = " ".join(_forms(msgid))
        translated = " ".join(_forms(message.string))
        assert sorted(PLACEHOLDER.findall(said)) == sorted(PLACEHOLDER.findall(translated))


def _forms(text: str | tuple[str, ...]) -> tuple[str, ...]:
    return text if isinstance(text, tuple) else (text,)


def test_dutch_catalog_translates() -> None:
    assert translations("nl").gettext("Error: {message}") == "Fout: {message}"
    set_language("nl")
    text = translate("Unknown unit {unit}: use one of {choices}.", {"unit": "x", "choices": "y"})
    assert text.startswith("Onbekende eenheid x")
    set_language("en")


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"MGCOACH_LANG": "nl", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LANGUAGE": "fr:nl", "LANG": "fr_FR"}, "nl"),
        ({}, "en"),
    ],
)
def test_language_from_environment(environ: dict[str, str], lang: str) -> None:
    assert language_from_environment(environ) == lang


# Strings only the command line shows may name its options and commands; every other string
# reaches a page or an API answer too, and names inputs in words (cli/hints.py adds the option).
COMMAND_LINE_ONLY = ("src/mgcoach/cli/", "src/mgcoach/web/config.py")  # config: `serve` only
COMMAND_LINE_WORDS = re.compile(r"(?<![\w-])--[a-z]|\bmgcoach [a-z]")


def test_no_command_line_flag_outside_the_command_line() -> None:
    """Issue 17: the Dutch Today page said "… zijn --weight-kg, --height-cm, --activity in het
    profiel nodig"; the API told a signed-in user to run `mgcoach profile set`."""
    found = []
    for message in _tool().extract():
        text = " ".join(message.id) if isinstance(message.id, tuple) else message.id
        places = [path for path, _line in message.locations]
        if not COMMAND_LINE_WORDS.search(text or ""):
            continue
        if all(path.startswith(COMMAND_LINE_ONLY) for path in places):
            continue
        found.append(f"{places}: {text[:90]}")
    assert not found, "\n".join(found)
