"""N-of-1 experiments as a use case (services/experiments.py) on SQLite and PostgreSQL: the
safety gate decides whether one may start, the design and order are recorded before the
first day, one running experiment per profile, the daily check-in, a safety stop from the
journal, the result once the last period has ended, and the doctor's report summary."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mgcoach.engine.experiment import Design
from mgcoach.errors import InputError
from mgcoach.i18n import set_language, translate
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services import experiments
from mgcoach.services.experiment_safety import ExperimentRefusedError
from mgcoach.services.experiment_words import verdict_words
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import When, log_symptom
from mgcoach.storage.database import Database

TODAY = date(2025, 3, 3)


@pytest.fixture
def person(db: Database, kb: KnowledgeBase) -> Database:
    """A 40-year-old woman with normal kidney function."""
    set_profile(db, kb, "default", ProfileChanges(age=40, sex="female", egfr=95), TODAY)
    return db


def started(db: Database, kb: KnowledgeBase, **kw: object) -> experiments.ExperimentView:
    return experiments.start(db, kb, "default", "night_cramps", today=TODAY, **kw)  # type: ignore[arg-type]


def test_start_records_the_design_before_the_first_day(person: Database, kb: KnowledgeBase) -> None:
    shown = started(person, kb, period_days=7, washout_days=2, pairs=6)
    design = shown.design
    assert (design.start, design.end) == (TODAY, TODAY + timedelta(days=83))
    assert len(design.allocation) == 6 and design.dose_mg > 0 and design.form
    assert shown.analysis.verdict == "running" and shown.analysis.effect is None
    assert shown.today_period is not None and shown.today_period.index == 0
    again = experiments.view(person, kb, "default", today=TODAY + timedelta(days=10))
    assert again.design == design  # the order is stored, not drawn again


def test_one_running_experiment_at_a_time(person: Database, kb: KnowledgeBase) -> None:
    started(person, kb)
    with pytest.raises(experiments.ExperimentRunningError):
        started(person, kb)
    stopped = experiments.stop(person, kb, "default", "moving house", today=TODAY)
    assert stopped.status == "stopped" and stopped.stop_reason == "moving house"
    assert stopped.analysis.verdict == "stopped"
    assert started(person, kb).status == "running"


def test_kidney_failure_refuses_the_start(db: Database, kb: KnowledgeBase) -> None:
    set_profile(db, kb, "default", ProfileChanges(age=60, sex="male", egfr=20), TODAY)
    with pytest.raises(ExperimentRefusedError) as error:
        started(db, kb)
    assert "without your doctor" in str(error.value)
    with pytest.raises(experiments.NoExperimentError):
        experiments.view(db, kb, "default", today=TODAY)


@pytest.mark.parametrize(
    ("choice", "field"),
    [
        ({"pairs": 4}, "pairs"),
        ({"start_on": TODAY - timedelta(days=1)}, "start"),
        ({"period_days": 40}, "period_days"),
    ],
)
def test_bad_choices_store_nothing(
    person: Database, kb: KnowledgeBase, choice: dict[str, object], field: str
) -> None:
    with pytest.raises(InputError) as error:
        started(person, kb, **choice)
    assert error.value.fields == (field,)
    with pytest.raises(experiments.NoExperimentError):
        experiments.view(person, kb, "default", today=TODAY)


def test_checkin_one_per_day_and_its_bounds(person: Database, kb: KnowledgeBase) -> None:
    started(person, kb)
    experiments.checkin(person, kb, "default", 3, True, today=TODAY)
    shown = experiments.checkin(person, kb, "default", 2, False, today=TODAY)
    assert shown.today_checkin is not None
    assert (shown.today_checkin.value, shown.today_checkin.taken) == (2, False)
    assert shown.analysis.adherence.checked == 1
    for value, day, field in [
        (21, TODAY, "value"),
        (1.5, TODAY, "value"),
        (1, TODAY + timedelta(days=1), "date"),
        (1, TODAY - timedelta(days=1), "date"),
    ]:
        with pytest.raises(InputError) as error:
            experiments.checkin(person, kb, "default", value, True, today=TODAY, day=day)
        assert error.value.fields == (field,)


def test_a_red_flag_stops_it_for_safety(person: Database, kb: KnowledgeBase) -> None:
    started(person, kb)
    day = TODAY + timedelta(days=2)
    log_symptom(person, kb, When("default", day, 600), "irregular heartbeat")
    shown = experiments.checkin(person, kb, "default", 1, True, today=day)
    assert shown.status == "stopped_safety"
    assert shown.stop_reason == "verdict_emergency"
    assert shown.analysis.verdict == "stopped_safety"
    with pytest.raises(experiments.NoExperimentError):
        experiments.checkin(person, kb, "default", 1, True, today=day)
    # What stopped it decides what is said first: the gate's own headline, in each language.
    for lang, words in (("en", "Call your emergency number now"), ("nl", "alarmnummer")):
        said = verdict_words(shown, lang)
        assert [w.code for w in said[:2]] == ["safety_headline", "stopped_safety"]
        set_language(lang)
        try:
            assert words in translate(said[0].message, said[0].params)
        finally:
            set_language("en")


def test_a_red_flag_between_check_ins_is_seen(person: Database, kb: KnowledgeBase) -> None:
    """Logged on a day with no check-in: the view shows the stop at once without writing it,
    and the next check-in (days later) writes it down."""
    started(person, kb)
    experiments.checkin(person, kb, "default", 1, True, today=TODAY)
    flagged = TODAY + timedelta(days=1)
    log_symptom(person, kb, When("default", flagged, 600), "irregular heartbeat")
    assert experiments.view(person, kb, "default", today=flagged).status == "stopped_safety"
    later = TODAY + timedelta(days=3)
    assert experiments.view(person, kb, "default", today=later).status == "running"
    shown = experiments.checkin(person, kb, "default", 0, True, today=later)
    assert (shown.status, shown.stop_reason) == ("stopped_safety", "verdict_emergency")
    assert experiments.view(person, kb, "default", today=later).status == "stopped_safety"


def test_the_result_after_the_last_period(person: Database, kb: KnowledgeBase) -> None:
    """Two cramps a night off magnesium, none on it, every day answered: a clear difference
    in favour of magnesium, and the report summary says so in Dutch."""
    design: Design = started(person, kb, period_days=7, washout_days=2, pairs=6).design
    for period in design.periods():
        for offset in range(design.period_days):
            day = period.start + timedelta(days=offset)
            value = 0 if period.arm == "on" else 2 + offset % 2
            experiments.checkin(
                person, kb, "default", value, period.arm == "on", today=day, day=day
            )
    after = design.end + timedelta(days=1)
    shown = experiments.view(person, kb, "default", today=after)
    assert shown.status == "finished"
    result = shown.analysis
    assert result.verdict == "better_on"
    assert result.effect == pytest.approx(2.4)  # 0 on, (2,3,2,3,2) off after the wash-out
    assert result.p_value == pytest.approx(2 / 64)
    assert result.adherence.share == 1.0
    with person.connect() as connection:
        from mgcoach.services.journal import profile_id

        owner_profile = profile_id(connection, "default")
    summary = experiments.report_summary(person, owner_profile, "nl")
    assert summary is not None
    assert summary["verdict"] == "better_on"
    assert summary["interval"] == [2.4, 2.4]
    assert summary["start"] == TODAY.isoformat()
