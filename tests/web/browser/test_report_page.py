"""The Report page in Chromium (issue 20): it fits a 360 px phone and a 1280 px screen in
English and Dutch (nothing scrolls sideways, the chart's text readable and inside it, measured
as test_phone_layout.py measures every page); printed, it is black on white without the site's
navigation, the period form or the buttons, the details starting on a new page; the Print button
is shown by its script, and "Download PDF" downloads the 2-4 page PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from tests.report.reading import pdf_pages
from tests.web.browser.conftest import Site, Visitor
from tests.web.browser.test_phone_layout import LOCALES, TODAY, check_pages, seed

PERIOD = f"from={(TODAY - timedelta(days=29)).isoformat()}&to={TODAY.isoformat()}"

# What printing shows: the display of the parts the print stylesheet hides, the colours, and
# whether the details begin a new page.
PRINTED = """() => {
  const shown = sel => { const e = document.querySelector(sel);
    return e ? getComputedStyle(e).display !== "none" : null; };
  const style = getComputedStyle(document.body);
  const details = document.querySelector(".page-break");
  return {
    header: shown("header.top"), footer: shown("footer.foot"), form: shown(".report-period"),
    actions: shown(".report-actions"), report: shown("#report"),
    color: style.color, background: style.backgroundColor,
    breakBefore: details ? getComputedStyle(details).breakBefore : null,
  };
}"""


@pytest.fixture
def shots(screenshots: Path) -> Path:
    folder = screenshots / "report"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_the_report_fits_a_phone_and_prints_plain(
    lang: str, local_site: Site, visit: Callable[..., Visitor], shots: Path
) -> None:
    seed(local_site)
    visitor = visit(local_site, LOCALES[lang])
    problems, report = check_pages(visitor, {"report": f"/report?{PERIOD}"}, lang, shots)
    assert not problems, "\n".join(problems)
    assert len(report["report 360"]["charts"]) == 1
    assert visitor.page.locator("html").get_attribute("lang") == lang
    assert visitor.page.locator("#report-print").is_visible()  # report.js shows it
    visitor.page.emulate_media(media="print")
    printed = visitor.page.evaluate(PRINTED)
    visitor.page.screenshot(path=str(shots / f"report-{lang}-print.png"), full_page=True)
    visitor.page.emulate_media(media="screen")
    assert printed == {
        "header": False, "footer": False, "form": False, "actions": False, "report": True,
        "color": "rgb(0, 0, 0)", "background": "rgb(255, 255, 255)", "breakBefore": "page",
    }  # fmt: skip


def test_the_pdf_is_downloaded_from_trends(
    local_site: Site, visit: Callable[..., Visitor], tmp_path: Path
) -> None:
    seed(local_site)
    visitor = visit(local_site)
    visitor.goto("/trends?weeks=4")
    with visitor.page.expect_navigation():
        visitor.page.click("#report-link")
    assert visitor.path().startswith("/report?from=")
    with visitor.page.expect_download() as download:
        visitor.page.click("#report-pdf")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith("mgcoach-report-") and saved.suffix == ".pdf"
    pages = pdf_pages(saved.read_bytes())
    assert 2 <= len(pages) <= 4 and "levothyroxine" in " ".join(pages)


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_the_report_has_no_axe_violation(
    lang: str, local_site: Site, visit: Callable[..., Visitor]
) -> None:
    """axe-core (as test_axe.py runs it) on the report and on its refused period, both sizes."""
    from tests.web.browser.test_axe import Audit

    seed(local_site)
    audit = Audit(visit(local_site, LOCALES[lang]), lang)
    audit.goto("report", f"/report?{PERIOD}")
    audit.goto("report refused", "/report?from=2026-03-30&to=2026-03-01", status=422)
    assert not audit.found, audit.verdict()
