"""Barcodes as printed on a pack: EAN-13, EAN-8, UPC-A and GTIN-14, their check digit verified.

A code is read as a person types or a scanner gives it: spaces and dashes are left out. A
12-digit UPC-A is the EAN-13 with a leading 0 (as Open Food Facts stores it), so both spellings
name one product (``canonical``); ``spellings`` are the forms a stored product may carry.

The errors of a barcode look-up live here too, below the importers and services that raise
them: a code that is not a barcode (``bad_barcode``), a product no source knows
(``not_found``), and Open Food Facts out of reach (``offline``).
"""

from __future__ import annotations

import re

from ..errors import InputError, MgCoachError
from ..i18n import N_

LENGTHS = (8, 12, 13, 14)
_SEPARATORS = re.compile(r"[\s\-]+")


class BadBarcodeError(InputError):
    """Not a barcode: a wrong length, a character other than a digit, or a wrong check digit."""

    code = "bad_barcode"
    http_status = 422


class ProductNotFoundError(InputError, LookupError):
    """No product has this barcode (here, or at Open Food Facts when it was asked)."""

    code = "not_found"
    http_status = 404


class OfflineError(MgCoachError):
    """Open Food Facts could not be reached, or gave no usable answer: try again later."""

    code = "offline"
    http_status = 503
    exit_code = 69  # EX_UNAVAILABLE


def check_digit(body: str) -> int:
    """The GS1 check digit of the digits before it: weights 3 and 1 from the right."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def looks_like_barcode(text: str) -> bool:
    """Digits (spaces and dashes allowed) of a barcode's length, its check digit unchecked."""
    digits = _SEPARATORS.sub("", text.strip())
    return digits.isascii() and digits.isdigit() and len(digits) in LENGTHS


def canonical(text: str) -> str:
    """The barcode ``text`` spells, as stored: digits only, a UPC-A as its EAN-13.

    BadBarcodeError says what is wrong: the length, a character, or the check digit (with the
    digit it should be)."""
    digits = _SEPARATORS.sub("", text.strip())
    if digits and not (digits.isascii() and digits.isdigit()):
        raise BadBarcodeError(
            N_("A barcode has digits only; {code} is not one."), field="barcode", code=text.strip()
        )
    if len(digits) not in LENGTHS:
        raise BadBarcodeError(
            N_("A barcode has 8, 12, 13 or 14 digits; {code} has {count}."),
            field="barcode",
            code=digits,
            count=len(digits),
        )
    expected = check_digit(digits[:-1])
    if int(digits[-1]) != expected:
        raise BadBarcodeError(
            N_(
                "The barcode {code} is mistyped: its last digit, the check digit, should be "
                "{expected}, not {given}."
            ),
            field="barcode",
            code=digits,
            expected=expected,
            given=digits[-1],
        )
    return "0" + digits if len(digits) == 12 else digits


def spellings(code: str) -> list[str]:
    """The forms a stored product may carry for a canonical code: itself, and without leading
    zeros down to 8 digits (an EAN-13 ``0…`` as its UPC-A, a GTIN-14 ``0…`` as its EAN-13)."""
    found = [code]
    short = code
    while short.startswith("0") and len(short) > 8:
        short = short[1:]
        if len(short) in LENGTHS:
            found.append(short)
    return found
