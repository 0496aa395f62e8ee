"""The JSON contract of issue 2: every listed key, with real values, for every command."""

from __future__ import annotations

import json

import pytest

from mgcoach.cli.main import main

NUTRIENTS = ("magnesium", "calcium", "potassium", "sodium", "zinc", "protein", "vitamin_d")


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    code = main([*args, "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def test_targets_contract(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "targets", "--age", "32", "--sex", "female", "--pregnant")
    assert data["system"] == "us" and data["life_stage"] == "pregnancy_31_50"
    for nutrient in NUTRIENTS:
        entry = data[nutrient]
        for key in ("kind", "ear_mg", "ul_mg", "source"):
            assert key in entry, (nutrient, key)
    magnesium = data["magnesium"]
    assert (magnesium["target_mg"], magnesium["kind"], magnesium["ear_mg"]) == (360, "RDA", 300)
    assert (magnesium["supplemental_ul_mg"], magnesium["supplemental_ul_kind"]) == (350, "UL")
    assert magnesium["ul_mg"] is None and magnesium["source"] == "IOM97"
    assert data["sodium"]["limit_mg"] == 2300 and data["sodium"]["limit_kind"] == "CDRR"
    assert {"target_g", "g_per_kg", "ear_g"} <= set(data["protein"])
    assert data["protein"]["target_g"] is None and data["protein"]["g_per_kg"] == 1.1
    assert data["vitamin_d"]["target_ug"] == 15
    assert "phytate_mg_per_day_used" in data["zinc"]


def test_targets_contract_efsa_zinc_and_weight(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "targets", "--age", "40", "--sex", "male", "--system", "efsa", "--weight-kg", "70"
    )
    assert data["zinc"]["target_mg"] == 11.7 and data["zinc"]["phytate_mg_per_day_used"] == 600
    assert data["protein"]["target_g"] == pytest.approx(58.1)
    assert data["magnesium"]["ear_mg"] is None and data["magnesium"]["kind"] == "AI"
    assert data["sodium"]["limit_kind"] == "safe_adequate"


def test_targets_contract_infant_months(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "targets", "--age-months", "3", "--sex", "male", "--system", "efsa")
    assert data["magnesium"]["target_mg"] is None and data["magnesium"]["kind"] is None
    assert data["magnesium"]["reason"]


def test_elemental_contract(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "elemental", "magnesium citrate", "500")
    assert data["compound"] == "trimagnesium_dicitrate_anhydrous"
    assert data["formula"] == "Mg3(C6H5O7)2"
    assert data["elemental_fraction"] == pytest.approx(0.16163, abs=1e-4)
    assert data["elemental_mg"] == pytest.approx(80.8, abs=0.05)


def test_elemental_label_is_not_converted(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "elemental", "--label", "Magnesium (as bisglycinate) 200 mg")
    assert data["compound"] == "magnesium_bisglycinate" and data["elemental_mg"] == 200
    assert data["label_states_elemental"] is True


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("magnesium chloride hexahydrate", "magnesium_chloride_hexahydrate"),
        ("trimagnesium dicitrate nonahydrate", "trimagnesium_dicitrate_nonahydrate"),
        ("magnesium lactate anhydrous", "magnesium_lactate_anhydrous"),
        ("Epsom salt", "magnesium_sulfate_heptahydrate"),
        ("glycinate", "magnesium_bisglycinate"),
    ],
)
def test_elemental_names(capsys: pytest.CaptureFixture[str], name: str, slug: str) -> None:
    assert run_json(capsys, "elemental", name, "100")["compound"] == slug


def test_serum_contract(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "serum", "1.8", "mg/dL")
    assert data["mmol_per_l"] == pytest.approx(0.7406, abs=1e-4)
    assert data["mg_per_dl"] == pytest.approx(1.8)
    assert data["meq_per_l"] == pytest.approx(1.4812, abs=1e-4)
    assert (data["status"], data["status_detail"], data["red_flag"]) == ("normal", "normal", False)
    red = run_json(capsys, "serum", "0.4", "mmol/L")
    assert (red["status"], red["status_detail"], red["red_flag"]) == ("low", "severe_low", True)


def test_energy_contract(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "energy", "--age", "45", "--sex", "female", "--weight-kg", "60",
        "--height-cm", "165", "--activity", "1.2", "--goal-kg-per-week", "-1",
    )  # fmt: skip
    assert data["bmr_kcal"] == pytest.approx(1245.25)
    assert data["maintenance_kcal"] == pytest.approx(1494.3)
    assert data["target_kcal_before_floor"] == pytest.approx(394.3)
    assert data["target_kcal"] == 1200 and data["below_floor"] is True
    assert data["warnings"] and isinstance(data["warnings"][0], str)


def test_amount_contract(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "amount", "4", "mmol")
    assert data["mg"] == pytest.approx(97.22, abs=0.01) and data["meq"] == 8


def test_unverified_facts_are_flagged_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    severe = run_json(capsys, "serum", "0.4", "mmol/L")
    assert severe["needs_verification"] is True  # the 0.50 mmol/L threshold: verify
    uk = run_json(capsys, "targets", "--age", "40", "--sex", "male", "--system", "uk")
    assert uk["magnesium"]["needs_verification"] is True and "ear" in uk["magnesium"]["verify"]
    us = run_json(capsys, "targets", "--age", "40", "--sex", "male")
    assert us["magnesium"]["needs_verification"] is False
