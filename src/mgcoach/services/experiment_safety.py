"""The safety gate for N-of-1 experiments: the same gate the plan uses (services.plan,
engine.gate) decides whether an experiment may start and whether a running one must stop.

- **Starting** needs a plan with a supplement dose: the gate's verdict must let a plan be
  shown (``supplement`` or ``supplement_after_doctor``, the latter with "talk to your doctor
  first" in the design), and the plan's daily dose must be above zero. Anything else (kidney
  function, a red flag, a medicine that forbids, an amount above the limit) refuses the start
  with the gate's own headline.
- **While running**, a journal day whose gate shows no plan (a red flag, an overdose, a serum
  value out of range) stops the experiment "for safety". A safety stop is never a result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..engine.gate import PLAN_VERDICTS, headline
from ..engine.notes import Note
from ..errors import InputError
from ..i18n import N_, Msgid
from ..knowledge import KnowledgeBase
from ..storage import journal as store
from ..storage.database import Database
from .day import day_read
from .plan import personal_plan

ALLOWED = frozenset({"supplement", "supplement_after_doctor"})


class ExperimentRefusedError(InputError):
    """The safety gate does not allow a magnesium supplement: no experiment starts."""

    code = "experiment_refused"
    http_status = 409


@dataclass(frozen=True, slots=True)
class PlanDose:
    """What the plan gives on a day: the gate's verdict and headline, the dose and form."""

    verdict: str
    headline: Note
    dose_mg: float
    form: str  # compound slug


def plan_dose(
    db: Database, kb: KnowledgeBase, profile: str, day: date, owner: str = store.LOCAL_USER
) -> PlanDose:
    """The gate and the plan for ``profile`` on ``day`` (the plan's advice without the gap's
    foods: only the dose and the verdict matter here)."""
    read = day_read(db, kb, profile, day, owner)
    plan = personal_plan(kb, read.person, read.assessment)
    return PlanDose(
        verdict=plan.gate.verdict,
        headline=headline(plan.gate),
        dose_mg=plan.daily_mg,
        form=plan.form.compound.slug,
    )


def require_supplement_allowed(found: PlanDose) -> None:
    """Refuse a start the gate does not allow, with its reason."""
    if found.verdict not in ALLOWED and found.verdict != "not_needed":
        raise ExperimentRefusedError(
            N_("No experiment can start: {reason}"), reason=Msgid(str(found.headline.message))
        )
    if found.verdict == "not_needed" or found.dose_mg <= 0:
        raise ExperimentRefusedError(
            N_(
                "No experiment can start: your plan has no magnesium supplement to test "
                "(your food reaches the target, or you already take the most Mg Coach shows)."
            )
        )


def unsafe(found: PlanDose) -> bool:
    """Does the day's gate stop a running experiment (no plan may be shown)?"""
    return found.verdict not in PLAN_VERDICTS
