"""Report: a period of the journal for the doctor or dietitian (services/report.py
``doctor_report``, the same answer as ``mgcoach report --json`` and ``GET /api/v1/report``),
rendered from ``contract.report.report_json``, with a print stylesheet (report.css) and the
same report as a PDF at /report.pdf (pdf/report.py, as ``mgcoach report --pdf``).

``report_context`` makes the page's content for any owner's journal, apart from who is viewing
it: a dietitian's read-only view of a client's report renders the same template with it (and
``client`` given). A period out of order, too long or not a date is shown on its field (422).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Depends, Query, Request
from fastapi.responses import Response

from ...contract.report import ReportAnswer, experiment_rows, report_json
from ...errors import InputError
from ...i18n import _, get_language
from ...pdf import pdf_available
from ...services.journal import UnknownProfileError
from ...services.report import doctor_report
from .. import charts
from ..context import PROFILE, Viewer, signed_in, state_of
from ..forms import add_error
from ..reporting import TEXT_MAX, pdf_response, report_period
from ..routing import IndexedRouter
from ..templating import day_text, num, render
from .today import to_onboarding
from .trends import COLORS

router = IndexedRouter(include_in_schema=False)
FIELDS = {"from": "from", "to": "to"}


def _chart(data: ReportAnswer) -> charts.Chart:
    """Magnesium per day: supplements and food stacked, the target as a line."""
    rows = data["daily"]
    magnesium = data["targets"]["magnesium"]
    return charts.Chart(
        ident="chart-report",
        title=_("Magnesium per day, from food and supplements"),
        desc=_(
            "Stacked bars of magnesium from supplements and from food each day from {start} to "
            "{end}, with the target as a dashed line ({target}); the upper limit for "
            "supplements is {ul}. Days without food logged are left empty."
        ).format(
            start=day_text(data["from"]),
            end=day_text(data["to"]),
            target=num(magnesium["target_mg"], 0, "mg"),
            ul=num(magnesium["supplemental_ul_mg"], 0, "mg"),
        ),
        days=[date.fromisoformat(row["date"]) for row in rows],
        bars=(
            charts.Series(
                "supplement",
                _("Supplements"),
                [row["supplement_mg"] if row["logged"] else None for row in rows],
                COLORS["supplement"],
            ),
            charts.Series(
                "food",
                _("Food"),
                [row["food_mg"] if row["logged"] else None for row in rows],
                COLORS["food"],
            ),
        ),
        line=charts.Series("target", _("Target"), [r["target_mg"] for r in rows], COLORS["target"]),
        unit="mg",
        empty=_("Nothing logged in this period yet."),
        lang=get_language(),
    )


def report_context(
    request: Request,
    owner: str,
    start: date,
    end: date,
    experiment: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The Report page of ``owner``'s journal from ``start`` to ``end``; ``experiment`` is an
    experiment's summary (services.experiments ``report_summary``) when one ran."""
    state = state_of(request)
    report = doctor_report(state.db, state.kb, PROFILE, start, end, owner=owner)
    data = report_json(state.kb, report, experiment)
    chart = _chart(data)
    return {
        "data": data,
        "chart": chart,
        "svg": charts.render(chart),
        "experiment_rows": experiment_rows(data["experiment"]),
        "values": {"from": data["from"], "to": data["to"]},
        "errors": {},
        "pdf_available": pdf_available(),
    }


def period_refused(
    request: Request, error: InputError, from_text: str | None, to_text: str | None, **extra: Any
) -> Response:
    """The Report page (the person's or a client's: ``extra``) with a refused period shown on
    its field, 422."""
    errors: dict[str, str] = {}
    add_error(errors, error, FIELDS, "from")
    values = {"from": (from_text or "")[:TEXT_MAX], "to": (to_text or "")[:TEXT_MAX]}
    return render(request, "report.html", 422, data=None, errors=errors, values=values, **extra)


@router.get("/report")
def report_page(
    request: Request,
    from_text: str | None = Query(None, alias="from"),
    to_text: str | None = Query(None, alias="to"),
    viewer: Viewer = Depends(signed_in),
) -> Response:
    try:
        start, end = report_period(from_text, to_text)
    except InputError as error:
        return period_refused(request, error, from_text, to_text)
    try:
        context = report_context(request, viewer.owner, start, end)
    except UnknownProfileError:
        return to_onboarding()
    return render(request, "report.html", **context)


@router.get("/report.pdf")
def report_pdf_page(
    request: Request,
    from_text: str | None = Query(None, alias="from"),
    to_text: str | None = Query(None, alias="to"),
    viewer: Viewer = Depends(signed_in),
) -> Response:
    start, end = report_period(from_text, to_text)  # bad input: the error page, 422
    state = state_of(request)
    try:
        report = doctor_report(state.db, state.kb, PROFILE, start, end, owner=viewer.owner)
    except UnknownProfileError:
        return to_onboarding()
    return pdf_response(report_json(state.kb, report))
