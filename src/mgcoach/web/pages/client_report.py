"""A dietitian's read-only view of a client's report (linked from the client banner): the same
content as the client's own Report page (``report_context``, report.html with ``client``
given) and the same PDF, after the accepted share is checked (client_views.py ``client_of``:
any other share is 404)."""

from __future__ import annotations

from fastapi import Depends, Query, Request
from fastapi.responses import Response

from ...contract.report import report_json
from ...errors import InputError
from ...services.journal import UnknownProfileError
from ...services.report import doctor_report
from ..context import PROFILE, Viewer, signed_in, state_of
from ..reporting import pdf_response, report_period
from ..routing import IndexedRouter
from ..templating import render
from .client_views import ClientPage, client_of
from .report import period_refused, report_context

router = IndexedRouter(include_in_schema=False)


@router.get("/clients/{share_id}/report", response_model=None)
def client_report(
    share_id: int,
    request: Request,
    from_text: str | None = Query(None, alias="from"),
    to_text: str | None = Query(None, alias="to"),
    viewer: Viewer = Depends(signed_in),
) -> Response:
    found = client_of(request, viewer, share_id)
    page = ClientPage(found.share_id, found.name, "report")
    try:
        start, end = report_period(from_text, to_text)
    except InputError as error:
        return period_refused(request, error, from_text, to_text, client=page)
    try:
        context = report_context(request, found.name, start, end)
    except UnknownProfileError:
        return render(request, "client_empty.html", client=page, active="clients")
    return render(request, "report.html", client=page, **context)


@router.get("/clients/{share_id}/report.pdf", response_model=None)
def client_report_pdf(
    share_id: int,
    request: Request,
    from_text: str | None = Query(None, alias="from"),
    to_text: str | None = Query(None, alias="to"),
    viewer: Viewer = Depends(signed_in),
) -> Response:
    found = client_of(request, viewer, share_id)
    start, end = report_period(from_text, to_text)
    state = state_of(request)
    try:
        report = doctor_report(state.db, state.kb, PROFILE, start, end, owner=found.name)
    except UnknownProfileError:
        page = ClientPage(found.share_id, found.name, "report")
        return render(request, "client_empty.html", client=page, active="clients")
    return pdf_response(report_json(state.kb, report))
