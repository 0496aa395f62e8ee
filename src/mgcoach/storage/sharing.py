"""The queries behind journal shares (share_tables.py): invitations, answers, revocations, and
who may read whose journal.

Every read a dietitian makes goes through ``client_of`` (or ``clients``), which finds only
accepted shares: an invited, declined or revoked person is no client, whatever the id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from .journal_tables import app_user
from .share_tables import ACCEPTED, DECLINED, INVITED, REVOKED, journal_share

# A person holds at most this many open invitations; further ones are dropped without a word
# (the dietitian learns nothing of the person either way). A dietitian has at most
# MAX_CLIENTS accepted clients and MAX_OPEN_INVITATIONS invitations waiting.
MAX_OPEN_PER_PERSON = 20
MAX_OPEN_INVITATIONS = 200
MAX_CLIENTS = 1000


@dataclass(frozen=True, slots=True)
class Share:
    """A share as one side sees it: its id, the other account's name, its status."""

    id: int
    other: str
    status: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Client:
    """An accepted share from the dietitian's side: the share's id and the client's account."""

    share_id: int
    account_id: int
    name: str
    since: datetime


def _count(connection: Connection, *where: Any) -> int:
    query = select(func.count()).select_from(journal_share).where(*where)
    return int(connection.execute(query).scalar_one())


def count_clients(connection: Connection, dietitian_id: int) -> int:
    return _count(
        connection,
        journal_share.c.dietitian_id == dietitian_id,
        journal_share.c.status == ACCEPTED,
    )


def invite(connection: Connection, owner_id: int, dietitian_id: int, at: datetime) -> bool:
    """Invite the person ``owner_id`` to share with ``dietitian_id``: a new row, or a declined
    or revoked one made a new invitation. An open or accepted share stays as it is; beyond the
    open-invitation caps nothing is stored. Whether an invitation is now open."""
    open_to_person = _count(
        connection, journal_share.c.owner_id == owner_id, journal_share.c.status == INVITED
    )
    open_of_dietitian = _count(
        connection,
        journal_share.c.dietitian_id == dietitian_id,
        journal_share.c.status == INVITED,
    )
    if open_to_person >= MAX_OPEN_PER_PERSON or open_of_dietitian >= MAX_OPEN_INVITATIONS:
        return False
    pair = and_(journal_share.c.owner_id == owner_id, journal_share.c.dietitian_id == dietitian_id)
    status = connection.execute(select(journal_share.c.status).where(pair)).scalar_one_or_none()
    if status in (INVITED, ACCEPTED):
        return bool(status == INVITED)
    if status is not None:
        connection.execute(
            update(journal_share)
            .where(pair, journal_share.c.status.in_((DECLINED, REVOKED)))
            .values(status=INVITED, created_at=at, updated_at=at)
        )
        return True
    values = {"owner_id": owner_id, "dietitian_id": dietitian_id, "status": INVITED}
    try:
        with connection.begin_nested():  # two invitations racing: the second finds the first
            connection.execute(insert(journal_share).values(created_at=at, updated_at=at, **values))
    except IntegrityError:
        return False
    return True


def answer(connection: Connection, owner_id: int, share_id: int, status: str, at: datetime) -> bool:
    """The person accepts or declines an open invitation of theirs; whether there was one."""
    assert status in (ACCEPTED, DECLINED)
    result = connection.execute(
        update(journal_share)
        .where(
            journal_share.c.id == share_id,
            journal_share.c.owner_id == owner_id,
            journal_share.c.status == INVITED,
        )
        .values(status=status, updated_at=at)
    )
    return bool(result.rowcount)


def revoke(connection: Connection, account_id: int, share_id: int, at: datetime) -> bool:
    """End a share: the person ends theirs (open or accepted), a dietitian an accepted one.
    Whether the account had such a share."""
    mine = and_(
        journal_share.c.owner_id == account_id, journal_share.c.status.in_((INVITED, ACCEPTED))
    )
    as_dietitian = and_(
        journal_share.c.dietitian_id == account_id, journal_share.c.status == ACCEPTED
    )
    result = connection.execute(
        update(journal_share)
        .where(journal_share.c.id == share_id, or_(mine, as_dietitian))
        .values(status=REVOKED, updated_at=at)
    )
    return bool(result.rowcount)


def shares_of_person(connection: Connection, owner_id: int) -> list[Share]:
    """The person's open and accepted shares, with the dietitian's name, oldest first."""
    dietitian = aliased(app_user)
    query = (
        select(
            journal_share.c.id,
            dietitian.c.name,
            journal_share.c.status,
            journal_share.c.created_at,
            journal_share.c.updated_at,
        )
        .join(dietitian, dietitian.c.id == journal_share.c.dietitian_id)
        .where(
            journal_share.c.owner_id == owner_id,
            journal_share.c.status.in_((INVITED, ACCEPTED)),
        )
        .order_by(journal_share.c.id)
    )
    return [Share(*row) for row in connection.execute(query)]


def _clients_query(dietitian_id: int) -> Any:
    person = aliased(app_user)
    return (
        select(journal_share.c.id, person.c.id, person.c.name, journal_share.c.updated_at)
        .join(person, person.c.id == journal_share.c.owner_id)
        .where(journal_share.c.dietitian_id == dietitian_id, journal_share.c.status == ACCEPTED)
    )


def clients(connection: Connection, dietitian_id: int) -> list[Client]:
    """The dietitian's accepted clients, by name."""
    rows = connection.execute(_clients_query(dietitian_id))
    return sorted((Client(*row) for row in rows), key=lambda client: client.name)


def client_of(connection: Connection, dietitian_id: int, share_id: int) -> Client | None:
    """The client of an accepted share of the dietitian's; None for any other id."""
    row = connection.execute(
        _clients_query(dietitian_id).where(journal_share.c.id == share_id)
    ).first()
    return None if row is None else Client(*row)
