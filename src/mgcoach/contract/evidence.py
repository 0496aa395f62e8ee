"""How strong the evidence for a claim is, in words: the one mapping of evidence.toml's strengths
that the CLI, the JSON and the pages use, so no reader sees a code like ``no_meaningful_benefit``;
and the JSON of one claim with what the evidence says about it (``evidence`` in `mgcoach advise`).
"""

from __future__ import annotations

from collections.abc import Mapping

from typing_extensions import TypedDict

from ..engine.advice import Evidence
from ..i18n import N_, get_language, translate
from ..knowledge.safety import Strength
from .common import documented

# One entry for each evidence.toml strength (knowledge.safety.Strength; a test checks).
STRENGTH_WORDS: Mapping[str, str] = {
    "no_meaningful_benefit": N_("evidence of no meaningful benefit"),
    "uncertain": N_("uncertain"),
    "no_evidence": N_("no evidence"),
    "weak": N_("weak"),
    "moderate": N_("moderate"),
    "strong": N_("strong"),
    "insufficient": N_("insufficient"),
    "not_supported": N_("not supported"),
    "regulatory": N_("regulatory, not evidence of an effect"),
}


@documented
class EvidenceJson(TypedDict):
    """What the evidence says about one claim."""

    about: str
    """What the claim is about: form, risk, or a concern's slug."""
    claim: str
    """The claim's slug (evidence.toml)."""
    statement: str
    """The claim, in the reader's language."""
    finding: str
    """What the studies found."""
    strength: Strength
    """How strong the evidence is."""
    strength_note: str | None
    """More about the strength."""
    sources: list[str]
    """Source ids."""
    needs_verification: bool
    """True when the claim still needs checking against its sources."""


def strength_text(strength: str) -> str:
    """The strength in the current language (an unknown code is shown as it is)."""
    words = STRENGTH_WORDS.get(strength)
    return strength if words is None else translate(words)


def evidence_json(item: Evidence) -> EvidenceJson:
    lang = get_language()
    claim = item.claim
    return {
        "about": item.about,
        "claim": claim.slug,
        "statement": claim.claim.get(lang),
        "finding": claim.finding.get(lang),
        "strength": claim.strength,
        "strength_note": claim.strength_note.get(lang) if claim.strength_note else None,
        "sources": list(claim.sources),
        "needs_verification": claim.needs_verification,
    }
