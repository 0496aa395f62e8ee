"""Sharing a journal read-only with a dietitian (multi-user mode): the one place the pages and
the JSON API call for invitations, answers, revocations and the dietitian's clients.

The rules:
- A dietitian invites a person by account name. The answer is the same whether or not that
  account exists, is the dietitian's own, or is already invited: the dietitian learns nothing
  of anyone until they accept.
- The person accepts or declines; either side can end an accepted share (the person can also
  withdraw an open invitation), at once: every read of a client's journal checks an accepted
  share first (``client``), so a revoked client is "not found" on the very next request.
- A new invitation after a decline or a revoke must be accepted again.
- Nothing here writes to a client's journal: a dietitian's reads go through the same read-only
  use cases as the person's own pages (services/day.py, services/trend.py).
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..errors import InputError, MgCoachError
from ..i18n import N_
from ..storage import accounts as account_store
from ..storage import sharing as store
from ..storage.database import Database
from ..storage.share_tables import ACCEPTED, DECLINED
from ..storage.sharing import MAX_CLIENTS, Client, Share

__all__ = [
    "MAX_CLIENTS",
    "Client",
    "NotAClientError",
    "Share",
    "TooManyClientsError",
    "UnknownShareError",
    "accept",
    "client",
    "clients",
    "decline",
    "invite",
    "invitee_name",
    "revoke",
    "shares",
]

MAX_NAME = 64


class NotAClientError(InputError, LookupError):
    """No accepted share with this id: the same answer for a stranger, an invitation not yet
    accepted, a declined one and a revoked one."""

    code = "not_a_client"
    http_status = 404

    def __init__(self) -> None:
        super().__init__(N_("You have no client with this number."), field="share_id")


class UnknownShareError(InputError, LookupError):
    code = "unknown_share"
    http_status = 404

    def __init__(self) -> None:
        super().__init__(N_("You have no open share or invitation with this number."))


class TooManyClientsError(MgCoachError):
    code = "too_many_clients"
    http_status = 409

    def __init__(self) -> None:
        super().__init__(
            N_("You have {max} clients, the most an account can have: end a share first."),
            field="name",
            max=MAX_CLIENTS,
        )


def _now() -> datetime:
    return datetime.now(UTC)


def invitee_name(name: str) -> str:
    """The account name to invite, as account names are kept (lower case); an InputError
    for none or one longer than any account name."""
    name = name.strip().lower()
    if not name or len(name) > MAX_NAME:
        raise InputError(N_("Give the account name of the person to invite."), field="name")
    return name


def invite(db: Database, dietitian_id: int, name: str) -> None:
    """Invite the account ``name`` to share its journal with ``dietitian_id``. Says nothing
    of the account: a name no account has, the dietitian's own, one already invited or a
    client already all end here the same way (nothing more is stored)."""
    name = invitee_name(name)
    with db.begin() as connection:
        if store.count_clients(connection, dietitian_id) >= MAX_CLIENTS:
            raise TooManyClientsError
        person = account_store.find_account(connection, name)
        if person is None or person.id == dietitian_id or person.password_hash is None:
            return
        store.invite(connection, person.id, dietitian_id, _now())


def _answer(db: Database, owner_id: int, share_id: int, status: str) -> None:
    with db.begin() as connection:
        if not store.answer(connection, owner_id, share_id, status, _now()):
            raise UnknownShareError


def accept(db: Database, owner_id: int, share_id: int) -> None:
    """The person accepts an invitation of theirs: from now on the dietitian reads the journal."""
    _answer(db, owner_id, share_id, ACCEPTED)


def decline(db: Database, owner_id: int, share_id: int) -> None:
    _answer(db, owner_id, share_id, DECLINED)


def revoke(db: Database, account_id: int, share_id: int) -> None:
    """End a share at once: the person's own (open or accepted), or a dietitian's client."""
    with db.begin() as connection:
        if not store.revoke(connection, account_id, share_id, _now()):
            raise UnknownShareError


def shares(db: Database, owner_id: int) -> list[Share]:
    """The person's open invitations and accepted shares, each with the dietitian's name."""
    with db.connect() as connection:
        return store.shares_of_person(connection, owner_id)


def clients(db: Database, dietitian_id: int) -> list[Client]:
    """The dietitian's accepted clients, by name (never anyone who has not accepted)."""
    with db.connect() as connection:
        return store.clients(connection, dietitian_id)


def client(db: Database, dietitian_id: int, share_id: int) -> Client:
    """The client of the dietitian's accepted share ``share_id``; NotAClientError (404) for
    any other id: a stranger's, an open invitation, a declined or revoked share."""
    with db.connect() as connection:
        found = store.client_of(connection, dietitian_id, share_id)
    if found is None:
        raise NotAClientError
    return found
