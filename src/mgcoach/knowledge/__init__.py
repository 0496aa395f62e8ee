"""Cited reference facts: data files in ``data/`` and the typed code that loads them.

No advice logic lives here; the engine reads these records.

The knowledge base (``base``: every record class) is imported on first use, so a module that
needs only a small one (``knowledge.vocabulary``, ``knowledge.chemistry``) stays cheap to
import: ``mgcoach --help`` reads no knowledge. Pydantic validates the data files
(``validation``) and is imported only when they are read, not when the cache has them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import KnowledgeBase, load_knowledge, load_knowledge_from

__all__ = ["KnowledgeBase", "load_knowledge", "load_knowledge_from"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import base

        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
