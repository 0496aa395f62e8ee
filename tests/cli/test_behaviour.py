"""A CLI that behaves as people expect (issue 15, point 10): --version and -h, shell
completion, `edit` refusing an option that does not fit the entry, negative numbers named
whole, a busy port in one line, the laboratory's own serum range, Dutch headers whole at 80
columns, any weight goal from -1 to 1 kg, a missing file as bad input, the licence metadata."""

from __future__ import annotations

import errno
import os
import re
import shutil
import socket
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import typer

from mgcoach.cli import output
from mgcoach.cli.app import build_app
from mgcoach.cli.main import main
from tests.cli.running import run_error, run_json

ROOT = Path(__file__).resolve().parents[2]
USAGE = 2


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty data folder (SQLite, made on first use)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("MGCOACH_DATA_DIR", str(folder))
    monkeypatch.delenv("MGCOACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("MGCOACH_PROFILE", raising=False)
    return folder


def run_text(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


# -- --version, -h, completion -------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_text(capsys, "--version").strip() == "mgcoach 0.1.0"


def _command_paths(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from _command_paths(sub, (*path, name))


COMMANDS = list(_command_paths(typer.main.get_command(build_app())))


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "mgcoach")
def test_h_is_help_on_every_command(capsys: pytest.CaptureFixture[str], path: tuple[str]) -> None:
    short = run_text(capsys, *path, "-h")
    assert "Usage: mgcoach" in short
    assert short == run_text(capsys, *path, "--help")


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "Show the version and exit."), ("nl", "Toon de versie en stop.")],
)
def test_root_help_offers_version_and_completion(
    capsys: pytest.CaptureFixture[str], lang: str, text: str
) -> None:
    shown = run_text(capsys, "--lang", lang, "-h")
    for option in ("--version", "--install-completion", "--show-completion"):
        assert option in shown
    assert text in re.sub(r"\s*│\s*", " ", shown)


def test_shell_completion(tmp_path: Path) -> None:
    """As a shell runs it: a fresh process, so no earlier test's state can change the answer."""
    command = [sys.executable, "-c", "from mgcoach.cli.main import main; main()"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("_MGCOACH")}
    env["HOME"] = str(tmp_path)
    # Typer detects the calling shell (sh under make); this switch makes --show-completion take
    # the shell as its value, so the test asks for bash whatever runs it.
    env["_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"] = "1"
    shown = subprocess.run(
        [*command, "--show-completion", "bash"], env=env, capture_output=True, text=True
    )
    assert shown.returncode == 0, shown.stderr
    assert "_MGCOACH_COMPLETE=complete_bash" in shown.stdout
    env |= {"_MGCOACH_COMPLETE": "complete_bash", "COMP_WORDS": "mgcoach ser", "COMP_CWORD": "1"}
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["serum", "serve"]


# -- edit --------------------------------------------------------------------------------------

REFUSED = {
    "en": "Error: Entry 1 (supplement) has no --amount; it can change --dose-mg, --as, --date, "
    "--time, --no-time, --note.",
    "nl": "Fout: Registratie 1 (supplement) heeft geen --amount; u kunt wijzigen: --dose-mg, "
    "--as, --date, --time, --no-time, --note.",
}


@pytest.fixture
def journal(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Path:
    """A supplement (#1), a food (#2) and a sleep entry (#3) on 2025-01-15."""
    run_json(capsys, "profile", "set", "--age", "45", "--sex", "male")
    day = ("--date", "2025-01-15")
    run_json(capsys, "log", "supplement", "citrate", "500", "--as", "compound", *day)
    run_json(capsys, "log", "food", "almonds", "30 g", *day)
    run_json(capsys, "log", "sleep", "7", *day)
    return data_dir


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_edit_refuses_an_option_the_entry_does_not_have(
    capsys: pytest.CaptureFixture[str], journal: Path, lang: str
) -> None:
    before = run_json(capsys, "entries", "--date", "2025-01-15")
    code, message = run_error(capsys, "edit", "1", "--amount", "40 g", "--lang", lang)
    assert (code, message) == (USAGE, REFUSED[lang])
    assert run_json(capsys, "entries", "--date", "2025-01-15") == before  # nothing changed


def test_edit_names_every_unfit_option_and_what_fits(
    capsys: pytest.CaptureFixture[str], journal: Path
) -> None:
    code, message = run_error(capsys, "edit", "3", "--amount", "40 g", "--rpe", "5", "--as", "x")
    assert code == USAGE
    assert "has no --amount, --as, --rpe;" in message
    assert "it can change --hours, --quality, --date," in message
    # A change that fits still goes through, together with the day.
    edited = run_json(capsys, "edit", "3", "--hours", "6.5", "--date", "2025-01-14")
    assert (edited["detail"]["hours"], edited["date"]) == (6.5, "2025-01-14")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Changed #2: food Almonds on 2025-01-15"),
        ("nl", "Gewijzigd #2: voedingsmiddel Amandelen"),
    ],
)
def test_a_successful_edit_says_changed(
    capsys: pytest.CaptureFixture[str], journal: Path, lang: str, said: str
) -> None:
    text = run_text(capsys, "edit", "2", "--amount", "40 g", "--lang", lang)
    assert text.startswith(said)
    assert "Logged" not in text and "Vastgelegd" not in text
    assert run_json(capsys, "edit", "2", "--amount", "50 g")["detail"]["grams"] == 50


# -- negative numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "number"),
    [
        (["elemental", "citrate", "-500"], "-500"),
        (["elemental", "citrate", "-0.5"], "-0.5"),
        (["amount", "-40", "mg"], "-40"),
        (["serum", "-0,7", "mmol/L"], "-0,7"),
    ],
)
@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Error: A negative value is not possible: {n}."),
        ("nl", "Fout: Een negatieve waarde is niet mogelijk: {n}."),
    ],
)
def test_a_negative_number_is_named_whole(
    capsys: pytest.CaptureFixture[str], args: list[str], number: str, lang: str, sentence: str
) -> None:
    code, message = run_error(capsys, *args, "--lang", lang)
    assert (code, message) == (USAGE, sentence.format(n=number))


def test_an_unknown_short_option_is_still_named_as_typed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_error(capsys, "amount", "4", "mmol", "-x") == (
        USAGE,
        "Error: Unknown option -x; see --help.",
    )


# -- serve -------------------------------------------------------------------------------------


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "en",
            "Error: Port {port} on 127.0.0.1 is already in use: stop what uses it or choose "
            "another with --port.",
        ),
        (
            "nl",
            "Fout: Poort {port} op 127.0.0.1 is al in gebruik: stop wat die poort gebruikt of "
            "kies een andere met --port.",
        ),
    ],
)
def test_serve_on_a_busy_port_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, busy_port: int, lang: str, sentence: str
) -> None:
    code = main(["serve", "--port", str(busy_port), "--lang", lang])
    out = capsys.readouterr()
    assert code == 69  # EX_UNAVAILABLE
    assert out.out == ""  # not "running at …" first
    assert out.err.strip() == sentence.format(port=busy_port)


def test_serve_binds_before_it_says_it_runs(busy_port: int) -> None:
    from mgcoach.cli.serve import ServeError, bind

    with pytest.raises(ServeError) as refused:
        bind("127.0.0.1", busy_port)
    assert isinstance(refused.value.__cause__, OSError)
    assert refused.value.__cause__.errno == errno.EADDRINUSE
    free = bind("127.0.0.1", 0)
    free.close()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_passes_port() -> None:
    def dry_run(*extra: str) -> str:
        done = subprocess.run(
            ["make", "-n", "--no-print-directory", "run", *extra],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip().splitlines()[-1]

    assert dry_run("PORT=8123").endswith("mgcoach serve --port 8123")
    assert dry_run().endswith("mgcoach serve")


# -- serum -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "header", "row"),
    [
        ("en", "Your laboratory", "│ mg/dL  │ 1.8   │ 1.8–2.3         │ 1.7–2.2         │"),
        ("nl", "Uw laboratorium", "│ mg/dL   │ 1,8    │ 1,8–2,3          │ 1,7–2,2         │"),
    ],
)
def test_serum_table_shows_the_lab_range(
    capsys: pytest.CaptureFixture[str], lang: str, header: str, row: str
) -> None:
    text = run_text(capsys, "serum", "1.8", "mg/dL", "--lab-range", "1.7-2.2", "--lang", lang)
    assert header in text
    assert row in text.splitlines()
    assert "0.70–0.91" in text or "0,70–0,91" in text  # the same range in mmol/L
    assert header not in run_text(capsys, "serum", "1.8", "mg/dL", "--lang", lang)


# -- Dutch headers at 80 columns ---------------------------------------------------------------

TABLES = [
    ["targets", "--age", "32", "--sex", "female", "--pregnant", "--system", "nl"],
    ["targets", "--age", "40", "--sex", "male", "--system", "efsa", "--weight-kg", "70"],
    ["elemental", "magnesium citrate", "500"],
    ["serum", "1.8", "mg/dL", "--lab-range", "1.7-2.2"],
    ["energy", "--age", "45", "--sex", "female", "--weight-kg", "68", "--height-cm", "168",
     "--activity", "moderate", "--goal-kg-per-week", "-0.5"],
    ["check", "--age", "55", "--sex", "female", "--med", "doxycycline@08:00,20:00",
     "--med", "levothyroxine@07:00", "--take", "200@09:00", "--egfr", "50"],
    ["advise", "--age", "52", "--sex", "male", "--food-mg", "250", "--symptom", "cramps",
     "--med", "levothyroxine@07:00", "--med", "omeprazole", "--condition", "athlete"],
    ["compounds"],
    ["foods", "search", "havermout"],
    ["foods", "amount", "oat bran", "1/2 cup"],
    ["foods", "top", "magnesium", "--per", "portion"],
    ["foods", "suggest", "--gap-mg", "150", "--max-kcal", "300"],
    ["foods", "show", "pompoenpitten"],
]  # fmt: skip


def _headers(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip("┃ \n").split("┃")]


@pytest.mark.parametrize("args", TABLES, ids=lambda a: " ".join(a[:2]))
def test_dutch_headers_are_whole_at_80_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    wide = run_text(capsys, *args, "--lang", "nl")  # the console is wide under pytest
    monkeypatch.setattr(output.console, "width", 80)
    narrow = run_text(capsys, *args, "--lang", "nl")
    assert all(len(line) <= 80 for line in narrow.splitlines()), narrow
    header_lines = [line for line in narrow.splitlines() if line.startswith("┃")]
    assert header_lines, narrow
    assert not any("…" in line for line in header_lines), narrow
    # Every word of every header is shown whole (a header may take two lines).
    shown_words = {
        word for line in header_lines for cell in _headers(line) for word in cell.split()
    }
    for line in (line for line in wide.splitlines() if line.startswith("┃")):
        for cell in _headers(line):
            assert set(cell.split()) <= shown_words, (cell, narrow)


def test_a_long_cell_word_is_folded_not_cut(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output.console, "width", 80)
    text = run_text(capsys, "compounds", "--lang", "nl")
    assert "…" not in text


# -- energy goals ------------------------------------------------------------------------------

ENERGY = ["energy", "--age", "45", "--sex", "female", "--weight-kg", "68", "--height-cm", "168",
          "--activity", "moderate"]  # fmt: skip


@pytest.mark.parametrize("goal", ["-1", "-0.5", "-0.2", "-0.05", "0", "0.1", "0.2", "1"])
def test_any_goal_from_minus_1_to_1_kg(capsys: pytest.CaptureFixture[str], goal: str) -> None:
    data = run_json(capsys, *ENERGY, "--goal-kg-per-week", goal)
    assert data["daily_adjustment_kcal"] == pytest.approx(float(goal) * 7700 / 7, abs=0.1)


@pytest.mark.parametrize("goal", ["0.2", "-0.5", "2"])
def test_any_goal_up_to_2_lb(capsys: pytest.CaptureFixture[str], goal: str) -> None:
    data = run_json(capsys, *ENERGY, "--goal-lb-per-week", goal)
    assert data["daily_adjustment_kcal"] == pytest.approx(float(goal) * 3500 / 7, abs=0.1)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "en",
            "Error: A weight goal must be -1 to 1 kg per week (negative to lose). "
            "(see --goal-kg-per-week)",
        ),
        (
            "nl",
            "Fout: Een gewichtsdoel moet -1 tot 1 kg per week zijn (negatief om af te "
            "vallen). (zie --goal-kg-per-week)",
        ),
    ],
)
@pytest.mark.parametrize("goal", ["1.01", "-1.5", "nan"])
def test_a_goal_beyond_1_kg_is_refused(
    capsys: pytest.CaptureFixture[str], goal: str, lang: str, sentence: str
) -> None:
    code, message = run_error(capsys, *ENERGY, "--goal-kg-per-week", goal, "--lang", lang)
    assert (code, message) == (USAGE, sentence)


def test_the_goal_rule_is_cited() -> None:
    from mgcoach.knowledge import load_knowledge

    change = load_knowledge().energy.weight_change
    assert (change.max_rate_kg_per_week, change.max_rate_lb_per_week) == (1.0, 2.0)
    assert change.sources


# -- missing files -----------------------------------------------------------------------------

MISSING = {
    "en": (
        "Error: No such file or folder: {path}.",
        "Error: The folder {path} does not exist: create it first, or write somewhere else.",
    ),
    "nl": (
        "Fout: Bestand of map bestaat niet: {path}.",
        "Fout: De map {path} bestaat niet: maak die eerst aan, of schrijf ergens anders naartoe.",
    ),
}


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize(
    ("args", "named", "to_write"),
    [
        (["import", "{tmp}/journal.json"], "{tmp}/journal.json", False),
        (["import", "{tmp}/servings.csv"], "{tmp}/servings.csv", False),
        (["foods", "import", "usda", "{tmp}/sr28"], "{tmp}/sr28", False),
        (["foods", "import", "off", "{tmp}/products.jsonl.gz"], "{tmp}/products.jsonl.gz", False),
        (["export", "{tmp}/nowhere/journal.json"], "{tmp}/nowhere", True),
        (["export", "--csv", "{tmp}/nowhere/csv"], "{tmp}/nowhere", True),
    ],
)
def test_a_missing_file_is_bad_input(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    args: list[str],
    named: str,
    to_write: bool,
    lang: str,
) -> None:
    filled = [arg.format(tmp=tmp_path) for arg in args]
    code, message = run_error(capsys, *filled, "--lang", lang)
    assert (code, message) == (
        USAGE,
        MISSING[lang][to_write].format(path=named.format(tmp=tmp_path)),
    )
    assert not (tmp_path / "nowhere").exists()


def test_export_csv_still_makes_its_own_folder(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    run_json(capsys, "export", "--csv", str(tmp_path / "csv"))
    assert (tmp_path / "csv" / "entry.csv").is_file()


# -- licence -----------------------------------------------------------------------------------


def test_licence_file_matches_the_package_metadata() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"  # an SPDX expression, not a table
    assert project["project"]["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    # The SPDX string form needs setuptools >= 77 (PEP 639); older ones warn or fail.
    pinned = re.search(r"setuptools>=(\d+)", " ".join(project["build-system"]["requires"]))
    assert pinned is not None and int(pinned.group(1)) >= 77
