"""Shared fixtures: the packaged knowledge base, loaded once."""

from __future__ import annotations

import pytest

from mgcoach.i18n import set_language
from mgcoach.knowledge import KnowledgeBase, load_knowledge


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")
