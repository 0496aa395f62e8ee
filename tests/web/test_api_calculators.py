"""The calculator endpoints answer exactly what the CLI prints with --json, for the same values
(query parameters named as the options, repeated options repeated); refusals are 422 or 404
with the CLI's own message, in Dutch for Accept-Language: nl."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.cli.running import run_error, run_json

Params = list[tuple[str, str]]

ADULT_CLI = ["--age", "45", "--sex", "female"]
ADULT: Params = [("age", "45"), ("sex", "female")]

# (CLI arguments, API path, query parameters): the same request twice.
CASES: list[tuple[list[str], str, Params]] = [
    # targets
    (
        ["targets", "--age", "32", "--sex", "female", "--pregnant"],
        "/targets",
        [("age", "32"), ("sex", "female"), ("pregnant", "true"), ("system", "us")],
    ),
    (
        ["targets", "--age-months", "3", "--sex", "male", "--system", "efsa"],
        "/targets",
        [("age_months", "3"), ("sex", "male"), ("system", "efsa")],
    ),
    (
        ["targets", "--age", "40", "--sex", "male", "--system", "uk", "--weight-kg", "82"],
        "/targets",
        [("age", "40"), ("sex", "male"), ("system", "uk"), ("weight_kg", "82")],
    ),
    (
        ["targets", "--age", "30", "--sex", "female", "--lactating", "--postpartum-months", "4",
         "--system", "nl", "--phytate-mg", "1200"],
        "/targets",
        [("age", "30"), ("sex", "female"), ("lactating", "true"), ("postpartum_months", "4"),
         ("system", "nl"), ("phytate_mg", "1200")],
    ),
    (
        ["targets", "--age", "28", "--sex", "f", "--pregnant", "--trimester", "2", "--system",
         "dach"],
        "/targets",
        [("age", "28"), ("sex", "f"), ("pregnant", "true"), ("trimester", "2"),
         ("system", "dach")],
    ),
    # elemental
    (["elemental", "magnesium citrate", "500"], "/elemental",
     [("compound", "magnesium citrate"), ("dose_mg", "500")]),
    (["elemental", "glycinate", "1000"], "/elemental",
     [("compound", "glycinate"), ("dose_mg", "1000")]),
    (["elemental", "--label", "Magnesium (as bisglycinate) 200 mg"], "/elemental",
     [("label", "Magnesium (as bisglycinate) 200 mg")]),
    (["elemental", "oxide", "--elemental-mg", "250"], "/elemental",
     [("compound", "oxide"), ("elemental_mg", "250")]),
    # amount
    (["amount", "4", "mmol"], "/amount", [("value", "4"), ("unit", "mmol")]),
    (["amount", "250", "mg"], "/amount", [("value", "250"), ("unit", "mg")]),
    (["amount", "1.5", "g"], "/amount", [("value", "1.5"), ("unit", "g")]),
    (["amount", "10", "mEq"], "/amount", [("value", "10"), ("unit", "mEq")]),
    # serum
    (["serum", "1.8", "mg/dL"], "/serum", [("value", "1.8"), ("unit", "mg/dL")]),
    (["serum", "0.4", "mmol/L"], "/serum", [("value", "0.4"), ("unit", "mmol/L")]),
    (["serum", "0.72", "mmol/L", "--lab-range", "0.70-1.00"], "/serum",
     [("value", "0.72"), ("unit", "mmol/L"), ("lab_range", "0.70-1.00")]),
    (["serum", "1.6", "mEq/L"], "/serum", [("value", "1.6"), ("unit", "mEq/L")]),
    # energy
    (
        ["energy", "--age", "35", "--sex", "male", "--activity", "moderate", "--weight-kg", "80",
         "--height-cm", "180"],
        "/energy",
        [("age", "35"), ("sex", "male"), ("activity", "moderate"), ("weight_kg", "80"),
         ("height_cm", "180")],
    ),
    (
        ["energy", "--age", "50", "--sex", "female", "--activity", "1.375", "--weight-lb", "150",
         "--height-in", "64", "--goal-lb-per-week", "-1"],
        "/energy",
        [("age", "50"), ("sex", "female"), ("activity", "1.375"), ("weight_lb", "150"),
         ("height_in", "64"), ("goal_lb_per_week", "-1")],
    ),
    (
        ["energy", "--age", "25", "--sex", "female", "--activity", "very", "--weight-kg", "60",
         "--height-cm", "165", "--goal-kg-per-week", "0.25"],
        "/energy",
        [("age", "25"), ("sex", "female"), ("activity", "very"), ("weight_kg", "60"),
         ("height_cm", "165"), ("goal_kg_per_week", "0.25")],
    ),
    # check
    (
        ["check", *ADULT_CLI, "--med", "doxycycline@08:00", "--take", "200@09:00"],
        "/check",
        [*ADULT, ("med", "doxycycline@08:00"), ("take", "200@09:00")],
    ),
    (
        ["check", *ADULT_CLI, "--med", "levothyroxine@07:00", "--med", "ciprofloxacin@08:00,20:00",
         "--take", "150@12:00", "--take", "150@21:00", "--no-evening"],
        "/check",
        [*ADULT, ("med", "levothyroxine@07:00"), ("med", "ciprofloxacin@08:00,20:00"),
         ("take", "150@12:00"), ("take", "150@21:00"), ("evening", "false")],
    ),
    (
        ["check", "--age", "70", "--sex", "male", "--egfr", "25", "--take", "400@08:00",
         "--condition", "diabetes", "--compound", "oxide", "--system", "efsa"],
        "/check",
        [("age", "70"), ("sex", "male"), ("egfr", "25"), ("take", "400@08:00"),
         ("condition", "diabetes"), ("compound", "oxide"), ("system", "efsa")],
    ),
    (
        ["check", *ADULT_CLI, "--any-time", "--meals", "07:30,12:00,18:00", "--awake",
         "06:00-22:00", "--max-dose-mg", "100", "--take", "300@20:00", "--dialysis"],
        "/check",
        [*ADULT, ("with_meals", "false"), ("meals", "07:30,12:00,18:00"),
         ("awake", "06:00-22:00"), ("max_dose_mg", "100"), ("take", "300@20:00"),
         ("dialysis", "true")],
    ),
    (
        ["check", "--age", "31", "--sex", "female", "--pregnant", "--weight-kg", "70", "--take",
         "350@21:00"],
        "/check",
        [("age", "31"), ("sex", "female"), ("pregnant", "true"), ("weight_kg", "70"),
         ("take", "350@21:00")],
    ),
    # check: a prescribed dose above the upper limit (times), the same dose unprescribed (none)
    (["check", *ADULT_CLI, "--take", "600@08:00", "--prescribed"], "/check",
     [*ADULT, ("take", "600@08:00"), ("prescribed", "true")]),
    (["check", *ADULT_CLI, "--take", "600@08:00"], "/check", [*ADULT, ("take", "600@08:00")]),
    # advise
    (["advise", *ADULT_CLI], "/advice", ADULT),
    # magnesium already taken narrows the gap; prescribed doses; a red flag leaves no plan
    (["advise", *ADULT_CLI, "--food-mg", "150", "--take", "200@08:00"], "/advice",
     [*ADULT, ("food_mg", "150"), ("take", "200@08:00")]),
    (["advise", *ADULT_CLI, "--take", "500@08:00", "--take", "100@20:00", "--prescribed"],
     "/advice", [*ADULT, ("take", "500@08:00"), ("take", "100@20:00"), ("prescribed", "true")]),
    (["advise", *ADULT_CLI, "--take", "500@08:00"], "/advice", [*ADULT, ("take", "500@08:00")]),
    (["advise", *ADULT_CLI, "--symptom", "chest pain", "--take", "200@21:00"], "/advice",
     [*ADULT, ("symptom", "chest pain"), ("take", "200@21:00")]),
    (
        ["advise", *ADULT_CLI, "--symptom", "cramps", "--food-mg", "200", "--serum", "0.68",
         "mmol/L", "--need", "gi_sensitive", "--med", "levothyroxine@07:00"],
        "/advice",
        [*ADULT, ("symptom", "cramps"), ("food_mg", "200"), ("serum", "0.68 mmol/L"),
         ("need", "gi_sensitive"), ("med", "levothyroxine@07:00")],
    ),
    (
        ["advise", "--age", "29", "--sex", "male", "--condition", "athlete", "--compound",
         "citrate", "--no-evening", "--any-time", "--serum", "1.7", "mg/dL", "--weight-kg", "75"],
        "/advice",
        [("age", "29"), ("sex", "male"), ("condition", "athlete"), ("compound", "citrate"),
         ("evening", "false"), ("with_meals", "false"), ("serum", "1.7"),
         ("serum_unit", "mg/dL"), ("weight_kg", "75")],
    ),
    (
        ["advise", "--age", "62", "--sex", "female", "--egfr", "40", "--symptom", "fatigue",
         "--symptom", "cramps", "--need", "constipation", "--system", "nl"],
        "/advice",
        [("age", "62"), ("sex", "female"), ("egfr", "40"), ("symptom", "fatigue"),
         ("symptom", "cramps"), ("need", "constipation"), ("system", "nl")],
    ),
    # names
    (["names"], "/names", []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("cli", "path", "params"), CASES, ids=[f"{c[0][0]}-{i}" for i, c in enumerate(CASES)]
)
def test_same_json_as_the_cli(
    local_client: TestClient,
    capsys: pytest.CaptureFixture[str],
    cli: list[str],
    path: str,
    params: Params,
) -> None:
    response = local_client.get(f"/api/v1{path}", params=params)
    assert response.status_code == 200, response.text
    assert response.json() == run_json(capsys, *cli)


def test_the_issue_example(local_client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    data = local_client.get("/api/v1/targets?age=32&sex=female&pregnant=true&system=us").json()
    assert data == run_json(capsys, "targets", "--age", "32", "--sex", "female", "--pregnant")
    # IOM 1997: the RDA in pregnancy at 31-50 years is 360 mg, 350 mg from supplements at most
    assert data["magnesium"]["target_mg"] == 360 and data["magnesium"]["kind"] == "RDA"
    assert data["magnesium"]["supplemental_ul_mg"] == 350
    assert data["magnesium"]["sources"] == ["IOM97"]


def _error(response: Any) -> tuple[str, str]:
    body = response.json()
    assert body["detail"][0]["msg"] == body["error"]["message"]
    return body["error"]["code"], body["error"]["message"]


# (API path, parameters, status, error code, the same request on the CLI)
REFUSALS: list[tuple[str, Params, int, str, list[str]]] = [
    ("/targets", [("age", "300"), ("sex", "female")], 422, "invalid_profile",
     ["targets", "--age", "300", "--sex", "female"]),
    ("/targets", [("age", "40"), ("sex", "male"), ("pregnant", "true")], 422, "invalid_profile",
     ["targets", "--age", "40", "--sex", "male", "--pregnant"]),
    ("/targets", [("age", "40"), ("sex", "x")], 422, "invalid_profile",
     ["targets", "--age", "40", "--sex", "x"]),
    ("/elemental", [("compound", "unobtainium"), ("dose_mg", "100")], 404, "unknown_compound",
     ["elemental", "unobtainium", "100"]),
    ("/elemental", [("compound", "citrate")], 422, "invalid_input", ["elemental", "citrate"]),
    ("/amount", [("value", "5"), ("unit", "kg")], 422, "invalid_input", ["amount", "5", "kg"]),
    ("/serum", [("value", "0.7"), ("unit", "mmol/L"), ("lab_range", "1-0.5")], 422,
     "invalid_input", ["serum", "0.7", "mmol/L", "--lab-range", "1-0.5"]),
    ("/energy", [("age", "35"), ("sex", "male"), ("activity", "moderate"), ("height_cm", "180")],
     422, "invalid_input", ["energy", "--age", "35", "--sex", "male", "--activity", "moderate",
                            "--height-cm", "180"]),
    ("/check", [*ADULT, ("med", "notadrug@08:00")], 404, "unknown_name",
     ["check", *ADULT_CLI, "--med", "notadrug@08:00"]),
    ("/check", [*ADULT, ("take", "200@08:00"), ("take", "100@08:00")], 422, "invalid_input",
     ["check", *ADULT_CLI, "--take", "200@08:00", "--take", "100@08:00"]),
    ("/advice", [*ADULT, ("symptom", "nonsense")], 404, "unknown_name",
     ["advise", *ADULT_CLI, "--symptom", "nonsense"]),
    ("/advice", [*ADULT, ("awake", "22:00-07:00")], 422, "invalid_input",
     ["advise", *ADULT_CLI, "--awake", "22:00-07:00"]),
    ("/advice", [*ADULT, ("take", "lots@08:00")], 422, "invalid_input",
     ["advise", *ADULT_CLI, "--take", "lots@08:00"]),
]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize(
    ("path", "params", "status", "code", "cli"),
    REFUSALS,
    ids=[f"{r[0][1:]}-{i}" for i, r in enumerate(REFUSALS)],
)
def test_refusals_carry_the_cli_message(
    local_client: TestClient,
    capsys: pytest.CaptureFixture[str],
    language: str,
    path: str,
    params: Params,
    status: int,
    code: str,
    cli: list[str],
) -> None:
    response = local_client.get(
        f"/api/v1{path}", params=params, headers={"Accept-Language": language}
    )
    assert response.status_code == status, response.text
    found_code, message = _error(response)
    assert found_code == code
    exit_code, line = run_error(capsys, *cli, "--lang", language)
    assert exit_code == 2
    prefix = "Fout: " if language == "nl" else "Error: "
    # The same words; the command line may add its own options after them (cli/hints.py).
    assert line.startswith(prefix + message)
    assert "--" not in message


def test_dutch_message_is_dutch(local_client: TestClient) -> None:
    params = [("age", "300"), ("sex", "female")]
    english = _error(local_client.get("/api/v1/targets", params=params))[1]
    dutch = _error(
        local_client.get("/api/v1/targets", params=params, headers={"Accept-Language": "nl"})
    )[1]
    assert english == "An age of 300 is not possible: give an age from 0 to 125 years."
    assert dutch.startswith("Een leeftijd van 300")


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/targets", [("sex", "female"), ("age", "nan")], "age"),
        ("/targets", [("sex", "female"), ("age", "-1")], "age"),
        ("/targets", [("age", "40")], "sex"),
        ("/targets", [("sex", "female"), ("trimester", "4")], "trimester"),
        ("/check", [*ADULT, ("egfr", "inf")], "egfr"),
        ("/check", [*ADULT, *[("med", "ciprofloxacin@08:00")] * 31], "med"),
        ("/amount", [("value", "1"), ("unit", "u" * 21)], "unit"),
    ],
)
def test_bad_parameters_name_the_field(
    local_client: TestClient, path: str, params: Params, field: str
) -> None:
    response = local_client.get(f"/api/v1{path}", params=params)
    assert response.status_code == 422
    assert ["query", field] in [item["loc"] for item in response.json()["detail"]]


def test_serum_as_one_or_two_parameters(local_client: TestClient) -> None:
    one = local_client.get("/api/v1/advice", params=[*ADULT, ("serum", "0.6 mmol/L")])
    two = local_client.get(
        "/api/v1/advice", params=[*ADULT, ("serum", "0.6"), ("serum_unit", "mmol/L")]
    )
    without = local_client.get("/api/v1/advice", params=ADULT)
    assert one.status_code == two.status_code == 200
    assert one.json() == two.json()
    assert one.json() != without.json()  # the low value changes the plan
    for bad in ([("serum", "0.6")], [("serum", "low mmol/L")], [("serum_unit", "mmol/L")],
                [("serum", "1e30 mmol/L")]):  # fmt: skip
        refused = local_client.get("/api/v1/advice", params=[*ADULT, *bad])
        assert refused.status_code == 422, (bad, refused.text)
        assert refused.json()["error"]["code"] == "invalid_input"


def test_an_activity_no_factor_can_be_is_refused(local_client: TestClient) -> None:
    base = [("age", "45"), ("sex", "female"), ("weight_kg", "60"), ("height_cm", "160")]
    for activity in ("nan", "inf", "-inf", "1e30"):
        response = local_client.get("/api/v1/energy", params=[*base, ("activity", activity)])
        assert response.status_code == 422, (activity, response.text)
        assert response.json()["error"]["params"]["activity"] == activity


def test_openapi_documents_every_parameter(local_client: TestClient) -> None:
    document = local_client.get("/api/v1/openapi.json").json()
    mine = ("/targets", "/elemental", "/amount", "/serum", "/energy", "/check", "/advice",
            "/names", "/foods/", "/profiles", "/entries", "/day/", "/week/", "/trend",
            "/export")  # fmt: skip
    checked = 0
    for path, operations in document["paths"].items():
        if not path.removeprefix("/api/v1").startswith(mine):
            continue
        for operation in operations.values():
            assert operation.get("summary"), path
            for parameter in operation.get("parameters", []):
                name = f"{path} {parameter['name']}"
                assert parameter.get("description"), name
                options = [parameter["schema"], *parameter["schema"].get("anyOf", [])]
                for option in options:
                    if option.get("type") in ("number", "integer"):
                        assert "minimum" in option and "maximum" in option, name
                    if option.get("type") == "string":
                        assert "maxLength" in option, name
                    if option.get("type") == "array":
                        assert "maxItems" in option and "maxLength" in option["items"], name
                checked += 1
    assert checked > 100


def test_taken_and_prescribed_change_the_answer(local_client: TestClient) -> None:
    """``take`` counts against the gap and the upper limit; ``prescribed`` lets times be
    suggested above the limit (the CLI's --take and --prescribed)."""

    def advice(*extra: tuple[str, str]) -> dict[str, Any]:
        response = local_client.get("/api/v1/advice", params=[*ADULT, ("food_mg", "50"), *extra])
        assert response.status_code == 200, response.text
        data: dict[str, Any] = response.json()
        return data

    alone = advice()
    taking = advice(("take", "200@08:00"))
    assert taking["intake"]["taken_mg"] == taking["gate"]["taken_mg"] == 200
    # a 320 mg target, 50 mg food: 275 mg alone, 75 mg on top of the 200 mg already taken
    assert (alone["supplement"]["daily_mg"], taking["supplement"]["daily_mg"]) == (275, 75)
    above = advice(("take", "500@08:00"))
    assert above["supplement"] is None and above["gate"]["plan"] is False
    assert above["gate"]["verdict"] == "lower_dose"
    prescribed = advice(("take", "500@08:00"), ("prescribed", "true"))
    assert prescribed["gate"]["prescribed"] is True and prescribed["gate"]["schedule_allowed"]

    def check(*extra: tuple[str, str]) -> dict[str, Any]:
        params = [*ADULT, ("take", "600@08:00"), *extra]
        response = local_client.get("/api/v1/check", params=params)
        assert response.status_code == 200, response.text
        data: dict[str, Any] = response.json()
        return data

    assert check()["suggested_times"] == [] and check()["gate"]["prescribed"] is False
    ordered = check(("prescribed", "true"))
    assert ordered["gate"]["prescribed"] is True and ordered["suggested_times"]
