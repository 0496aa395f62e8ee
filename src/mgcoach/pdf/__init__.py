"""Printable documents made with fpdf2, in the reader's language: the report for the doctor
or dietitian (report.py), from the JSON its contract gives. The font (DejaVu Sans, with its
licence) is shipped in ``fonts/`` so Dutch and the symbols (≤, µ, –, ë) print everywhere."""

from ..errors import MgCoachError
from ..i18n import N_

# fpdf2 (with fontTools and Pillow, about 60 MB) is an extra: the default install stays lean.
PDF_INSTALL = "pip install 'mgcoach[pdf]'"


class PdfUnavailableError(MgCoachError):
    """fpdf2 is not installed: the PDF cannot be made (the report itself can)."""

    code = "pdf_unavailable"
    exit_code = 69  # EX_UNAVAILABLE
    http_status = 503


def pdf_available() -> bool:
    """Whether fpdf2 is installed (the ``pdf`` extra), without importing it."""
    from importlib.util import find_spec

    try:
        return find_spec("fpdf") is not None
    except (ImportError, ValueError):  # ValueError: set to None in sys.modules
        return False


def require_pdf() -> None:
    """Refuse in one translated sentence when fpdf2 is missing, naming the extra."""
    try:
        import fpdf  # noqa: F401
    except ImportError:
        raise PdfUnavailableError(
            N_(
                "A PDF needs the fpdf2 library, an extra of Mg Coach: {command}. The report "
                "page can also be printed to PDF from the browser."
            ),
            command=PDF_INSTALL,
        ) from None
