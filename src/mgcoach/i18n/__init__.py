"""gettext catalogs for English and Dutch.

User-facing strings are marked with ``_()`` (translated now) or ``N_()`` (marked for extraction,
translated later at the edge); a message with a count has both forms, ``ngettext()`` now or
``NP_()`` later. Catalogs live as ``.po`` files in ``locale/<lang>/LC_MESSAGES``;
they are compiled on first use, so no build step is needed, and the compiled catalog is kept
in the cache (``filecache``, named by the ``.po`` file's hash): compiling a ``.po`` file
(``po.py``) takes longer than the rest of ``mgcoach --help``.
"""

from __future__ import annotations

import gettext
import io
import math
import os
from collections.abc import Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import NamedTuple

from .. import filecache

DOMAIN = "mgcoach"
LANGUAGES = ("en", "nl")
DEFAULT_LANGUAGE = "en"

_current: ContextVar[str] = ContextVar("mgcoach_language", default=DEFAULT_LANGUAGE)


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog for ``lang`` (English falls back to the msgids themselves)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    # The package's own folder, not importlib.resources: that module and what it imports
    # (inspect, tempfile) cost every command about 10 ms to start, for a plain file path.
    po_path = Path(__file__).parent / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.is_file():
        return gettext.NullTranslations()
    po_bytes = po_path.read_bytes()
    name = f"{DOMAIN}-{lang}-{filecache.fingerprint([po_bytes])}.mo"
    cached = filecache.read(name)
    if cached is not None:
        try:
            return gettext.GNUTranslations(io.BytesIO(cached))
        except Exception:  # a corrupt cache is compiled again: never an error
            pass
    compiled = _compile(po_bytes)
    filecache.write(name, compiled, stale=f"{DOMAIN}-{lang}-")
    return gettext.GNUTranslations(io.BytesIO(compiled))


def _compile(po_bytes: bytes) -> bytes:
    """The ``.mo`` file of a ``.po`` file's bytes (``po.py``, imported only to compile)."""
    from .po import compile_po

    return compile_po(po_bytes)


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """``MGCOACH_LANG`` first, then the POSIX locale variables; English when nothing matches."""
    env = os.environ if environ is None else environ
    for name in ("MGCOACH_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        for part in value.split(":"):
            code = part.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
    return DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Make ``lang`` the language of every later ``_()`` call in this context."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    _current.set(lang)


def get_language() -> str:
    return _current.get()


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate the form of ``singular`` / ``plural`` that ``count`` takes in the current
    language (Dutch and English both have two forms; the catalog's Plural-Forms decides)."""
    return translations(_current.get()).ngettext(singular, plural, count)


def counted(singular: str, plural: str, count: int) -> str:
    """``ngettext`` with ``{count}`` filled: a part such as "3 entries" for a longer sentence."""
    return ngettext(singular, plural, count).format(count=count)


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark ``message`` for extraction without translating it yet."""
    return message


class Plural(NamedTuple):
    """A message with a singular and a plural msgid, chosen by the parameter ``key`` names
    ("{days} days have ..."): ``translate`` picks the form the number takes in the language."""

    singular: str
    plural: str
    key: str = "count"


def NP_(singular: str, plural: str, key: str = "count") -> Plural:  # noqa: N802 - marker
    """Mark a message with plural forms for extraction (``key``: the parameter that decides)."""
    return Plural(singular, plural, key)


def msgid(message: str | Plural) -> str:
    """The (singular) msgid of ``message``, as a JSON answer's untranslated "message" gives it."""
    return message.singular if isinstance(message, Plural) else message


class Msgid(str):
    """A msgid passed as a message parameter: translated when the message is."""

    __slots__ = ()


def _localise(value: object) -> object:
    """Floats in the current language's notation (1.5 -> "1,5" in Dutch); a ``Msgid``
    translated."""
    if isinstance(value, Msgid):
        return _(value)
    if isinstance(value, float):
        from .cldr_numbers import format_decimal

        try:
            return format_decimal(value, get_language())
        except (ArithmeticError, ValueError):  # beyond the decimal context's precision
            return f"{value:g}"
    return value


def translate(message: str | Plural, params: Mapping[str, object] | None = None) -> str:
    """Translate a msgid (or the form of a ``Plural`` its count takes) and fill its ``{name}``
    placeholders."""
    if isinstance(message, Plural):
        count = (params or {}).get(message.key, 0)
        number = int(count) if isinstance(count, int | float) and math.isfinite(count) else 0
        text = ngettext(message.singular, message.plural, number)
    else:
        text = _(message)
    if not params:
        return text
    return text.format(**{key: _localise(value) for key, value in params.items()})
