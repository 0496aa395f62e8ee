"""The medicines Mg Coach knows: brands, medicines with no interaction listed, and medicines
that contain magnesium with the elemental magnesium of one usual dose (issue 13)."""

from __future__ import annotations

import pytest

from mgcoach.knowledge import KnowledgeBase

# Brand -> the generic (drug slug) it names: the main Dutch and US brands of the issue.
BRANDS = [
    ("Euthyrox", "levothyroxine"),
    ("Thyrax", "levothyroxine"),
    ("Synthroid", "levothyroxine"),
    ("Levoxyl", "levothyroxine"),
    ("Lasix", "furosemide"),
    ("Burinex", "bumetanide"),
    ("Nexium", "esomeprazole"),
    ("Losec", "omeprazole"),
    ("Prilosec", "omeprazole"),
    ("Pantozol", "pantoprazole"),
    ("Protonix", "pantoprazole"),
    ("Ciproxin", "ciprofloxacin"),
    ("Cipro", "ciprofloxacin"),
    ("Tavanic", "levofloxacin"),
    ("Levaquin", "levofloxacin"),
    ("Avelox", "moxifloxacin"),
    ("Vibramycin", "doxycycline"),
    ("Doxy", "doxycycline"),
    ("Minocin", "minocycline"),
    ("Lanoxin", "digoxin"),
    ("Fosamax", "alendronate"),
    ("Actonel", "risedronate"),
    ("Aldactone", "spironolactone"),
    ("Inspra", "eplerenone"),
    ("Norvasc", "amlodipine"),
    ("Tivicay", "dolutegravir"),
    ("Biktarvy", "bictegravir"),
    ("Isentress", "raltegravir"),
    ("Neoral", "ciclosporin"),
    ("Sandimmune", "ciclosporin"),
    ("Prograf", "tacrolimus"),
    ("CellCept", "mycophenolate_mofetil"),
    ("Neurontin", "gabapentin"),
    ("Plaquenil", "hydroxychloroquine"),
    ("Crestor", "rosuvastatin"),
    ("Rennie", "calcium_magnesium_carbonate"),
    ("Maalox", "aluminium_magnesium_hydroxide"),
    ("Glucophage", "metformin"),
    ("Priadel", "lithium"),
]


@pytest.mark.parametrize(("brand", "slug"), [pytest.param(*row, id=row[0]) for row in BRANDS])
def test_brands_name_their_generic(kb: KnowledgeBase, brand: str, slug: str) -> None:
    for typed in (brand, brand.lower(), brand.upper()):
        drug = kb.safety.drug_by_name(typed)
        assert drug is not None and drug.slug == slug
    assert brand in kb.safety.drugs[slug].brand_names


# Common medicines the fact reference lists no interaction for: known, class "none".
NO_INTERACTION = [
    "lithium", "metformin", "metformine", "atorvastatin", "simvastatine", "pravastatin",
    "paracetamol", "acetaminophen", "ibuprofen", "naproxen", "aspirin", "acetylsalicylzuur",
    "carbasalaatcalcium", "metoprolol", "bisoprolol", "atenolol", "losartan", "valsartan",
    "cetirizine", "levocetirizine", "sertraline", "citalopram", "omega-3", "visolie",
    "vitamin d", "vitamine d3",
]  # fmt: skip


@pytest.mark.parametrize("name", NO_INTERACTION)
def test_common_medicines_without_an_interaction_are_known(kb: KnowledgeBase, name: str) -> None:
    drug = kb.safety.drug_by_name(name)
    assert drug is not None, name
    drug_class = kb.safety.drug_class_of(drug)
    assert (drug_class.slug, drug_class.effect, drug_class.severity) == (
        "no_interaction_listed",
        "none",
        None,
    )
    # "None listed" comes from the reference's tables, not from a source that says "safe".
    assert drug.needs_verification and drug_class.needs_verification
    assert set(drug.sources) == set(drug_class.sources) == {"NIH-ODS", "emc-MgOH"}


def test_no_interaction_class_never_says_safe(kb: KnowledgeBase) -> None:
    drug_class = kb.safety.drug_classes["no_interaction_listed"]
    for text in (drug_class.action, drug_class.mechanism, drug_class.name):
        assert "safe" not in text.en.lower() and "veilig" not in text.nl.lower()
    assert "pharmacist" in drug_class.action.en and "apotheker" in drug_class.action.nl


@pytest.mark.parametrize(
    "name",
    ["captopril", "enalapril", "fosinopril", "lisinopril", "perindopril", "ramipril"],
)
def test_ace_inhibitors_stay_in_the_absorption_group(kb: KnowledgeBase, name: str) -> None:
    """§4.2 names "ACE inhibitors (captopril, enalapril, fosinopril)" as a group."""
    drug = kb.safety.drug_by_name(name)
    assert drug is not None and drug.drug_class == "other_absorption"


# --- medicines that contain magnesium ---------------------------------------------------------

# (name typed, drug slug, compound, compound mg in one usual dose, elemental mg)
MAGNESIUM_MEDICINES = [
    ("magnesiumoxide", "magnesium_oxide", "magnesium_oxide", 500, 301.5),
    ("magnesium oxide laxative", "magnesium_oxide", "magnesium_oxide", 500, 301.5),
    ("magnesiumhydroxide", "magnesium_hydroxide", "magnesium_hydroxide", 724, 301.7),
    ("milk of magnesia", "milk_of_magnesia", "magnesium_hydroxide", 2400, 1000.2),
    ("magnesiamelk", "milk_of_magnesia", "magnesium_hydroxide", 2400, 1000.2),
    ("Maalox", "aluminium_magnesium_hydroxide", "magnesium_hydroxide", 400, 166.7),
    ("algeldraat/magnesiumhydroxide", "aluminium_magnesium_hydroxide", "magnesium_hydroxide",
     400, 166.7),
    ("Rennie", "calcium_magnesium_carbonate", "magnesium_carbonate_basic", 160, 40.0),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "slug", "compound", "compound_mg", "elemental_mg"),
    [pytest.param(*row, id=row[0]) for row in MAGNESIUM_MEDICINES],
)
def test_magnesium_medicines_carry_their_dose(
    kb: KnowledgeBase, name: str, slug: str, compound: str, compound_mg: float, elemental_mg: float
) -> None:
    drug = kb.safety.drug_by_name(name)
    assert drug is not None and drug.slug == slug
    assert kb.safety.drug_class_of(drug).contains_magnesium
    assert (drug.dose_compound, drug.dose_compound_mg) == (compound, compound_mg)
    assert drug.magnesium_mg_per_dose == elemental_mg


def test_every_magnesium_dose_is_its_compound_times_the_elemental_fraction(
    kb: KnowledgeBase,
) -> None:
    """§3.1: elemental mg = compound mg × f, with f computed from the formula."""
    containing = [d for d in kb.safety.drugs.values() if d.magnesium_mg_per_dose is not None]
    assert {d.slug for d in containing} == {row[1] for row in MAGNESIUM_MEDICINES}
    for drug in containing:
        assert drug.dose_compound is not None and drug.dose_compound_mg is not None
        assert drug.dose_basis is not None
        compound = kb.compounds[drug.dose_compound]
        assert drug.magnesium_mg_per_dose == round(compound.elemental_mg(drug.dose_compound_mg), 1)
        mg = f"{drug.magnesium_mg_per_dose:,.0f}"
        assert f"{mg} mg magnesium" in drug.dose_basis.en, drug.slug
        assert f"{mg.replace(',', '.')} mg magnesium" in drug.dose_basis.nl, drug.slug


@pytest.mark.parametrize(
    ("slug", "percent"),
    [("magnesium_oxide", 60.30), ("magnesium_hydroxide", 41.68), ("magnesium_carbonate", 28.83)],
)
def test_dose_compounds_match_the_reference_percentages(
    kb: KnowledgeBase, slug: str, percent: float
) -> None:
    assert kb.compounds[slug].elemental_fraction * 100 == pytest.approx(percent, abs=0.01)


def test_heavy_magnesium_carbonate_is_counted_as_the_basic_carbonate(kb: KnowledgeBase) -> None:
    """Rennie's label says "heavy magnesium carbonate": §3.1 says that is usually the basic
    carbonate (25.02 %), so 80 mg is 20 mg magnesium, not the 23 mg of anhydrous MgCO3."""
    rennie = kb.safety.drugs["calcium_magnesium_carbonate"]
    assert rennie.dose_compound == "magnesium_carbonate_basic"
    per_tablet = kb.compounds["magnesium_carbonate_basic"].elemental_mg(80)
    assert round(per_tablet, 1) == 20.0


def test_magnesium_class_says_it_counts_and_the_fatal_dose(kb: KnowledgeBase) -> None:
    """§2 rule 1 (counts toward the UL) and §6.1 (> 5,000 mg a day has been fatal) [NIH-ODS]."""
    [drug_class] = [c for c in kb.safety.drug_classes.values() if c.contains_magnesium]
    assert (drug_class.effect, drug_class.direction) == ("status", "raises")
    assert "NIH-ODS" in drug_class.sources
    assert "upper limit" in drug_class.mechanism.en and "bovengrens" in drug_class.mechanism.nl
    assert "5,000 mg" in drug_class.mechanism.en and "fatal" in drug_class.mechanism.en
    assert "5.000 mg" in drug_class.mechanism.nl and "dodelijk" in drug_class.mechanism.nl
    assert "contain magnesium" in drug_class.name.en.lower()
    assert "maagzuurbinders" in drug_class.name.nl and "maagzuurremmer" not in drug_class.name.nl
