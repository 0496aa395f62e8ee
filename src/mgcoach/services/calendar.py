"""The dose schedule as calendar reminders (``mgcoach schedule``, ``/api/v1/schedule.ics``):
today's plan (services/plan.py, in the person's time zone) with what a calendar needs beside it:
the zone, a key that names the profile in every event's UID, and a sequence number that grows
with every write to the profile's journal (so a calendar app sees a changed plan as a newer
version of the same events). contract/calendar.py turns it into events, contract/ics.py into
an iCalendar file.

The time zone is an IANA name (Europe/Amsterdam); without one, the machine's own zone (the TZ
variable, else /etc/localtime or /etc/timezone), else UTC.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ..errors import InputError
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..storage import journal as store
from ..storage.database import Database
from .experiment_reminder import CheckinReminder, checkin_reminder
from .plan import DayPlan, day_plan
from .stamps import journal_stamp

UTC_NAME = "UTC"
MAX_ZONE_CHARS = 64
_ZONEINFO = "zoneinfo/"


@dataclass(frozen=True, slots=True)
class CalendarPlan:
    """Today's plan in ``zone`` (an IANA name), with the profile's ``key`` for event UIDs and
    the ``sequence`` of this version of the events (the profile's journal write generations)."""

    plan: DayPlan
    zone: str
    key: str
    sequence: int
    owner: str
    # A running N-of-1 experiment's daily check-in, reminded of besides the doses.
    checkin: CheckinReminder | None = None

    @property
    def today(self) -> date:
        return self.plan.day


def _zone_from_path(path: Path) -> str | None:
    try:
        target = str(path.resolve())
    except OSError:
        return None
    _head, found, name = target.rpartition(_ZONEINFO)
    return name if found and name else None


def local_zone_name() -> str:
    """The machine's time zone as an IANA name: TZ, /etc/localtime, /etc/timezone, else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":").strip()]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        candidates.append(_zone_from_path(localtime) or "")
    with suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for name in candidates:
        if name and _known(name):
            return name
    return UTC_NAME


def _known(name: str) -> bool:
    if len(name) > MAX_ZONE_CHARS or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def time_zone(name: str | None) -> str:
    """The IANA zone ``name`` as the tz database spells it (None or blank: the machine's own);
    an unknown name is an ``InputError`` on the field ``tz``."""
    if name is None or not name.strip():
        return local_zone_name()
    given = name.strip()
    if _known(given):
        return given
    spelled = {zone.lower(): zone for zone in available_timezones()}.get(given.lower())
    if spelled is not None:
        return spelled
    raise InputError(
        N_("Unknown time zone {zone}: use a name such as Europe/Amsterdam or America/New_York."),
        field="tz",
        zone=given[:MAX_ZONE_CHARS],
    )


def profile_key(owner: str, profile: str) -> str:
    """What names a profile in the UID of its events: the same on every export, whatever the
    plan says, and no name in clear."""
    return hashlib.sha256(f"{owner}\n{profile}".encode()).hexdigest()[:16]


def calendar_plan(
    db: Database,
    kb: KnowledgeBase,
    profile: str,
    zone: str,
    *,
    owner: str = store.LOCAL_USER,
    now: datetime | None = None,
) -> CalendarPlan:
    """Today's plan (today as it is in ``zone``) for ``profile``'s calendar; an unknown profile
    raises ``UnknownProfileError``."""
    today = (now or datetime.now(ZoneInfo(zone))).astimezone(ZoneInfo(zone)).date()
    result = day_plan(db, kb, profile, today, owner=owner)
    stamp = journal_stamp(db, owner, profile)
    sequence = sum(stamp[1]) if stamp is not None else 0
    checkin = None
    if stamp is not None:
        with db.connect() as connection:
            checkin = checkin_reminder(connection, stamp[0])
    return CalendarPlan(
        plan=result,
        zone=zone,
        key=profile_key(owner, profile),
        sequence=sequence,
        owner=owner,
        checkin=checkin if checkin is not None and checkin.until >= today else None,
    )


def write_calendar(path: Path, data: bytes) -> None:
    """Write the calendar file via a temporary file and a rename (no half file is left); a
    folder, or a place that cannot be written, is an ``InputError`` on the field ``ics``."""
    if path.is_dir():
        raise InputError(
            N_("{path} is a folder: give a file name for the calendar, such as schedule.ics."),
            field="ics",
            path=str(path),
        )
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InputError(
            N_("Cannot write {path}: {error}"),
            field="ics",
            path=str(path),
            error=error.strerror or error,
        ) from error
