"""The words behind the abbreviations and numbers the pages use (issue 17, "Plain words").

Each reference-value abbreviation (RDA, AI, PRI, RNI, EAR, UL) has its full name, a plain name,
a short explanation for the first place a page uses it and a longer one for the glossary on the
Sources page. Study numbers (a risk ratio, a range in brackets) get a sentence on how to read
them. Mg Coach's own rules, its calculations and what is not yet checked are said in words,
never as a source id. The strings are marked with ``N_`` and translated when shown.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ...i18n import N_, translate


class TermWords(NamedTuple):
    """An abbreviation's words, as msgids (translated when shown)."""

    name: str  # the full name, as the reference defines it
    plain: str  # what the page says instead ("recommended daily amount")
    short: str  # the short explanation after its first use on a page
    long: str  # the glossary's explanation


TERMS: dict[str, TermWords] = {
    "RDA": TermWords(
        N_("Recommended Dietary Allowance"),
        N_("recommended daily amount"),
        N_("enough for nearly all healthy people"),
        N_(
            "The amount a day that is enough for nearly all healthy people (97 to 98 in 100) "
            "of a given age and sex. It is set where there is enough evidence to estimate the "
            "average need."
        ),
    ),
    "AI": TermWords(
        N_("Adequate Intake"),
        N_("adequate intake"),
        N_("an amount that seems enough; used where the evidence is too thin for a firmer figure"),
        N_(
            "An amount a day that appears to be enough for healthy people, set where there is "
            "too little evidence to work out a recommended daily amount. It is a best estimate "
            "and less certain."
        ),
    ),
    "PRI": TermWords(
        N_("Population Reference Intake"),
        N_("population reference intake"),
        N_("enough for nearly all healthy people (the European term)"),
        N_(
            "The European Food Safety Authority's term for the amount a day that is enough for "
            "nearly all healthy people: the same idea as a recommended daily amount."
        ),
    ),
    "RNI": TermWords(
        N_("Reference Nutrient Intake"),
        N_("reference nutrient intake"),
        N_("enough for nearly all healthy people (the UK term)"),
        N_(
            "The United Kingdom's term for the amount a day that is enough for nearly all "
            "healthy people: the same idea as a recommended daily amount."
        ),
    ),
    "EAR": TermWords(
        N_("Estimated Average Requirement"),
        N_("average requirement"),
        N_("enough for half of healthy people"),
        N_(
            "The amount a day that is enough for half of the healthy people of a given age and "
            "sex. The recommended daily amount is set above it, so that nearly everyone is "
            "covered."
        ),
    ),
    "UL": TermWords(
        N_("Tolerable Upper Intake Level"),
        N_("upper limit"),
        N_(
            "the most that is safe to take every day for healthy people; for magnesium only "
            "supplements count, not food"
        ),
        N_(
            "The most that is safe to take every day over a long time. For magnesium it counts "
            "supplements and medicines only: magnesium from food does not cause harm in healthy "
            "people. It is a limit, not a target. With kidney disease it does not apply: ask "
            "your doctor."
        ),
    ),
}
GLOSSARY_ORDER = ("RDA", "AI", "PRI", "RNI", "EAR", "UL")

# Words for what the glossary explains without an abbreviation: (anchor, word, explanation).
MORE_WORDS = (
    (
        "term-elemental",
        N_("elemental magnesium"),
        N_(
            "The magnesium itself, without the rest of the compound it is bound to. A label's "
            "“magnesium” figure is usually this; all of Mg Coach's amounts are."
        ),
    ),
    (
        "term-compound",
        N_("compound (chemical name)"),
        N_(
            "The salt the magnesium comes in, such as magnesium citrate. Its exact chemical name "
            "is in the small print where a page gives it. The whole compound weighs more than "
            "the magnesium in it."
        ),
    ),
)

# How to read the numbers of a study, for the glossary and below a finding that has them.
RISK_RATIO_HELP = N_(
    "A risk ratio compares how often something happened with magnesium and without it "
    "(placebo). 1 means no difference; below 1, less often with magnesium; above 1, more often."
)
RANGE_HELP = N_(
    "The two numbers in brackets are the range the true effect probably lies in (the 95% "
    "confidence interval). When that range includes no difference (1 for a ratio, 0 for a "
    "change), the trials found no clear difference."
)
CERTAINTY_HELP = N_(
    "Certainty (high, moderate, low, very low) says how sure the reviewers are that the result "
    "is right."
)
_RATIO = re.compile(r"risk ratio|odds ratio|risicoratio|relatief risico", re.IGNORECASE)
_RANGE = re.compile(r"\(\s*[−+\-]?\d[\d.,]*\s*%?\s+(?:to|tot)\s+[−+\-]?\d")
_CERTAINTY = re.compile(r"certainty|zekerheid", re.IGNORECASE)


def reading_help(finding: str) -> list[str]:
    """How to read the numbers a finding gives (a risk ratio, a range), in the page's language;
    nothing when it gives none."""
    found = []
    if _RATIO.search(finding):
        found.append(RISK_RATIO_HELP)
    if _RANGE.search(finding):
        found.append(RANGE_HELP)
        if _CERTAINTY.search(finding):
            found.append(CERTAINTY_HELP)
    return [translate(text) for text in found]


# The ids that are not citations: Mg Coach's own rules and calculations, and the mark of a value
# not yet checked against its source. The Sources page explains each in words.
OWN_RULE = "MGCOACH"
DERIVED = "DERIVED"
UNVERIFIED = "UNVERIFIED"
NOT_CITATIONS = frozenset({OWN_RULE, DERIVED, UNVERIFIED})
OWN_WORDS = {
    OWN_RULE: (
        N_("Mg Coach's own rule"),
        N_(
            "A choice Mg Coach made where the published references give no number, for example "
            "the step size when building up a dose or the spacing of split doses. It is shown "
            "as practice, not as evidence; the text beside it says what it is based on."
        ),
    ),
    DERIVED: (
        N_("worked out by Mg Coach"),
        N_(
            "Calculated by Mg Coach from the sources cited beside it, by simple arithmetic "
            "(for example the magnesium in a compound from its chemical formula, or the "
            "strictest of several label rules)."
        ),
    ),
    UNVERIFIED: (
        N_("not yet checked against the source"),
        N_(
            "Mg Coach has no stored copy of a source for this: it comes from the knowledge of "
            "the people who compiled the data. It keeps this mark until someone has checked it "
            "against a published source. Weigh it accordingly."
        ),
    ),
}
