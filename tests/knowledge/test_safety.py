"""Safety facts: interactions, kidney function, conditions, signs, evidence (reference §4–§7)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from mgcoach.errors import InputError, KnowledgeError
from mgcoach.knowledge.base import DATA_DIR, load_knowledge
from mgcoach.knowledge.records import Cited
from mgcoach.knowledge.safety import FILES, SafetyFacts, load_safety


@pytest.fixture(scope="module")
def facts() -> SafetyFacts:
    return load_safety(DATA_DIR)


def records(value: object) -> Iterator[Cited]:
    """Every cited record inside ``value``, however deeply nested."""
    if isinstance(value, Cited):
        yield value
    if is_dataclass(value):
        for field in fields(value):
            if field.init:
                yield from records(getattr(value, field.name))
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from records(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from records(item)


def test_loads_every_table(facts: SafetyFacts) -> None:
    assert len(facts.drug_classes) >= 30
    assert len(facts.drugs) >= 90
    assert [c.slug for c in facts.kidney_categories] == ["G5", "G4", "G3b", "G3a", "G2", "G1"]
    assert facts.conditions and facts.risk_factors and facts.symptoms and facts.stage_notes
    assert len(facts.claims) == 13
    assert "honest_wording" in facts.wording_rules


def test_every_cited_source_exists(facts: SafetyFacts) -> None:
    known = load_knowledge().sources
    unknown = {
        (getattr(record, "slug", "?"), source)
        for record in records(facts)
        for source in record.sources
        if source not in known
    }
    assert not unknown


def test_every_verify_entry_names_a_field(facts: SafetyFacts) -> None:
    for record in records(facts):
        for name in record.verify:
            assert name == "all" or name in {f.name for f in fields(record)}, (record, name)


def test_every_class_has_a_drug(facts: SafetyFacts) -> None:
    used = {drug.drug_class for drug in facts.drugs.values()}
    assert set(facts.drug_classes) == used


# --- §4.2 timing ---------------------------------------------------------------------------

TIMED = [
    ("doxycycline", "tetracyclines", 2, 6),
    ("minocycline", "tetracyclines", 2, 6),
    ("demeclocycline", "tetracyclines", 2, 6),
    ("ciprofloxacin", "ciprofloxacin", 2, 6),
    ("levofloxacin", "levofloxacin", 2, 2),
    ("moxifloxacin", "moxifloxacin", 4, 8),
    ("ofloxacin", "ofloxacin_norfloxacin", 2, 2),
    ("norfloxacin", "ofloxacin_norfloxacin", 2, 2),
    ("delafloxacin", "delafloxacin", 2, 6),
    ("quinolone", "fluoroquinolone_unspecified", 4, 8),
    ("levothyroxine", "thyroid_hormones", 4, 4),
    ("liothyronine", "thyroid_hormones", 4, 4),
    ("dolutegravir", "dolutegravir", 2, 6),
    ("juluca", "dolutegravir_rilpivirine", 4, 6),
    ("bictegravir", "bictegravir", 2, 6),
    ("cabotegravir", "cabotegravir_oral", 4, 2),
    ("elvitegravir", "elvitegravir_cobicistat", 2, 2),
    ("gabapentin", "gabapentin", 2, 2),
    ("eltrombopag", "eltrombopag", 2, 4),
    ("alendronate", "bisphosphonates", 2, 2),
    ("ibandronate", "bisphosphonates", 2, 2),
    ("penicillamine", "penicillamine", 2, 2),
    ("mycophenolate mofetil", "mycophenolate", 2, 2),
    ("digoxin", "digoxin", 2, 2),
    ("rosuvastatin", "rosuvastatin", 2, 2),
    ("hydroxychloroquine", "hydroxychloroquine_chloroquine", 4, 4),
    ("chloroquine", "hydroxychloroquine_chloroquine", 4, 4),
    ("captopril", "other_absorption", 2, 2),
    ("iron", "other_absorption", 2, 2),
]


@pytest.mark.parametrize(
    ("name", "slug", "before", "after"),
    [
        pytest.param(*row, id=f"{row[0].replace(' ', '_')}-{row[2]}h-before-{row[3]}h-after")
        for row in TIMED
    ],
)
def test_timing_rows(facts: SafetyFacts, name: str, slug: str, before: int, after: int) -> None:
    drug = facts.drug_by_name(name)
    assert drug is not None
    drug_class = facts.drug_class_of(drug)
    assert drug_class.slug == slug
    assert drug_class.effect == "absorption"
    assert (drug_class.hours_before, drug_class.hours_after) == (before, after)
    assert not drug_class.avoid


@pytest.mark.parametrize(
    ("slug", "fields", "source"),
    [
        pytest.param("levofloxacin", {"hours_before", "hours_after"}, "Labels", id="levofloxacin"),
        pytest.param("penicillamine", {"hours_before", "hours_after"}, "emc-MgOH", id="penicil"),
        pytest.param("rosuvastatin", {"hours_before", "hours_after"}, "emc-MgOH", id="rosuva"),
        pytest.param(
            "hydroxychloroquine_chloroquine", {"hours_before", "hours_after"}, "emc-MgOH", id="hcq"
        ),
        pytest.param("fluoroquinolone_unspecified", set(), "DERIVED", id="quinolone-derived"),
        pytest.param("zinc_high_dose", {"all"}, "NIH-ODS", id="zinc"),
    ],
)
def test_marks_and_sources(facts: SafetyFacts, slug: str, fields: set[str], source: str) -> None:
    drug_class = facts.drug_classes[slug]
    assert fields <= set(drug_class.verify)
    assert source in drug_class.sources


@pytest.mark.parametrize("name", ["raltegravir", "Isentress", "nilotinib"])
def test_avoid_rows_have_no_hours(facts: SafetyFacts, name: str) -> None:
    drug = facts.drug_by_name(name)
    assert drug is not None
    drug_class = facts.drug_class_of(drug)
    assert drug_class.avoid
    assert drug_class.hours_before is None and drug_class.hours_after is None


@pytest.mark.parametrize(
    ("name", "slug", "effect", "severity"),
    [
        ("omeprazole", "proton_pump_inhibitors", "status", "moderate"),
        ("furosemide", "loop_diuretics", "status", "moderate"),
        ("ethacrynic acid", "loop_diuretics", "status", "moderate"),
        ("hydrochlorothiazide", "thiazide_diuretics", "status", "moderate"),
        ("spironolactone", "potassium_sparing_diuretics", "status", "minor"),
        ("tacrolimus", "calcineurin_inhibitors", "status", "moderate"),
        ("cetuximab", "egfr_antibodies", "status", "moderate"),
        ("gentamicin", "aminoglycosides", "status", "moderate"),
        ("cisplatin", "other_mg_wasting", "status", "moderate"),
        ("zinc", "zinc_high_dose", "status", "minor"),
        ("nifedipine", "calcium_channel_blockers", "additive", "minor"),
        ("rocuronium", "neuromuscular_blockers", "additive", "minor"),
    ],
)
def test_status_and_additive_rows(
    facts: SafetyFacts, name: str, slug: str, effect: str, severity: str
) -> None:
    drug = facts.drug_by_name(name)
    assert drug is not None
    drug_class = facts.drug_class_of(drug)
    assert (drug_class.slug, drug_class.effect, drug_class.severity) == (slug, effect, severity)
    assert drug_class.hours_before is None and not drug_class.avoid


def test_zinc_applies_only_at_high_dose(facts: SafetyFacts) -> None:
    assert facts.drug_classes["zinc_high_dose"].threshold_mg_per_day == 142


def test_finer_severity_wording_is_kept(facts: SafetyFacts) -> None:
    for slug in ("rosuvastatin", "other_absorption", "potassium_sparing_diuretics"):
        assert facts.drug_classes[slug].severity_note is not None


def test_action_text_states_the_hours(facts: SafetyFacts) -> None:
    for drug_class in facts.drug_classes.values():
        for hours in (drug_class.hours_before, drug_class.hours_after):
            if hours is not None:
                assert f"{hours:g} hours" in drug_class.action.en, drug_class.slug
                assert f"{hours:g} uur" in drug_class.action.nl, drug_class.slug


# --- names ---------------------------------------------------------------------------------

NAMES = [
    ("omeprazol", "proton_pump_inhibitors"),
    ("Esomeprazol", "proton_pump_inhibitors"),
    ("pantoprazole", "proton_pump_inhibitors"),
    ("alendroninezuur", "bisphosphonates"),
    ("risedroninezuur", "bisphosphonates"),
    ("Fosamax", "bisphosphonates"),
    ("ciprofloxacine", "ciprofloxacin"),
    ("levofloxacine", "levofloxacin"),
    ("moxifloxacine", "moxifloxacin"),
    ("norfloxacine", "ofloxacin_norfloxacin"),
    ("Tivicay", "dolutegravir"),
    ("TRIUMEQ", "dolutegravir"),
    ("Juluca", "dolutegravir_rilpivirine"),
    ("Biktarvy", "bictegravir"),
    ("  levothyroxinenatrium ", "thyroid_hormones"),
    ("thyroxine", "thyroid_hormones"),
    ("quinolone", "fluoroquinolone_unspecified"),
    ("Fluoroquinolone", "fluoroquinolone_unspecified"),
    ("chinolon", "fluoroquinolone_unspecified"),
    ("hydrochloorthiazide", "thiazide_diuretics"),
    ("chloortalidon", "thiazide_diuretics"),
    ("spironolacton", "potassium_sparing_diuretics"),
    ("gabapentine", "gabapentin"),
    ("digoxine", "digoxin"),
    ("rosuvastatine", "rosuvastatin"),
    ("mycofenolzuur", "mycophenolate"),
    ("ciclosporine", "calcineurin_inhibitors"),
    ("cyclosporine", "calcineurin_inhibitors"),
    ("amfotericine B", "other_mg_wasting"),
    ("nitrofurantoïne", "other_absorption"),
    ("nitrofurantoine", "other_absorption"),
    ("rifampin", "other_absorption"),
    ("zink", "zinc_high_dose"),
]


@pytest.mark.parametrize(("name", "slug"), [pytest.param(*row, id=row[0].strip()) for row in NAMES])
def test_names_resolve_to_their_class(facts: SafetyFacts, name: str, slug: str) -> None:
    drug = facts.drug_by_name(name)
    assert drug is not None
    assert drug.drug_class == slug


@pytest.mark.parametrize("name", ["macrogol", "magnesium", "", "   ", "omepra"])
def test_unknown_names(facts: SafetyFacts, name: str) -> None:
    assert facts.drug_by_name(name) is None


# Every generic named in §4.2 and §4.3 (English), and the Dutch spellings the brief lists.
REFERENCE_GENERICS = [
    name
    for line in (
        "alendronate risedronate ibandronate etidronate doxycycline minocycline tetracycline",
        "demeclocycline oxytetracycline ciprofloxacin levofloxacin moxifloxacin ofloxacin",
        "norfloxacin delafloxacin levothyroxine liothyronine dolutegravir bictegravir",
        "cabotegravir raltegravir elvitegravir gabapentin eltrombopag penicillamine",
        "mycophenolate_mofetil mycophenolic_acid digoxin rosuvastatin hydroxychloroquine",
        "chloroquine captopril enalapril fosinopril azithromycin cefaclor cefpodoxime isoniazid",
        "itraconazole ketoconazole nitrofurantoin rifampicin atazanavir fosamprenavir tipranavir",
        "fexofenadine deflazacort dipyridamole diflunisal phenytoin iron sulpiride phenothiazines",
        "proguanil nilotinib zinc furosemide bumetanide torasemide ethacrynic_acid",
        "hydrochlorothiazide chlorthalidone indapamide amiloride spironolactone eplerenone",
        "triamterene omeprazole esomeprazole pantoprazole lansoprazole rabeprazole",
        "dexlansoprazole tacrolimus ciclosporin cetuximab panitumumab gentamicin tobramycin",
        "amikacin cisplatin amphotericin_b foscarnet pentamidine nifedipine amlodipine verapamil",
        "diltiazem rocuronium vecuronium atracurium cisatracurium suxamethonium",
        "dolutegravir/rilpivirine",
    )
    for name in line.split()
]

DUTCH = [
    *(
        name
        for line in (
            "omeprazol esomeprazol pantoprazol lansoprazol rabeprazol alendroninezuur",
            "risedroninezuur ibandroninezuur etidroninezuur ciprofloxacine levofloxacine",
            "moxifloxacine ofloxacine norfloxacine levothyroxine levothyroxinenatrium",
            "hydrochloorthiazide chloortalidon spironolacton eplerenon triamtereen gabapentine",
            "digoxine rosuvastatine mycofenolaatmofetil mycofenolzuur ciclosporine gentamicine",
            "tobramycine amikacine cisplatine torasemide",
        )
        for name in line.split()
    ),
    "amfotericine B",
]


@pytest.mark.parametrize("name", REFERENCE_GENERICS)
def test_every_reference_generic_is_known(facts: SafetyFacts, name: str) -> None:
    assert facts.drug_by_name(name.replace("_", " ")) is not None


@pytest.mark.parametrize("name", DUTCH)
def test_dutch_spellings_are_known(facts: SafetyFacts, name: str) -> None:
    drug = facts.drug_by_name(name)
    assert drug is not None
    assert name.lower() in drug.names_nl


# --- §5 kidney function and conditions -----------------------------------------------------

EGFR = [
    (120, "G1"),
    (90, "G1"),
    (89.9, "G2"),
    (60, "G2"),
    (59.9, "G3a"),
    (45, "G3a"),
    (44.9, "G3b"),
    (30, "G3b"),
    (29.9, "G4"),
    (15, "G4"),
    (14.9, "G5"),
    (0, "G5"),
]


@pytest.mark.parametrize(
    ("egfr", "slug"), [pytest.param(*row, id=f"{row[0]}-{row[1]}") for row in EGFR]
)
def test_egfr_boundaries(facts: SafetyFacts, egfr: float, slug: str) -> None:
    assert facts.kidney_category(egfr).slug == slug


@pytest.mark.parametrize("egfr", [95, 40, 10])
def test_dialysis_is_g5(facts: SafetyFacts, egfr: float) -> None:
    category = facts.kidney_category(egfr, on_dialysis=True)
    assert category.slug == "G5" and category.includes_dialysis


@pytest.mark.parametrize("egfr", [-1, float("nan"), float("inf")])
def test_impossible_egfr(facts: SafetyFacts, egfr: float) -> None:
    with pytest.raises(InputError):
        facts.kidney_category(egfr)


@pytest.mark.parametrize(
    ("slug", "rule"),
    [
        ("G1", "standard"),
        ("G2", "standard"),
        ("G3a", "caution"),
        ("G3b", "caution"),
        ("G4", "avoid_unless_supervised"),
        ("G5", "avoid_unless_supervised"),
    ],
)
def test_rule_per_category(facts: SafetyFacts, slug: str, rule: str) -> None:
    (category,) = [c for c in facts.kidney_categories if c.slug == slug]
    assert category.rule == rule


def test_severe_impairment_convention_is_marked(facts: SafetyFacts) -> None:
    (g4,) = [c for c in facts.kidney_categories if c.slug == "G4"]
    assert "rule" in g4.verify and "EMA-RENAL" in g4.sources


@pytest.mark.parametrize(
    ("slug", "rule"),
    [
        ("anuria", "contraindicated"),
        ("dehydration", "contraindicated"),
        ("av_block", "caution"),
        ("myasthenia_gravis", "contraindicated"),
        ("struvite_stones", "contraindicated"),
        ("child_under_4", "consult"),
        ("pregnancy", "inform"),
        ("arrhythmia_treated", "consult"),
        ("thyroid_disorder", "consult"),
        ("iron_metabolism_disorder", "consult"),
    ],
)
def test_condition_rules(facts: SafetyFacts, slug: str, rule: str) -> None:
    assert facts.conditions[slug].rule == rule


def test_condition_details(facts: SafetyFacts) -> None:
    assert facts.conditions["av_block"].contraindicated_families == ("orotate",)
    assert facts.conditions["child_under_4"].below_age_years == 4
    assert facts.conditions["pregnancy"].state == "pregnant"
    assert set(facts.risk_factors) >= {"gi_disease", "type2_diabetes", "older_adults", "athletes"}
    assert facts.risk_factors["bariatric_surgery"].verify == ("all",)


# --- §6.1 signs ----------------------------------------------------------------------------

FLAGS = [
    ("seizure", "emergency"),  # Mg Coach: a first seizure is an emergency (symptoms.toml)
    ("racing_heartbeat", "see_doctor_now"),
    ("tetany", "see_doctor_now"),
    ("tremor", "see_doctor_now"),
    ("chest_pain", "emergency"),  # Mg Coach: chest pain is an emergency (symptoms.toml)
    ("irregular_heartbeat", "emergency"),
    ("fainting", "emergency"),
    ("confusion", "emergency"),
    ("muscle_weakness", "emergency"),
    ("absent_reflexes", "emergency"),
    ("difficulty_breathing", "emergency"),
    ("very_low_blood_pressure", "emergency"),
    ("slow_heartbeat", "emergency"),
    ("drowsiness", "emergency"),
    ("cardiac_arrest", "emergency"),
    ("diarrhoea", "none"),
    ("fatigue", "none"),
    ("nausea", "none"),
]


@pytest.mark.parametrize(("slug", "flag"), FLAGS)
def test_red_flags(facts: SafetyFacts, slug: str, flag: str) -> None:
    assert facts.symptoms[slug].red_flag == flag


def test_every_stage_has_signs_and_a_note(facts: SafetyFacts) -> None:
    stages = {stage for symptom in facts.symptoms.values() for stage in symptom.stages}
    topics = {note.topic for note in facts.stage_notes.values()}
    expected = {
        "early_deficiency",
        "progressing_deficiency",
        "severe_deficiency",
        "excess_mild",
        "toxicity",
    }
    assert stages == expected
    assert topics == expected | {"red_flags_deficiency", "red_flags_excess"}


def test_fatal_laxative_dose_note(facts: SafetyFacts) -> None:
    note = facts.stage_notes["fatal_laxative_antacid_doses"]
    assert "5,000 mg" in note.text.en and "5.000 mg" in note.text.nl
    assert note.sources == ("NIH-ODS",)


# --- §7 evidence ---------------------------------------------------------------------------

STRENGTHS = [
    ("cramps_idiopathic", "no_meaningful_benefit"),
    ("cramps_pregnancy", "uncertain"),
    ("cramps_exercise", "no_evidence"),
    ("recovery_doms", "weak"),
    ("performance", "weak"),
    ("sleep", "weak"),
    ("migraine", "moderate"),
    ("pain", "insufficient"),
    ("topical", "not_supported"),
    ("deficiency_correction", "strong"),
    ("constipation", "strong"),
    ("bioavailability_by_form", "moderate"),
    ("eu_health_claims", "regulatory"),
]


@pytest.mark.parametrize(("slug", "strength"), STRENGTHS)
def test_evidence_strengths(facts: SafetyFacts, slug: str, strength: str) -> None:
    assert facts.claims[slug].strength == strength


def test_unverified_claims_are_marked(facts: SafetyFacts) -> None:
    assert "finding" in facts.claims["cramps_exercise"].verify
    assert facts.claims["pain"].verify == ("all",)


# --- broken copies -------------------------------------------------------------------------


def broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    for name in FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    text = (tmp_path / file).read_text(encoding="utf-8")
    assert old in text, old
    (tmp_path / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


BROKEN = [
    pytest.param(
        "drugs.toml",
        'drug_class = "tetracyclines"',
        'drug_class = "tetracyclinez"',
        r"drugs\.toml, drug doxycycline: unknown drug_class",
        id="unknown-class",
    ),
    pytest.param(
        "drugs.toml",
        'names_nl = ["esomeprazol"]',
        'names_nl = ["esomeprazol", "omeprazol"]',
        r"drugs\.toml, drug .*also names",
        id="name-on-two-drugs",
    ),
    pytest.param(
        "drugs.toml",
        'brand_names = ["Nexium"]',
        'brand_names = ["Nexium", "OMEPRAZOL"]',
        r"drugs\.toml, drug esomeprazole: name 'OMEPRAZOL' also names omeprazole",
        id="brand-equals-another-generic",
    ),
    pytest.param(
        "drugs.toml",
        'brand_names = ["Nexium"]',
        'brand_names = ["Nexium", "Losec"]',
        r"drugs\.toml, drug esomeprazole: name 'Losec' also names omeprazole",
        id="brand-on-two-generics",
    ),
    pytest.param(
        "drugs.toml",
        'names_nl = ["doxycycline"]',
        'names_nl = ["doxycycline"]\nmagnesium_mg_per_dose = 10\ndose_compound = "magnesium_oxide"'
        '\ndose_compound_mg = 16.6\ndose_basis = { en = "x", nl = "x" }',
        r"drugs\.toml, drug doxycycline: magnesium_mg_per_dose needs a class that contains",
        id="magnesium-dose-on-another-class",
    ),
    pytest.param(
        "drugs.toml",
        'slug = "lithium"\ndrug_class = "no_interaction_listed"',
        'slug = "lithium"\ndrug_class = "magnesium_containing"',
        r"drugs\.toml, drug lithium: class magnesium_containing contains magnesium",
        id="magnesium-class-without-dose",
    ),
    pytest.param(
        "drugs.toml",
        "magnesium_mg_per_dose = 40.0\n",
        "",
        r"drugs\.toml, \[\[drug\]\] entry \d+:.*go together",
        id="magnesium-dose-missing-with-its-basis",
    ),
    pytest.param(
        "drugs.toml",
        "magnesium_mg_per_dose = 40.0\n",
        "magnesium_mg_per_dose = -40.0\n",
        r"drugs\.toml, \[\[drug\]\] entry \d+:.*greater than 0",
        id="magnesium-dose-negative",
    ),
    pytest.param(
        "drugs.toml",
        "magnesium_mg_per_dose = 40.0\n",
        "magnesium_mg_per_dose = inf\n",
        r"drugs\.toml, \[\[drug\]\] entry \d+:.*finite",
        id="magnesium-dose-infinite",
    ),
    pytest.param(
        "interactions.toml",
        'direction = "raises"\ncontains_magnesium = true',
        'direction = "lowers"\ncontains_magnesium = true',
        r"interactions\.toml, \[\[drug_class\]\] entry \d+:.*raises magnesium",
        id="magnesium-class-that-lowers",
    ),
    pytest.param(
        "interactions.toml",
        'effect = "none"\n',
        'effect = "none"\nseverity = "minor"\n',
        r"interactions\.toml, \[\[drug_class\]\] entry \d+:.*'none' class has no severity",
        id="none-class-with-severity",
    ),
    pytest.param(
        "interactions.toml",
        'severity = "moderate"\nsources = ["NIH-ODS", "SCF01"]',
        'sources = ["NIH-ODS", "SCF01"]',
        r"interactions\.toml, \[\[drug_class\]\] entry \d+:.*needs a severity",
        id="interaction-without-severity",
    ),
    pytest.param(
        "drugs.toml",
        'names_en = ["doxycycline"]',
        'names_en = ["Doxycycline"]',
        r"drugs\.toml, \[\[drug\]\] entry 5:.*lower case",
        id="upper-case-name",
    ),
    pytest.param(
        "drugs.toml",
        'slug = "minocycline"',
        'slug = "doxycycline"',
        r"drugs\.toml, \[\[drug\]\] entry 6: duplicate slug doxycycline",
        id="duplicate-slug",
    ),
    pytest.param(
        "conditions.toml",
        "egfr_min = 30\n",
        "egfr_min = 35\n",
        r"conditions\.toml, kidney_category G3b: starts at eGFR 35",
        id="kidney-gap",
    ),
    pytest.param(
        "conditions.toml",
        "egfr_min = 60\n",
        "egfr_min = 55\n",
        r"conditions\.toml, kidney_category G2: starts at eGFR 55",
        id="kidney-overlap",
    ),
    pytest.param(
        "conditions.toml",
        "includes_dialysis = true\n",
        "",
        r"conditions\.toml, kidney_category: one includes_dialysis",
        id="no-dialysis-category",
    ),
    pytest.param(
        "interactions.toml",
        "avoid = true\n",
        "avoid = true\nhours_before = 2\n",
        r"interactions\.toml, \[\[drug_class\]\] entry \d+:.*no hours",
        id="avoid-with-hours",
    ),
    pytest.param(
        "interactions.toml",
        "hours_before = 4\nhours_after = 8\n",
        "hours_before = -4\nhours_after = 8\n",
        r"interactions\.toml, \[\[drug_class\]\] entry \d+:.*greater than or equal to 0",
        id="negative-hours",
    ),
    pytest.param(
        "interactions.toml",
        "hours_before = 2\nhours_after = 6\n",
        "hours_before = 2\n",
        r"interactions\.toml.*needs hours_before and hours_after",
        id="absorption-without-hours",
    ),
    pytest.param(
        "interactions.toml",
        'verify = ["hours_before", "hours_after"]',
        'verify = ["hours"]',
        r"interactions\.toml.*verify names unknown field",
        id="verify-unknown-field",
    ),
    pytest.param(
        "interactions.toml",
        'severity = "major"',
        'severity = "severe"',
        r"interactions\.toml, \[\[drug_class\]\] entry 2",
        id="unknown-severity",
    ),
    pytest.param(
        "symptoms.toml",
        'red_flag = "emergency"\nred_flag_rows = ["excess"]',
        'red_flag = "see_doctor_now"\nred_flag_rows = ["excess"]',
        r"symptoms\.toml.*needs at least 'emergency'",
        id="excess-flag-too-mild",
    ),
    pytest.param(
        "evidence.toml",
        'strength = "weak"',
        'strength = "promising"',
        r"evidence\.toml, \[\[claim\]\] entry",
        id="unknown-strength",
    ),
    pytest.param(
        "evidence.toml",
        '[[rule]]\nslug = "honest_wording"',
        '[[rules]]\nslug = "honest_wording"',
        r"evidence\.toml: unknown table",
        id="unknown-table",
    ),
    pytest.param(
        "symptoms.toml",
        'name = { en = "Tremor", nl = "Trillen (tremor)" }',
        'name = { en = "Tremor" }',
        r"symptoms\.toml, \[\[symptom\]\] entry \d+:.*nl",
        id="missing-dutch",
    ),
    pytest.param(
        "conditions.toml",
        '[[kidney_category]]\nslug = "G1"',
        '[[kidney_category]\nslug = "G1"',
        r"Cannot read conditions\.toml",
        id="bad-toml",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), BROKEN)
def test_broken_copy_is_rejected(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    with pytest.raises(KnowledgeError, match="(?s)" + message):
        load_safety(broken_copy(tmp_path, file, old, new))


def test_unbroken_copy_loads(tmp_path: Path) -> None:
    assert load_safety(broken_copy(tmp_path, "drugs.toml", "", "")).drugs
