"""The report for the doctor (issue 20): what it gathers from a real journal, on SQLite and
PostgreSQL, with the numbers the other commands give for the same days; the questions it asks
from what the period shows; and the bounds of its period."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mgcoach.contract.report import report_json
from mgcoach.errors import InputError
from mgcoach.knowledge import KnowledgeBase
from mgcoach.knowledge.questions import load_questions
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import When, log_lab, log_supplement
from mgcoach.services.report import MAX_REPORT_DAYS, check_period, doctor_report
from mgcoach.storage.database import Database
from tests.report.journal import END, FIRST_LOGGED, PROFILE, START, make_journal

REPORT_KEYS = [
    "profile", "from", "to", "made", "language", "person", "targets", "gate", "intake",
    "days_above_ul", "daily", "symptom_trends", "top_sources", "supplements", "medicines",
    "timing_conflicts", "interactions", "labs", "testing_notes", "symptoms", "questions",
    "experiment", "notice", "source_list",
]  # fmt: skip


def test_the_report_gathers_the_period(db: Database, kb: KnowledgeBase) -> None:
    make_journal(db, kb)
    data = report_json(kb, doctor_report(db, kb, PROFILE, START, END, made=END))
    assert list(data) == REPORT_KEYS
    assert (data["from"], data["to"], data["made"]) == ("2026-03-01", "2026-03-30", "2026-03-30")
    assert data["person"]["age_years"] == 42 and data["person"]["egfr"] is None
    magnesium = data["targets"]["magnesium"]
    assert (magnesium["target_mg"], magnesium["ear_mg"]) == (420.0, 350.0)
    assert magnesium["supplemental_ul_mg"] == 350.0 and "IOM97" in magnesium["sources"]
    intake = data["intake"]
    assert (intake["days"], intake["days_logged"], intake["days_on_target"]) == (30, 5, 0)
    # 30 g almonds (81 mg) and 100 g raw spinach (79 mg) a day, with 200 mg of citrate.
    assert intake["averages"]["food_mg"] == 160.0
    assert intake["averages"]["supplement_mg"] == 200.0
    assert intake["averages"]["magnesium_mg"] == 360.0
    assert len(data["daily"]) == 30 and data["days_above_ul"] == 0
    supplement = data["top_sources"][0]
    assert (supplement["kind"], supplement["magnesium_mg"]) == ("supplement", 1000.0)
    assert supplement["percent_of_magnesium"] == pytest.approx(1000 / 1800 * 100, abs=0.1)
    [taken] = data["supplements"]
    assert (taken["times"], taken["days"], taken["mg_per_day_taken"]) == (["07:30"], 5, 200.0)
    medicines = {m["name"]: m for m in data["medicines"]}
    assert medicines["levothyroxine"]["times"] == ["07:00"]
    assert medicines["levothyroxine"]["in_profile"] is True
    assert (medicines["omeprazole"]["times"], medicines["omeprazole"]["days_logged"]) == (
        ["08:00"],
        1,
    )
    [clash] = data["timing_conflicts"]
    assert (clash["medicine"], clash["drug_time"], clash["magnesium_time"]) == (
        "levothyroxine",
        "07:00",
        "07:30",
    )
    assert clash["days"] == 5
    [lab] = data["labs"]
    assert (lab["date"], lab["mmol_per_l"], lab["status"]) == ("2026-03-22", 0.7, "low")
    assert [s["symptom"] for s in data["symptoms"]] == ["cramp"]
    codes = [q["code"] for q in data["questions"]]
    assert codes == ["kidney_unknown", "serum_low", "medicine_lowers", "timing", "cramps"]
    for item in (*data["questions"], *data["labs"], *data["timing_conflicts"]):
        assert item["sources"] and set(item["sources"]) <= set(data["source_list"])
    assert "omeprazole" in data["questions"][2]["question"]
    assert "5" in data["questions"][3]["why"]
    assert data["experiment"] is None and "not a diagnosis" in data["notice"]


def test_the_questions_follow_what_the_period_shows(db: Database, kb: KnowledgeBase) -> None:
    """Reduced kidney function with supplements, and a high value: other questions, the
    kidney one with the KDIGO source; a day above the upper limit is counted."""
    changes = ProfileChanges(age=70, sex="female", egfr=40)
    set_profile(db, kb, PROFILE, changes, START)
    log_supplement(db, kb, When(PROFILE, FIRST_LOGGED, 480), "citrate", 400, None, elemental=True)
    log_lab(db, kb, When(PROFILE, FIRST_LOGGED), 1.3, "mmol/L")
    data = report_json(kb, doctor_report(db, kb, PROFILE, START, END))
    codes = [q["code"] for q in data["questions"]]
    assert codes == ["kidney_reduced", "serum_high", "above_ul"]
    assert data["days_above_ul"] == 1
    assert "350 mg" in data["questions"][2]["question"]  # the upper limit for supplements


def test_a_quiet_period_asks_only_for_a_first_test(db: Database, kb: KnowledgeBase) -> None:
    set_profile(db, kb, PROFILE, ProfileChanges(age=30, sex="female", egfr=95), START)
    data = report_json(kb, doctor_report(db, kb, PROFILE, START, END))
    assert [q["code"] for q in data["questions"]] == ["no_serum"]
    assert data["supplements"] == [] and data["labs"] == [] and data["intake"]["days_logged"] == 0


def test_the_period_is_bounded() -> None:
    assert check_period(START, START) == (START, START)
    last = START + timedelta(days=MAX_REPORT_DAYS - 1)
    assert check_period(START, last) == (START, last)
    with pytest.raises(InputError) as too_long:
        check_period(START, last + timedelta(days=1))
    assert too_long.value.fields == ("from",) and "367" in str(too_long.value)
    with pytest.raises(InputError) as backwards:
        check_period(END, START)
    assert backwards.value.fields == ("from",)


def test_every_question_cites_known_sources(kb: KnowledgeBase) -> None:
    questions = load_questions(kb)
    assert len(questions) == 11
    for question in questions.values():
        assert set(question.sources) <= set(kb.sources)
        assert question.ask.nl != question.ask.en and question.why.nl != question.why.en
