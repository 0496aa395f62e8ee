"""The design of an N-of-1 experiment: randomised pairs of periods on and off magnesium.

What a sports doctor asks of a home test of magnesium (Kravitz 2014, ch. 3–4; CENT 2015):

- **Pairs of periods, each pair's order drawn at random** (on-off or off-on) and recorded
  before the first day, so neither the person nor a trend of the season chooses which weeks
  are "on"; the seed and the drawn order are stored with the design (no peeking, no redraw).
- **Long periods with a wash-out**: the first ``washout_days`` of every period are not
  analysed, so what the previous period left behind (magnesium still acting, or its absence)
  does not count for the next one.
- **Enough pairs to answer at all**: the exact randomisation test of k pairs cannot give a
  two-sided p below 2/2^k, so fewer than 6 pairs can never show a difference at 0.05
  (experiment.toml ``min_pairs``). The design states its duration and its power: the share
  of simulated experiments (AR(1) answers, ``power_rho``) that find a true difference of one
  standard deviation of the daily answer.
- **The dose and form are the plan's** (services.plan), taken every day of an "on" period and
  none on an "off" period. Blinding is not possible at home: the person knows which period
  is which, and expecting magnesium to help can make the "on" periods look better.

Pure: the seed is given (services draw it), and the same seed always gives the same order.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta
from random import Random
from typing import Any, Literal

from ..errors import InputError
from ..i18n import N_
from ..knowledge.experiments import DesignRules
from .experiment_simulation import simulate_improvements
from .experiment_stats import randomisation_test

Arm = Literal["on", "off"]
ORDERS = ("on-off", "off-on")
_POWER_RUNS = 1000


@dataclass(frozen=True, slots=True)
class Period:
    """One period of the schedule (``index`` and ``pair`` count from 0; dates inclusive)."""

    index: int
    pair: int
    arm: Arm
    start: date
    end: date
    analysed_from: date  # the first day after the wash-out


@dataclass(frozen=True, slots=True)
class Design:
    """A proposed or started design; ``allocation`` is each pair's order (``ORDERS``)."""

    outcome: str
    start: date
    period_days: int
    washout_days: int
    pairs: int
    allocation: tuple[str, ...]
    seed: int
    dose_mg: float
    form: str  # the plan's compound slug
    power: float  # of a one-SD difference, simulated (see the module docstring)

    @property
    def days(self) -> int:
        return 2 * self.pairs * self.period_days

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.days - 1)

    def periods(self) -> tuple[Period, ...]:
        found: list[Period] = []
        for pair, order in enumerate(self.allocation):
            for half, arm in enumerate(order.split("-")):
                index = 2 * pair + half
                start = self.start + timedelta(days=index * self.period_days)
                found.append(
                    Period(
                        index=index,
                        pair=pair,
                        arm="on" if arm == "on" else "off",
                        start=start,
                        end=start + timedelta(days=self.period_days - 1),
                        analysed_from=start + timedelta(days=self.washout_days),
                    )
                )
        return tuple(found)

    def period_on(self, day: date) -> Period | None:
        """The period ``day`` falls in (None before the start or after the end)."""
        if not self.start <= day <= self.end:
            return None
        return self.periods()[(day - self.start).days // self.period_days]

    def stored(self) -> dict[str, Any]:
        """The design as the JSON the database keeps (``from_stored`` reads it back)."""
        data = asdict(self)
        data["start"] = self.start.isoformat()
        data["allocation"] = list(self.allocation)
        return data

    @classmethod
    def from_stored(cls, data: dict[str, Any]) -> Design:
        """The design in stored JSON (keys it does not know, such as the gate's verdict kept
        beside it, are left for their readers)."""
        known = {f.name for f in fields(cls)}
        return cls(
            **{
                **{key: value for key, value in data.items() if key in known},
                "start": date.fromisoformat(data["start"]),
                "allocation": tuple(data["allocation"]),
            }
        )


def draw_allocation(seed: int, pairs: int) -> tuple[str, ...]:
    """Each pair's order, drawn from ``seed`` (Python's Mersenne Twister, ``random.Random``:
    the same seed, the same order). Designs started before issue 19 drew with NumPy's PCG64,
    which maps a seed to another order; each keeps the order stored with it, never drawn again
    (``Design.from_stored``)."""
    rng = Random(seed)
    return tuple(ORDERS[rng.getrandbits(1)] for _ in range(pairs))


def design_power(rules: DesignRules, period_days: int, washout_days: int, pairs: int) -> float:
    """The share of simulated experiments of this design (fixed seed) that find a true
    difference of one SD of the daily answer at ``alpha``, the answers correlated day to day
    by ``power_rho`` (engine/experiment_simulation.py)."""
    improvements = simulate_improvements(
        Random(20),
        _POWER_RUNS,
        pairs=pairs,
        period_days=period_days,
        washout_days=washout_days,
        effect=1.0,
        rho=rules.power_rho,
    )
    found = sum(1 for row in improvements if randomisation_test(row) <= rules.alpha)
    return round(found / _POWER_RUNS, 2)


def _check(rules: DesignRules, period_days: int, washout_days: int, pairs: int) -> None:
    if not rules.min_period_days <= period_days <= rules.max_period_days:
        raise InputError(
            N_("A period lasts {low} to {high} days."),
            field="period_days",
            low=rules.min_period_days,
            high=rules.max_period_days,
        )
    if not 0 <= washout_days <= period_days // 2:
        raise InputError(
            N_("The wash-out lasts 0 to {high} days (half a period at most)."),
            field="washout_days",
            high=period_days // 2,
        )
    if not rules.min_pairs <= pairs <= rules.max_pairs:
        raise InputError(
            N_(
                "Choose {low} to {high} pairs of periods: with fewer, the test can never "
                "show a difference."
            ),
            field="pairs",
            low=rules.min_pairs,
            high=rules.max_pairs,
        )


def make_design(
    rules: DesignRules,
    outcome: str,
    start: date,
    *,
    seed: int,
    dose_mg: float,
    form: str,
    period_days: int | None = None,
    washout_days: int | None = None,
    pairs: int | None = None,
) -> Design:
    """The design for these choices (the rules' defaults where None), its order drawn from
    ``seed``. A choice outside the rules raises an ``InputError`` about its field."""
    period_days = rules.period_days if period_days is None else period_days
    if washout_days is None:
        washout_days = min(rules.washout_days, period_days // 2)
    pairs = rules.pairs if pairs is None else pairs
    _check(rules, period_days, washout_days, pairs)
    return Design(
        outcome=outcome,
        start=start,
        period_days=period_days,
        washout_days=washout_days,
        pairs=pairs,
        allocation=draw_allocation(seed, pairs),
        seed=seed,
        dose_mg=dose_mg,
        form=form,
        power=design_power(rules, period_days, washout_days, pairs),
    )
