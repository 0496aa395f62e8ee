"""`mgcoach report`: a period of the journal for the doctor or dietitian (services/report.py),
the same answer as ``GET /api/v1/report`` and the Report page; ``--pdf FILE`` writes it as the
printable PDF (pdf/report.py), the same as the page's "Download PDF".

No ``from __future__ import annotations``: Typer reads the option types at run time.
"""

from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import N_, _
from .journal import ProfileOpt, db
from .output import emit, say
from .root import Json, Lang, app, check_lang


@app.command(
    help=N_(
        "A report for the doctor or dietitian: profile, targets, intake, supplements and "
        "medicines with their times, lab values, symptoms and questions to ask (--pdf FILE "
        "writes it as a PDF)."
    )
)
def report(
    from_: Annotated[
        str | None,
        typer.Option("--from", help=N_("First day (default: 29 days before --to).")),
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help=N_("Last day (default today)."))] = None,
    pdf: Annotated[
        Path | None, typer.Option("--pdf", help=N_("Write the report as a PDF to this file."))
    ] = None,
    profile_: ProfileOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract.report import report_json
    from ..errors import about
    from ..journal.dates import parse_day
    from ..knowledge import load_knowledge
    from ..services.journal import profile_name
    from ..services.report import DEFAULT_REPORT_DAYS, doctor_report
    from . import report_views

    today = date.today()
    with about("to"):
        end = parse_day(to, today)
    with about("from"):
        start = parse_day(from_, today) if from_ else end - timedelta(DEFAULT_REPORT_DAYS - 1)
    kb = load_knowledge()
    data = report_json(kb, doctor_report(db(), kb, profile_name(profile_), start, end))
    if pdf is None:
        emit(data, json_, lambda: report_views.render_report(data))
        return
    from ..pdf import require_pdf

    require_pdf()
    from ..pdf.files import save
    from ..pdf.report import report_pdf

    made = report_pdf(data)
    save(pdf, made.content)
    message = _("Report written to {path} ({pages} pages).")
    emit(data, json_, lambda: say(message, path=str(pdf), pages=made.pages))
