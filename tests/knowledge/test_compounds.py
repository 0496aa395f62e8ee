"""Supplement compounds: computed elemental fractions against the fact reference (§3.1).

Expected molar masses and Mg percentages are typed in from the table in
``shared/reference/magnesium-facts.md`` §3.1 (plus the basic carbonate and the malate trihydrate
given in that table's notes); the code computes its own from the formula with molmass.
"""

from __future__ import annotations

import math
import re
from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcoach.knowledge import load_knowledge
from mgcoach.knowledge.chemistry import waters_of_hydration
from mgcoach.knowledge.compounds import EvidenceStrength

# slug -> (M in g/mol, Mg %) as printed in §3.1.
REFERENCE_TABLE: dict[str, tuple[float, float]] = {
    "magnesium_oxide": (40.30, 60.30),
    "magnesium_hydroxide": (58.32, 41.68),
    "magnesium_carbonate": (84.31, 28.83),
    "magnesium_carbonate_basic": (485.65, 25.02),
    "trimagnesium_dicitrate_anhydrous": (451.11, 16.16),
    "trimagnesium_dicitrate_nonahydrate": (613.25, 11.89),
    "magnesium_hydrogen_citrate": (214.41, 11.34),
    "magnesium_bisglycinate": (172.42, 14.10),
    "magnesium_malate": (156.38, 15.54),
    "magnesium_malate_trihydrate": (210.42, 11.55),
    "magnesium_lactate_anhydrous": (202.45, 12.01),
    "magnesium_lactate_dihydrate": (238.48, 10.19),
    "magnesium_chloride_anhydrous": (95.21, 25.53),
    "magnesium_chloride_hexahydrate": (203.30, 11.96),
    "magnesium_sulfate_anhydrous": (120.36, 20.19),
    "magnesium_sulfate_heptahydrate": (246.47, 9.86),
    "magnesium_gluconate_anhydrous": (414.60, 5.86),
    "magnesium_gluconate_dihydrate": (450.63, 5.39),
    "magnesium_aspartate_anhydrous": (288.50, 8.42),
    "magnesium_aspartate_dihydrate": (324.53, 7.49),
    "magnesium_aspartate_hcl_trihydrate": (245.90, 9.88),
    "magnesium_taurate": (272.57, 8.92),
    "magnesium_l_threonate": (294.50, 8.25),
    "magnesium_orotate_anhydrous": (334.48, 7.27),
    "magnesium_orotate_dihydrate": (370.51, 6.56),
    "magnesium_pidolate": (280.52, 8.66),
    "magnesium_glycerophosphate": (194.36, 12.51),
}

# (slug, compound mg, elemental mg, source) as stated by the licensed products / labels in §3.1.
LABEL_CHECKS = [
    ("trimagnesium_dicitrate_nonahydrate", 817.6, 97.2, "Kora-SmPC"),
    ("magnesium_glycerophosphate", 777.6, 97.2, "Colonis-SmPC"),
    ("magnesium_lactate_anhydrous", 404.85, 48.62, "Boi-SmPC"),
    ("magnesium_orotate_dihydrate", 500.0, 32.8, "MAGNEROT-LABEL"),
]

REQUIRED_FAMILIES = {
    "oxide", "hydroxide", "carbonate", "citrate", "glycinate", "malate", "lactate", "chloride",
    "sulfate", "gluconate", "aspartate", "taurate", "threonate", "orotate", "pidolate",
    "glycerophosphate",
}  # fmt: skip

DEFAULT_FORMS = {
    "oxide": "magnesium_oxide",
    "hydroxide": "magnesium_hydroxide",
    "carbonate": "magnesium_carbonate_basic",
    "citrate": "trimagnesium_dicitrate_anhydrous",
    "glycinate": "magnesium_bisglycinate",
    "malate": "magnesium_malate",
    "lactate": "magnesium_lactate_anhydrous",
    "chloride": "magnesium_chloride_anhydrous",
    "sulfate": "magnesium_sulfate_heptahydrate",
    "gluconate": "magnesium_gluconate_anhydrous",
    "aspartate": "magnesium_aspartate_dihydrate",
    "taurate": "magnesium_taurate",
    "threonate": "magnesium_l_threonate",
    "orotate": "magnesium_orotate_dihydrate",
    "pidolate": "magnesium_pidolate",
    "glycerophosphate": "magnesium_glycerophosphate",
}

# Evidence grades the brief and §3.3 fix explicitly.
EVIDENCE = {
    "taurate": "no_data",
    "malate": "no_data",
    "pidolate": "animal_only",
    "gluconate": "animal_only",
    "threonate": "weak",
    "glycinate": "weak",
}


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


# --- 1. computed molar mass and Mg % against the reference table ---------------------------------


def test_table_covers_every_compound(kb):
    assert set(kb.compounds) == set(REFERENCE_TABLE)
    assert len(kb.compounds) == 27


@pytest.mark.parametrize(
    ("slug", "molar_mass", "percent"),
    [pytest.param(slug, m, p, id=slug) for slug, (m, p) in REFERENCE_TABLE.items()],
)
def test_computed_values_match_reference(kb, slug, molar_mass, percent):
    compound = kb.compounds[slug]
    assert compound.molar_mass_g_per_mol == pytest.approx(molar_mass, rel=1e-3)
    assert 100 * compound.elemental_fraction == pytest.approx(percent, rel=1e-3)
    # The stored reference percentage is the table's, transcribed exactly.
    assert compound.reference_mg_percent == pytest.approx(percent, abs=1e-9)


def test_hydrate_word_matches_formula(kb):
    for compound in kb.compounds.values():
        waters = waters_of_hydration(compound.formula)
        assert (waters == 0) == (compound.hydrate == "anhydrous"), compound.slug


# --- 2. label checks and the worked example ---------------------------------------------------


def test_label_checks_are_the_reference_ones(kb):
    stored = {
        (compound.slug, check.compound_mg, check.elemental_mg, check.source)
        for compound in kb.compounds.values()
        for check in compound.label_checks
    }
    assert stored == set(LABEL_CHECKS)


@pytest.mark.parametrize(
    ("slug", "compound_mg", "elemental_mg", "source"),
    [pytest.param(*row, id=f"{row[0]}-{row[3]}") for row in LABEL_CHECKS],
)
def test_label_check_reproduces_elemental_mg(kb, slug, compound_mg, elemental_mg, source):
    fraction = kb.compounds[slug].elemental_fraction
    assert compound_mg * fraction == pytest.approx(elemental_mg, rel=5e-3)
    assert source in kb.sources


def test_orotate_label_check_carries_verify_mark(kb):
    assert "label_checks" in kb.compounds["magnesium_orotate_dihydrate"].verify


def test_worked_example_citrate(kb):
    fraction = kb.compounds["trimagnesium_dicitrate_anhydrous"].elemental_fraction
    assert round(500 * fraction, 1) == 80.8


def test_epsom_bath_note(kb):
    epsom = kb.compounds["magnesium_sulfate_heptahydrate"]
    assert round(250 * epsom.elemental_fraction, 1) == 24.7  # g Mg in ~250 g Epsom salt
    bath = [note for note in epsom.notes if "24.7" in note.text.en]
    assert bath
    assert {"Grober17", "Kass17"} <= set(bath[0].sources)
    assert "24,7" in bath[0].text.nl


# --- 3. families --------------------------------------------------------------------------------


def test_required_families_exist(kb):
    assert set(kb.compound_families) == REQUIRED_FAMILIES


@pytest.mark.parametrize(("family", "default"), sorted(DEFAULT_FORMS.items()))
def test_default_form_belongs_to_family(kb, family, default):
    fam = kb.compound_families[family]
    assert fam.default_form == default
    assert kb.compounds[fam.default_form].family == family


def test_every_compound_has_a_known_family(kb):
    for compound in kb.compounds.values():
        assert compound.family in kb.compound_families, compound.slug


def test_aliases_unique_lower_case_across_families_and_compounds(kb):
    seen: dict[str, str] = {}
    records = [*kb.compound_families.values(), *kb.compounds.values()]
    for record in records:
        for alias in record.aliases:
            assert alias == alias.strip().lower(), alias
            key = alias.casefold()
            assert key not in seen, f"{alias!r} in both {seen.get(key)} and {record.slug}"
            seen[key] = record.slug


def test_family_aliases_omit_the_word_magnesium(kb):
    for family in kb.compound_families.values():
        assert family.aliases, family.slug
        for alias in family.aliases:
            # "trimagnesium dicitrate" is a chemical name, not "magnesium" + family name
            assert not re.search(r"\bmagnesium", alias), (family.slug, alias)


@pytest.mark.parametrize(
    ("family", "alias"),
    [
        ("sulfate", "epsom salt"),
        ("sulfate", "epsomzout"),
        ("sulfate", "bitterzout"),
        ("hydroxide", "milk of magnesia"),
        ("glycinate", "bisglycinaat"),
        ("threonate", "l-threonate"),
        ("pidolate", "pyroglutamate"),
    ],
)
def test_common_aliases(kb, family, alias):
    assert alias in kb.compound_families[family].aliases


def test_family_texts_and_evidence(kb):
    allowed = set(get_args(EvidenceStrength))
    for family in kb.compound_families.values():
        assert family.absorption_evidence in allowed, family.slug
        for text in (family.name, family.absorption, family.tolerance):
            assert text.en.strip(), family.slug
            assert text.nl.strip(), family.slug
        assert family.sources, family.slug


@pytest.mark.parametrize(("family", "grade"), sorted(EVIDENCE.items()))
def test_honest_evidence_grades(kb, family, grade):
    assert kb.compound_families[family].absorption_evidence == grade


def test_malate_absorption_marked_for_verification(kb):
    assert "absorption" in kb.compound_families["malate"].verify


def test_every_cited_source_exists(kb):
    records = [*kb.compound_families.values(), *kb.compounds.values()]
    for record in records:
        cited = set(record.sources)
        cited |= {source for note in getattr(record, "notes", ()) for source in note.sources}
        cited |= {check.source for check in getattr(record, "label_checks", ())}
        assert cited <= set(kb.sources), (record.slug, cited - set(kb.sources))
    for compound in kb.compounds.values():
        assert "IUPAC-AW" in compound.sources, compound.slug


# --- 4. conversion round trip -------------------------------------------------------------------


@given(
    slug=st.sampled_from(sorted(REFERENCE_TABLE)),
    dose_mg=st.floats(
        min_value=0, max_value=10_000, exclude_min=True, exclude_max=True, allow_subnormal=False
    ),
)
def test_conversion_round_trip(slug, dose_mg):
    fraction = load_knowledge().compounds[slug].elemental_fraction
    elemental = dose_mg * fraction
    assert 0 < elemental < dose_mg
    assert math.isclose(elemental / fraction, dose_mg, rel_tol=1e-9)
