"""The bibliography: every source id a data row may cite."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .records import Record, SourceId, record


@record
class Source(Record):
    id: SourceId
    citation: str
    url: str | None = None


def index_sources(rows: Iterable[object]) -> Mapping[str, Source]:
    """Validate the ``[[source]]`` tables and index them by id (duplicates are an error)."""
    from ..errors import KnowledgeError
    from .validation import validate  # pydantic: only when a file is read

    by_id: dict[str, Source] = {}
    for row in rows:
        source = validate(Source, row)
        if source.id in by_id:
            raise KnowledgeError("Duplicate source id {id} in sources.toml", id=source.id)
        by_id[source.id] = source
    return by_id
