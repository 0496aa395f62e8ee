"""`mgcoach report`: the JSON contract, the PDF written to a file (read back), the Rich summary,
and the errors: a period out of order or too long, a folder or a missing folder as the file,
each one line with exit 2 and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgcoach.cli.main import main
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.database import open_database
from tests.cli.running import run_error, run_json
from tests.report.journal import make_journal
from tests.report.reading import pdf_pages, pdf_text
from tests.report.test_report import REPORT_KEYS

PERIOD = ("--from", "2026-03-01", "--to", "2026-03-30")


@pytest.fixture
def journal(data_dir: Path, kb: KnowledgeBase) -> Path:
    database = open_database()
    make_journal(database, kb)
    database.dispose()
    return data_dir


def test_report_json(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "report", *PERIOD)
    assert list(data) == REPORT_KEYS
    assert data["intake"]["days_logged"] == 5 and data["supplements"][0]["times"] == ["07:30"]
    assert [q["code"] for q in data["questions"]][:2] == ["kidney_unknown", "serum_low"]


def test_report_pdf_in_dutch(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "verslag.pdf"
    assert main(["report", *PERIOD, "--pdf", str(target), "--lang", "nl"]) == 0
    out = capsys.readouterr().out
    pages = pdf_pages(target.read_bytes())
    assert 2 <= len(pages) <= 4 and f"({len(pages)} " in out
    text = pdf_text(target.read_bytes())
    assert "Amandelen" in text and "0,70 mmol/L" in text and "07:30" in text
    assert list(folder.iterdir()) == [target]  # no partial file left beside it


def test_report_summary(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", *PERIOD]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Magnesium target: 420 mg (RDA)" in out
    assert "levothyroxine 07:00 / 07:30" in out
    assert "1. What is my kidney function (eGFR)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-03-30", "--to", "2026-03-01"), "is after the last day"),
        (("--from", "2025-03-01", "--to", "2026-03-30"), "at most 366 days; this period has 395"),
        (("--from", "someday"), "someday is not a date"),
    ],
)
def test_report_period_errors(
    journal: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, err = run_error(capsys, "report", *args)
    assert code == 2 and message in err and "--from" in err and err.count("\n") == 0


def test_report_refuses_a_folder_or_a_missing_one(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run_error(capsys, "report", *PERIOD, "--pdf", str(journal))
    assert code == 2 and "is a folder" in err and "--pdf" in err
    missing = tmp_path / "nowhere" / "report.pdf"
    code, err = run_error(capsys, "report", *PERIOD, "--pdf", str(missing))
    assert code == 2 and "does not exist" in err
    blocked = tmp_path / "blocked"
    (blocked / ".r.pdf.partial").mkdir(parents=True)  # where the file is first written
    code, err = run_error(capsys, "report", *PERIOD, "--pdf", str(blocked / "r.pdf"))
    assert code == 2 and "Cannot write" in err
    assert [p.name for p in blocked.iterdir()] == [".r.pdf.partial"]  # no r.pdf, not even half
    assert not missing.parent.exists()


def test_without_the_pdf_extra_one_line_names_it(
    journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    import sys

    from mgcoach.pdf import PDF_INSTALL

    monkeypatch.setitem(sys.modules, "fpdf", None)  # as in an install without the extra
    target = tmp_path / "report.pdf"
    code, err = run_error(capsys, "report", *PERIOD, "--pdf", str(target))
    assert code == 69 and PDF_INSTALL in err and "\n" not in err
    assert not target.exists()
