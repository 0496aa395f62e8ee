"""The questions for the doctor or dietitian (questions.toml): each names the situation it is
asked in (its slug), the question in the person's words and the fact behind it, with sources.

Loaded and validated on first use (a row citing a source the knowledge base does not know stops
the load, as everywhere in the knowledge base).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources

from ..errors import KnowledgeError
from .base import KnowledgeBase
from .records import Cited, Text, record

FILE = "questions.toml"


@record
class Question(Cited):
    """A question to ask: ``ask`` and ``why`` may hold {medicines}, {days} and {ul}."""

    slug: str
    ask: Text
    why: Text


@cache
def _read() -> tuple[Question, ...]:
    from .validation import ValidationError, validate  # pydantic: only when the file is read

    path = resources.files(__package__).joinpath("data", FILE)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise KnowledgeError("Cannot read {path}: {error}", path=FILE, error=error) from error
    found = []
    for index, item in enumerate(raw.get("question", [])):
        try:
            found.append(validate(Question, item))
        except ValidationError as error:
            raise KnowledgeError(
                "{path}, entry {index}: {error}", path=FILE, index=index + 1, error=error
            ) from error
    return tuple(found)


def load_questions(kb: KnowledgeBase) -> Mapping[str, Question]:
    """The questions by slug, each citing only sources ``kb`` knows."""
    questions = _read()
    for question in questions:
        unknown = [source for source in question.sources if source not in kb.sources]
        if unknown:
            raise KnowledgeError(
                "{path}: {slug} cites unknown source(s) {unknown}",
                path=FILE,
                slug=question.slug,
                unknown=unknown,
            )
    return {question.slug: question for question in questions}
