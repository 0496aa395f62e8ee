"""Medicines as people type them (engine/clock.py ``parse_med``): the canonical
``NAME@HH:MM[,HH:MM][/FREQUENCY]`` and free text such as "omeprazole 07:30", "Omeprazol 7:30",
"levothyroxine 7u30" or "metformin 08:00 and 20:00", with the times a tail of clear clock
times so that a dose or a number in a name is never read as one."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mgcoach.engine.clock import (
    MedSpec,
    format_med,
    format_time,
    parse_dose_times,
    parse_med,
    parse_time,
    parse_times,
)
from mgcoach.errors import InputError
from mgcoach.journal.frequency import DAILY, WEEKDAY_NAMES, Frequency, parse_frequency
from mgcoach.knowledge import load_knowledge

KB = load_knowledge()
KNOWN_NAMES = sorted(
    {n for d in KB.safety.drugs.values() for n in (*d.names_en, *d.names_nl, *d.brand_names)}
)


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def weekly(*days: int) -> Frequency:
    return Frequency(kind="weekly", weekdays=days)


@pytest.mark.parametrize(
    ("text", "name", "times", "frequency"),
    [
        # the canonical form, as before
        ("levothyroxine@07:00", "levothyroxine", ("07:00",), DAILY),
        ("ciprofloxacin@20:00,08:00", "ciprofloxacin", ("08:00", "20:00"), DAILY),
        (" levothyroxine @07:00", "levothyroxine", ("07:00",), DAILY),
        ("doxycycline@8", "doxycycline", ("08:00",), DAILY),
        ("alendronate@07:00/weekly:ma", "alendronate", ("07:00",), weekly(0)),
        ("omeprazole", "omeprazole", (), DAILY),
        ("dolutegravir/rilpivirine", "dolutegravir/rilpivirine", (), DAILY),
        # free text: the name, then its times
        ("omeprazole 07:30", "omeprazole", ("07:30",), DAILY),
        ("Omeprazol 7:30", "Omeprazol", ("07:30",), DAILY),
        ("levothyroxine 7u30", "levothyroxine", ("07:30",), DAILY),
        ("levothyroxine 7.30", "levothyroxine", ("07:30",), DAILY),
        ("levothyroxine 19h30", "levothyroxine", ("19:30",), DAILY),
        ("metformin 08:00 and 20:00", "metformin", ("08:00", "20:00"), DAILY),
        ("metformine 8:00 en 20:00", "metformine", ("08:00", "20:00"), DAILY),
        ("metformin 20:00, 08:00", "metformin", ("08:00", "20:00"), DAILY),
        ("metformin 08:00 20:00", "metformin", ("08:00", "20:00"), DAILY),
        ("metformin 08:00; 14:00 & 20:00", "metformin", ("08:00", "14:00", "20:00"), DAILY),
        ("metformin 8am and 8 pm", "metformin", ("08:00", "20:00"), DAILY),
        ("metformin 7:30 p.m.", "metformin", ("19:30",), DAILY),
        ("levothyroxine 12am", "levothyroxine", ("00:00",), DAILY),
        ("omeprazol om 7u30", "omeprazol", ("07:30",), DAILY),
        ("omeprazol om 7 uur", "omeprazol", ("07:00",), DAILY),
        ("omeprazole at 07:30", "omeprazole", ("07:30",), DAILY),
        ("omeprazole - 07:30", "omeprazole", ("07:30",), DAILY),
        ("omeprazole: 07:30", "omeprazole", ("07:30",), DAILY),
        ("Losec 07:30", "Losec", ("07:30",), DAILY),
        ("vitamin d3 08:00", "vitamin d3", ("08:00",), DAILY),
        ("omega 3 8h", "omega 3", ("08:00",), DAILY),
        ("dolutegravir/rilpivirine 08:00", "dolutegravir/rilpivirine", ("08:00",), DAILY),
        ("alendronate 07:00/weekly:mon", "alendronate", ("07:00",), weekly(0)),
        ("alendronate 07:00 weekly:ma,do", "alendronate", ("07:00",), weekly(0, 3)),
        ("metformin 08:00 daily", "metformin", ("08:00",), DAILY),
        # and the canonical form takes the same lists of times
        ("metformin@08:00 and 20:00", "metformin", ("08:00", "20:00"), DAILY),
        ("metformin@8am, 8pm", "metformin", ("08:00", "20:00"), DAILY),
        # what is not clearly a time stays part of the name (find_drug then says it is unknown)
        ("aspirin 80", "aspirin 80", (), DAILY),
        ("omega 3", "omega 3", (), DAILY),
        ("calcium 500 mg", "calcium 500 mg", (), DAILY),
    ],
)
def test_a_medicine_as_typed(
    text: str, name: str, times: tuple[str, ...], frequency: Frequency
) -> None:
    assert parse_med(text) == MedSpec(name, tuple(hm(t) for t in times), frequency)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("levothyroxine 25:00", "25:00 is not a clock time"),
        ("levothyroxine 7:61", "7:61 is not a clock time"),
        ("levothyroxine 13pm", "13pm is not a clock time"),
        ("metformin 08:00 and 8:00", "metformin: the same time is given twice."),
        ("07:30", "Name the medicine"),
        ("@07:30", "Name the medicine"),
        ("doxycycline@", "Give the times of doxycycline"),
        ("doxycycline@08:00,", "Give the times of doxycycline"),
        ("doxycycline@08 00", "08 00 is not a clock time"),
        ("alendronate 07:00 weekly:xx", "weekly:xx is not a frequency"),
        ("alendronate@07:00/", "is not a frequency"),
    ],
)
def test_what_is_refused_says_why(text: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_med(text)
    assert message in str(raised.value)
    assert raised.value.fields == ("med",)


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("07:30", ("07:30",)),
        ("8", ("08:00",)),
        ("8:00, 20:00", ("08:00", "20:00")),
        ("8:00 and 20:00", ("08:00", "20:00")),
        ("8u en 20u", ("08:00", "20:00")),
        ("7 uur", ("07:00",)),
        ("20:00 08:00", ("08:00", "20:00")),
        ("8am;12pm", ("08:00", "12:00")),
    ],
)
def test_the_times_field_of_a_row(text: str, times: tuple[str, ...]) -> None:
    assert parse_dose_times(text, "x") == tuple(hm(t) for t in times)


@pytest.mark.parametrize("text", ["", "08:00,", "08 00", "morning", "08:00 and", "0am", "8:00 8"])
def test_the_times_field_refuses(text: str) -> None:
    with pytest.raises(InputError):
        parse_dose_times(text, "x")


# -- round trips -------------------------------------------------------------------------------

# A name as people write one: letters (any case, accents), inner spaces, hyphens and slashes,
# never ending in a word that joins a name to its times ("at", "om") or in a frequency word.
_WORD = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéëïöABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    min_size=1,
    max_size=12,
)
_JOINERS = {"at", "om", "and", "en", "daily", "dagelijks", "weekly", "wekelijks", "every", "elke"}


def _joined(words: list[str], glue: list[str]) -> str:
    return words[0] + "".join(g + w for g, w in zip(glue, words[1:], strict=False))


NAMES = st.one_of(
    st.sampled_from(KNOWN_NAMES),
    st.builds(
        _joined,
        st.lists(_WORD, min_size=1, max_size=3),
        st.lists(st.sampled_from([" ", "-", "/"]), min_size=2, max_size=2),
    ),
).filter(lambda name: name.split()[-1].lower() not in _JOINERS and "@" not in name)
TIMES = st.lists(st.integers(0, 1439), min_size=1, max_size=4, unique=True).map(
    lambda times: tuple(sorted(times))
)
FREQUENCIES = st.one_of(
    st.just(DAILY),
    st.lists(st.integers(0, 6), min_size=1, max_size=6, unique=True).map(
        lambda days: Frequency(kind="weekly", weekdays=tuple(sorted(days)))
    ),
    st.builds(
        lambda n, start: Frequency(kind="every", every_days=n, start=start),
        st.integers(2, 365),
        st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    ),
)


@given(NAMES, TIMES, FREQUENCIES)
@example("dolutegravir/rilpivirine", (480,), DAILY)
@example("vitamin d3", (0, 1439), weekly(0, 6))
def test_the_canonical_form_round_trips(
    name: str, times: tuple[int, ...], frequency: Frequency
) -> None:
    text = format_med(name, times, frequency)
    assert re.fullmatch(r".+@\d\d:\d\d(,\d\d:\d\d)*(/.+)?", text)
    assert parse_med(text) == MedSpec(name, times, frequency)


@given(NAMES, TIMES, st.sampled_from([" ", ", ", " and ", " en ", "; "]), st.booleans())
@example("omeprazole", (450,), " ", False)
@example("Omeprazol", (450,), " ", True)
def test_name_then_times_round_trips(
    name: str, times: tuple[int, ...], between: str, short_hours: bool
) -> None:
    """ "NAME HH:MM", "NAME H:MM and HH:MM", ...: the name and the times back."""

    def shown(minutes: int) -> str:
        text = format_time(minutes)
        return text.removeprefix("0") if short_hours else text

    text = name + " " + between.join(shown(t) for t in times)
    assert parse_med(text) == MedSpec(name, times, DAILY)


@given(NAMES, TIMES, FREQUENCIES)
def test_name_times_and_frequency_after_a_space_round_trip(
    name: str, times: tuple[int, ...], frequency: Frequency
) -> None:
    text = f"{name} {' '.join(format_time(t) for t in times)} {frequency.spec}"
    assert parse_med(text) == MedSpec(name, times, frequency)


@given(TIMES)
def test_the_times_field_reads_what_parse_times_reads(times: tuple[int, ...]) -> None:
    """The old comma list reads the same through the new reader."""
    text = ",".join(format_time(t) for t in reversed(times))
    assert parse_dose_times(text, "x") == parse_times(text, "x") == times


@given(st.integers(0, 23), st.integers(0, 59), st.sampled_from([":", ".", "u", "h"]))
def test_every_clock_spelling_parse_time_reads_is_a_time_after_a_name(
    hours: int, minutes: int, mark: str
) -> None:
    clock = f"{hours}{mark}{minutes:02d}"
    assert parse_med(f"levothyroxine {clock}").times == (parse_time(clock),)


def test_weekday_names_of_the_frequency_are_those_of_the_rows() -> None:
    assert [names[0] for names in WEEKDAY_NAMES] == [
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ]
    assert parse_frequency("weekly:mon,sun").weekday_names == ("mon", "sun")
