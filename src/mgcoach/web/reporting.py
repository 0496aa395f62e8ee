"""What the report's page and its API share: the period its ``from`` and ``to`` parameters
name, and the PDF download (pdf/report.py, as ``mgcoach report --pdf`` writes it)."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.responses import Response

from ..contract.report import ReportAnswer
from ..errors import about
from ..journal.dates import parse_day
from ..services.report import DEFAULT_REPORT_DAYS, check_period

TEXT_MAX = 20  # a date parameter longer than this is no date


def report_period(from_text: str | None, to_text: str | None) -> tuple[date, date]:
    """The period the ``from`` and ``to`` parameters name (default: the last 30 days)."""
    today = date.today()
    with about("to"):
        end = parse_day((to_text or "").strip()[:TEXT_MAX] or None, today)
    with about("from"):
        given = (from_text or "").strip()[:TEXT_MAX]
        start = parse_day(given, today) if given else end - timedelta(DEFAULT_REPORT_DAYS - 1)
    return check_period(start, end)


def pdf_response(data: ReportAnswer) -> Response:
    """The report as a PDF download, named by its period (503 without the ``pdf`` extra)."""
    from ..pdf import require_pdf

    require_pdf()
    from ..pdf.report import report_pdf

    made = report_pdf(data)
    name = f"mgcoach-report-{data['from']}-{data['to']}.pdf"
    return Response(
        made.content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
