"""The closed vocabularies the data files use: systems, sexes, physiological states, kinds."""

from __future__ import annotations

from enum import StrEnum


class System(StrEnum):
    """A published reference system the user may choose."""

    US = "us"
    EFSA = "efsa"
    NL = "nl"
    UK = "uk"
    DACH = "dach"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    ANY = "any"


class State(StrEnum):
    """Physiological state a reference row applies to; ``any`` only in upper-limit rows."""

    NONE = "none"
    PREGNANT = "pregnant"
    LACTATING = "lactating"
    ANY = "any"


class Confidence(StrEnum):
    """How a value was confirmed (the fact references' marks)."""

    PRIMARY = "primary"  # read in the official document or its official summary
    TX = "tx"  # a public transcription of the official table
    SEC = "sec"  # secondary summaries only
    DERIVED = "derived"  # arithmetic on cited values


# The system's own word for a target value, as displayed.
TARGET_KINDS = frozenset(
    {"RDA", "AI", "PRI", "RNI", "recommended", "estimated", "safe_adequate", "safe_intake"}
)

# What an upper-limit row measures, and the kinds each may carry.
LIMIT_KINDS = {
    "ul": frozenset({"UL", "not_established"}),
    "supplemental_ul": frozenset({"UL", "guidance_level", "not_established"}),
    "limit": frozenset({"CDRR", "guideline_max", "safe_adequate", "not_established"}),
}
