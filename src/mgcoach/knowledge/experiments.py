"""The facts of N-of-1 experiments (``data/experiment.toml``): the outcomes a person can test
magnesium on and the rules of the design Mg Coach proposes.

Kept out of ``KnowledgeBase``: only the experiment use case reads them, and it loads them once
per process (``load_experiment_facts``). Their own methodology sources are listed in the same
file; a row may cite those or any id of ``sources.toml`` (``check_sources``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from typing import Annotated, Literal

from ..errors import KnowledgeError
from .base import DATA_DIR
from .constraints import Limits, Strings
from .records import Cited, Record, Text, record
from .sources import Source, index_sources

Better = Literal["lower", "higher"]


@record
class Outcome(Cited):
    """A daily answer the experiment compares between the periods on and off magnesium."""

    slug: str
    name: Text
    question: Text
    unit: Text
    low: float
    high: float
    step: Annotated[float, Limits(gt=0)]
    better: Better

    @property
    def sign(self) -> int:
        """+1 when a higher value is better, -1 when a lower one is: the improvement of a
        difference on − off is ``sign × difference``."""
        return 1 if self.better == "higher" else -1


@record
class DesignRules(Cited):
    """The design's bounds and defaults (see the file's comment for each)."""

    period_days: Annotated[int, Limits(ge=1)]
    min_period_days: Annotated[int, Limits(ge=1)]
    max_period_days: Annotated[int, Limits(ge=1)]
    washout_days: Annotated[int, Limits(ge=0)]
    pairs: Annotated[int, Limits(ge=1)]
    min_pairs: Annotated[int, Limits(ge=1)]
    max_pairs: Annotated[int, Limits(ge=1, le=12)]  # 2^12 allocations: the exact test stays small
    alpha: Annotated[float, Limits(gt=0, lt=1)]
    min_days_fraction: Annotated[float, Limits(gt=0, le=1)]
    good_adherence: Annotated[float, Limits(gt=0, le=1)]
    reminder: Annotated[str, Strings(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
    power_rho: Annotated[float, Limits(ge=0, lt=1)]

    def __post_init__(self) -> None:
        if not self.min_period_days <= self.period_days <= self.max_period_days:
            raise ValueError("period_days outside min_period_days..max_period_days")
        if not self.min_pairs <= self.pairs <= self.max_pairs:
            raise ValueError("pairs outside min_pairs..max_pairs")
        if 2 * self.washout_days > self.min_period_days:
            raise ValueError("washout_days above half the shortest period")


@record
class ExperimentFacts(Record):
    outcomes: tuple[Outcome, ...]
    design: DesignRules
    sources: Mapping[str, Source]

    def outcome(self, slug: str) -> Outcome | None:
        return next((o for o in self.outcomes if o.slug == slug), None)

    def check_sources(self, known: Mapping[str, Source]) -> None:
        """Every cited id is one of this file's sources or of ``known`` (sources.toml)."""
        for row in (*self.outcomes, self.design):
            for source in row.sources:
                if source not in self.sources and source not in known:
                    raise KnowledgeError("experiment.toml cites an unknown source {id}", id=source)


def parse_experiment_facts(raw: Mapping[str, object]) -> ExperimentFacts:
    """The facts of one parsed ``experiment.toml``; a malformed one is a KnowledgeError."""
    from .validation import ValidationError, validate  # pydantic: only when the file is read

    try:
        return validate(
            ExperimentFacts,
            {
                "outcomes": raw.get("outcome", ()),
                "design": raw.get("design"),
                "sources": index_sources(
                    raw.get("source", ()),  # type: ignore[arg-type]
                    "experiment.toml",
                ),
            },
        )
    except ValidationError as error:
        raise KnowledgeError("experiment.toml: {error}", error=error) from error


@cache
def load_experiment_facts() -> ExperimentFacts:
    """The packaged facts, read and checked against ``sources.toml`` once per process."""
    from .base import load_knowledge

    with (DATA_DIR / "experiment.toml").open("rb") as handle:
        facts = parse_experiment_facts(tomllib.load(handle))
    facts.check_sources(load_knowledge().sources)
    return facts
