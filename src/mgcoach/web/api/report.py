"""The report for the doctor or dietitian: ``GET /report`` is exactly what ``mgcoach report
--json`` prints (services/report.py, contract/report.py) and ``GET /report.pdf`` the PDF that
``mgcoach report --pdf`` writes, both for the signed-in viewer's own journal only."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response

from ...contract.report import ReportAnswer, report_json
from ...services.journal import profile_name
from ...services.report import doctor_report
from ..context import PROFILE, state_of
from ..reporting import pdf_response, report_period
from .answers import AnswerRouter
from .calculators import ERRORS, answer
from .params import ProfileQuery, SignedIn

router = AnswerRouter(tags=["journal"], responses=ERRORS)

FromQuery = Annotated[
    str | None,
    Query(
        alias="from",
        description="First day: YYYY-MM-DD, today, yesterday or -N (default: 29 days before to).",
        max_length=20,
        examples=["2025-01-01"],
    ),
]
ToQuery = Annotated[
    str | None,
    Query(
        alias="to",
        description="Last day (default today); at most 366 days after from.",
        max_length=20,
        examples=["2025-01-30"],
    ),
]


def _report(
    request: Request, viewer: SignedIn, start: str | None, end: str | None, profile: str
) -> ReportAnswer:
    state = state_of(request)
    first, last = report_period(start, end)
    found = doctor_report(state.db, state.kb, profile_name(profile), first, last, viewer.owner)
    return report_json(state.kb, found)


@router.get(
    "/report",
    summary="The report for the doctor or dietitian (mgcoach report)",
    response_model=ReportAnswer,
)
def report(
    request: Request,
    viewer: SignedIn,
    start: FromQuery = None,
    end: ToQuery = None,
    profile: ProfileQuery = PROFILE,
) -> JSONResponse:
    return answer(_report(request, viewer, start, end, profile))


@router.get(
    "/report.pdf",
    summary="The report for the doctor or dietitian as a PDF (mgcoach report --pdf)",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The PDF."}},
)
def report_pdf(
    request: Request,
    viewer: SignedIn,
    start: FromQuery = None,
    end: ToQuery = None,
    profile: ProfileQuery = PROFILE,
) -> Response:
    return pdf_response(_report(request, viewer, start, end, profile))
