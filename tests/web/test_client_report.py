"""A dietitian's read-only view of a client's report: the client's own numbers and questions
(the same content as the client's Report page) and the same PDF, after an accepted share only;
the client, a stranger or an id that is no share get 404."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from mgcoach.knowledge import KnowledgeBase
from mgcoach.settings import Settings
from tests.report.journal import make_journal
from tests.report.reading import pdf_text
from tests.web.conftest import make_app
from tests.web.sharing_support import accepted_client
from tests.web.test_pages_today import parse

PERIOD = {"from": "2026-03-01", "to": "2026-03-30"}


def test_the_dietitian_reads_the_clients_report(
    web_settings: Settings, kb: KnowledgeBase, signed_up: Callable[[TestClient, str], str]
) -> None:
    app, db = make_app(web_settings, kb, multi_user=True)
    with TestClient(app) as dora, TestClient(app) as anna, TestClient(app) as olaf:
        for client, name in ((dora, "dora"), (anna, "anna"), (olaf, "olaf")):
            signed_up(client, name)
        make_journal(db, kb, owner="anna")
        share = accepted_client(db, "dora", "anna")
        base = f"/clients/{share}/report"
        page = parse(dora.get(base, params=PERIOD).text)
        assert page.has_id("client-banner") and "anna" in page.by_id("client-banner").text
        assert "07:30" in page.by_id("report-supplements").text
        assert "Can omeprazole lower my magnesium" in page.by_id("report-questions").text
        assert page.by_id("report-pdf").attrs["href"].startswith(f"{base}.pdf?from=2026-03-01")
        pdf = dora.get(f"{base}.pdf", params=PERIOD)
        assert pdf.headers["content-type"] == "application/pdf"
        assert "levothyroxine" in pdf_text(pdf.content)
        bad = dora.get(base, params={"from": "2026-03-30", "to": "2026-03-01"})
        assert bad.status_code == 422 and parse(bad.text).has_id("e-from")
        for who, url in (
            (anna, base),
            (olaf, base),
            (olaf, f"{base}.pdf"),
            (dora, "/clients/999/report"),
        ):
            assert who.get(url, params=PERIOD).status_code == 404, url
    db.dispose()
