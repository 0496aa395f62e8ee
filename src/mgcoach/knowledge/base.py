"""The knowledge base: every reference fact, validated, in one immutable record.

It is read and checked once (``loader``, on first use) and then kept between runs
(``cached``); this module and the records it holds import no pydantic, so a command that
reads the cached base never does.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from ..frozen import frozen
from .advice import AdviceFacts
from .compounds import Compound, CompoundFamily
from .energy import EnergyFacts
from .intakes import IntakeRow, LimitRow, Nutrient
from .ratios import Ratio
from .records import Cited
from .safety import SafetyFacts
from .serum import SerumFacts
from .sources import Source
from .stages import LifeStage, PhytateLevels, SystemInfo

DATA_DIR = Path(str(resources.files(__package__).joinpath("data")))


@frozen(kw_only=True, slots=False)
class KnowledgeBase:
    """Every reference fact Mg Coach knows, validated (made by ``loader``).

    Not slotted, unlike the records: ``intake_index`` is cached in the instance's dictionary.
    """

    sources: Mapping[str, Source]
    nutrients: Mapping[str, Nutrient]
    systems: tuple[SystemInfo, ...]
    life_stages: tuple[LifeStage, ...]
    phytate: tuple[PhytateLevels, ...]
    intakes: tuple[IntakeRow, ...]
    limits: tuple[LimitRow, ...]
    compound_families: Mapping[str, CompoundFamily]
    compounds: Mapping[str, Compound]
    serum: SerumFacts
    energy: EnergyFacts
    safety: SafetyFacts
    advice: AdviceFacts
    ratios: Mapping[str, Ratio]

    def cited(self) -> Iterator[tuple[str, Any]]:
        """Every record in the base that names sources, with a label for error messages."""
        yield from _walk(self, "knowledge")

    @cached_property
    def intake_index(self) -> dict[str, tuple[IntakeRow, ...]]:
        """The intake rows per nutrient, in file order (built once: targets ask per nutrient)."""
        grouped: dict[str, list[IntakeRow]] = {}
        for row in self.intakes:
            grouped.setdefault(row.nutrient, []).append(row)
        return {nutrient: tuple(rows) for nutrient, rows in grouped.items()}

    def intakes_for(self, nutrient: str) -> tuple[IntakeRow, ...]:
        return self.intake_index.get(nutrient, ())


def _walk(value: object, label: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, Cited):
        yield label, value
    if is_dataclass(value):
        for field in fields(value):
            if field.init:  # not what a record works out from its fields
                yield from _walk(getattr(value, field.name), f"{label}.{field.name}")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, f"{label}[{key}]")
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{label}[{index}]")


def load_knowledge_from(data_dir: Path) -> KnowledgeBase:
    """Load and validate the knowledge base in ``data_dir``."""
    from .loader import read_knowledge  # pydantic and the readers: only when files are read

    return read_knowledge(data_dir)


@cache
def load_knowledge() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process (from the cache that
    ``knowledge.cached`` keeps, when an edge has named one)."""
    from .cached import load_cached

    return load_cached(DATA_DIR)
