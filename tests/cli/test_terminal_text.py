"""Nothing from data or from the user is eaten by Rich markup (issue 13).

Rich reads "[emc-MgOH]" or "[bold]" as markup and deletes it. Two checks:
- every source id a command's JSON cites also appears in its terminal output, in English and
  in Dutch (the digoxin finding once lost its "[emc-MgOH; FDA-PPI11]");
- a journal text with markup in it (a note, an own food's name, a profile name) comes back
  verbatim in `log`, `entries`, `day` and `trend`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgcoach.cli import output
from mgcoach.cli.main import main
from mgcoach.engine.notes import Note
from mgcoach.knowledge import load_knowledge
from tests.cli.running import run_json
from tests.databases import Templates

KB = load_knowledge()
DAY = "2025-01-15"
WIDTH = 1000  # wide enough that Rich never wraps a line or a table cell
SEED = [
    ["profile", "set", "--age", "60", "--sex", "male", "--med", "digoxin@08:00"],
    ["log", "food", "almonds", "30 g", "--time", "08:00", "--note", "[emc-x] snack"],
    ["log", "food", "spinach", "100 g", "--time", "12:30"],
    ["log", "supplement", "--label", "Magnesium (as citrate) 200 mg", "--time", "20:00"],
    ["log", "lab", "0.68", "mmol/L", "--time", "09:00"],
    ["log", "symptom", "cramp", "--count", "2", "--night"],
    ["log", "sleep", "7", "--quality", "6"],
    ["log", "training", "running", "45", "--rpe", "7"],
    ["log", "note", "[bold]felt fine[/bold]"],
]
SEED_DAYS = ("2025-01-08", "2025-01-13", DAY)

# JSON places whose sources cli/safety_views.py does not print yet. That module is being
# rewritten (the safety gate); drop an entry here as soon as its view prints those sources.
NOT_YET_SHOWN: dict[str, tuple[str, ...]] = {}

CASES = [
    pytest.param(["targets", "--age", "30", "--sex", "female"], id="targets-adult-us"),
    pytest.param(
        ["targets", "--age", "32", "--sex", "female", "--pregnant", "--system", "nl"],
        id="targets-pregnant-nl",
    ),
    pytest.param(
        ["targets", "--age", "8", "--sex", "male", "--system", "efsa"], id="targets-child"
    ),
    pytest.param(["targets", "--age", "70", "--sex", "male", "--system", "uk"], id="targets-uk"),
    pytest.param(
        ["targets", "--age", "45", "--sex", "female", "--system", "dach"], id="targets-dach"
    ),
    pytest.param(["elemental", "magnesium citrate", "500"], id="elemental-compound"),
    pytest.param(["elemental", "--label", "Magnesium (as citrate) 200 mg"], id="elemental-label"),
    pytest.param(["serum", "0.6", "mmol/L"], id="serum-low"),
    pytest.param(["serum", "1.5", "mmol/L"], id="serum-high"),
    pytest.param(["serum", "2.0", "mg/dL", "--lab-range", "1.7-2.2"], id="serum-lab-range"),
    pytest.param(
        [
            "energy",
            "--age",
            "40",
            "--sex",
            "male",
            "--activity",
            "moderate",
            "--weight-kg",
            "80",
            "--height-cm",
            "180",
            "--goal-kg-per-week",
            "-0.5",
        ],
        id="energy",
    ),
    pytest.param(
        ["check", "--age", "60", "--sex", "male", "--med", "digoxin@08:00", "--take", "200@20:00"],
        id="check-digoxin",
    ),
    pytest.param(
        [
            "check",
            "--age",
            "40",
            "--sex",
            "female",
            "--med",
            "ferrous sulfate@08:00",
            "--take",
            "200@08:00",
        ],
        id="check-iron",
    ),
    pytest.param(
        [
            "check",
            "--age",
            "70",
            "--sex",
            "male",
            "--med",
            "furosemide@08:00",
            "--med",
            "omeprazole@08:00",
            "--take",
            "300@12:00",
        ],
        id="check-diuretic-ppi",
    ),
    pytest.param(
        ["check", "--age", "60", "--sex", "male", "--egfr", "45", "--take", "300@08:00"],
        id="check-egfr-45",
    ),
    pytest.param(
        [
            "check",
            "--age",
            "30",
            "--sex",
            "female",
            "--med",
            "alendronate@07:00",
            "--take",
            "100@07:30",
        ],
        id="check-alendronate",
    ),
    pytest.param(
        [
            "advise",
            "--age",
            "50",
            "--sex",
            "female",
            "--food-mg",
            "250",
            "--med",
            "digoxin@08:00",
            "--symptom",
            "cramps",
        ],
        id="advise-digoxin",
    ),
    pytest.param(
        ["advise", "--age", "30", "--sex", "female", "--symptom", "cramps", "--symptom", "fatigue"],
        id="advise-cramps",
    ),
    pytest.param(["sources"], id="sources"),
    pytest.param(["sources", "emc-MgOH"], id="sources-one"),
    pytest.param(["foods", "search", "almonds"], id="foods-search"),
    pytest.param(["foods", "search", "spinazie"], id="foods-search-dutch"),
    pytest.param(["foods", "show", "usda:12061"], id="foods-show"),
    pytest.param(["foods", "amount", "almonds", "30 g"], id="foods-amount"),
    pytest.param(["foods", "top", "magnesium"], id="foods-top"),
    pytest.param(["foods", "suggest", "--gap-mg", "150"], id="foods-suggest"),
    pytest.param(["profile", "show"], id="profile-show"),
    pytest.param(["entries", "--date", DAY], id="entries"),
    pytest.param(["day", DAY], id="day"),
    pytest.param(["week", DAY], id="week"),
    pytest.param(["trend", "--days", "7", "--end", DAY], id="trend-days"),
    pytest.param(["trend", "--days", "28", "--end", DAY], id="trend-weeks"),
]


@pytest.fixture(scope="module")
def journal(db_templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One seeded SQLite journal for this module: a digoxin user with a few logged days."""
    folder = tmp_path_factory.mktemp("terminal-text") / "mgcoach-data"
    db_templates.fresh("sqlite", folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MGCOACH_DATA_DIR", str(folder))
        patch.delenv("MGCOACH_DATABASE_URL", raising=False)
        patch.delenv("MGCOACH_PROFILE", raising=False)
        assert main(SEED[0]) == 0
        for day in SEED_DAYS:
            for args in SEED[1:]:
                assert main([*args, "--date", day]) == 0, args
        yield folder


@pytest.fixture(autouse=True)
def _wide(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output.console, "width", WIDTH)
    monkeypatch.setenv("MGCOACH_DATA_DIR", str(journal))
    monkeypatch.delenv("MGCOACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("MGCOACH_PROFILE", raising=False)


def run_text(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def _ids_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    if isinstance(value, dict):  # source_list, and `sources --json`: {id: citation}
        return list(value)
    return []


def cited(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(dotted key path, id) for each value under a key named source, sources, *_source,
    *_sources or source_list (list items share their list's path)."""
    if isinstance(data, dict):
        for key, value in data.items():
            where = f"{path}.{key}" if path else key
            if key in ("source", "sources", "source_list") or key.endswith(("_source", "_sources")):
                yield from ((where, i) for i in _ids_in(value))
            yield from cited(value, where)
    elif isinstance(data, list):
        for item in data:
            yield from cited(item, path)


def wanted_ids(command: str, data: Any) -> set[str]:
    """The bibliography ids the terminal must show: all cited ones, less those cited only in
    the places NOT_YET_SHOWN lists (source_list repeats every id, so it is read last). A
    food's "source" ("curated", "off") says where the food came from and is no citation."""
    skipped_places = NOT_YET_SHOWN.get(command, ())
    direct: set[str] = set()
    listed: set[str] = set()
    skipped: set[str] = set()
    for where, source_id in cited(data):
        if where == "source_list" or where.endswith(".source_list"):
            listed.add(source_id)
        elif any(where == s or where.startswith(f"{s}.") for s in skipped_places):
            skipped.add(source_id)
        else:
            direct.add(source_id)
    return (direct | (listed - skipped)) & set(KB.sources)


def shown(source_id: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(source_id)}(?![\w-])", text) is not None


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("args", CASES)
def test_every_cited_source_is_shown(
    capsys: pytest.CaptureFixture[str], args: list[str], lang: str
) -> None:
    data = run_json(capsys, *args, "--lang", lang)
    text = run_text(capsys, *args, "--lang", lang)
    wanted = wanted_ids(args[0], data)
    missing = sorted(i for i in wanted if not shown(i, text))
    assert not missing, f"cited in --json but not shown: {missing}\n{text}"


def test_digoxin_finding_keeps_its_sources(capsys: pytest.CaptureFixture[str]) -> None:
    text = run_text(
        capsys, "check", "--age", "60", "--sex", "male", "--med", "digoxin@08:00",
        "--take", "200@20:00",
    )  # fmt: skip
    assert "[emc-MgOH; FDA-PPI11]" in text


# Markup and near-markup: Rich tags, closing tags, links, a source-like id, escapes, emoji codes.
MARKUP = [
    "[bold]", "[/]", "[/bold]", "[link=x]", "[/link]", "[emc-x]", "[red]", "[i]", "[b]x[/b]",
    "[#ff0000]", "[@click]", "[on red]", "\\", "\\[", "[", "]", "[[", ":smile:", ":+1:", "[x",
]  # fmt: skip
PLAIN_CHARS = string.ascii_letters + string.digits + " .,;()'\"/=#@:_-éüß€"
piece = st.one_of(st.sampled_from(MARKUP), st.text(alphabet=PLAIN_CHARS, min_size=1, max_size=4))
user_text = (
    st.lists(piece, min_size=1, max_size=5)
    .map(lambda parts: "".join(parts).strip())
    .filter(lambda text: bool(text) and not text.startswith("-") and len(text) <= 60)
)
_examples = count(1)


def render(markup: str) -> str:
    """What our console shows for a markup string (markup on, emoji codes off)."""
    return output.console.render_str(markup).plain


@given(text=user_text, tail=st.sampled_from(["", " and more", ": [bold]ours[/bold]", " (x)"]))
def test_plain_text_survives_rich_markup(text: str, tail: str) -> None:
    """The escaping itself: Rich gives back exactly the text, before or after our markup."""
    ours = render(tail)
    assert render(output.plain(text) + tail) == text + ours
    assert render(f"[red]x[/red] {output.plain(text)}") == f"x {text}"
    assert render(output.strong(text) + tail) == text + ours
    note = Note(code="test", message="{value}", params={"value": text}, sources=(text, "emc-MgOH"))
    assert render(output.note_line(note)) == f"{text} [{text}; emc-MgOH]"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=user_text, food=user_text, profile=user_text)
def test_user_text_comes_back_verbatim(
    capsys: pytest.CaptureFixture[str], note: str, food: str, profile: str
) -> None:
    name = f"{profile} {next(_examples)}"  # a fresh profile per example
    food_name = f"{food} #{name}"  # own food names are unique per example too
    run_json(capsys, "profile", "set", "--age", "45", "--sex", "female", "--profile", name)
    added = run_json(capsys, "foods", "add", food_name, "--per-100g", "magnesium_mg=100")
    journal_args = ("--profile", name, "--date", DAY)
    logged = run_text(capsys, "log", "note", note, *journal_args)
    assert note in logged
    logged = run_text(capsys, "log", "food", added["id"], "50 g", "--note", note, *journal_args)
    assert food_name in logged
    entries = run_text(capsys, "entries", *journal_args)
    assert name in entries and note in entries and food_name in entries
    assert f"— {note}" in entries  # the food entry's own note, after its details
    day = run_text(capsys, "day", DAY, "--profile", name)
    assert name in day
    assert f"• {food_name}: 50 mg" in day
    trend = run_text(capsys, "trend", "--days", "7", "--end", DAY, "--profile", name)
    assert name in trend
