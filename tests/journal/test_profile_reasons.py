"""Why a person came (the reasons asked at onboarding) on the profile: named in English or
Dutch, stored each once in a fixed order, kept when not given, in the profile JSON, and in an
export that imports again; an export made before reasons existed still imports."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from mgcoach.contract.journal import profile_json
from mgcoach.errors import InputError
from mgcoach.journal.model import REASONS, ordered_reasons
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal import (
    REASON_LABELS,
    ProfileChanges,
    parse_reason,
    set_profile,
    show_profile,
)
from mgcoach.services.journal_export import export_document
from mgcoach.services.journal_transfer import import_document
from mgcoach.storage.database import Database
from tests.databases import Templates, open_fresh

DAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("cramps", "cramps"),
        ("night cramps", "cramps"),
        ("Nachtkrampen", "cramps"),
        ("soreness", "soreness"),
        ("slow recovery", "soreness"),
        ("spierpijn", "soreness"),
        ("sleep", "poor_sleep"),
        ("poor-sleep", "poor_sleep"),
        ("slaap", "poor_sleep"),
        ("check_intake", "check_intake"),
        ("intake", "check_intake"),
        ("Just checking my intake", "check_intake"),
        ("inname", "check_intake"),
    ],
)
def test_a_reason_by_any_of_its_names(kb: KnowledgeBase, text: str, reason: str) -> None:
    assert parse_reason(kb, text) == reason


@pytest.mark.parametrize("text", ["", "twitches", "migraine", "zombies"])
def test_other_words_are_no_reason(kb: KnowledgeBase, text: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_reason(kb, text)
    assert raised.value.fields == ("reasons",)
    assert "cramps, soreness, poor_sleep, check_intake" in str(raised.value)


def test_every_reason_has_words_and_a_fixed_order() -> None:
    assert set(REASON_LABELS) == set(REASONS)
    assert ordered_reasons(["check_intake", "cramps", "cramps", "x"]) == ("cramps", "check_intake")


def test_reasons_are_set_kept_and_removed(db: Database, kb: KnowledgeBase) -> None:
    new = ProfileChanges(age=40, sex="female", reasons=["sleep", "cramps", "nachtkramp"])
    person = set_profile(db, kb, "p", new, DAY)
    assert person.reasons == ("cramps", "poor_sleep")
    assert profile_json(person)["reasons"] == ["cramps", "poor_sleep"]
    kept = set_profile(db, kb, "p", ProfileChanges(weight_kg=60), DAY)
    assert kept.reasons == ("cramps", "poor_sleep")
    with pytest.raises(InputError):
        set_profile(db, kb, "p", ProfileChanges(reasons=["zombies"]), DAY)
    assert show_profile(db, "p").reasons == ("cramps", "poor_sleep")
    assert set_profile(db, kb, "p", ProfileChanges(reasons=[]), DAY).reasons == ()
    assert profile_json(show_profile(db, "p"))["reasons"] == []


def test_the_export_holds_the_reasons_and_imports_again(
    db: Database, kb: KnowledgeBase, db_templates: Templates, tmp_path: Any
) -> None:
    set_profile(db, kb, "p", ProfileChanges(age=40, sex="male", reasons=["intake"]), DAY)
    set_profile(db, kb, "q", ProfileChanges(age=30, sex="female"), DAY)
    document = export_document(db)
    assert [p["reasons"] for p in document["profiles"]] == [["check_intake"], []]
    target = open_fresh(db_templates, "sqlite", tmp_path / "into")
    try:
        import_document(target, copy.deepcopy(dict(document)))
        again = export_document(target)
        assert again["profiles"] == document["profiles"]
    finally:
        target.dispose()


def test_an_export_from_before_reasons_imports(
    db: Database, kb: KnowledgeBase, db_templates: Templates, tmp_path: Any
) -> None:
    set_profile(db, kb, "p", ProfileChanges(age=40, sex="male"), DAY)
    document: dict[str, Any] = copy.deepcopy(dict(export_document(db)))
    del document["profiles"][0]["reasons"]
    target = open_fresh(db_templates, "sqlite", tmp_path / "old")
    try:
        assert import_document(target, document)["profiles"] == 1
        assert show_profile(target, "p").reasons == ()
    finally:
        target.dispose()


def test_an_import_with_an_unknown_reason_imports_nothing(
    db: Database, kb: KnowledgeBase, db_templates: Templates, tmp_path: Any
) -> None:
    set_profile(db, kb, "p", ProfileChanges(age=40, sex="male"), DAY)
    document: dict[str, Any] = copy.deepcopy(dict(export_document(db)))
    document["profiles"][0]["reasons"] = ["cramps", "zombies"]
    target = open_fresh(db_templates, "sqlite", tmp_path / "bad")
    try:
        with pytest.raises(InputError) as raised:
            import_document(target, document)
        assert "reasons" in raised.value.fields
        assert export_document(target)["profiles"] == []
    finally:
        target.dispose()
