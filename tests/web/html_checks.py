"""Checks of a page's HTML that every form page should pass: each id once, every reference to
an id (a label's ``for``, ``aria-describedby``, ``aria-labelledby``, an input's ``list``, a
``#fragment`` link) names an id of the page, and what takes the focus as the page loads."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

_REFERENCES = ("for", "aria-describedby", "aria-labelledby", "aria-controls", "list")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, id)
        self.autofocus: list[Element] = []
        self.elements: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        element = Element(tag, values)
        self.elements.append(element)
        if "id" in values:
            self.ids.append(values["id"])
        for name in _REFERENCES:
            for ident in values.get(name, "").split():
                self.references.append((tag, name, ident))
        href = values.get("href", "")
        if tag == "a" and href.startswith("#") and len(href) > 1:
            self.references.append((tag, "href", href[1:]))
        if "autofocus" in values:
            self.autofocus.append(element)


def read(page: str) -> _Reader:
    reader = _Reader()
    reader.feed(page)
    return reader


def duplicate_ids(page: str) -> list[str]:
    return sorted(ident for ident, count in Counter(read(page).ids).items() if count > 1)


def dangling_references(page: str) -> list[tuple[str, str, str]]:
    """References to an id the page does not have."""
    reader = read(page)
    known = set(reader.ids)
    return [ref for ref in reader.references if ref[2] not in known]


def assert_ids_sound(page: str) -> None:
    """Each id once, and every reference names one."""
    assert duplicate_ids(page) == []
    assert dangling_references(page) == []


def autofocused(page: str) -> list[Element]:
    return read(page).autofocus


def element(page: str, ident: str) -> Element:
    [found] = [e for e in read(page).elements if e.attrs.get("id") == ident]
    return found


def summary_links(page: str) -> list[str]:
    """The ids the error summary's links point at, in their order."""
    start = page.index('id="error-summary"')
    end = page.index("</div>", start)
    reader = read(page[start:end])
    return [ident for tag, attr, ident in reader.references if tag == "a" and attr == "href"]
