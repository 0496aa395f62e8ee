"""Which supplement form suits a person: their needs (advice.toml ``form_need``), the forms a
condition rules out, and the evidence on absorption and tolerance of each family.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..knowledge.advice import FormNeed
from ..knowledge.compound_names import CompoundMatch
from ..knowledge.compounds import Compound, CompoundFamily
from ..knowledge.safety import Condition
from .notes import Note


@dataclass(frozen=True, slots=True, kw_only=True)
class FormChoice:
    need: FormNeed
    needs: tuple[FormNeed, ...]
    family: CompoundFamily
    compound: Compound
    alternatives: tuple[CompoundFamily, ...]
    avoid_families: tuple[str, ...]
    chosen_by_user: bool = False
    notes: tuple[Note, ...] = ()

    def compound_mg(self, elemental_mg: float) -> float:
        return self.compound.compound_mg(elemental_mg)


def active_needs(kb: KnowledgeBase, wanted: set[str]) -> tuple[FormNeed, ...]:
    """The person's needs, most important first; "general" when there is none."""
    needs = [need for need in kb.advice.needs_by_priority() if need.slug in wanted]
    return tuple(needs) or (kb.advice.form_needs["general"],)


def choose_form(
    kb: KnowledgeBase,
    wanted_needs: set[str],
    conditions: tuple[Condition, ...] = (),
    own: CompoundMatch | None = None,
) -> FormChoice:
    """The best family for the highest-priority need that no need or condition rules out.

    ``own`` is the form the person already uses: it is kept, with a note when a need or a
    condition speaks against it.
    """
    needs = active_needs(kb, wanted_needs)
    ruled_out = {family for c in conditions for family in c.contraindicated_families}
    avoided = {family for need in needs for family in need.avoid_families} | ruled_out
    notes: list[Note] = []
    if own is not None:
        if own.family.slug in avoided:
            notes.append(
                Note(
                    code="own_form_not_advised",
                    message=N_("{form} is not the best fit for you: {reason} Consider {better}."),
                    params={
                        "form": own.family.name,
                        "reason": needs[0].why,
                        "better": _first_allowed(kb, needs, avoided).name,
                    },
                    sources=needs[0].sources,
                )
            )
        return FormChoice(
            need=needs[0],
            needs=needs,
            family=own.family,
            compound=own.compound,
            alternatives=(),
            avoid_families=tuple(sorted(avoided)),
            chosen_by_user=True,
            notes=tuple(notes),
        )
    family = _first_allowed(kb, needs, avoided)
    need = next((n for n in needs if family.slug in n.families), needs[0])
    alternatives = tuple(
        kb.compound_families[slug]
        for slug in dict.fromkeys(f for n in needs for f in n.families)
        if slug != family.slug and slug not in avoided
    )
    return FormChoice(
        need=need,
        needs=needs,
        family=family,
        compound=kb.compounds[family.default_form],
        alternatives=alternatives,
        avoid_families=tuple(sorted(avoided)),
        notes=tuple(notes),
    )


def _first_allowed(
    kb: KnowledgeBase, needs: tuple[FormNeed, ...], avoided: set[str]
) -> CompoundFamily:
    general = kb.advice.form_needs["general"]
    for need in (*needs, general):
        for slug in need.families:
            if slug not in avoided:
                return kb.compound_families[slug]
    return kb.compound_families[general.families[0]]
