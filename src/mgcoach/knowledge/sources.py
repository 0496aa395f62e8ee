"""The bibliography: every source id a data row may cite."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .records import Record, SourceId, record


@record
class Source(Record):
    id: SourceId
    citation: str
    url: str | None = None


def index_sources(rows: Iterable[object], file: str = "sources.toml") -> Mapping[str, Source]:
    """Validate the ``[[source]]`` tables of ``file`` and index them by id (a bad entry or a
    duplicate id is a KnowledgeError)."""
    from ..errors import KnowledgeError
    from .validation import ValidationError, validate  # pydantic: only when a file is read

    by_id: dict[str, Source] = {}
    for index, row in enumerate(rows):
        try:
            source = validate(Source, row)
        except (ValidationError, ValueError) as error:
            raise KnowledgeError(
                "{path}, entry {index}: {error}", path=file, index=index + 1, error=error
            ) from error
        if source.id in by_id:
            raise KnowledgeError("Duplicate source id {id} in {path}", id=source.id, path=file)
        by_id[source.id] = source
    return by_id
