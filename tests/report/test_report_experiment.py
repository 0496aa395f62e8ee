"""An N-of-1 experiment in the report's period is in the report (services/report.py
``experiment_in``): its JSON under ``experiment`` and its rows in the PDF, in the reader's
language; a period it does not overlap leaves it out. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

from mgcoach.contract.report import report_json
from mgcoach.engine.experiment import Design
from mgcoach.i18n import set_language
from mgcoach.knowledge import KnowledgeBase
from mgcoach.pdf.report import report_pdf
from mgcoach.services import experiments
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.report import doctor_report
from mgcoach.storage.database import Database
from tests.report.reading import pdf_text

START = date(2026, 1, 5)


def _finished_experiment(db: Database, kb: KnowledgeBase) -> Design:
    """Six pairs of 7-day periods, none a night on magnesium, two or three off it."""
    set_profile(db, kb, "default", ProfileChanges(age=40, sex="female", egfr=95), START)
    design = experiments.start(
        db, kb, "default", "night_cramps", today=START, period_days=7, washout_days=2, pairs=6
    ).design
    for period in design.periods():
        for offset in range(design.period_days):
            day = period.start + timedelta(days=offset)
            value = 0 if period.arm == "on" else 2 + offset % 2
            experiments.checkin(db, kb, "default", value, period.arm == "on", today=day, day=day)
    return design


def test_the_experiment_is_in_the_report_of_its_period(db: Database, kb: KnowledgeBase) -> None:
    design = _finished_experiment(db, kb)
    try:
        for lang, words in (("en", "Adherence"), ("nl", "Therapietrouw")):
            set_language(lang)
            report = doctor_report(db, kb, "default", design.start, design.end)
            data = report_json(kb, report)
            experiment = data["experiment"]
            assert experiment is not None
            assert (experiment["verdict"], experiment["interval"]) == ("better_on", [2.4, 2.4])
            text = pdf_text(report_pdf(data).content)
            assert words in text and "2.4" in text.replace(",", ".")
        before = doctor_report(db, kb, "default", START - timedelta(days=60), START - timedelta(1))
        assert report_json(kb, before)["experiment"] is None
    finally:
        set_language("en")
