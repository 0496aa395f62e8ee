"""How a typed name is compared with the names in the data: no pydantic or records here, so
food search (``foods/search_text.py``) reads it without loading the knowledge models."""

from __future__ import annotations

import unicodedata


def normalize_name(name: str) -> str:
    """Case-fold, drop accents ("fenytoïne" = "fenytoine") and collapse whitespace."""
    if name.isascii():  # nothing to decompose: the same result, five times faster
        return " ".join(name.casefold().split())
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())
