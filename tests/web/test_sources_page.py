"""Plain words (issue 17): citations as small numbered links to the Sources page, Mg Coach's own
rules and the "not yet checked" mark in words, abbreviations explained where a page first uses
them, chemical names and study numbers only in details; and the Sources page itself.

Today and Plan are rendered for several profiles in English and Dutch, and every page is read
as a person sees it: no source id in brackets, no UNVERIFIED or MGCOACH anywhere in its text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.i18n import translations
from mgcoach.knowledge import KnowledgeBase
from mgcoach.web.pages.citations import Citations, citation_parts
from mgcoach.web.pages.glossary import TERMS, reading_help
from mgcoach.web.templating import environment
from tests.web.html_checks import assert_ids_sound
from tests.web.test_pages_today import (
    CASES,
    TODAY,
    Case,
    Node,
    css_rules,
    db_of,
    parse,
)

NL = {"Accept-Language": "nl"}
# A source id in brackets, as the pages used to cite: "[IOM97; DRI-sum]", "[MGCOACH]".
RAW_TAG = re.compile(r"\[[A-Za-z][A-Za-z0-9_.-]*(?:;\s*[A-Za-z0-9_.-]+)*\]")
RAW_WORDS = ("UNVERIFIED", "MGCOACH", "not yet verified", "nog niet geverifieerd")
ABBREVIATION = re.compile(r"\b(?:RDA|AI|PRI|RNI|EAR|UL)\b")
STUDY_NUMBERS = re.compile(r"risk ratio|risicoratio", re.IGNORECASE)
PROFILES = [
    *CASES,
    pytest.param(Case("supplement", "info", symptom="cramp"), id="cramps"),
    pytest.param(Case("supplement", "info", {"system": "uk"}, supplement_mg=100.0), id="uk"),
    pytest.param(Case("supplement", "info", {"system": "efsa"}), id="efsa"),
    pytest.param(Case("supplement", "info", {"system": "nl"}, food="60 g"), id="nl-system"),
]


# -- reading a page as a person sees it --------------------------------------------------------


def texts(node: Node, skip: Callable[[Node], bool] = lambda _node: False) -> Iterator[str]:
    """The text of a part of a page, leaving out scripts, styles and what ``skip`` names."""
    for child in node.children:
        if isinstance(child, str):
            yield child
        elif child.tag not in ("script", "style", "head") and not skip(child):
            yield from texts(child, skip)


def seen(node: Node, skip: Callable[[Node], bool] = lambda _node: False) -> str:
    return " ".join("".join(texts(node, skip)).split())


def in_details(node: Node) -> bool:
    return node.tag == "details"


def in_main_text(node: Node) -> bool:
    """Skipped when reading a page's own words: abbreviations (explained apart) and the lists
    of sources (their citations use the references' own abbreviations)."""
    if node.tag == "details" and "sources" in node.classes:
        return True
    return node.tag == "abbr" or node.attrs.get("id") == "source-list"


def sources_page_ids(client: TestClient) -> set[str]:
    page = parse(client.get("/sources").text)
    return {n.attrs["id"] for n in page.walk() if "id" in n.attrs}


def check_citations(page: Node, anchors: set[str]) -> list[str]:
    """Each numbered citation links to an anchor of the Sources page; the numbers go 1, 2, 3 in
    the order of first use, the same number for the same source; the page's list of sources
    has the same numbers. The ids the page cites, in order."""
    numbers: dict[str, int] = {}
    for link in page.all("a", "cite"):
        source = link.attrs["href"].removeprefix("/sources#")
        number = int(link.text.strip("[]"))
        assert numbers.setdefault(source, number) == number, source
        assert link.attrs["title"] and link.attrs["aria-label"].endswith(str(number))
    assert list(numbers.values()) == list(range(1, len(numbers) + 1))
    linked = [
        a.attrs["href"] for a in page.all("a") if a.attrs.get("href", "").startswith("/sources#")
    ]
    for href in linked:
        assert href.removeprefix("/sources#") in anchors, href
    if numbers:
        listed = page.by_id("sources").all("li")
        assert [int(li.attrs["value"]) for li in listed] == sorted(numbers.values())
    return list(numbers)


def check_plain(page: Node, *, glossary: bool = False) -> None:
    """No source id in brackets and no raw mark anywhere a person reads; every abbreviation in
    an abbr with its full name, the first of each also explained in the text (on the Sources
    page, ``glossary``, by its entry)."""
    text = seen(page)
    assert not RAW_TAG.findall(text)
    for word in RAW_WORDS:
        assert word not in text, word
    assert not ABBREVIATION.findall(seen(page, in_main_text))
    first: dict[str, Node] = {}
    for abbr in page.all("abbr"):
        key = abbr.text
        assert key in TERMS and abbr.attrs["title"], key
        first.setdefault(key, abbr)
    for key, abbr in first.items():
        assert abbr.attrs["title"] in (TERMS[key].name, translated_name(key)), key
    if glossary:
        return
    notes = [n for n in page.walk() if "term-note" in n.classes]
    assert len(notes) == len(first)  # each term explained once, where the page first uses it
    for abbr in first.values():
        following = next_element(page, abbr)
        assert following is not None and "term-note" in following.classes and following.text


def translated_name(key: str) -> str:
    return translations("nl").gettext(TERMS[key].name)


def next_element(page: Node, node: Node) -> Node | None:
    """The element right after ``node`` in its parent."""
    for parent in page.walk():
        elements = [c for c in parent.children if isinstance(c, Node)]
        for index, child in enumerate(elements):
            if child is node:
                return elements[index + 1] if index + 1 < len(elements) else None
    return None


def check_details_only(page: Node, kb: KnowledgeBase, lang: str) -> None:
    """Chemical names and a study's numbers only inside a details element."""
    outside = seen(page, in_details)
    for compound in kb.compounds.values():
        family = kb.compound_families[compound.family].name.get(lang)
        if compound.name.get(lang) != family:
            assert compound.name.get(lang) not in outside, compound.slug
    assert not STUDY_NUMBERS.search(outside)


# -- Today and Plan for several profiles ---------------------------------------------------------


@pytest.mark.parametrize("case", PROFILES)
def test_today_and_plan_cite_in_plain_words(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase, case: Case
) -> None:
    case.log(db_of(local_app), kb, TODAY)
    anchors = sources_page_ids(local_client)
    assert set(kb.sources) <= anchors
    for headers, lang in (({}, "en"), (NL, "nl")):
        for path in ("/today", "/plan"):
            response = local_client.get(path, headers=headers)
            assert response.status_code == 200, path
            assert_ids_sound(response.text)
            page = parse(response.text)
            cited = check_citations(page, anchors)
            assert cited, f"{path} cites nothing"
            check_plain(page)
            check_details_only(page, kb, lang)
            footer = page.all("footer")[0]
            assert [a.attrs["href"] for a in footer.all("a")] == ["/sources", "/data"]


def test_own_rules_and_unchecked_facts_are_said_in_words(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """The plan's build-up: Mg Coach's own rule in words, and "not yet checked against the
    source" once for a fact that needs checking, each linking to its explanation."""
    Case("supplement", "info", food=None).log(db_of(local_app), kb, TODAY)
    page = parse(local_client.get("/plan").text)
    words = [n for n in page.walk() if "cite-words" in n.classes]
    said = [seen(n) for n in words]
    assert "(Mg Coach's own rule)" in said
    assert "(Mg Coach's own rule; not yet checked against the source)" in said
    assert "(not yet checked against the source)" in said
    for node in words:
        for link in node.all("a"):
            assert link.attrs["href"] in (
                "/sources#MGCOACH",
                "/sources#DERIVED",
                "/sources#UNVERIFIED",
            )
    assert all(seen(n).count("not yet checked") <= 1 for n in words)


def test_the_first_rda_on_today_is_explained_and_the_rest_abbreviated(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    Case("supplement", "info").log(db_of(local_app), kb, TODAY)
    page = parse(local_client.get("/today").text)
    rda = [a for a in page.all("abbr") if a.text == "RDA"]
    assert len(rda) > 1
    assert rda[0].attrs["title"] == "Recommended Dietary Allowance"
    legend = seen(page.all("dl", "mg-parts")[0])
    assert "recommended daily amount (RDA: enough for nearly all healthy people)" in legend
    assert rda[1].attrs["title"] == (
        "Recommended Dietary Allowance: enough for nearly all healthy people"
    )
    ul = seen(page.by_id("mg-ul"))
    assert ul.startswith(
        "Supplements: 0 mg of at most 350 mg a day, the upper limit (UL: the most that is safe "
        "to take every day for healthy people; for magnesium only supplements count, not food)."
    )


def test_the_plan_says_the_form_plainly_and_the_evidence_in_words_first(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    Case("supplement", "info", symptom="cramp").log(db_of(local_app), kb, TODAY)
    page = parse(local_client.get("/plan").text)
    assert seen(page.by_id("plan-form")).startswith("Take it as magnesium citrate.")
    compound = page.by_id("plan-compound")
    assert compound.tag == "details" and "trimagnesium dicitrate" in seen(compound)
    assert "dicitrate" not in seen(page, in_details)
    (claim,) = page.by_id("complaint-evidence").all("li")
    lead = seen(claim.all("p", "claim-lead")[0])
    assert lead.startswith("Trials found no meaningful benefit on average.")
    (details,) = claim.all("details")
    assert "risk ratio 1.04" in seen(details)
    assert "1 means no difference" in seen(details)


# -- Settings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("headers", "lang"), [({}, "en"), (NL, "nl")])
def test_settings_in_plain_words(
    local_client: TestClient,
    local_app: FastAPI,
    kb: KnowledgeBase,
    headers: dict[str, str],
    lang: str,
) -> None:
    Case("supplement", "info").log(db_of(local_app), kb, TODAY)
    response = local_client.get("/settings", headers=headers)
    page = parse(response.text)
    assert page.all("html")[0].attrs["lang"] == lang
    check_plain(page)
    link = page.by_id("system-terms").all("a")[0]
    assert link.attrs["href"] == "/sources#terms-heading"
    assert "terms-heading" in sources_page_ids(local_client)


# -- the Sources page ----------------------------------------------------------------------------


@pytest.mark.parametrize(("headers", "lang"), [({}, "en"), (NL, "nl")])
def test_the_sources_page(
    local_client: TestClient, kb: KnowledgeBase, headers: dict[str, str], lang: str
) -> None:
    response = local_client.get("/sources", headers=headers)
    assert response.status_code == 200
    assert_ids_sound(response.text)
    page = parse(response.text)
    assert page.all("html")[0].attrs["lang"] == lang
    assert page.all("h1")[0].text
    check_plain(page, glossary=True)
    for key, source in kb.sources.items():
        entry = page.by_id(key)
        if key not in ("MGCOACH", "DERIVED", "UNVERIFIED"):
            assert seen(entry).startswith(seen(parse(f"<p>{source.citation}</p>"))[:40]), key
            assert source.url is None or any(a.attrs["href"] == source.url for a in entry.all("a"))
    if lang == "en":
        assert seen(page.by_id("MGCOACH")).startswith("Mg Coach's own rule A choice Mg Coach made")
        assert seen(page.by_id("UNVERIFIED")).startswith("Not yet checked against the source")
        assert seen(page.by_id("term-UL")).startswith("upper limit (UL) The most that is safe")
    for key in TERMS:
        assert page.by_id(f"term-{key}").all("dt")
    # a source named inside another's citation is a link to it, not an id in brackets
    named = [a for a in page.by_id("BNF21").all("a") if a.attrs["href"] == "#NUTRI-TX"]
    assert named and named[0].text == "NUTRI-TX"


def test_the_sources_page_is_open_to_everyone(multi_app: FastAPI) -> None:
    with TestClient(multi_app) as anonymous:
        response = anonymous.get("/sources", follow_redirects=False)
    assert response.status_code == 200 and "IOM97" in response.text


def test_the_pages_link_the_citation_styles_with_24px_targets(local_client: TestClient) -> None:
    rules = css_rules(local_client.get("/static/sources.css").text)
    for prop in ("min-width", "min-height"):
        found = re.search(rf"{prop}\s*:\s*(\d+)px", rules[".cite"])
        assert found and int(found.group(1)) >= 24, prop
    for name in ("today.html", "plan.html", "sources.html"):
        template = environment().loader.get_source(environment(), name)[0]  # type: ignore[union-attr]
        assert 'href="/static/sources.css"' in template


# -- the pieces ----------------------------------------------------------------------------------


def test_numbers_follow_the_order_of_first_use(kb: KnowledgeBase) -> None:
    citations = Citations(kb.sources)
    first = citations.group(["NIH-ODS", "IOM97", "MGCOACH"])
    assert [(c.number, c.id) for c in first.cites] == [(1, "NIH-ODS"), (2, "IOM97")]
    assert first.words == (("MGCOACH", "Mg Coach's own rule"),)
    again = citations.group(["IOM97", "EFSA15", "UNVERIFIED", "DERIVED"])
    assert [(c.number, c.id) for c in again.cites] == [(2, "IOM97"), (3, "EFSA15")]
    assert [key for key, _words in again.words] == ["DERIVED", "UNVERIFIED"]
    flagged = citations.group(["IOM97"], unverified=True)
    assert flagged.words == (("UNVERIFIED", "not yet checked against the source"),)
    assert citations.group(None) == citations.group([])
    assert [(item.number, item.source.id) for item in citations.listed()] == [
        (1, "NIH-ODS"),
        (2, "IOM97"),
        (3, "EFSA15"),
    ]
    term = citations.term("UL")
    assert term is not None and term.first and term.plain == "upper limit"
    again_term = citations.term("UL")
    assert again_term is not None and not again_term.first
    assert citations.term("XYZ") is None


def test_a_citation_names_other_sources_as_links() -> None:
    assert citation_parts("Digest (read via [NUTRI-TX]).", ["NUTRI-TX"]) == [
        ("Digest (read via ", None),
        ("NUTRI-TX", "NUTRI-TX"),
        (").", None),
    ]
    assert citation_parts("Table [3] of it", ["NUTRI-TX"]) == [("Table [3] of it", None)]


def test_reading_help_comes_with_study_numbers_only() -> None:
    ratio = "people with fewer cramps: risk ratio 1.04 (0.84 to 1.29; 3 trials, high certainty)"
    assert [line.split(" ")[1] for line in reading_help(ratio)] == ["risk", "two", "(high,"]
    assert len(reading_help("falling asleep 17.4 minutes sooner (−27.3 to −7.4)")) == 1
    assert len(reading_help("risicoratio 1,04 (0,84 tot 1,29; hoge zekerheid)")) == 3
    assert reading_help("Their action as osmotic laxatives is well established.") == []
