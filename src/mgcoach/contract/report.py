"""JSON for `mgcoach report`, ``GET /api/v1/report`` and the report page and PDF: a period of a
profile's journal for the doctor or dietitian.

It reuses the shapes of the answers it is made of: ``targets`` is ``mgcoach targets --json``
for the person on the period's last day, ``gate`` the safety verdict of that day's plan,
``intake`` with ``daily`` and ``symptom_trends`` are ``mgcoach trend --json``'s, and
``interactions`` the safety check's. Every text is in the reader's language; every fact names
its source ids, whose citations are in ``source_list``.
"""

from __future__ import annotations

from typing import Any

from typing_extensions import TypedDict

from ..engine.clock import format_time
from ..i18n import N_, get_language, translate
from ..journal.vocabulary import symptom_name
from ..knowledge import KnowledgeBase
from ..knowledge.questions import load_questions
from ..services.journal import reason_label
from ..services.report import DoctorReport, LabReading
from ..services.report_questions import Asked
from .check import InteractionJson, interaction_json
from .common import SourceList, documented, note_text, number, sources_json
from .gate import GateJson, gate_json, gate_sources
from .report_parts import (
    ClashTimesJson,
    LabJson,
    MedicineJson,
    PersonJson,
    QuestionJson,
    ReportSourceJson,
    SupplementJson,
    SymptomJson,
    TestingNoteJson,
    TimingConflictJson,
)
from .targets import TargetsAnswer, targets_json
from .trend import ChangeJson, SummaryJson, TrendDayJson, trend_json

NOT_A_DIAGNOSIS = N_(
    "This report informs; it is not a diagnosis. It shows what was logged in Mg Coach, with the "
    "source of every fact, for a conversation with a doctor or dietitian."
)
LAB_STATUS = {"low": N_("low"), "normal": N_("normal"), "high": N_("high")}
# The serum notes (serum.toml) that say how to test properly, shown with the lab values.
TESTING_NOTES = ("test_before_dose", "normal_does_not_exclude_low_stores", "no_single_biomarker")
ROUND = 1
# An experiment's summary (services.experiments ``report_summary``), key by key, as shown.
EXPERIMENT_KEYS = (
    ("outcome_name", N_("Measure")),
    ("dates", N_("Dates")),
    ("dose", N_("Dose")),
    ("verdict", N_("Result")),
    ("effect", N_("Effect")),
    ("interval", N_("Interval")),
    ("method", N_("Method")),
    ("adherence", N_("Adherence")),
)

_Span = TypedDict("_Span", {"from": str, "to": str})


@documented
class ReportAnswer(_Span):
    """``mgcoach report --json``: the report for the doctor or dietitian from ``from`` to ``to``
    (YYYY-MM-DD)."""

    profile: str
    """Whose journal."""
    made: str
    """The day the report was made, YYYY-MM-DD."""
    language: str
    """The language of the texts (en or nl)."""
    person: PersonJson
    """The profile as on the last day."""
    targets: TargetsAnswer
    """The targets and upper limits with their sources (mgcoach targets)."""
    gate: GateJson
    """The safety verdict of the last day's plan."""
    intake: SummaryJson
    """Days, averages and cramps over the period (mgcoach trend)."""
    days_above_ul: int
    """Days whose supplemental magnesium was above the upper limit."""
    daily: list[TrendDayJson]
    """Day by day (mgcoach trend)."""
    symptom_trends: list[ChangeJson]
    """Each measure, earlier half of the period against the later half."""
    top_sources: list[ReportSourceJson]
    """Where the period's magnesium came from, biggest first."""
    supplements: list[SupplementJson]
    """The supplements taken, with their times."""
    medicines: list[MedicineJson]
    """The profile's medicines and those logged, with their times."""
    timing_conflicts: list[TimingConflictJson]
    """Medicine and magnesium times that were too close."""
    interactions: list[InteractionJson]
    """What each medicine means for magnesium."""
    labs: list[LabJson]
    """Serum magnesium: the latest before the period and each one in it."""
    testing_notes: list[TestingNoteJson]
    """How to have magnesium tested, with sources."""
    symptoms: list[SymptomJson]
    """Symptoms logged in the period."""
    questions: list[QuestionJson]
    """Questions to ask, chosen from what the period shows."""
    experiment: dict[str, Any] | None
    """The result of an N-of-1 experiment in the period, when there is one."""
    notice: str
    """That the report informs and does not diagnose."""
    source_list: SourceList
    """Every source cited, by id."""


def _person(report: DoctorReport) -> PersonJson:
    person = report.person
    return {
        "age_years": number(person.age_at(report.end), 0),
        "sex": person.sex,
        "pregnant": person.pregnant,
        "lactating": person.lactating,
        "weight_kg": number(person.weight_kg, ROUND),
        "height_cm": number(person.height_cm, ROUND),
        "egfr": number(person.egfr, ROUND),
        "dialysis": person.dialysis,
        "activity": person.activity,
        "reasons": [reason_label(reason) for reason in person.reasons],
    }


def _sources(report: DoctorReport, lang: str) -> list[ReportSourceJson]:
    total = report.magnesium_total_mg
    days = max(1, sum(1 for day in report.trend.days if day.logged))
    return [
        {
            "name": (source.name_nl if lang == "nl" and source.name_nl else source.name),
            "kind": source.kind,
            "food_id": source.food_id,
            "magnesium_mg": number(source.magnesium_mg, ROUND),
            "mg_per_day": number(source.magnesium_mg / days, ROUND),
            "percent_of_magnesium": number(100.0 * source.magnesium_mg / total, ROUND)
            if total
            else None,
            "entries": source.entries,
        }
        for source in report.top_sources
    ]


def _lab(lab: LabReading) -> LabJson:
    serum = lab.serum
    return {
        "date": lab.entry.day.isoformat(),
        "value": lab.entry.value,
        "unit": lab.entry.unit,
        "mmol_per_l": number(lab.entry.value_mmol_l, 2),
        "status": None if serum is None else serum.status,
        "status_text": None if serum is None else translate(LAB_STATUS[serum.status]),
        "advice": None if serum is None else note_text(serum.advice),
        "in_period": lab.in_period,
        "sources": [] if serum is None else list(serum.advice.sources),
    }


def _symptoms(kb: KnowledgeBase, report: DoctorReport, lang: str) -> list[SymptomJson]:
    entries: dict[str, int] = {}
    days: dict[str, int] = {}
    for day in report.trend.days:
        for slug, count in day.symptoms.items():
            entries[slug] = entries.get(slug, 0) + count
            days[slug] = days.get(slug, 0) + 1
    return [
        {
            "symptom": slug,
            "name": symptom_name(kb, slug, lang),
            "entries": entries[slug],
            "days": days[slug],
        }
        for slug in sorted(entries, key=lambda s: (-entries[s], s))
    ]


def _question(kb: KnowledgeBase, asked: Asked, lang: str) -> QuestionJson:
    row = load_questions(kb)[asked.slug]
    return {
        "code": asked.slug,
        "question": row.ask.get(lang).format(**asked.params),
        "why": row.why.get(lang).format(**asked.params),
        "sources": list(dict.fromkeys((*row.sources, *asked.sources))),
    }


def _conflicts(report: DoctorReport, lang: str) -> list[TimingConflictJson]:
    found: list[TimingConflictJson] = []
    for clash in report.clashes:
        pairs: list[ClashTimesJson] = [
            {"drug_time": format_time(d), "magnesium_time": format_time(m), "days": n}
            for d, m, n in clash.pairs
        ]
        found.append(
            {
                "medicine": clash.medicine,
                "drug_time": pairs[0]["drug_time"],
                "magnesium_time": pairs[0]["magnesium_time"],
                "days": clash.days,
                "times": pairs,
                "message": note_text(clash.interaction.message),
                "mechanism": clash.interaction.drug_class.mechanism.get(lang),
                "sources": list(clash.interaction.message.sources),
            }
        )
    return found


def _parts(kb: KnowledgeBase, report: DoctorReport, lang: str) -> dict[str, Any]:
    """The report's own lists (not those of the answers it reuses)."""
    notes = {note.slug: note for note in kb.serum.notes}
    return {
        "top_sources": _sources(report, lang),
        "supplements": [
            {
                "name": use.name,
                "compound": use.compound,
                "times": [format_time(t) for t in use.times],
                "days": use.days,
                "entries": use.entries,
                "total_mg": number(use.total_mg, ROUND),
                "mg_per_day_taken": number(use.mg_per_day_taken, ROUND),
                "max_day_mg": number(use.max_day_mg, ROUND),
            }
            for use in report.supplements
        ],
        "medicines": [
            {
                "name": med.name,
                "times": [format_time(t) for t in med.times],
                "in_profile": med.in_profile,
                "frequency": None if med.frequency is None else med.frequency.spec,
                "frequency_text": None if med.frequency is None else med.frequency.label.get(lang),
                "days_logged": med.days_logged,
            }
            for med in report.medicines
        ],
        "timing_conflicts": _conflicts(report, lang),
        "interactions": [interaction_json(item) for item in report.interactions],
        "labs": [_lab(lab) for lab in report.labs],
        "testing_notes": [
            {"text": notes[slug].text.get(lang), "sources": list(notes[slug].sources)}
            for slug in TESTING_NOTES
            if slug in notes
        ],
        "symptoms": _symptoms(kb, report, lang),
        "questions": [_question(kb, asked, lang) for asked in report.questions],
    }


def _cited(report: DoctorReport, answer: dict[str, Any]) -> list[str]:
    magnesium = answer["targets"]["magnesium"]
    cited: list[str] = [*magnesium["sources"], *magnesium["supplemental_ul_sources"]]
    cited += gate_sources(report.plan.gate) + list(answer["gate"]["headline_sources"])
    for key in ("timing_conflicts", "interactions", "labs", "testing_notes", "questions"):
        for item in answer[key]:
            cited += item["sources"]
    return cited


def report_json(
    kb: KnowledgeBase, report: DoctorReport, experiment: dict[str, Any] | None = None
) -> ReportAnswer:
    """The report's JSON; ``experiment`` is an experiment's summary (services.experiments
    ``report_summary``) when one ran in the period: by default the report's own."""
    if experiment is None and report.experiment is not None:
        experiment = dict(report.experiment)
    lang = get_language()
    trend = trend_json(kb, report.trend)
    summary: SummaryJson = {
        "days": trend["days"],
        "days_logged": trend["days_logged"],
        "days_with_entries": trend["days_with_entries"],
        "days_on_target": trend["days_on_target"],
        "averages": trend["averages"],
        "cramps": trend["cramps"],
        "days_with_cramps": trend["days_with_cramps"],
    }
    answer: dict[str, Any] = {
        "profile": report.profile,
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "made": report.made.isoformat(),
        "language": lang,
        "person": _person(report),
        "targets": targets_json(kb, report.plan.targets),
        "gate": gate_json(report.plan.gate),
        "intake": summary,
        "days_above_ul": report.days_above_ul,
        "daily": trend["daily"],
        "symptom_trends": trend["symptom_trends"],
        **_parts(kb, report, lang),
        "experiment": experiment,
        "notice": translate(NOT_A_DIAGNOSIS),
    }
    answer["source_list"] = sources_json(kb, (s for s in _cited(report, answer) if s in kb.sources))
    return answer  # type: ignore[return-value]


def _shown(value: object) -> str:
    if isinstance(value, list | tuple):
        return " – ".join(_shown(item) for item in value)
    if isinstance(value, float):
        return f"{value:g}"
    return "—" if value is None else str(value)


def _experiment_values(experiment: dict[str, Any]) -> dict[str, str]:
    """The summary's values as text: the verdict in words where given, the dates as a span,
    the effect with its unit, the adherence as a share."""
    unit = f" {experiment['unit']}" if experiment.get("unit") else ""
    values = {key: _shown(value) for key, value in experiment.items() if value is not None}
    if "verdict_text" in experiment:
        values["verdict"] = " ".join(map(str, experiment["verdict_text"] or [])) or values.get(
            "verdict", "—"
        )
    if "start" in experiment and "end" in experiment:
        values["dates"] = f"{experiment['start']} – {experiment['end']}"
    if experiment.get("dose_mg") is not None:
        form = experiment.get("form_name") or experiment.get("form") or ""
        values["dose"] = f"{experiment['dose_mg']:g} mg {form}".strip()
    if experiment.get("method"):
        from ..services.experiments import METHOD  # the experiment engine: only with one
        from .experiment import METHOD_TEXT

        if experiment["method"] == METHOD:
            values["method"] = translate(METHOD_TEXT)
    if experiment.get("effect") is not None:
        values["effect"] += unit
    if isinstance(experiment.get("adherence"), int | float):
        values["adherence"] = f"{round(100 * experiment['adherence'])} %"
    return values


def experiment_rows(experiment: dict[str, Any] | None) -> list[tuple[str, str]]:
    """An experiment's summary as (label, text) rows in the reader's language, those it has."""
    if not experiment:
        return []
    values = _experiment_values(experiment)
    return [(translate(label), values[key]) for key, label in EXPERIMENT_KEYS if key in values]
