"""What the sharing pages (pages/clients.py, pages/client_views.py) and the API (api/sharing.py)
share: sharing exists only on a multi-user server, and how often a dietitian may invite.

Every invitation counts, whether or not the name is an account's: the limit tells the
dietitian nothing of who exists. Thirty an hour is plenty for a practice taking on clients and
too few to try out names.
"""

from __future__ import annotations

from datetime import timedelta

from ..errors import MgCoachError
from ..i18n import N_
from ..services.database import Database
from .auth import RateLimiter, Rule, wait_text
from .context import Viewer, WebState

INVITES_PER_ACCOUNT = Rule("invite:account", limit=30, window=timedelta(hours=1))


class NoSharingError(MgCoachError):
    code = "not_found"
    http_status = 404

    def __init__(self) -> None:
        super().__init__(N_("Sharing a journal needs a multi-user server; this one is local."))


def sharing_account(state: WebState, viewer: Viewer) -> int:
    """The signed-in account's id on a multi-user server; NoSharingError (404) in local mode."""
    if not state.config.multi_user or viewer.account_id is None:
        raise NoSharingError
    return viewer.account_id


class TooManyInvitationsError(MgCoachError):
    code = "too_many_invitations"
    http_status = 429


def allow_invite(limiter: RateLimiter, db: Database, account_id: int) -> None:
    """Count one invitation of the account; TooManyInvitationsError (429) beyond the limit."""
    tried = limiter.attempt(db, (INVITES_PER_ACCOUNT, str(account_id)))
    if tried.refused:
        raise TooManyInvitationsError(
            N_("Too many invitations for now. Try again in {wait}."),
            field="name",
            wait=wait_text(tried.wait),
            retry_after=tried.wait,
        )
