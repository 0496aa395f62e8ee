"""Life-stage groups (US DRI style) used to name a profile, and the systems a user can choose."""

from __future__ import annotations

from collections.abc import Mapping

from .ages import AgeBand
from .records import Record, SourceId, Text, record
from .vocabulary import Sex, State, System


@record
class LifeStage(Record):
    slug: str
    name: Text
    age: AgeBand
    sex: Sex = Sex.ANY
    state: State = State.NONE

    @classmethod
    def from_toml(cls, raw: Mapping[str, object]) -> LifeStage:
        from .validation import validate  # pydantic: only when a file is read

        fields = dict(raw)
        age_from, age_to = fields.pop("age_from"), fields.pop("age_to", "")
        if not isinstance(age_from, str) or not isinstance(age_to, str):
            raise ValueError("age_from and age_to must be text such as 6m or 14y")
        fields["age"] = AgeBand.parse(age_from, age_to)
        return validate(cls, fields)


@record
class SystemInfo(Record):
    slug: System
    name: Text
    sources: tuple[SourceId, ...]


@record
class PhytateLevels(Record):
    system: System
    levels_mg: tuple[int, ...]
    default_mg: int
    sources: tuple[SourceId, ...]
    note: str = ""

    def nearest(self, phytate_mg: float) -> int:
        """The published level nearest ``phytate_mg``; a tie goes to the higher level."""
        return min(self.levels_mg, key=lambda level: (abs(level - phytate_mg), -level))
