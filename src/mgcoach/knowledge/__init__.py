"""Cited reference facts: data files in ``data/`` and the typed code that loads them.

No advice logic lives here; the engine reads these records.
"""

from .base import KnowledgeBase, load_knowledge, load_knowledge_from

__all__ = ["KnowledgeBase", "load_knowledge", "load_knowledge_from"]
