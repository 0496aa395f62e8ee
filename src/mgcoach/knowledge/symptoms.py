"""The records of ``symptoms.toml``: each sign with its stages and red-flag urgency, and what
the reference says about a stage or a red-flag row as a whole."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from .records import Text, record
from .safety_record import SafetyRecord, Slug

Stage = Literal[
    "early_deficiency", "progressing_deficiency", "severe_deficiency", "excess_mild", "toxicity"
]
RedFlag = Literal["none", "see_doctor_now", "emergency"]
RedFlagRow = Literal["deficiency", "excess"]
NoteTopic = Literal[Stage, "red_flags_deficiency", "red_flags_excess"]

RED_FLAG_LEVEL: Mapping[RedFlag, int] = {"none": 0, "see_doctor_now": 1, "emergency": 2}
# The least urgent level each red-flag row of the fact reference (§6.1) allows.
ROW_LEVEL: Mapping[RedFlagRow, RedFlag] = {"deficiency": "see_doctor_now", "excess": "emergency"}


@record
class Symptom(SafetyRecord):
    """One sign, the stages it belongs to and how urgent it is.

    ``red_flag_rows`` records which red-flag rows of the reference name the sign; ``red_flag``
    is at least as urgent as those rows (the most urgent row wins).
    """

    slug: Slug
    name: Text
    stages: tuple[Stage, ...] = ()
    red_flag: RedFlag = "none"
    red_flag_rows: tuple[RedFlagRow, ...] = ()

    def __post_init__(self) -> None:
        SafetyRecord.__post_init__(self)
        if not self.stages and not self.red_flag_rows:
            raise ValueError(f"{self.slug}: needs a stage or a red-flag row")
        if len(set(self.stages)) != len(self.stages):
            raise ValueError(f"{self.slug}: a stage is listed twice")
        for row in self.red_flag_rows:
            if RED_FLAG_LEVEL[self.red_flag] < RED_FLAG_LEVEL[ROW_LEVEL[row]]:
                raise ValueError(
                    f"{self.slug}: the {row} red-flag row needs at least {ROW_LEVEL[row]!r}"
                )


@record
class StageNote(SafetyRecord):
    """What the reference says about a stage or a red-flag row as a whole."""

    slug: Slug
    topic: NoteTopic
    text: Text
