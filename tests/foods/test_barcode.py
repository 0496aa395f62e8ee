"""Barcodes (foods/barcode.py): EAN-13, EAN-8, UPC-A and GTIN-14 with their check digit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcoach.foods.barcode import (
    BadBarcodeError,
    canonical,
    check_digit,
    looks_like_barcode,
    spellings,
)
from mgcoach.i18n import translate

BODIES = st.sampled_from([7, 11, 12, 13]).flatmap(
    lambda n: st.text(alphabet="0123456789", min_size=n, max_size=n)
)


def _valid(body: str) -> str:
    return body + str(check_digit(body))


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("5449000000996", "5449000000996"),  # EAN-13
        ("73610052", "73610052"),  # EAN-8
        ("036000291452", "0036000291452"),  # UPC-A: its EAN-13
        ("10012345678902", "10012345678902"),  # GTIN-14
        (" 5 449000-000996 ", "5449000000996"),  # spaces and dashes as printed
    ],
)
def test_a_valid_barcode_reads_as_stored(text: str, stored: str) -> None:
    assert canonical(text) == stored


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("5449000000997", "should be 6, not 7"),
        ("54490001", "should be 0, not 1"),
        ("12345", "8, 12, 13 or 14 digits"),
        ("544900000099x", "digits only"),
        ("", "8, 12, 13 or 14 digits"),
    ],
)
def test_a_wrong_barcode_says_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(BadBarcodeError) as caught:
        canonical(text)
    assert caught.value.code == "bad_barcode"
    assert caught.value.fields == ("barcode",)
    assert words in translate(caught.value.message, caught.value.params)


def test_the_check_digit_message_is_dutch_too() -> None:
    from mgcoach.i18n import set_language

    set_language("nl")
    with pytest.raises(BadBarcodeError) as caught:
        canonical("5449000000997")
    text = translate(caught.value.message, caught.value.params)
    assert "6" in text and "7" in text


@given(BODIES)
def test_a_code_with_its_computed_check_digit_always_passes(body: str) -> None:
    code = _valid(body)
    stored = canonical(code)
    assert stored.endswith(code) and len(stored) in (8, 13, 14)
    assert code in spellings(stored) or len(code) == 12


@given(BODIES, st.data())
def test_any_single_digit_changed_fails(body: str, data: st.DataObject) -> None:
    code = _valid(body)
    place = data.draw(st.integers(0, len(code) - 1))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != code[place]]))
    changed = code[:place] + digit + code[place + 1 :]
    with pytest.raises(BadBarcodeError):
        canonical(changed)


def test_spellings_reach_the_upc_a_and_the_ean_13_of_a_padded_code() -> None:
    assert spellings("0036000291452") == ["0036000291452", "036000291452"]
    assert spellings("00036000291452") == ["00036000291452", "0036000291452", "036000291452"]
    assert spellings("5449000000996") == ["5449000000996"]


def test_looks_like_barcode_is_about_length_and_digits_only() -> None:
    assert looks_like_barcode("5449 0000 00997")
    assert not looks_like_barcode("usda:12061")
    assert not looks_like_barcode("12061")
