"""`foods add|add-water|recipe --user NAME` give the food to one account of a multi-user
database; without --user a food is shared, and the CLI sees the shared foods (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgcoach.services.database import open_database
from mgcoach.storage.journal import user_id
from tests.cli.running import run_error, run_json


@pytest.fixture
def anna(data_dir: Path) -> int:
    db = open_database()
    with db.begin() as connection:
        found = user_id(connection, "anna")
    db.dispose()
    assert found is not None
    return found


def _ids(found: list[dict[str, object]]) -> list[object]:
    return [item["id"] for item in found]


def test_a_food_added_for_an_account_is_that_accounts_alone(
    capsys: pytest.CaptureFixture[str], anna: int
) -> None:
    own = run_json(capsys, "foods", "add", "Zorblax bar", "magnesium_mg=300", "--user", "anna")
    water = run_json(capsys, "foods", "add-water", "Zorblax water", "--magnesium-mg-per-l", "90",
                     "--user", "anna")  # fmt: skip
    recipe = run_json(capsys, "foods", "recipe", "Zorblax mix", "--ingredient",
                      f"{own['id']}=40 g", "--user", "anna")  # fmt: skip
    shared = run_json(capsys, "foods", "add", "Quuxle crisp", "magnesium_mg=100")

    assert _ids(run_json(capsys, "foods", "search", "zorblax")) == []
    mine = _ids(run_json(capsys, "foods", "search", "zorblax", "--user", "anna"))
    assert {own["id"], water["id"], recipe["id"]} <= set(mine)
    code, message = run_error(capsys, "foods", "show", own["id"])
    assert code == 2 and "No food has the id" in message
    assert run_json(capsys, "foods", "show", own["id"], "--user", "anna")["id"] == own["id"]
    assert _ids(run_json(capsys, "foods", "search", "quuxle")) == [shared["id"]]
    assert _ids(run_json(capsys, "foods", "search", "quuxle", "--user", "anna")) == [shared["id"]]


def test_a_recipe_without_the_account_cannot_use_its_food(
    capsys: pytest.CaptureFixture[str], anna: int
) -> None:
    own = run_json(capsys, "foods", "add", "Zorblax bar", "magnesium_mg=300", "--user", "anna")
    code, _message = run_error(
        capsys, "foods", "recipe", "Borrowed", "--ingredient", f"{own['id']}=40 g"
    )
    assert code == 2


@pytest.mark.usefixtures("data_dir")
def test_an_unknown_account_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, message = run_error(capsys, "foods", "add", "X", "magnesium_mg=1", "--user", "nobody")
    assert code == 2 and "No account is named nobody." in message
