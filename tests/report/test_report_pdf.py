"""The report as a PDF, read back (pypdf): 2 to 4 A4 pages whose text holds the profile's
numbers, the targets, a supplement at its time, the lab value and the questions, in English and
in Dutch; a full year with long lists still fits in 4 pages."""

from __future__ import annotations

import copy
import io
from datetime import date, timedelta
from typing import Any

import pytest
from pypdf import PdfReader

from mgcoach.contract.report import ReportAnswer, report_json
from mgcoach.i18n import set_language
from mgcoach.knowledge import KnowledgeBase
from mgcoach.pdf.report import report_pdf
from mgcoach.storage.database import Database
from tests.report.journal import END, PROFILE, START, make_journal
from tests.report.reading import pdf_pages, pdf_text

A4 = (595.28, 841.89)  # points


@pytest.fixture
def answer(db: Database, kb: KnowledgeBase) -> dict[str, ReportAnswer]:
    from mgcoach.services.report import doctor_report

    make_journal(db, kb)
    report = doctor_report(db, kb, PROFILE, START, END, made=END)
    found = {}
    for lang in ("en", "nl"):
        set_language(lang)
        found[lang] = report_json(kb, report)
    set_language("en")
    return found


def test_the_english_pdf(answer: dict[str, ReportAnswer]) -> None:
    made = report_pdf(answer["en"])
    reader = PdfReader(io.BytesIO(made.content))
    assert 2 <= len(reader.pages) <= 4 and made.pages == len(reader.pages)
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4, abs=0.5)
    pages = pdf_pages(made.content)
    first, text = pages[0], " ".join(pages)
    assert "Magnesium report for the doctor or dietitian" in first
    assert "Age: 42 years" in first and "78.0 kg" in first and "not known" in first
    assert "420 mg" in first and "350 mg" in first and "IOM97" in first  # target, EAR, UL
    assert "food 160 mg, supplements 200 mg, together 360 mg" in first
    assert "Upper limit for supplements (350 mg)" in first  # the chart's legend
    assert "07:30" in text and "Magnesium citrate" in text and "levothyroxine" in text
    assert "0.70 mmol/L" in text and "Mar 22, 2026" in text
    assert "What could be causing my low blood magnesium" in text
    assert "Can omeprazole lower my magnesium" in text
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Mar 1, 2026 to Mar 30, 2026 · made Mar 30, 2026 · not a diagnosis" in page


def test_the_dutch_pdf(answer: dict[str, ReportAnswer]) -> None:
    set_language("nl")
    made = report_pdf(answer["nl"])
    assert 2 <= made.pages <= 4
    text = pdf_text(made.content)
    assert "Amandelen" in text and "07:30" in text and "420 mg" in text
    assert "0,70 mmol/L" in text and "22 mrt 2026" in text  # Dutch numbers and dates
    assert "Neem geen magnesiumsupplementen zonder overleg met uw arts." in text
    assert "Wat kan de oorzaak zijn van mijn lage magnesium in het bloed" in text
    assert "Kan omeprazole mijn magnesium verlagen" in text
    assert "Minder dan 1 % van het magnesium in het lichaam zit in het bloed." in text


def _long(data: ReportAnswer) -> ReportAnswer:
    """The answer stretched to a year of days and long lists of everything."""
    big: Any = copy.deepcopy(data)
    row = big["daily"][-1]
    first = date(2025, 4, 1)
    big["daily"] = [
        {**row, "date": (first + timedelta(days=n)).isoformat(), "supplement_mg": 50.0 * (n % 9)}
        for n in range(366)
    ]
    big["supplements"] = [
        {**big["supplements"][0], "name": f"Supplement {n}", "times": ["07:30", "12:00"] * 5}
        for n in range(30)
    ]
    big["medicines"] = [{**big["medicines"][0], "name": f"Medicine {n}"} for n in range(30)]
    clash = big["timing_conflicts"][0]
    big["timing_conflicts"] = [{**clash, "times": clash["times"] * 40} for _n in range(6)]
    big["labs"] = big["labs"] * 40
    big["symptoms"] = [{**big["symptoms"][0], "name": f"Sign {n}"} for n in range(30)]
    big["top_sources"] = big["top_sources"] * 3
    big["experiment"] = {  # as services.experiments.report_summary gives it
        "outcome": "cramps", "outcome_name": "Cramps a night", "unit": "cramps",
        "start": "2026-01-05", "end": "2026-03-01", "status": "finished",
        "verdict": "no_clear_effect", "verdict_text": ["No clear effect."], "effect": -0.3,
        "interval": [-0.9, 0.3], "method": "mean difference", "adherence": 0.875,
        "dose_mg": 300.0, "form": "citrate",
    }  # fmt: skip
    return big  # type: ignore[no-any-return]


def test_a_long_report_stays_within_four_pages(answer: dict[str, ReportAnswer]) -> None:
    made = report_pdf(_long(answer["en"]))
    assert made.pages == len(pdf_pages(made.content)) and 2 <= made.pages <= 4
    text = pdf_text(made.content)
    assert "… and 22 more." in text  # 30 supplements, 8 shown
    assert "Result: No clear effect." in text and "Interval: -0.9 – 0.3" in text
    assert "Effect: -0.3 cramps" in text and "Adherence: 88 %" in text
    assert "Dose: 300 mg citrate" in text and "Dates: 2026-01-05 – 2026-03-01" in text
