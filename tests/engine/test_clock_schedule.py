"""Clock times and the dose planner: parsing, the §4.1 timing rule at its edges, and the
schedule `propose` builds, checked against an independent implementation of the rule."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mgcoach.engine.clock import (
    MINUTES_PER_DAY,
    breaks_rule,
    format_time,
    parse_med,
    parse_take,
    parse_time,
    parse_times,
)
from mgcoach.engine.schedule import (
    Preferences,
    Schedule,
    TimingRule,
    doses_needed,
    propose,
    split_dose,
)
from mgcoach.errors import InputError
from mgcoach.journal.frequency import DAILY as EVERY_DAY
from mgcoach.knowledge import load_knowledge

KB = load_knowledge()
DOSING = KB.advice.dosing
DEFAULT = Preferences.from_dosing(DOSING)
TIMED = sorted(slug for slug, c in KB.safety.drug_classes.items() if c.timed)


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def violates(drug_at: int, mg_at: int, hours_before: float, hours_after: float) -> bool:
    """Fact reference §4.1, written out independently of the engine (minutes, mod 24 h)."""
    # Whole minutes: 31 / 60 * 60 is 31.000000000000004 in floating point.
    mg_too_shortly_before_drug = (drug_at - mg_at) % 1440 < round(hours_after * 60)
    mg_too_soon_after_drug = (mg_at - drug_at) % 1440 < round(hours_before * 60)
    return mg_too_shortly_before_drug or mg_too_soon_after_drug


def circular_gap(a: int, b: int) -> int:
    return min((a - b) % 1440, (b - a) % 1440)


# --- parse_time / format_time ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("00:00", 0),
        ("07:30", 450),
        ("7:30", 450),
        ("07.30", 450),
        ("19u30", 1170),
        ("19h30", 1170),
        ("8", 480),
        ("8h", 480),
        ("23:59", 1439),
        ("  08:00 ", 480),
        ("12:00", 720),
    ],
)
def test_parse_time_accepts(text: str, minutes: int) -> None:
    assert parse_time(text) == minutes


@pytest.mark.parametrize(
    "text",
    ["24:00", "25:00", "7h61", "12:60", "99:99", "", " ", "abc", "8:5", "-1:00", "08:00:00",
     "123:00", "8 30", "08:00pm", "24"],
)  # fmt: skip
def test_parse_time_rejects(text: str) -> None:
    with pytest.raises(InputError):
        parse_time(text)


@given(st.integers(0, MINUTES_PER_DAY - 1))
def test_format_and_parse_round_trip(minutes: int) -> None:
    text = format_time(minutes)
    assert len(text) == 5 and text[2] == ":"
    assert parse_time(text) == minutes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08:00", (480,)),
        ("20:00,08:00", (480, 1200)),
        ("08:00, 14:00 ,20:00", (480, 840, 1200)),
    ],
)
def test_parse_times_sorted(text: str, expected: tuple[int, ...]) -> None:
    assert parse_times(text, "x") == expected


@pytest.mark.parametrize("text", ["08:00,08:00", "08:00,", ",08:00", "", "08:00,8"])
def test_parse_times_rejects(text: str) -> None:
    with pytest.raises(InputError):
        parse_times(text, "x")


@pytest.mark.parametrize(
    ("spec", "name", "times"),
    [
        ("doxycycline@08:00", "doxycycline", (480,)),
        ("doxycycline@20:00,08:00", "doxycycline", (480, 1200)),
        (" levothyroxine @07:00", "levothyroxine", (420,)),
        ("omeprazole", "omeprazole", ()),
    ],
)
def test_parse_med(spec: str, name: str, times: tuple[int, ...]) -> None:
    assert parse_med(spec) == (name, times, EVERY_DAY)


@pytest.mark.parametrize("spec", ["@08:00", "doxycycline@", "doxycycline@25:00", "x@7h61"])
def test_parse_med_rejects(spec: str) -> None:
    with pytest.raises(InputError):
        parse_med(spec)


@pytest.mark.parametrize(
    ("spec", "mg", "times"),
    [
        ("200@09:00", 200.0, (540,)),
        ("150", 150.0, ()),
        ("12,5@08:00", 12.5, (480,)),
        ("100mg@08:00,20:00", 100.0, (480, 1200)),
    ],
)
def test_parse_take(spec: str, mg: float, times: tuple[int, ...]) -> None:
    assert parse_take(spec) == (mg, times)


@pytest.mark.parametrize("spec", ["0@08:00", "-5@08:00", "abc@08:00", "20000@08:00", "100@24:00"])
def test_parse_take_rejects(spec: str) -> None:
    with pytest.raises(InputError):
        parse_take(spec)


@pytest.mark.parametrize(("spec", "thousands"), [("1,000@08:00", 1000.0), ("2,500@08:00", 2500.0)])
def test_parse_take_does_not_misread_a_thousands_separator(spec: str, thousands: float) -> None:
    """ "1,000" mg (the way the error message itself writes 10,000) must not silently become
    1 mg: that would let a 1,000 mg dose pass the upper-limit check. Rejecting it as ambiguous
    is fine too."""
    try:
        mg, _times = parse_take(spec)
    except InputError:
        return
    assert mg == thousands


# --- breaks_rule at its edges ----------------------------------------------------------------

# (drug time, magnesium time, hours before, hours after, breaks?)
EDGES = [
    # tetracycline rule (2 h before / 6 h after), drug at 08:00
    ("08:00", "10:00", 2, 6, False),  # exactly 2 h after the drug: allowed
    ("08:00", "09:59", 2, 6, True),  # 1 minute less
    ("08:00", "02:00", 2, 6, False),  # exactly 6 h before the drug: allowed
    ("08:00", "02:01", 2, 6, True),  # 1 minute less
    ("08:00", "08:00", 2, 6, True),  # the same time
    ("08:00", "20:00", 2, 6, False),
    ("08:00", "01:59", 2, 6, False),
    # across midnight
    ("23:00", "01:00", 2, 6, False),  # 2 h after the drug, on the next day
    ("23:00", "00:59", 2, 6, True),
    ("01:00", "19:00", 2, 6, False),  # 6 h before the drug, on the previous day
    ("01:00", "19:01", 2, 6, True),
    ("22:00", "23:59", 2, 6, True),
    # moxifloxacin 4 / 8
    ("12:00", "16:00", 4, 8, False),
    ("12:00", "15:59", 4, 8, True),
    ("12:00", "04:00", 4, 8, False),
    ("12:00", "04:01", 4, 8, True),
    # cabotegravir 4 / 2: the two sides are not the same
    ("12:00", "10:00", 4, 2, False),
    ("12:00", "10:01", 4, 2, True),
    ("12:00", "15:59", 4, 2, True),
    ("12:00", "16:00", 4, 2, False),
    # a zero window never breaks
    ("08:00", "08:00", 0, 0, False),
]


@pytest.mark.parametrize(("drug", "mg", "before", "after", "breaks"), EDGES)
def test_breaks_rule_edges(drug: str, mg: str, before: int, after: int, breaks: bool) -> None:
    assert breaks_rule(hm(drug), hm(mg), before * 60, after * 60) is breaks
    assert violates(hm(drug), hm(mg), before, after) is breaks
    rule = TimingRule.from_hours("x", hm(drug), before, after)
    assert rule.broken_by(hm(mg)) is breaks


@given(st.integers(0, 1439), st.integers(0, 1439), st.integers(0, 12 * 60), st.integers(0, 12 * 60))
@example(drug=31, mg=0, before=0, after=31)  # exactly on the limit: allowed
def test_breaks_rule_matches_formula(drug: int, mg: int, before: int, after: int) -> None:
    assert breaks_rule(drug, mg, before, after) is violates(drug, mg, before / 60, after / 60)


# --- doses_needed / split_dose -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("daily", "largest", "doses"),
    [
        (0, 125, 1),
        (-10, 125, 1),
        (1, 125, 1),
        (100, 125, 1),
        (125, 125, 1),
        (125.0000001, 125, 1),
        (126, 125, 2),
        (250, 125, 2),
        (251, 125, 3),
        (350, 125, 3),
        (400, 125, 4),
        (600, 125, 5),
        (600, 200, 3),
    ],
)
def test_doses_needed(daily: float, largest: float, doses: int) -> None:
    assert doses_needed(daily, largest) == doses


@given(st.floats(0.01, 5000), st.sampled_from([25.0, 100.0, 125.0, 200.0]))
def test_doses_needed_is_the_smallest_count(daily: float, largest: float) -> None:
    count = doses_needed(daily, largest)
    assert count >= 1
    assert daily <= count * largest + 1e-6
    assert count == 1 or daily > (count - 1) * largest - 1e-6


@pytest.mark.parametrize(
    ("daily", "doses", "split"),
    [
        (250, 2, (125.0, 125.0)),
        (251, 2, (126.0, 125.0)),
        (100, 3, (34.0, 33.0, 33.0)),
        (350, 3, (117.0, 117.0, 116.0)),
        (225.4, 2, (113.0, 112.0)),
        (0, 1, (0.0,)),
    ],
)
def test_split_dose(daily: float, doses: int, split: tuple[float, ...]) -> None:
    assert split_dose(daily, doses) == split


@given(st.floats(0, 5000), st.integers(1, 8))
def test_split_dose_adds_up(daily: float, doses: int) -> None:
    split = split_dose(daily, doses)
    assert len(split) == doses
    assert sum(split) == round(daily)
    assert all(part == int(part) for part in split)
    assert max(split) - min(split) <= 1


# --- propose -----------------------------------------------------------------------------------


def test_default_preferences_come_from_the_data() -> None:
    assert DEFAULT.awake_from == hm(DOSING.awake_from.value) == hm("07:00")
    assert DEFAULT.awake_until == hm(DOSING.awake_until.value) == hm("22:30")
    assert DEFAULT.min_gap_min == 4 * 60 == DOSING.min_hours_between_doses.value * 60
    assert DEFAULT.max_single_dose_mg == 125 == DOSING.max_single_dose_mg.value
    assert DEFAULT.meal_times == (hm("08:00"), hm("12:30"), hm("18:30"))


@pytest.mark.parametrize(
    ("daily", "times", "doses"),
    [
        (100, ("18:30",), (100.0,)),
        (125, ("18:30",), (125.0,)),
        (250, ("08:00", "18:30"), (125.0, 125.0)),
        (350, ("08:00", "12:30", "18:30"), (117.0, 117.0, 116.0)),
    ],
)
def test_propose_without_medicines_prefers_meals_and_evening(
    daily: float, times: tuple[str, ...], doses: tuple[float, ...]
) -> None:
    schedule = propose([], daily, DEFAULT)
    assert schedule.clock_times == times
    assert schedule.doses_mg == doses
    assert not schedule.notes


def test_propose_fewer_doses_fit_says_so() -> None:
    # 600 mg needs 5 doses of at most 125 mg; only 4 fit 4 h apart between 07:00 and 22:30.
    schedule = propose([], 600, DEFAULT)
    assert schedule.wanted_doses == 5
    assert len(schedule.times) == 4
    assert sum(schedule.doses_mg) == 600
    assert [note.code for note in schedule.notes] == ["fewer_doses_fit"]


def test_propose_when_no_slot_is_free_explains_why() -> None:
    # Thyroid hormone (4 h either side) every 4 hours leaves no minute free at all.
    rules = [
        TimingRule.from_hours("levothyroxine", at, 4, 4) for at in range(0, MINUTES_PER_DAY, 240)
    ]
    schedule = propose(rules, 200, DEFAULT)
    assert schedule.times == () and schedule.doses_mg == ()
    assert [note.code for note in schedule.notes] == ["no_time_fits"]
    assert schedule.notes[0].params["drugs"] == "levothyroxine"


def test_propose_finds_free_minutes_off_the_15_minute_grid() -> None:
    """Levothyroxine (4 h either side) at 07:05, 15:05 and 23:05 leaves exactly 03:05, 11:05 and
    19:05 free. 11:05 and 19:05 are awake and 8 h apart, so two doses fit; the planner must not
    say that no time fits."""
    rules = [
        TimingRule.from_hours("levothyroxine", hm(t), 4, 4) for t in ("07:05", "15:05", "23:05")
    ]
    free = [
        m for m in range(DEFAULT.awake_from, DEFAULT.awake_until + 1) if allowed_minute(m, rules)
    ]
    assert free == [hm("11:05"), hm("19:05")]
    schedule = propose(rules, 200, DEFAULT)
    assert schedule.times, "propose says no time fits although 11:05 and 19:05 keep every rule"
    assert set(schedule.times) <= set(free)


def test_propose_keeps_doses_apart_across_midnight() -> None:
    """On a repeating day the last dose and the next day's first are also consecutive doses."""
    prefs = Preferences.from_dosing(DOSING, awake_from=0, awake_until=MINUTES_PER_DAY - 1)
    schedule = propose([], 600, prefs)
    times = schedule.times
    assert len(times) >= 2
    gaps = [circular_gap(a, b) for i, a in enumerate(times) for b in times[i + 1 :]]
    assert min(gaps) >= prefs.min_gap_min, schedule.clock_times


def allowed_minute(minute: int, rules: list[TimingRule]) -> bool:
    return not any(
        violates(rule.at, minute, rule.before_min / 60, rule.after_min / 60) for rule in rules
    )


MEDICATIONS = st.dictionaries(
    st.sampled_from(TIMED),
    st.lists(st.integers(0, 287).map(lambda i: i * 5), min_size=1, max_size=3, unique=True),
    max_size=4,
)
DAILY = st.one_of(st.integers(0, 600), st.floats(0, 600, allow_nan=False))


def plan(medications: dict[str, list[int]], daily: float) -> tuple[list, Schedule]:
    """The raw (drug time, hours before, hours after) of each dose, and the proposed schedule."""
    classes = KB.safety.drug_classes
    raw = [
        (at, classes[slug].hours_before, classes[slug].hours_after)
        for slug, times in medications.items()
        for at in times
    ]
    rules = [TimingRule.from_hours("drug", at, before, after) for at, before, after in raw]
    return raw, propose(rules, daily, DEFAULT)


def free_minute(raw: list, minute: int) -> bool:
    return not any(violates(at, minute, before, after) for at, before, after in raw)


@settings(max_examples=200, deadline=None)
@given(MEDICATIONS, DAILY)
def test_propose_keeps_every_rule(medications: dict[str, list[int]], daily: float) -> None:
    raw, schedule = plan(medications, daily)
    times = schedule.times
    wanted = doses_needed(daily, DEFAULT.max_single_dose_mg)
    assert schedule.wanted_doses == wanted
    assert 0 < len(times) <= wanted or schedule.doses_mg == ()
    assert list(times) == sorted(set(times))
    for minute in times:
        assert DEFAULT.awake_from <= minute <= DEFAULT.awake_until
        assert free_minute(raw, minute), (format_time(minute), raw)
    for i, first in enumerate(times):
        for second in times[i + 1 :]:
            assert circular_gap(first, second) >= DEFAULT.min_gap_min
    if times and daily > 0:
        assert len(schedule.doses_mg) == len(times)
        assert sum(schedule.doses_mg) == round(daily)
        assert all(dose == int(dose) for dose in schedule.doses_mg)
        assert max(schedule.doses_mg) - min(schedule.doses_mg) <= 1
    codes = [note.code for note in schedule.notes]
    if not times:
        assert schedule.doses_mg == () and codes == ["no_time_fits"]
    elif len(times) < wanted:
        assert codes == ["fewer_doses_fit"]
    else:
        assert codes == []


@settings(max_examples=200, deadline=None)
@given(MEDICATIONS, DAILY)
# Found by this test: quinolone (4 h before / 8 h after) at 03:50 and 15:50 leaves exactly 07:50
# and 19:50 free, both off the planner's 15-minute grid.
@example({"fluoroquinolone_unspecified": [hm("03:50"), hm("15:50")]}, 0)
def test_propose_is_empty_only_when_no_minute_is_free(
    medications: dict[str, list[int]], daily: float
) -> None:
    """Brute force over every minute of the waking window: an empty schedule ("no time fits")
    must mean that no minute keeps every rule (one free minute is enough for one dose)."""
    raw, schedule = plan(medications, daily)
    if not schedule.times:
        awake = range(DEFAULT.awake_from, DEFAULT.awake_until + 1)
        missed = [format_time(m) for m in awake if free_minute(raw, m)]
        assert not missed, f"free minutes {missed} missed for {medications}"
