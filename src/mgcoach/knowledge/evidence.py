"""The records of ``evidence.toml``: the claims people make about magnesium with how well the
evidence supports each, and the rules for how the product words it."""

from __future__ import annotations

from typing import Literal

from .records import Text, record
from .safety_record import SafetyRecord, Slug

Strength = Literal[
    "no_meaningful_benefit", "uncertain", "no_evidence", "weak", "moderate", "strong",
    "insufficient", "not_supported", "regulatory",
]  # fmt: skip


@record
class Claim(SafetyRecord):
    """A claim people make about magnesium and how well the evidence supports it."""

    slug: Slug
    claim: Text
    finding: Text
    strength: Strength
    strength_note: Text | None = None


@record
class WordingRule(SafetyRecord):
    """A rule for how the product words what the evidence shows."""

    slug: Slug
    text: Text
