"""Life-stage groups (US DRI style) used to name a profile, and the systems a user can choose."""

from __future__ import annotations

from typing import Any

from .ages import AgeBand
from .records import Record, SourceId, Text
from .vocabulary import Sex, State, System


class LifeStage(Record):
    slug: str
    name: Text
    age: AgeBand
    sex: Sex = Sex.ANY
    state: State = State.NONE

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> LifeStage:
        fields = dict(raw)
        fields["age"] = AgeBand.parse(fields.pop("age_from"), fields.pop("age_to", ""))
        return cls.model_validate(fields)


class SystemInfo(Record):
    slug: System
    name: Text
    sources: tuple[SourceId, ...]


class PhytateLevels(Record):
    system: System
    levels_mg: tuple[int, ...]
    default_mg: int
    sources: tuple[SourceId, ...]
    note: str = ""

    def nearest(self, phytate_mg: float) -> int:
        """The published level nearest ``phytate_mg``; a tie goes to the higher level."""
        return min(self.levels_mg, key=lambda level: (abs(level - phytate_mg), -level))
