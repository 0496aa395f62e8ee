"""Profiles of the journal: create, change, show, list and remove them, and the shared way of
opening the profile a journal command is about (``--profile NAME``, default ``default``).

A profile is validated with the same engine rules as ``mgcoach targets`` and ``check``: an
impossible person (a pregnant man, an age of 250) never reaches the database.

The reads take either kind of connection (storage.journal_reads): ``mgcoach day`` reads its
profile on the sqlite3 driver, and loading this module loads no SQLAlchemy; the writes import
storage.journal as they run.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from ..engine.check import validate_egfr
from ..engine.energy import HEIGHT_RANGE_CM, resolve_activity
from ..engine.interactions import medications
from ..engine.names import find_concern
from ..engine.profile import Profile, build_profile, parse_sex, parse_system
from ..errors import InputError, ProfileError, UnknownNameError, about
from ..i18n import N_, translate
from ..journal import bounds
from ..journal.model import REASONS, Medicine, PersonProfile, ordered_reasons
from ..knowledge import KnowledgeBase
from ..knowledge.safety import normalize_name
from ..storage import journal_reads as reads
from ..storage.database import LOCAL_USER, Database
from ..storage.journal_weights import latest_weight
from ..storage.plain_sql import Reader

DEFAULT_PROFILE = "default"
MAX_NAME = 64


class UnknownProfileError(InputError, LookupError):
    code = "unknown_profile"
    http_status = 404


def profile_name(given: str | None) -> str:
    """The profile a command is about: the option, else MGCOACH_PROFILE, else "default"."""
    name = (given or os.environ.get("MGCOACH_PROFILE") or DEFAULT_PROFILE).strip()
    if not name or bounds.text_problem(name, "profile") is not None:
        raise InputError(
            N_("A profile name is 1 to {max} characters on one line."),
            field="profile",
            max=MAX_NAME,
        )
    return name


@dataclass(frozen=True, slots=True)
class ProfileChanges:
    """What `profile set` was given; None keeps the stored value (a new profile needs age and
    sex). ``meds`` replaces the list of medicines when given (an empty list removes them)."""

    age: float | None = None
    sex: str | None = None
    pregnant: bool | None = None
    lactating: bool | None = None
    system: str | None = None
    weight_kg: float | None = None
    height_cm: float | None = None
    egfr: float | None = None
    dialysis: bool | None = None
    activity: str | None = None
    meds: list[str] | None = None
    reasons: list[str] | None = None  # replaces the reasons when given ([] removes them)


REASON_LABELS = {
    "cramps": N_("Cramps (night cramps)"),
    "soreness": N_("Muscle soreness, slow recovery"),
    "poor_sleep": N_("Sleep"),
    "check_intake": N_("Just checking my intake"),
}
"""Each of REASONS in words (translate them where shown), as the onboarding form asks."""


def reason_label(reason: str) -> str:
    """A reason in the current language; an unknown one as it is."""
    label = REASON_LABELS.get(reason)
    return reason if label is None else translate(label)


# Words for "only checking my intake"; the other reasons are concerns of advice.toml, found by
# their names and aliases ("night cramps", "recovery", "slaap", ...).
_INTAKE_WORDS = frozenset(
    {"check intake", "intake", "just checking", "just checking my intake", "inname",
     "inname checken", "alleen inname", "alleen mijn inname checken"}
)  # fmt: skip


def parse_reason(kb: KnowledgeBase, text: str) -> str:
    """The reason (of REASONS) that ``text`` names: its slug, or a name or alias of its concern
    in English or Dutch; an InputError about ``reasons`` lists the choices."""
    word = " ".join(normalize_name(text).replace("_", " ").replace("-", " ").split())
    if word.replace(" ", "_") in REASONS:
        return word.replace(" ", "_")
    if word in _INTAKE_WORDS:
        return "check_intake"
    try:
        found = find_concern(kb, word)
    except UnknownNameError:
        found = None
    slug = getattr(found, "slug", None)
    if slug in REASONS:
        return str(slug)
    raise InputError(
        N_("Unknown reason {reason}: give one or more of {choices}."),
        field="reasons",
        reason=text.strip(),
        choices=", ".join(REASONS),
    )


def parse_reasons(kb: KnowledgeBase, given: Iterable[str]) -> tuple[str, ...]:
    """The reasons named, each once, in the order of REASONS."""
    return ordered_reasons(parse_reason(kb, text) for text in given)


class StoredProfileError(ProfileError):
    """A stored profile with a value outside the journal's bounds (written by an older version
    or a direct database edit): reported, with how to correct it, never a crash."""

    code = "profile_out_of_bounds"


def usable_profile(person: PersonProfile) -> PersonProfile:
    """``person`` when every stored value is within the journal's bounds; else a
    StoredProfileError naming the first one and how to correct it."""
    problems = bounds.profile_problems(person)
    if problems:
        first = problems[0]
        raise StoredProfileError(
            N_(
                "Profile {name} holds a value Mg Coach cannot use ({problem}): correct it in "
                "the profile."
            ),
            field=first.fields,
            name=person.name,
            problem=translate(first.message, first.params),
        )
    return person


def engine_profile(person: PersonProfile, day: date) -> Profile:
    """The engine's view of the person on ``day`` (their age then); a stored profile out of
    the journal's bounds is reported (StoredProfileError). Give ``person_on(...)``'s person
    for the weight of that day."""
    return _engine_view(usable_profile(person), day)


def person_on(connection: Reader, person: PersonProfile, day: date) -> PersonProfile:
    """``person`` as on ``day``: with the latest weight logged on or before it, when there is
    one, as their weight (the energy and protein targets follow it); else as stored, the
    profile's own weight the fallback."""
    if person.id is None:
        return person
    logged = latest_weight(connection, person.id, day)
    return person if logged is None else replace(person, weight_kg=logged)


def _engine_view(person: PersonProfile, day: date) -> Profile:
    return build_profile(
        sex=person.sex,
        age_years=person.age_at(day),
        pregnant=person.pregnant,
        lactating=person.lactating,
        weight_kg=person.weight_kg,
    )


def _merged(
    kb: KnowledgeBase, name: str, old: PersonProfile | None, given: ProfileChanges, today: date
) -> PersonProfile:
    if old is None:
        if given.age is None or given.sex is None:
            missing = tuple(name for name in ("age", "sex") if getattr(given, name) is None)
            raise ProfileError(
                N_("A new profile needs an age and a sex."),
                field=missing,
            )
        old = PersonProfile(name=name, sex="", age_years=given.age, age_on=today)
    person = replace(
        old,
        sex=parse_sex(given.sex).value if given.sex is not None else old.sex,
        system=parse_system(given.system).value if given.system is not None else old.system,
        pregnant=old.pregnant if given.pregnant is None else given.pregnant,
        lactating=old.lactating if given.lactating is None else given.lactating,
        weight_kg=old.weight_kg if given.weight_kg is None else given.weight_kg,
        height_cm=old.height_cm if given.height_cm is None else given.height_cm,
        egfr=old.egfr if given.egfr is None else validate_egfr(given.egfr),
        dialysis=old.dialysis if given.dialysis is None else given.dialysis,
        activity=old.activity if given.activity is None else given.activity.strip().lower(),
    )
    if given.age is not None:
        person = replace(person, age_years=given.age, age_on=today)
    if given.reasons is not None:
        person = replace(person, reasons=parse_reasons(kb, given.reasons))
    if given.meds is not None:
        with about("meds"):
            found = medications(kb, given.meds)
        person = replace(
            person,
            medicines=tuple(
                Medicine(name=med.given_name, times=med.times, frequency=med.frequency)
                for med in found
            ),
        )
    if given.activity is not None:
        bounds.clean_text(given.activity, "code", "activity")
    for name in ("age", "weight_kg", "height_cm", "egfr"):  # NaN and infinity first
        value = getattr(given, name)
        if value is not None and not math.isfinite(value):
            bounds.check_number(value, "age_years" if name == "age" else name, name)
    _engine_view(person, today)  # validates age, sex, pregnancy and weight together
    if person.height_cm is not None and not (
        HEIGHT_RANGE_CM[0] <= person.height_cm <= HEIGHT_RANGE_CM[1]
    ):
        raise ProfileError(
            N_("A height of {height} cm is not possible: give {low} to {high} cm."),
            field="height_cm",
            height=person.height_cm,
            low=HEIGHT_RANGE_CM[0],
            high=HEIGHT_RANGE_CM[1],
        )
    if person.activity is not None:
        factor, level = resolve_activity(kb, person.activity)
        person = replace(person, activity=level.slug if level is not None else str(factor))
    return bounds.check_profile(person)  # and every value within the journal's bounds


def set_profile(
    db: Database,
    kb: KnowledgeBase,
    name: str,
    given: ProfileChanges,
    today: date,
    owner: str = LOCAL_USER,
) -> PersonProfile:
    """Create the profile ``name`` or change the fields given; one transaction."""
    from ..storage import journal as store

    with db.begin() as connection:
        owner_id = store.user_id(connection, owner)
        assert owner_id is not None
        old = store.find_profile(connection, owner_id, name)
        person = _merged(kb, name, old, given, today)
        store.save_profile(connection, owner_id, replace(person, updated_at=None))
        saved = store.find_profile(connection, owner_id, name)
    assert saved is not None
    return saved


def require_profile(connection: Reader, name: str, owner: str = LOCAL_USER) -> PersonProfile:
    """The profile ``name`` of ``owner``, or a message that says how to make it."""
    owner_id = reads.find_user_id(connection, owner)
    found = None if owner_id is None else reads.find_profile(connection, owner_id, name)
    if found is None:
        raise UnknownProfileError(
            N_("There is no profile {name} yet: make it by giving an age and a sex."),
            name=name,
        )
    return found


def profile_id(connection: Reader, name: str, owner: str = LOCAL_USER) -> int:
    """The id of ``owner``'s profile ``name`` in one indexed query; the whole profile is read
    only to say how to make a missing one (``require_profile``)."""
    found = reads.find_profile_id(connection, owner, name)
    if found is None:
        require_profile(connection, name, owner)  # raises
    assert found is not None
    return found


def show_profile(
    db: Database, name: str, owner: str = LOCAL_USER, *, on: date | None = None
) -> PersonProfile:
    """The stored profile; ``on`` a day: as on that day (``person_on``: its logged weight)."""
    with db.connect() as connection:
        found = require_profile(connection, name, owner)
        return found if on is None else person_on(connection, found, on)


def list_profiles(db: Database, owner: str = LOCAL_USER) -> list[PersonProfile]:
    with db.connect() as connection:
        owner_id = reads.find_user_id(connection, owner)
        return [] if owner_id is None else reads.profiles(connection, owner_id)


def forget(db: Database, name: str | None, owner: str = LOCAL_USER) -> tuple[int, int]:
    """Delete one profile (``name``) or, with None, all of the user's data, in one transaction;
    returns (profiles, entries) deleted. SQLite files are then vacuumed, so the deleted rows do
    not linger in free pages."""
    from ..storage import journal as store
    from ..storage.maintenance import compact_journal

    with db.begin() as connection:
        owner_id = store.user_id(connection, owner, create=False)
        if owner_id is None:
            return 0, 0
        if name is None:
            count = len(store.profiles(connection, owner_id))
            gone = store.delete_user(connection, owner_id)
        else:
            person = require_profile(connection, name, owner)
            assert person.id is not None
            count, gone = 1, store.count_entries(connection, person.id)
            store.delete_profile(connection, person.id)
    compact_journal(db)
    return count, gone
