"""How strong the evidence for a claim is, in words: the one mapping of evidence.toml's strengths
that the CLI, the JSON and the pages use, so no reader sees a code like ``no_meaningful_benefit``.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..i18n import N_, translate

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


def strength_text(strength: str) -> str:
    """The strength in the current language (an unknown code is shown as it is)."""
    words = STRENGTH_WORDS.get(strength)
    return strength if words is None else translate(words)
