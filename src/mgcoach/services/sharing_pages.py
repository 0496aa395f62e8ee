"""A dietitian's clients a page at a time: each glance is a client's trend and a few safety
gates (about 40 ms each), so a practice of hundreds would wait seconds for one list. The
clients come by name (services.sharing.clients); a page holds GLANCES_PER_PAGE of them; the
population summary above the list still counts them all (sharing_population.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..errors import InputError
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..storage.database import Database
from .sharing import Client
from .sharing_glance import Glance, glances

GLANCES_PER_PAGE = 20
_PAGE = re.compile(r"[0-9]{1,6}")


@dataclass(frozen=True, slots=True)
class GlancePage:
    """Page ``number`` of ``pages``: the glances of clients ``first`` to ``last`` (counted
    from 1) of ``total``."""

    glances: list[Glance]
    number: int
    pages: int
    total: int
    first: int
    last: int


def parse_page(text: str | None) -> int:
    """The page number a request gives (1 when none)."""
    if text is None or not text.strip():
        return 1
    if not _PAGE.fullmatch(text.strip()) or int(text) < 1:
        raise InputError(
            N_("Pages are numbered from 1; {page} is not a page number."),
            field="page",
            page=text.strip()[:20],
        )
    return int(text)


def glance_page(
    db: Database,
    kb: KnowledgeBase,
    clients: Sequence[Client],
    profile: str,
    today: date,
    number: int,
) -> GlancePage:
    """Page ``number`` of ``clients`` (the last page when there are fewer)."""
    pages = max(1, -(-len(clients) // GLANCES_PER_PAGE))
    number = min(max(number, 1), pages)
    start = (number - 1) * GLANCES_PER_PAGE
    chosen = clients[start : start + GLANCES_PER_PAGE]
    found = glances(db, kb, chosen, profile, today)
    first = start + 1 if chosen else 0
    return GlancePage(found, number, pages, len(clients), first, start + len(chosen))
