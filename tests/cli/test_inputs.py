"""Inputs declared once (services/inputs.py): the CLI's options and the API's query parameters
are the same, in the same order, with the same help text; `mgcoach --json COMMAND` is
`mgcoach COMMAND --json`."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest
from fastapi import FastAPI

from mgcoach.cli.app import click_command
from mgcoach.cli.main import main
from mgcoach.i18n import set_language
from mgcoach.services import inputs
from mgcoach.web.api.calculators import router

DECLARED = [
    pytest.param("targets", "/targets", inputs.TargetsInput, id="targets"),
    pytest.param("elemental", "/elemental", inputs.ElementalInput, id="elemental"),
    pytest.param("amount", "/amount", inputs.AmountInput, id="amount"),
    pytest.param("serum", "/serum", inputs.SerumInput, id="serum"),
    pytest.param("energy", "/energy", inputs.EnergyInput, id="energy"),
    pytest.param("check", "/check", inputs.CheckInput, id="check"),
    pytest.param("advise", "/advice", inputs.AdviceInput, id="advise"),
]
# The API spells advise's --serum VALUE UNIT as serum (and serum_unit).
API_SPELLING = {"serum": ["serum", "serum_unit"]}


def _api_parameters() -> dict[str, list[dict[str, object]]]:
    app = FastAPI()
    app.include_router(router)
    paths = app.openapi()["paths"]
    return {path: paths[path]["get"].get("parameters", []) for path in paths}


@pytest.mark.parametrize(("command", "path", "declared"), DECLARED)
def test_cli_and_api_offer_the_declared_inputs(command: str, path: str, declared: type) -> None:
    set_language("en")
    names = [item.name for item in fields(declared)]
    cli = click_command(markup=False).commands[command]
    assert [p.name for p in cli.params][: len(names)] == names
    api = _api_parameters()[path]
    spelled = [part for name in names for part in API_SPELLING.get(name, [name])]
    assert [p["name"] for p in api] == spelled
    cli_help = {p.name: p.help for p in cli.params}
    for parameter in api:
        if parameter["name"] in cli_help and parameter["name"] not in API_SPELLING:
            assert parameter["description"] == cli_help[parameter["name"]]


def test_json_before_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", "amount", "4", "mmol"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert main(["amount", "4", "mmol", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == before
    assert main(["amount", "4", "mmol"]) == 0
    assert capsys.readouterr().out.startswith("97.22 mg")
