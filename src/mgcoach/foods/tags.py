"""Food tags (``data/tags.toml``) and the words users type for them (``--exclude noten``)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from ..errors import InputError
from ..frozen import frozen
from ..i18n import N_
from .search_text import fold


@frozen
class Tag:
    slug: str
    name_en: str
    name_nl: str
    aliases: tuple[str, ...]

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name_en


@cache
def food_tags() -> dict[str, Tag]:
    raw = resources.files(__package__).joinpath("data/tags.toml").read_bytes()
    tags = {}
    for row in tomllib.loads(raw.decode("utf-8"))["tag"]:
        tags[row["slug"]] = Tag(
            row["slug"], row["name"]["en"], row["name"]["nl"], tuple(row["aliases"])
        )
    return tags


def find_tag(word: str) -> Tag:
    """The tag a user's word names ("noten", "Nuts", "pinda's"); an unknown word is an error."""
    wanted = fold(word)
    for tag in food_tags().values():
        if wanted == tag.slug or wanted in {fold(alias) for alias in tag.aliases}:
            return tag
    raise InputError(
        N_("Unknown food group {word}: use one of {choices}."),
        field="exclude",
        word=word,
        choices=", ".join(food_tags()),
    )
