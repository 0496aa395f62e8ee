"""A running experiment's daily check-in as a reminder for the calendar (services/calendar.py,
``mgcoach schedule`` and the subscription): the evening time of experiment.toml's
``reminder``, the question asked, and the last day it is asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..engine.experiment import Design
from ..knowledge.experiments import load_experiment_facts
from ..knowledge.records import Text
from ..storage import experiments as stored
from ..storage.database import Connection


@dataclass(frozen=True, slots=True)
class CheckinReminder:
    """The clock time (HH:MM), the outcome's name and question in each language, and the
    experiment's last day."""

    at: str
    name: Text
    question: Text
    until: date


def checkin_reminder(connection: Connection, owner_profile: int) -> CheckinReminder | None:
    """The check-in to remind of while an experiment of the profile runs (None otherwise)."""
    found = stored.running(connection, owner_profile)
    if found is None:
        return None
    facts = load_experiment_facts()
    outcome = facts.outcome(found.outcome)
    if outcome is None:  # an outcome a newer version knew
        return None
    end = Design.from_stored(found.design).end
    return CheckinReminder(facts.design.reminder, outcome.name, outcome.question, end)
