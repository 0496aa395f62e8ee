"""A supplement's label from its product data: the magnesium in one unit as printed, the
compound its name names, and the label line the supplement log reads (engine/labels.py).

Whether the printed number is the magnesium itself or the whole compound, OFF's data does not
say; the reference says: when the wording does not tell, ask. So the basis is ``unknown``
unless the product's own name words it as magnesium ("Magnesium (as citrate) 200 mg") with the
same number; the supplement log asks the person for an unknown one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..engine.labels import parse_label
from ..errors import LabelParseError, UnknownCompoundError
from ..foods.importers.off_supplement import SupplementFacts
from ..foods.model import Food
from ..knowledge import KnowledgeBase
from ..knowledge.compound_names import find_compound
from ..units import amount_to_mg

# Words of a product name that never name a compound (nor need a look-up).
_NOT_COMPOUNDS = frozenset(
    {
        "magnesium", "mg", "capsules", "capsule", "tablets", "tablet", "forte", "extra",
        "plus", "complex", "supplement", "supplements", "with", "and", "met", "en", "de",
        "het", "the", "of", "mit", "und",
    }
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
# Within this many mg, a number in the name is the label's number.
_SAME_MG = 0.5


@dataclass(frozen=True, slots=True)
class SupplementLabel:
    """One unit of a supplement: magnesium as printed, the unit, the compound (a knowledge
    slug) when the name names one, the label line of one unit, and ``basis``: elemental when
    the name says so, else unknown."""

    magnesium_mg: float | None
    unit: str
    units_per_serving: float
    compound: str | None
    compound_text: str | None  # the compound as the name words it ("bisglycinate")
    basis: str

    def line(self, units: float = 1.0) -> str | None:
        """The label line of ``units`` units ("Magnesium citrate 400 mg"), None without a
        number: worded as magnesium when the basis is elemental, else naming the compound."""
        if self.magnesium_mg is None:
            return None
        mg = f"{round(self.magnesium_mg * units, 1):g} mg"
        if self.compound_text is None:
            return f"Magnesium {mg}"
        if self.basis == "elemental":
            return f"Magnesium {mg} (as {self.compound_text})"
        return f"Magnesium {self.compound_text} {mg}"


def named_compound(kb: KnowledgeBase, name: str) -> tuple[str, str] | None:
    """The compound a product name names (its slug, and the words naming it), if any: two
    words first ("chloride hexahydrate"), then one."""
    words = [w for w in _WORD.findall(name.lower()) if w not in _NOT_COMPOUNDS]
    candidates = [" ".join(words[i : i + 2]) for i in range(len(words) - 1)] + words
    for text in candidates:
        if len(text) < 4:
            continue
        try:
            match = find_compound(kb, text)
        except UnknownCompoundError:
            continue
        return match.compound.slug, text
    return None


def _states_elemental(name: str, magnesium_mg: float | None) -> bool:
    """The name words its number as the magnesium itself, and it is the label's number."""
    try:
        reading = parse_label(name)
    except LabelParseError:
        return False
    if not reading.states_elemental or magnesium_mg is None:
        return False
    return abs(amount_to_mg(reading.amount, reading.unit) - magnesium_mg) <= _SAME_MG


def supplement_label(kb: KnowledgeBase, food: Food, facts: SupplementFacts) -> SupplementLabel:
    compound = named_compound(kb, food.name)
    return SupplementLabel(
        magnesium_mg=facts.magnesium_mg,
        unit=facts.unit,
        units_per_serving=facts.units_per_serving,
        compound=compound[0] if compound else None,
        compound_text=compound[1] if compound else None,
        basis="elemental" if _states_elemental(food.name, facts.magnesium_mg) else "unknown",
    )
