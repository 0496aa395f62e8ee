"""`elemental --label` shows both readings of an ambiguous label; `log supplement` refuses an
ambiguous number without `--as compound|elemental` (exit 2, both readings named, nothing
stored); `--elemental` is `--as elemental`; `edit --as` corrects an entry's basis."""

from __future__ import annotations

from typing import Any

import pytest

from mgcoach.cli.main import main
from mgcoach.cli.output import console
from mgcoach.i18n import N_
from tests.cli.running import run_error, run_json
from tests.cli.test_journal_cli import DAY, backend, log, make_profile  # noqa: F401
from tests.web.test_pages_onboarding import in_dutch

# Every key `elemental --json` had before the readings: none may go.
ELEMENTAL_KEYS = {
    "compound", "compound_name", "family", "formula", "hydrate", "molar_mass_g_per_mol",
    "elemental_fraction", "elemental_percent", "compound_mg", "elemental_mg", "elemental_mmol",
    "elemental_meq", "form_assumed", "label_states_elemental", "label", "absorption_evidence",
    "notes", "needs_verification", "sources", "source_list",
}  # fmt: skip


@pytest.mark.parametrize(
    ("label", "ambiguous", "readings"),
    [
        pytest.param("Magnesium glycinate 500 mg", True, [70.5, 500], id="glycinate-500"),
        pytest.param("magnesium citrate 200 mg", True, [32.3, 200], id="citrate-200"),
        pytest.param("Magnesium (as citrate) 200 mg", False, [200], id="as-citrate"),
        pytest.param("Magnesium citrate 1000 mg, of which magnesium 160 mg", False, [160],
                     id="of-which"),
        pytest.param("providing 100 mg magnesium", False, [100], id="providing"),
        pytest.param("magnesium 200 mg (als citraat)", False, [200], id="nl-als"),
        pytest.param("Magnesium 4 mmol", False, [97.2], id="mmol"),
    ],
)  # fmt: skip
def test_elemental_label_json_has_the_readings(
    capsys: pytest.CaptureFixture[str], label: str, ambiguous: bool, readings: list[float]
) -> None:
    data = run_json(capsys, "elemental", "--label", label)
    assert set(data) >= ELEMENTAL_KEYS
    assert data["label_ambiguous"] is ambiguous
    assert [round(r["elemental_mg"], 1) for r in data["readings"]] == readings
    bases = ["compound", "elemental"] if ambiguous else ["elemental"]
    assert [r["basis"] for r in data["readings"]] == bases
    # the top-level figures keep the first (for an ambiguous label: the compound) reading
    assert data["elemental_mg"] == data["readings"][0]["elemental_mg"]
    assert data["label_states_elemental"] is not ambiguous


def test_elemental_of_a_compound_dose_is_one_reading(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "elemental", "magnesium citrate", "500")
    assert data["label_ambiguous"] is False
    assert [r["basis"] for r in data["readings"]] == ["compound"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_terminal_shows_both_readings_and_the_question(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setattr(console, "width", 200)  # one line per table row
    assert main(["elemental", "--label", "Magnesium glycinate 500 mg", "--lang", language]) == 0
    out = " ".join(capsys.readouterr().out.split())
    if language == "en":
        assert "If 500 mg is the whole tablet (the compound) │ 70.5 mg magnesium" in out
        assert "If 500 mg is the magnesium itself │ 500 mg magnesium" in out
        assert "Is 500 mg the magnesium itself or the whole tablet?" in out
    assert "70,5 mg" in out if language == "nl" else "70.5 mg" in out
    assert "3.547 mg" in out if language == "nl" else "3,547 mg" in out


AMBIGUOUS_LOGS = [
    pytest.param(["glycinate", "200"], (28, 200), id="bare-glycinate"),
    pytest.param(["citrate", "500"], (81, 500), id="bare-citrate"),
    pytest.param(["--label", "Magnesium glycinate 500 mg"], (70, 500), id="compound-label"),
    pytest.param(["--label", "500 mg magnesium oxide"], (302, 500), id="dose-first-label"),
]


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(("given", "readings"), AMBIGUOUS_LOGS)
def test_an_ambiguous_supplement_needs_as(
    capsys: pytest.CaptureFixture[str], given: list[str], readings: tuple[int, int]
) -> None:
    make_profile(capsys)
    code, line = run_error(capsys, "log", "supplement", *given, "--date", DAY)
    assert code == 2
    assert line.startswith("Error: Is ")
    assert "the magnesium itself or the whole tablet?" in line
    assert f"{readings[0]} mg magnesium" in line and f", {readings[1]} mg." in line
    assert line.endswith("Add --as elemental or --as compound.")
    assert run_json(capsys, "entries", "--date", DAY) == []


@pytest.mark.usefixtures("backend")
def test_the_question_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    make_profile(capsys)
    code, line = run_error(
        capsys, "log", "supplement", "glycinate", "200", "--date", DAY, "--lang", "nl"
    )
    assert code == 2
    message = N_(
        "Is {amount} {unit} the magnesium itself or the whole tablet? As the whole tablet of "
        "{compound}, it holds {as_compound} mg magnesium; as the magnesium itself, "
        "{as_elemental} mg. Look for 'magnesium {amount} {unit}' or 'of which magnesium' on the "
        "label: that is the magnesium itself."
    )
    expected = in_dutch(
        message, amount=200, unit="mg", compound="magnesiumbisglycinaat (glycinaat)",
        as_compound=28, as_elemental=200,
    )  # fmt: skip
    hint = in_dutch(N_("Add --as elemental or --as compound."))
    assert line == f"Fout: {expected} {hint}"


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(
    ("given", "elemental_mg", "basis"),
    [
        pytest.param(["glycinate", "200", "--as", "elemental"], 200.0, "elemental", id="as-el"),
        pytest.param(["glycinate", "200", "--as", "compound"], 28.19, "compound", id="as-comp"),
        pytest.param(["glycinate", "200", "--elemental"], 200.0, "elemental", id="alias"),
        pytest.param(["glycinate", "200", "--as", "Elemental"], 200.0, "elemental", id="case"),
        pytest.param(["--label", "Magnesium glycinate 500 mg", "--as", "compound"], 70.48,
                     "compound", id="label-compound"),
        pytest.param(["--label", "Magnesium glycinate 500 mg", "--as", "elemental"], 500.0,
                     "elemental", id="label-elemental"),
        pytest.param(["--label", "Magnesium (as citrate) 200 mg"], 200.0, "elemental",
                     id="clear-label"),
        pytest.param(["--label", "waarvan magnesium 150 mg"], 150.0, "elemental", id="waarvan"),
    ],
)  # fmt: skip
def test_the_answer_is_stored_with_its_basis(
    capsys: pytest.CaptureFixture[str], given: list[str], elemental_mg: float, basis: str
) -> None:
    make_profile(capsys)
    entry = log(capsys, "supplement", *given)
    assert entry["detail"]["elemental_mg"] == pytest.approx(elemental_mg, abs=0.01)
    assert entry["detail"]["basis"] == basis


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(
    ("given", "words"),
    [
        pytest.param(["glycinate", "200", "--as", "tablet"], "not tablet", id="unknown-basis"),
        pytest.param(["glycinate", "200", "--as", "compound", "--elemental"],
                     "both as the magnesium itself", id="contradiction"),
        pytest.param(["--label", "Magnesium (as citrate) 200 mg", "--as", "compound"],
                     "is the magnesium itself", id="label-says-elemental"),
    ],
)  # fmt: skip
def test_a_wrong_basis_is_refused(
    capsys: pytest.CaptureFixture[str], given: list[str], words: str
) -> None:
    make_profile(capsys)
    code, line = run_error(capsys, "log", "supplement", *given, "--date", DAY)
    assert code == 2 and words in line
    assert run_json(capsys, "entries", "--date", DAY) == []


def _detail(entry: dict[str, Any]) -> tuple[float, float | None, str]:
    d = entry["detail"]
    return round(d["elemental_mg"], 2), d["dose_mg"] and round(d["dose_mg"], 1), d["basis"]


@pytest.mark.usefixtures("backend")
def test_edit_corrects_the_basis_from_the_stored_dose(capsys: pytest.CaptureFixture[str]) -> None:
    make_profile(capsys)
    pill = log(capsys, "supplement", "glycinate", "200", "--as", "compound")
    assert _detail(pill) == (28.19, 200.0, "compound")
    fixed = run_json(capsys, "edit", str(pill["id"]), "--as", "elemental")
    assert _detail(fixed) == (200.0, 1418.8, "elemental")
    back = run_json(capsys, "edit", str(pill["id"]), "--as", "compound")
    assert _detail(back) == (28.19, 200.0, "compound")
    more = run_json(capsys, "edit", str(pill["id"]), "--dose-mg", "400")  # in its basis
    assert _detail(more) == (56.38, 400.0, "compound")

    label = log(capsys, "supplement", "--label", "Magnesium glycinate 500 mg", "--as", "compound")
    relabelled = run_json(capsys, "edit", str(label["id"]), "--as", "elemental")
    assert _detail(relabelled) == (500.0, 3547.0, "elemental")
    assert relabelled["detail"]["label"] == "Magnesium glycinate 500 mg"

    clear = log(capsys, "supplement", "--label", "Magnesium (as citrate) 200 mg")
    code, line = run_error(capsys, "edit", str(clear["id"]), "--as", "compound")
    assert code == 2 and "is the magnesium itself" in line
    bare = log(capsys, "supplement", "--label", "Magnesium 200 mg")
    code, line = run_error(capsys, "edit", str(bare["id"]), "--as", "compound")
    assert code == 2 and "is the magnesium itself" in line
    entries = run_json(capsys, "entries", "--date", DAY)
    assert [round(e["detail"]["elemental_mg"]) for e in entries] == [56, 500, 200, 200]
