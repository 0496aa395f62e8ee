"""A supplement entry keeps its basis (the whole tablet or the magnesium itself): stored with
the answer, derived for an entry stored before bases were kept, and corrected by `edit`."""

from __future__ import annotations

from typing import Any

import pytest

from mgcoach.errors import AmbiguousDoseError, InputError
from mgcoach.journal.model import SupplementEntry
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal_log import (
    EntryChanges,
    basis_can_change,
    edit_entry,
    entry_basis,
    list_entries,
    log_supplement,
)
from mgcoach.storage import journal as store
from mgcoach.storage.database import Database
from tests.journal.test_log import AT, DAY, person  # noqa: F401

OLDER = {"name": "x", "compound": "magnesium_oxide", "label": None, "dose_mg": 500.0}


@pytest.mark.parametrize(
    ("detail", "basis"),
    [
        pytest.param({**OLDER, "basis": "compound", "given_as": "label"}, "compound", id="stored"),
        pytest.param({**OLDER, "elemental_mg": 301.5, "given_as": "compound"}, "compound",
                     id="older-compound"),
        pytest.param({**OLDER, "elemental_mg": 500.0, "given_as": "elemental"}, "elemental",
                     id="older-elemental"),
        pytest.param({**OLDER, "elemental_mg": 120.0, "dose_mg": None, "given_as": "import"},
                     "elemental", id="older-import"),
        pytest.param({**OLDER, "label": "Magnesium oxide 500 mg", "elemental_mg": 301.5,
                      "given_as": "label"}, "compound", id="older-label-as-compound"),
        pytest.param({**OLDER, "label": "Magnesium (as oxide) 250 mg", "dose_mg": 414.6,
                      "elemental_mg": 250.0, "given_as": "label"}, "elemental",
                     id="older-label-stating-magnesium"),
    ],
)  # fmt: skip
def test_entry_basis(detail: dict[str, Any], basis: str) -> None:
    assert entry_basis(SupplementEntry.from_fields(detail, day=DAY)) == basis


@pytest.mark.parametrize(
    ("detail", "can"),
    [
        pytest.param({**OLDER, "elemental_mg": 301.5, "given_as": "compound"}, True, id="dose"),
        pytest.param({**OLDER, "compound": None, "elemental_mg": 1.0, "given_as": "elemental"},
                     False, id="no-compound"),
        pytest.param({**OLDER, "elemental_mg": 120.0, "given_as": "import"}, False, id="import"),
        pytest.param({**OLDER, "label": "Magnesium oxide 500 mg", "elemental_mg": 500.0,
                      "basis": "elemental", "given_as": "label"}, True, id="ambiguous-label"),
        pytest.param({**OLDER, "label": "Magnesium (as oxide) 250 mg", "elemental_mg": 250.0,
                      "basis": "elemental", "given_as": "label"}, False, id="clear-label"),
    ],
)  # fmt: skip
def test_basis_can_change(detail: dict[str, Any], can: bool) -> None:
    assert basis_can_change(SupplementEntry.from_fields(detail, day=DAY)) is can


def test_nothing_is_stored_without_an_answer(person: Database, kb: KnowledgeBase) -> None:  # noqa: F811
    with pytest.raises(AmbiguousDoseError):
        log_supplement(person, kb, AT, "glycinate", 200.0, None)
    with pytest.raises(AmbiguousDoseError):
        log_supplement(person, kb, AT, None, None, "Magnesium glycinate 500 mg")
    assert list_entries(person, "default", None, None)[1] == []


def test_an_entry_without_a_stored_basis_is_corrected(
    person: Database,  # noqa: F811
    kb: KnowledgeBase,
) -> None:
    """An entry from an older export has no basis: edit reads it as it was stored."""
    detail = {"name": "Magnesium oxide", "compound": "magnesium_oxide", "label": None,
              "dose_mg": 500.0, "elemental_mg": 301.5, "given_as": "compound"}  # fmt: skip
    with person.begin() as connection:
        person_id = store.profiles(connection, store.user_id(connection) or 0)[0].id
        assert person_id is not None
        entry_id = store.add_entry(
            connection, person_id, SupplementEntry.from_fields(detail, day=DAY)
        )
    fixed = edit_entry(person, kb, "default", entry_id, EntryChanges(basis="elemental"))
    assert (fixed.fields()["elemental_mg"], fixed.fields()["basis"]) == (500.0, "elemental")


def test_an_import_without_a_compound_stays_magnesium(
    person: Database,  # noqa: F811
    kb: KnowledgeBase,
) -> None:
    detail = {"name": "Magnesium", "compound": None, "label": "2 tablets", "dose_mg": None,
              "elemental_mg": 120.0, "given_as": "import", "basis": "elemental"}  # fmt: skip
    with person.begin() as connection:
        person_id = store.profiles(connection, store.user_id(connection) or 0)[0].id
        assert person_id is not None
        entry_id = store.add_entry(
            connection, person_id, SupplementEntry.from_fields(detail, day=DAY)
        )
    with pytest.raises(InputError, match="names no compound"):
        edit_entry(person, kb, "default", entry_id, EntryChanges(basis="compound"))
    doubled = edit_entry(person, kb, "default", entry_id, EntryChanges(dose_mg=240.0))
    assert (doubled.fields()["elemental_mg"], doubled.fields()["basis"]) == (240.0, "elemental")
