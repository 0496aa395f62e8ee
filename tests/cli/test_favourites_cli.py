"""``foods favourite``, ``foods favourites`` and ``foods recent``: the Log page's one-tap lists
on the command line, with the same JSON as the API (contract/daily.py)."""

from __future__ import annotations

from datetime import date

import pytest

from mgcoach.cli.main import main
from tests.cli.running import run_error, run_json
from tests.cli.test_journal_cli import backend as backend  # a fixture
from tests.cli.test_journal_cli import make_profile

FAVOURITE_KEYS = {"food_id", "name", "amount", "grams", "magnesium_mg", "meal"}


@pytest.mark.usefixtures("backend")
def test_save_change_list_and_remove(capsys: pytest.CaptureFixture[str]) -> None:
    make_profile(capsys)
    saved = run_json(capsys, "foods", "favourite", "almonds", "30 g", "--meal", "ontbijt")
    assert set(saved) == FAVOURITE_KEYS
    assert (saved["food_id"], saved["magnesium_mg"], saved["meal"]) == (
        "usda:12061",
        81,
        "breakfast",
    )
    run_json(capsys, "foods", "favourite", "havermout", "40 g")
    changed = run_json(capsys, "foods", "favourite", "usda:12061", "1 handje")
    assert (changed["amount"], changed["magnesium_mg"], changed["meal"]) == ("1 handje", 67.5, None)
    listed = run_json(capsys, "foods", "favourites")
    assert [(f["food_id"], f["amount"]) for f in listed] == [
        ("usda:12061", "1 handje"), ("usda:08120", "40 g"),
    ]  # fmt: skip
    assert run_json(capsys, "foods", "favourite", "almonds", "--remove") == {"removed": "almonds"}
    assert [f["food_id"] for f in run_json(capsys, "foods", "favourites")] == ["usda:08120"]
    code, err = run_error(capsys, "foods", "favourite", "almonds", "--remove")
    assert code != 0 and "almonds is not one of your favourites." in err


@pytest.mark.usefixtures("backend")
def test_bad_favourites_say_why_and_store_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    make_profile(capsys)
    for args, said in (
        (("zzqxv", "30 g"), "No food matches zzqxv"),
        (("almonds", "3 bushels"), "Almonds has no bushel"),
        (("almonds",), "Give the amount to log it with"),
    ):
        code, err = run_error(capsys, "foods", "favourite", *args)
        assert code != 0 and said in err
    assert run_json(capsys, "foods", "favourites") == []
    assert main(["--lang", "nl", "foods", "favourites"]) == 0
    assert "Nog geen favorieten" in capsys.readouterr().out


@pytest.mark.usefixtures("backend")
def test_recent_lists_what_was_logged(capsys: pytest.CaptureFixture[str]) -> None:
    make_profile(capsys)
    today = date.today().isoformat()
    for amount in ("30 g", "20 g"):
        run_json(capsys, "log", "food", "almonds", amount, "--date", today)
    found = run_json(capsys, "foods", "recent")
    (recent,) = found["recent"]
    assert (recent["food_id"], recent["amount"], recent["times"]) == ("usda:12061", "20 g", 2)
    assert [f["food_id"] for f in found["frequent"]] == ["usda:12061"]
