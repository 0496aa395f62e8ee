"""N-of-1 experiments as stored (``experiment_tables``): start one, find a profile's running or
latest one, change its status, and keep one check-in per day. Written inside
``for_profiles``: only that profile's cached days are renewed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import IntegrityError

from .experiment_tables import RUNNING, experiment, experiment_checkin
from .foods import upsert_for
from .generation import for_profiles


@dataclass(frozen=True, slots=True)
class StoredExperiment:
    id: int
    profile_id: int
    outcome: str
    design: dict[str, Any]
    started_on: date
    status: str
    stop_reason: str | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class StoredCheckin:
    day: date
    value: float | None
    dose_taken: bool | None


class AlreadyRunningError(Exception):
    """The profile has a running experiment already (the partial unique index said so)."""


_COLUMNS = (
    experiment.c.id,
    experiment.c.profile_id,
    experiment.c.outcome,
    experiment.c.design,
    experiment.c.started_on,
    experiment.c.status,
    experiment.c.stop_reason,
    experiment.c.updated_at,
)


def _stored(row: Any) -> StoredExperiment:
    return StoredExperiment(
        id=row.id,
        profile_id=row.profile_id,
        outcome=row.outcome,
        design=json.loads(row.design),
        started_on=row.started_on,
        status=row.status,
        stop_reason=row.stop_reason,
        updated_at=row.updated_at,
    )


def start(
    connection: Connection,
    profile_id: int,
    outcome: str,
    design: dict[str, Any],
    started_on: date,
    *,
    status: str = RUNNING,
    stop_reason: str | None = None,
) -> int:
    """Store a new experiment; raises ``AlreadyRunningError`` when a running one exists."""
    now = datetime.now().astimezone()
    values = {
        "profile_id": profile_id,
        "outcome": outcome,
        "design": json.dumps(design, sort_keys=True),
        "started_on": started_on,
        "status": status,
        "stop_reason": stop_reason,
        "created_at": now,
        "updated_at": now,
    }
    with for_profiles(connection, [profile_id]):
        try:
            with connection.begin_nested():
                found = connection.execute(experiment.insert().values(**values))
        except IntegrityError as error:
            raise AlreadyRunningError from error
    key = found.inserted_primary_key
    assert key is not None
    return int(key[0])


def running(connection: Connection, profile_id: int) -> StoredExperiment | None:
    """The profile's running experiment, if any."""
    row = connection.execute(
        select(*_COLUMNS).where(
            experiment.c.profile_id == profile_id, experiment.c.status == RUNNING
        )
    ).first()
    return None if row is None else _stored(row)


def latest(connection: Connection, profile_id: int) -> StoredExperiment | None:
    """The profile's running experiment, else the one started last."""
    row = connection.execute(
        select(*_COLUMNS)
        .where(experiment.c.profile_id == profile_id)
        .order_by((experiment.c.status == RUNNING).desc(), experiment.c.id.desc())
        .limit(1)
    ).first()
    return None if row is None else _stored(row)


def every(connection: Connection, profile_id: int) -> list[StoredExperiment]:
    """The profile's experiments, the first started first (the journal export)."""
    rows = connection.execute(
        select(*_COLUMNS).where(experiment.c.profile_id == profile_id).order_by(experiment.c.id)
    )
    return [_stored(row) for row in rows]


def set_status(
    connection: Connection, found: StoredExperiment, status: str, reason: str | None = None
) -> None:
    with for_profiles(connection, [found.profile_id]):
        connection.execute(
            update(experiment)
            .where(experiment.c.id == found.id)
            .values(status=status, stop_reason=reason, updated_at=datetime.now().astimezone())
        )


def save_checkin(connection: Connection, found: StoredExperiment, checkin: StoredCheckin) -> None:
    """Keep ``checkin`` as its day's one check-in (a second one the same day replaces it)."""
    values = {"value": checkin.value, "dose_taken": checkin.dose_taken}
    with for_profiles(connection, [found.profile_id]):
        connection.execute(
            upsert_for(connection)(experiment_checkin)
            .values(
                experiment_id=found.id,
                day=checkin.day,
                created_at=datetime.now().astimezone(),
                **values,
            )
            .on_conflict_do_update(
                index_elements=[experiment_checkin.c.experiment_id, experiment_checkin.c.day],
                set_=values,
            )
        )


def checkins(connection: Connection, experiment_id: int) -> list[StoredCheckin]:
    rows = connection.execute(
        select(
            experiment_checkin.c.day, experiment_checkin.c.value, experiment_checkin.c.dose_taken
        )
        .where(experiment_checkin.c.experiment_id == experiment_id)
        .order_by(experiment_checkin.c.day)
    )
    return [StoredCheckin(row.day, row.value, row.dose_taken) for row in rows]
