"""The public contract of `mgcoach check`, `advise` and `assess`: JSON keys with real values,
bad input as one "Error:" line with exit code 2, Dutch names and Dutch output."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest

from mgcoach.cli.main import main
from mgcoach.knowledge import load_knowledge

KB = load_knowledge()
ADULT = ["--age", "45", "--sex", "female"]
CHECK_KEYS = {"ok", "interactions", "upper_limit", "kidney", "issues", "suggested_times"}
INTERACTION_KEYS = {
    "drug", "drug_class", "kind", "severity", "hours_before", "hours_after", "conflict",
    "message", "source",
}  # fmt: skip
UPPER_LIMIT_KEYS = {"supplemental_mg", "supplemental_ul_mg", "exceeds_ul", "excess_mg"}
ISSUE_KEYS = {"code", "kind", "severity", "message"}
ADVICE_KEYS = {"status", "targets", "intake", "supplement", "safety", "risk", "evidence"}
RISK_KEYS = {"grade", "reasons", "red_flags", "urgency"}


def hm(text: str) -> int:
    assert len(text) == 5 and text[2] == ":", text
    hours, minutes = int(text[:2]), int(text[3:])
    assert 0 <= hours < 24 and 0 <= minutes < 60, text
    return hours * 60 + minutes


def violates(drug_at: int, mg_at: int, hours_before: float, hours_after: float) -> bool:
    """Fact reference §4.1, independent of the engine."""
    return (drug_at - mg_at) % 1440 < hours_after * 60 or (mg_at - drug_at) % 1440 < (
        hours_before * 60
    )


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code = main([*args, "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def check_shape(data: dict[str, Any]) -> None:
    assert set(data) >= CHECK_KEYS
    assert isinstance(data["ok"], bool)
    assert set(data["upper_limit"]) >= UPPER_LIMIT_KEYS
    for item in data["interactions"]:
        assert set(item) >= INTERACTION_KEYS
        assert item["kind"] in (
            "timing",
            "avoid",
            "depletion",
            "retention",
            "contains_magnesium",
            "additive",
            "none",
        )
        assert item["severity"] in ("info", "caution", "avoid")
        assert isinstance(item["conflict"], bool)
    for issue in data["issues"]:
        assert set(issue) >= ISSUE_KEYS
        assert issue["severity"] in ("info", "caution", "avoid", "emergency")
    for time in data["suggested_times"]:
        hm(time)


# --- check -----------------------------------------------------------------------------------


def test_check_doxycycline_conflict(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "check", *ADULT, "--med", "doxycycline@08:00", "--take", "200@09:00")
    check_shape(data)
    assert data["ok"] is False
    [item] = data["interactions"]
    assert item == item | {
        "drug": "doxycycline",
        "drug_class": "tetracyclines",
        "kind": "timing",
        "severity": "caution",
        "hours_before": 2,
        "hours_after": 6,
        "conflict": True,
        "message": KB.safety.drug_classes["tetracyclines"].action.en,
        "source": "NIH-ODS",
    }
    assert data["upper_limit"] == data["upper_limit"] | {
        "supplemental_mg": 200,
        "supplemental_ul_mg": 350,
        "exceeds_ul": False,
    }
    assert data["kidney"] is None
    assert "timing_conflict" in [issue["code"] for issue in data["issues"]]
    suggested = [hm(t) for t in data["suggested_times"]]
    assert suggested
    for minute in suggested:
        assert hm("07:00") <= minute <= hm("22:30")
        assert not violates(hm("08:00"), minute, 2, 6)
    assert len(suggested) == 2  # 200 mg: two doses of at most 125 mg


def test_check_doxycycline_spaced_is_ok(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "check", *ADULT, "--med", "doxycycline@08:00", "--take", "100@10:00,18:30"
    )
    check_shape(data)
    assert data["ok"] is True
    assert data["interactions"][0]["conflict"] is False
    assert data["upper_limit"]["supplemental_mg"] == 200


def test_check_depletion_and_avoid(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "check", *ADULT, "--med", "furosemide", "--med", "nilotinib@09:00")
    check_shape(data)
    kinds = {item["drug"]: item for item in data["interactions"]}
    assert kinds["furosemide"]["kind"] == "depletion"
    assert kinds["furosemide"]["hours_before"] is None
    assert kinds["furosemide"]["hours_after"] is None
    assert (kinds["nilotinib"]["kind"], kinds["nilotinib"]["severity"]) == ("avoid", "avoid")
    assert data["ok"] is False
    assert data["suggested_times"] == []
    assert "no_time_avoid" in [issue["code"] for issue in data["issues"]]


@pytest.mark.parametrize(
    ("args", "category", "advice", "severity", "ok"),
    [
        (["--egfr", "95"], "G1", "ok", "info", True),
        (["--egfr", "60"], "G2", "ok", "info", True),
        (["--egfr", "50"], "G3a", "caution", "caution", True),
        (["--egfr", "30"], "G3b", "caution", "caution", True),
        (["--egfr", "29.9"], "G4", "avoid_unless_supervised", "avoid", False),
        (["--egfr", "14"], "G5", "avoid_unless_supervised", "avoid", False),
        (["--egfr", "80", "--dialysis"], "G5", "avoid_unless_supervised", "avoid", False),
    ],
)
def test_check_kidney(
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    category: str,
    advice: str,
    severity: str,
    ok: bool,
) -> None:
    data = run_json(capsys, "check", *ADULT, "--take", "100@12:30", *args)
    check_shape(data)
    assert data["kidney"] == data["kidney"] | {
        "gfr_category": category,
        "supplement_advice": advice,
        "severity": severity,
    }
    assert data["ok"] is ok


@pytest.mark.parametrize(
    ("system", "take", "ul", "excess"),
    [
        ("us", "351@12:30", 350, 1),
        ("us", "350@12:30", 350, 0),
        ("efsa", "251@12:30", 250, 1),
        ("uk", "401@12:30", 400, 1),
        ("dach", "125@08:00,18:30", 250, 0),
    ],
)
def test_check_upper_limit(
    capsys: pytest.CaptureFixture[str], system: str, take: str, ul: float, excess: float
) -> None:
    data = run_json(capsys, "check", *ADULT, "--system", system, "--take", take)
    upper = data["upper_limit"]
    assert upper["supplemental_ul_mg"] == ul
    assert upper["exceeds_ul"] is (excess > 0)
    assert upper["excess_mg"] == excess
    assert data["ok"] is (excess == 0)


@pytest.mark.parametrize(
    ("args", "code", "severity", "ok"),
    [
        (["--condition", "myasthenia gravis"], "condition_myasthenia_gravis", "avoid", False),
        (["--condition", "dehydration"], "condition_dehydration", "avoid", False),
        (["--condition", "av block"], "condition_av_block", "caution", True),
        (
            ["--condition", "av block", "--compound", "orotate"],
            "condition_av_block",
            "avoid",
            False,
        ),
        (
            ["--condition", "AV-blok", "--compound", "citrate"],
            "condition_av_block",
            "caution",
            True,
        ),
    ],
)
def test_check_conditions(
    capsys: pytest.CaptureFixture[str], args: list[str], code: str, severity: str, ok: bool
) -> None:
    data = run_json(capsys, "check", *ADULT, "--take", "100@12:30", *args)
    check_shape(data)
    [issue] = [i for i in data["issues"] if i["code"] == code]
    assert issue["severity"] == severity and issue["kind"] == "condition"
    assert data["ok"] is ok


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("levothyroxine", "levothyroxine"),
        ("levothyroxinenatrium", "levothyroxine"),
        ("Levothyroxine", "levothyroxine"),
        ("Synthroid", "levothyroxine"),
        ("ciprofloxacine", "ciprofloxacin"),
        ("alendroninezuur", "alendronate"),
        ("omeprazol", "omeprazole"),
        ("hydrochloorthiazide", "hydrochlorothiazide"),
        ("fenytoïne", "phenytoin"),
        ("fenytoine", "phenytoin"),
        ("mycofenolaatmofetil", "mycophenolate_mofetil"),
    ],
)
def test_dutch_and_english_drug_names(
    capsys: pytest.CaptureFixture[str], name: str, slug: str
) -> None:
    data = run_json(capsys, "check", *ADULT, "--med", f"{name}@08:00")
    [item] = data["interactions"]
    assert item["drug"] == slug
    assert item["drug_class"] == KB.safety.drugs[slug].drug_class


@pytest.mark.parametrize("spec", ["doxycycline@8u00", "doxycycline@08.00", "doxycycline@8"])
def test_time_spellings(capsys: pytest.CaptureFixture[str], spec: str) -> None:
    data = run_json(capsys, "check", *ADULT, "--med", spec, "--take", "100@09:00")
    assert data["interactions"][0]["conflicts"] == [
        {"drug_time": "08:00", "magnesium_time": "09:00"}
    ]


def test_check_1000_mg_with_a_thousands_separator(capsys: pytest.CaptureFixture[str]) -> None:
    """`--take 1,000@12:30` is either refused or read as 1,000 mg (above the UL), never as 1 mg."""
    code = main(["check", "--age", "45", "--sex", "male", "--take", "1,000@12:30", "--json"])
    out = capsys.readouterr()
    if code == 2:
        assert out.err.startswith("Error: ")
        return
    data = json.loads(out.out)
    assert data["upper_limit"]["supplemental_mg"] == 1000
    assert data["ok"] is False


# --- advise ----------------------------------------------------------------------------------


def test_advise_contract(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "advise", *ADULT, "--food-mg", "200", "--med", "doxycycline@08:00",
        "--symptom", "cramps",
    )  # fmt: skip
    assert set(data) >= ADVICE_KEYS
    # Doxycycline can fail when taken too close to magnesium (major): ask the pharmacist first.
    assert data["status"] == "supplement_after_doctor" == data["gate"]["verdict"]
    assert data["gate"]["reasons"][0]["code"] == "medicine_doxycycline"
    assert data["intake"] == data["intake"] | {
        "food_mg": 200,
        "target_mg": 320,
        "gap_mg": 120,
        "supplemental_ul_mg": 350,
    }
    supplement = data["supplement"]
    assert set(supplement) >= {"daily_mg", "form", "titration", "schedule"}
    assert supplement["daily_mg"] == 125 and supplement["capped_at_ul"] is False
    assert supplement["form"]["family"] == "citrate"
    assert [step["daily_mg"] for step in supplement["titration"]] == [100, 125]
    times = [hm(t) for t in supplement["schedule"]["times"]]
    assert times
    assert all(not violates(hm("08:00"), t, 2, 6) for t in times)
    assert sum(dose["mg"] for dose in supplement["schedule"]["doses"]) == 125
    check_shape(data["safety"])
    assert data["safety"]["ok"] is True
    assert data["safety"]["suggested_times"] == supplement["schedule"]["times"]
    assert data["safety"]["upper_limit"]["supplemental_mg"] == 125
    risk = data["risk"]
    assert set(risk) >= RISK_KEYS
    # age over 40 (1) + cramps (2) + food below the EAR of 265 mg (1)
    assert (risk["grade"], risk["points"], risk["urgency"]) == ("high", 4, "none")
    assert {e["claim"]: e["strength"] for e in data["evidence"]}["cramps_idiopathic"] == (
        "no_meaningful_benefit"
    )


@pytest.mark.parametrize(
    ("args", "grade", "urgency"),
    [
        (["--serum", "0.40", "mmol/L"], "high", "see_doctor_now"),
        (["--symptom", "palpitations"], "moderate", "see_doctor_now"),
        (["--symptom", "fainting"], "moderate", "emergency"),
        (["--symptom", "hartkloppingen"], "moderate", "see_doctor_now"),
        (["--symptom", "flauwvallen"], "moderate", "emergency"),
    ],
)
def test_advise_red_flags(
    capsys: pytest.CaptureFixture[str], args: list[str], grade: str, urgency: str
) -> None:
    data = run_json(capsys, "advise", "--age", "35", "--sex", "male", *args)
    assert data["risk"]["grade"] == grade
    assert data["risk"]["urgency"] == urgency
    assert data["risk"]["red_flags"]


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["--egfr", "20"], "doctor_only"),
        (["--food-mg", "400"], "not_needed"),
        (["--egfr", "50"], "supplement_after_doctor"),
        (["--condition", "myasthenia gravis"], "doctor_only"),
    ],
)
def test_advise_status(capsys: pytest.CaptureFixture[str], args: list[str], status: str) -> None:
    data = run_json(capsys, "advise", *ADULT, *args)
    assert data["status"] == status
    if status in ("doctor_only", "not_needed"):
        assert data["supplement"] is None
        assert data["safety"]["suggested_times"] == []


@pytest.mark.parametrize(
    ("need", "family"),
    [("gi_sensitive", "lactate"), ("gi-sensitive", "lactate"), ("constipation", "citrate")],
)
def test_advise_need(capsys: pytest.CaptureFixture[str], need: str, family: str) -> None:
    data = run_json(capsys, "advise", *ADULT, "--food-mg", "200", "--need", need)
    assert data["supplement"]["form"]["family"] == family


def test_advise_capped_at_ul(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "advise", "--age", "45", "--sex", "male", "--food-mg", "0")
    assert data["supplement"]["daily_mg"] == 350 and data["supplement"]["capped_at_ul"] is True
    assert data["safety"]["upper_limit"]["exceeds_ul"] is False


# --- bad input -------------------------------------------------------------------------------

BAD = [
    pytest.param(["check", *ADULT, "--med", "doxycyclin@08:00"], "doxycycline", id="unknown-drug"),
    pytest.param(
        ["check", *ADULT, "--med", "levothyroxin@08:00"], "levothyroxine", id="unknown-drug-2"
    ),
    pytest.param(["check", *ADULT, "--med", "doxycycline@25:00"], "25:00", id="time-25"),
    pytest.param(["check", *ADULT, "--med", "doxycycline@7h61"], "7h61", id="time-7h61"),
    pytest.param(["check", *ADULT, "--med", "doxycycline@24:00"], "24:00", id="time-24"),
    pytest.param(["check", *ADULT, "--take", "200@25:00"], "25:00", id="take-time-25"),
    pytest.param(["check", *ADULT, "--take", "0@08:00"], None, id="take-0"),
    pytest.param(["check", *ADULT, "--take", "lots@08:00"], None, id="take-not-a-number"),
    pytest.param(
        ["check", *ADULT, "--med", "doxycycline@08:00", "--med", "doxycycline@20:00"],
        "doxycycline",
        id="same-drug-twice",
    ),
    pytest.param(
        ["check", *ADULT, "--med", "levothyroxine@07:00", "--med", "levothyroxinenatrium@19:00"],
        None,
        id="same-drug-two-names",
    ),
    pytest.param(["check", *ADULT, "--med", "doxycycline@08:00,08:00"], None, id="same-time"),
    pytest.param(["check", *ADULT, "--egfr", "-1"], None, id="egfr-negative"),
    pytest.param(["check", *ADULT, "--egfr", "500"], "500", id="egfr-500"),
    pytest.param(["check", *ADULT, "--condition", "unicornitis"], None, id="unknown-condition"),
    pytest.param(["check", *ADULT, "--compound", "unobtainium"], None, id="unknown-compound"),
    pytest.param(["check", *ADULT, "--awake", "22:00-07:00"], None, id="awake-backwards"),
    pytest.param(["advise", *ADULT, "--symptom", "unicornitis"], None, id="unknown-symptom"),
    pytest.param(["advise", *ADULT, "--symptom", "cramp", "--egfr", "500"], None, id="adv-egfr"),
    pytest.param(["advise", *ADULT, "--food-mg", "-5"], None, id="food-negative"),
    pytest.param(["advise", *ADULT, "--need", "cheap"], "cheap", id="unknown-need"),
    pytest.param(["advise", *ADULT, "--serum", "0.4", "mmol"], None, id="serum-unit"),
    pytest.param(["advise", *ADULT, "--med", "doxycycline@25:00"], "25:00", id="advise-time"),
]


@pytest.mark.parametrize(("args", "mentions"), BAD)
def test_bad_input_is_one_error_line(
    capsys: pytest.CaptureFixture[str], args: list[str], mentions: str | None
) -> None:
    assert main([*args, "--json"]) == 2
    out = capsys.readouterr()
    err = out.err.strip()
    assert err.startswith("Error: "), err
    assert "\n" not in err and "Traceback" not in err
    # With --json, stdout holds the error as one JSON object too (nothing else): a script
    # piping the output to a JSON reader gets JSON whatever happened.
    error = json.loads(out.out)["error"]
    assert error["exit_code"] == 2 and error["code"]
    assert error["message"] and error["message"] in err
    if mentions is not None:
        assert mentions in err


@pytest.mark.parametrize(
    "args",
    [
        ["check", *ADULT, "--med", "doxycycline@25:00"],
        ["check", *ADULT, "--egfr", "500"],
        ["check", *ADULT, "--med", "doxycycline@08:00", "--med", "doxycycline@20:00"],
        ["advise", *ADULT, "--symptom", "unicornitis"],
    ],
)
def test_bad_input_in_dutch(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert main(args) == 2
    english = capsys.readouterr().err.strip()
    assert main([*args, "--lang", "nl"]) == 2
    dutch = capsys.readouterr().err.strip()
    assert dutch and "\n" not in dutch and "Traceback" not in dutch
    assert dutch != english


def test_unknown_drug_suggests_no_brand_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", *ADULT, "--med", "synthroidd@08:00"]) == 2
    assert "Synthroid" not in capsys.readouterr().err


def test_dutch_output_uses_the_dutch_data_texts(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check", *ADULT, "--med", "levothyroxine@07:00", "--egfr", "50", "--lang", "nl"]
    data = run_json(capsys, *args)
    assert data["interactions"][0]["message"] == (
        KB.safety.drug_classes["thyroid_hormones"].action.nl
    )
    g3a = next(c for c in KB.safety.kidney_categories if c.slug == "G3a")
    assert g3a.advice.nl in [issue["message"] for issue in data["issues"]]
    english = run_json(capsys, *args[:-2])
    assert english["interactions"][0]["message"] != data["interactions"][0]["message"]
    assert english["interactions"][0]["drug_class"] == data["interactions"][0]["drug_class"]


# --- assess ----------------------------------------------------------------------------------


def assess(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, answers: str, *args: str
) -> tuple[dict[str, Any], str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    code = main(["assess", *args, "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    start = out.out.index("\n{\n") + 1
    return json.loads(out.out[start:]), out.out[:start]


def test_assess_answers_make_a_plan(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = "50\nmale\nus\n200\ndoxycycline@08:00\ncramps\n\n\n\n"
    data, _prompts = assess(capsys, monkeypatch, answers)
    assert set(data) >= ADVICE_KEYS
    profile = data["targets"]["profile"]
    assert (profile["age_years"], profile["sex"]) == (50, "male")
    assert data["intake"]["food_mg"] == 200 and data["intake"]["target_mg"] == 420
    assert data["status"] == "supplement_after_doctor"  # doxycycline: ask the pharmacist first
    assert data["supplement"]["daily_mg"] == 225  # 420 − 200 = 220, rounded up to 225
    [item] = data["safety"]["interactions"]
    assert item["drug"] == "doxycycline"
    assert [c["concern"] for c in data["concerns"]] == ["cramps"]
    for time in data["supplement"]["schedule"]["times"]:
        assert not violates(hm("08:00"), hm(time), 2, 6)


def test_assess_empty_input_takes_the_defaults(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, prompts = assess(capsys, monkeypatch, "")
    assert "No more answers" in prompts
    profile = data["targets"]["profile"]
    assert (profile["age_years"], profile["sex"], profile["pregnant"]) == (45, "female", False)
    assert data["targets"]["system"] == "us"
    assert data["intake"]["food_mg"] is None
    assert data["status"] == "supplement"
    assert data["supplement"]["daily_mg"] == 100
    assert data["safety"]["interactions"] == [] and data["safety"]["kidney"] is None


def test_assess_asks_again_after_a_bad_answer(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, prompts = assess(capsys, monkeypatch, "abc\n300\n62\nmale\n")
    assert "abc is not a number" in prompts
    assert data["targets"]["profile"]["age_years"] == 62
    assert data["targets"]["profile"]["sex"] == "male"


def test_assess_unknown_medicine_is_asked_again(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = "50\nmale\nus\n\ndoxycyclin@08:00\nlevothyroxinenatrium@07:00\n"
    data, prompts = assess(capsys, monkeypatch, answers)
    assert "doxycycline" in prompts  # the closest match is offered
    assert [item["drug"] for item in data["safety"]["interactions"]] == ["levothyroxine"]


def test_assess_in_dutch_defaults_to_the_dutch_system(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _prompts = assess(capsys, monkeypatch, "", "--lang", "nl")
    assert data["targets"]["system"] == "nl"
