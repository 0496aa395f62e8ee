"""The Report page, its PDF download and the API (issue 20): the same numbers as the CLI's
JSON, the print stylesheet and the Print button, English and Dutch, every data string escaped,
and a period out of order or too long on its field with a 422, nothing else shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal_daily import quick_add
from mgcoach.services.journal_log import When
from mgcoach.settings import Settings
from tests.report.journal import FIRST_LOGGED, PROFILE, make_journal
from tests.report.reading import pdf_pages, pdf_text
from tests.report.test_report import REPORT_KEYS
from tests.web.conftest import make_app
from tests.web.html_checks import assert_ids_sound
from tests.web.test_pages_today import parse

PERIOD = {"from": "2026-03-01", "to": "2026-03-30"}
HOSTILE = "<script>alert(1)</script> Mg"


@pytest.fixture
def client(web_settings: Settings, kb: KnowledgeBase) -> Iterator[TestClient]:
    app, db = make_app(web_settings, kb)
    make_journal(db, kb)
    # A quick add named with markup in it (5 mg): shown as text, never as HTML.
    quick_add(db, When(PROFILE, FIRST_LOGGED, 600), HOSTILE, 5.0, None)
    with TestClient(app) as found:
        yield found
    db.dispose()


def test_the_report_page(client: TestClient) -> None:
    html = client.get("/report", params=PERIOD).text
    assert_ids_sound(html)
    page = parse(html)
    assert '<link rel="stylesheet" href="/static/report.css">' in html
    assert "/static/report.js" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "420 mg" in page.by_id("report-targets").text
    assert "food 161 mg, supplements 200 mg" in page.by_id("report-average").text
    supplements = page.by_id("report-supplements").text
    assert "07:30" in supplements and "Magnesium citrate" in supplements
    assert "levothyroxine" in page.by_id("report-conflicts").text
    assert "0.70 mmol/L" in page.by_id("report-labs").text
    questions = page.by_id("report-questions").text
    assert "What is my kidney function (eGFR)" in questions
    assert "IOM97" in page.by_id("report-citations").text
    link = page.by_id("report-pdf").attrs["href"]
    assert link == "/report.pdf?from=2026-03-01&to=2026-03-30"
    assert page.by_id("report-print").attrs.get("hidden") is not None  # shown by report.js
    assert page.by_id("chart-report") is not None


def test_the_page_in_dutch(client: TestClient) -> None:
    html = client.get("/report", params=PERIOD, headers={"Accept-Language": "nl"}).text
    page = parse(html)
    assert page.all("html")[0].attrs["lang"] == "nl"
    assert "0,70 mmol/L" in page.by_id("report-labs").text
    assert "Wat is mijn nierfunctie (eGFR)" in page.by_id("report-questions").text
    assert "Amandelen" in page.by_id("report-top-sources").text


def test_the_pdf_download(client: TestClient) -> None:
    answer = client.get("/report.pdf", params=PERIOD)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert (
        'filename="mgcoach-report-2026-03-01-2026-03-30.pdf"'
        in answer.headers["content-disposition"]
    )
    assert 2 <= len(pdf_pages(answer.content)) <= 4
    text = pdf_text(answer.content)
    assert HOSTILE in text  # the quick add's name as written, as text
    dutch = client.get("/report.pdf", params=PERIOD, headers={"Accept-Language": "nl"})
    assert "Wat is mijn nierfunctie (eGFR)" in pdf_text(dutch.content)


def test_the_api(client: TestClient) -> None:
    data = client.get("/api/v1/report", params=PERIOD).json()
    assert list(data) == REPORT_KEYS
    assert data["intake"]["averages"]["food_mg"] == 161.0  # (5 × 160 + 5) / 5 days
    assert data["timing_conflicts"][0]["medicine"] == "levothyroxine"
    pdf = client.get("/api/v1/report.pdf", params=PERIOD)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    bad = client.get("/api/v1/report", params={"from": "2026-03-30", "to": "2026-03-01"})
    assert bad.status_code == 422 and bad.json()["error"]["loc"] == ["query", "from"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"from": "2026-03-30", "to": "2026-03-01"}, "from", "is after the last day"),
        ({"from": "2025-01-01", "to": "2026-03-01"}, "from", "at most 366 days"),
        ({"from": "2026-03-01", "to": "soon"}, "to", "soon is not a date"),
    ],
)
def test_a_bad_period_is_shown_on_its_field(
    client: TestClient, params: dict[str, str], field: str, message: str
) -> None:
    answer = client.get("/report", params=params)
    assert answer.status_code == 422
    page = parse(answer.text)
    assert message in page.by_id(f"e-{field}").text
    assert page.by_id(f"f-{field}").attrs.get("aria-invalid") == "true"
    assert not page.has_id("report")  # no report under a bad period
    assert answer.status_code == client.get("/report.pdf", params=params).status_code


def test_no_profile_goes_to_onboarding(web_settings: Settings, kb: KnowledgeBase) -> None:
    app, db = make_app(web_settings, kb)
    with TestClient(app) as fresh:
        answer = fresh.get("/report", follow_redirects=False)
    db.dispose()
    assert answer.status_code == 303 and answer.headers["location"] == "/onboarding"


def test_without_the_pdf_extra_the_download_says_how(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fpdf2 is the ``pdf`` extra: without it the PDF is a 503 naming the extra (in the
    reader's language), while the report page and its JSON still answer."""
    import html
    import sys

    from mgcoach.pdf import PDF_INSTALL

    monkeypatch.setitem(sys.modules, "fpdf", None)  # as in an install without the extra
    page = client.get("/report.pdf", params=PERIOD)
    assert page.status_code == 503 and PDF_INSTALL in html.unescape(page.text)
    api = client.get("/api/v1/report.pdf", params=PERIOD)
    assert api.status_code == 503 and api.json()["error"]["code"] == "pdf_unavailable"
    dutch = client.get("/report.pdf", params=PERIOD, headers={"Accept-Language": "nl"})
    assert "fpdf2" in dutch.text and "browser" in dutch.text
    assert client.get("/report", params=PERIOD).status_code == 200
    assert client.get("/api/v1/report", params=PERIOD).status_code == 200


def test_without_the_pdf_extra_the_page_offers_printing(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    before = parse(client.get("/report", params=PERIOD).text)
    assert before.has_id("report-pdf") and not before.has_id("report-no-pdf")
    monkeypatch.setitem(sys.modules, "fpdf", None)  # as in an install without the extra
    page = parse(client.get("/report", params=PERIOD).text)
    assert not page.has_id("report-pdf")
    assert "Save as PDF" in page.by_id("report-no-pdf").text
