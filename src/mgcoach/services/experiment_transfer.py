"""N-of-1 experiments in the journal's JSON export (services/journal_export.py,
journal_transfer.py): each profile's experiments under ``experiments``, with their design and
allocation as recorded and their check-ins. Additive: an export made before experiments
existed has none and imports as before; an import checks each experiment as the use case
would (a known outcome, a readable design, check-ins inside it and within the answer's bounds).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from typing_extensions import TypedDict

from ..engine.experiment import Design
from ..errors import ImportFileError
from ..i18n import N_
from ..journal.bounds import clean_text
from ..knowledge.experiments import load_experiment_facts
from ..storage import experiments as stored
from ..storage.database import Connection

STATUSES = frozenset({"running", "finished", "stopped", "stopped_safety"})


class ExportCheckin(TypedDict):
    """One day's check-in."""

    date: str
    """YYYY-MM-DD."""
    value: float | None
    """The answer."""
    taken: bool | None
    """Whether the dose was taken."""


class ExportExperiment(TypedDict):
    """An N-of-1 experiment with its recorded design and its check-ins."""

    outcome: str
    """night_cramps, soreness, sleep_quality or sleep_latency."""
    started_on: str
    """YYYY-MM-DD."""
    status: str
    """running, finished, stopped or stopped_safety."""
    stop_reason: str | None
    """Why it stopped early."""
    design: dict[str, Any]
    """The design and allocation as recorded before the start."""
    checkins: list[ExportCheckin]
    """The check-ins, by day."""


for _shape in (ExportCheckin, ExportExperiment):
    _shape.__pydantic_config__ = {"use_attribute_docstrings": True}  # type: ignore[union-attr]


def export_experiments(connection: Connection, profile_id: int) -> list[ExportExperiment]:
    """The profile's experiments, the first started first."""
    return [
        {
            "outcome": found.outcome,
            "started_on": found.started_on.isoformat(),
            "status": found.status,
            "stop_reason": found.stop_reason,
            "design": found.design,
            "checkins": [
                {"date": c.day.isoformat(), "value": c.value, "taken": c.dose_taken}
                for c in stored.checkins(connection, found.id)
            ],
        }
        for found in stored.every(connection, profile_id)
    ]


def _damaged() -> ImportFileError:
    return ImportFileError(N_("An experiment in the import cannot be read; nothing was imported."))


def _checkin(data: Any, design: Design, low: float, high: float) -> stored.StoredCheckin:
    day = date.fromisoformat(str(data["date"]))
    value, taken = data.get("value"), data.get("taken")
    if not design.start <= day <= design.end or not isinstance(taken, bool | None):
        raise _damaged()
    if value is not None and (not isinstance(value, int | float) or not low <= value <= high):
        raise _damaged()
    return stored.StoredCheckin(day, None if value is None else float(value), taken)


def import_experiments(connection: Connection, profile_id: int, items: list[Any]) -> int:
    """Add a profile's experiments from an export; how many."""
    facts = load_experiment_facts()
    for data in items:
        outcome = facts.outcome(str(data["outcome"]))
        status = str(data["status"])
        design_data = data["design"]
        if outcome is None or status not in STATUSES or not isinstance(design_data, dict):
            raise _damaged()
        design = Design.from_stored(design_data)
        reason = data.get("stop_reason")
        if reason is not None:
            reason = clean_text(str(reason), "note", "reason")
        try:
            key = stored.start(
                connection,
                profile_id,
                outcome.slug,
                design_data,
                design.start,
                status=status,
                stop_reason=reason,
            )
        except stored.AlreadyRunningError as error:
            raise _damaged() from error
        found = next(e for e in stored.every(connection, profile_id) if e.id == key)
        for checkin in data.get("checkins") or []:
            stored.save_checkin(
                connection, found, _checkin(checkin, design, outcome.low, outcome.high)
            )
    return len(items)
