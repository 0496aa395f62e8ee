"""Phone first (issue 17): every page fits a 360 px wide phone and still a 1280 px screen, in
English and in Dutch: nothing scrolls sideways, the Log shows each entry's magnesium, the day
total and the Edit and Delete controls (targets of at least 24 × 24 px, WCAG 2.5.8) inside
the screen, and chart text is drawn at 11 px or more, every label inside its chart and none on
top of another.

Each page is measured in Chromium at both sizes; every problem found is listed at the end, so
one run shows them all. Screenshots go to artifacts/screenshots/phone/<page>-<lang>-<width>.png
and the measurements to artifacts/screenshots/phone/<lang>.json.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ViewportSize

from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import (
    When,
    log_food,
    log_lab,
    log_medication,
    log_note,
    log_sleep,
    log_supplement,
    log_symptom,
    log_training,
)
from mgcoach.web.context import PROFILE
from tests.web.browser.conftest import Site, Visitor

SIZES: dict[str, ViewportSize] = {
    "360": {"width": 360, "height": 740},
    "1280": {"width": 1280, "height": 900},
}
LOCALES = {"en": "en-GB", "nl": "nl-NL"}
MIN_TARGET = 24  # px, WCAG 2.5.8 (target size, minimum)
MIN_TEXT = 11  # px, chart text as drawn on the screen
TODAY = date.today()
# A food whose Dutch name has a 24-letter word, and a note with a longer one.
LONG_DUTCH_FOOD = "usda:18166"  # Chocoladesandwichkoekjes met crèmevulling
LONG_NOTE = "Voorjaarsschoonmaakwerkzaamhedenplanningsoverleg"
KINDS = ("food", "supplement", "medication", "symptom", "sleep", "training", "lab", "note")
NO_SYMPTOM: dict[str, Any] = {"count": None, "severity": None, "location": None, "night": None}

# What one page looks like in the browser, every <details> opened (the Trends data tables, the
# sources); run after the page has loaded.
MEASURE = """() => {
  for (const details of document.querySelectorAll("details")) details.open = true;
  const width = window.innerWidth;
  const doc = document.documentElement;
  const classes = e => typeof e.className === "string" && e.className
    ? "." + e.className.replaceAll(" ", ".") : "";
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + classes(e);
  const box = e => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            width: r.width, height: r.height}; };
  // Is the element really seen, the page scrolled up or down to it but never sideways: in the
  // screen's width and not covered or clipped there?
  const seen = e => {
    if (!e || !e.checkVisibility()) return {seen: false, why: "hidden"};
    const before = e.getBoundingClientRect();
    window.scrollTo(0, window.scrollY + before.top - (window.innerHeight - before.height) / 2);
    const r = e.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return {seen: false, why: "no size"};
    if (r.left < -0.5 || r.right > width + 0.5)
      return {seen: false, why: `outside the screen (${r.left.toFixed(0)}..${r.right.toFixed(0)})`};
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !(e === hit || e.contains(hit) || hit.contains(e)))
      return {seen: false, why: "covered or clipped by " + (hit ? name(hit) : "nothing")};
    return {seen: true, why: ""};
  };
  const out = {scrollWidth: doc.scrollWidth, innerWidth: width, wide: [], log: null, charts: [],
               rows: {}};
  const listed = "tbody tr[data-entry-id], tbody tr[data-food-id]";
  for (const table of document.querySelectorAll("table[id]"))
    out.rows[table.id] = table.querySelectorAll(listed).length;
  out.spill = [];  // what sticks out of its card (a box with a border) sideways
  for (const e of document.body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (!(r.width > 0) || !e.checkVisibility()) continue;
    if (r.right > width + 0.5) out.wide.push(name(e) + " to " + r.right.toFixed(0));
    const card = e.parentElement && e.parentElement.closest(".card");
    if (card) {
      const c = card.getBoundingClientRect();
      if (r.right > c.right + 0.5 || r.left < c.left - 0.5)
        out.spill.push(name(e) + " out of " + name(card));
    }
  }
  out.wide = out.wide.slice(0, 8);
  out.spill = out.spill.slice(0, 8);
  const table = document.getElementById("entries");
  if (table) {
    const entries = [];
    for (const row of table.querySelectorAll("tr[data-entry-id]")) {
      const mg = row.querySelector(".mg");
      const edit = row.querySelector("a[href$='/edit']");
      const del = row.querySelector("form[action$='/delete'] button");
      entries.push({id: row.dataset.entryId, kind: row.className, text: row.innerText,
        mg: mg && mg.textContent.trim() ? seen(mg) : null,
        edit: {...seen(edit), ...box(edit)}, del: {...seen(del), ...box(del)}});
    }
    out.log = {entries, total: seen(document.getElementById("day-total"))};
  }
  // A chart's drawings are <symbol>s shown by a <use> (web/charts.py), whose copy of the text
  // lives in a closed shadow tree: each shown one is drawn again into a plain <svg> of the same
  // viewBox and size, over the chart, to measure where its text lands, then taken away.
  const SVG = "http://www.w3.org/2000/svg";
  const texts = root => [...root.querySelectorAll("text")]
    .filter(t => !t.closest("symbol") && t.checkVisibility() && t.textContent.trim())
    .map(t => { const m = t.getScreenCTM(), font = parseFloat(getComputedStyle(t).fontSize);
      return {text: t.textContent, size: font * Math.hypot(m.a, m.b), ...box(t)}; });
  for (const svg of document.querySelectorAll("svg.chart")) {
    const frame = svg.getBoundingClientRect();
    const chart = {id: svg.id, width: frame.width, left: frame.left, right: frame.right,
                   top: frame.top, bottom: frame.bottom, shown: [], texts: texts(svg)};
    for (const use of svg.querySelectorAll("use")) {
      if (!use.checkVisibility()) continue;
      const symbol = document.getElementById(use.getAttribute("href").slice(1));
      const copy = document.createElementNS(SVG, "svg");
      for (const key of ["viewBox", "font-size"]) copy.setAttribute(key, symbol.getAttribute(key));
      copy.style.cssText = `position: fixed; left: ${frame.left + svg.clientLeft}px;
        top: ${frame.top + svg.clientTop}px; width: ${svg.clientWidth}px;
        height: ${svg.clientHeight}px; margin: 0; border: 0; padding: 0;`;
      for (const child of symbol.childNodes) copy.appendChild(child.cloneNode(true));
      document.body.appendChild(copy);
      chart.texts.push(...texts(copy));
      copy.remove();
      chart.shown.push(symbol.id);
    }
    out.charts.push(chart);
  }
  window.scrollTo(0, 0);
  return out;
}"""


def overlap(a: dict[str, float], b: dict[str, float]) -> float:
    across = min(a["right"], b["right"]) - max(a["left"], b["left"])
    down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(across, 0.0) * max(down, 0.0)


def chart_problems(chart: dict[str, Any]) -> list[str]:
    """Text too small, outside its chart, or on top of other text."""
    found = []
    texts = chart["texts"]
    if not texts:
        found.append(f"chart {chart['id']}: no text shown")
    if len(chart["shown"]) > 1:
        found.append(f"chart {chart['id']}: {len(chart['shown'])} drawings shown at once")
    for text in texts:
        if text["size"] < MIN_TEXT - 0.01:
            found.append(f"chart {chart['id']}: {text['text']!r} is {text['size']:.1f} px")
        inside = (
            text["left"] >= chart["left"] - 0.5
            and text["right"] <= chart["right"] + 0.5
            and text["top"] >= chart["top"] - 0.5
            and text["bottom"] <= chart["bottom"] + 0.5
        )
        if not inside:
            found.append(f"chart {chart['id']}: {text['text']!r} sticks out of the chart")
    for index, first in enumerate(texts):
        for second in texts[index + 1 :]:
            if overlap(first, second) > 2.0:
                found.append(f"chart {chart['id']}: {first['text']!r} overlaps {second['text']!r}")
    return found


def log_problems(log: dict[str, Any]) -> list[str]:
    found = []
    if not log["entries"]:
        found.append("no entries shown")
    for entry in log["entries"]:
        what = f"entry {entry['id']} ({entry['kind']})"
        if entry["mg"] is not None and not entry["mg"]["seen"]:
            found.append(f"{what}: magnesium not seen: {entry['mg']['why']}")
        for control in ("edit", "del"):
            shown = entry[control]
            if not shown["seen"]:
                found.append(f"{what}: {control} not seen: {shown['why']}")
            if shown["width"] < MIN_TARGET or shown["height"] < MIN_TARGET:
                size = f"{shown['width']:.0f}×{shown['height']:.0f}"
                found.append(f"{what}: {control} is {size} px, under {MIN_TARGET}×{MIN_TARGET}")
    if not log["total"]["seen"]:
        found.append(f"day total not seen: {log['total']['why']}")
    return found


def problems_of(page: str, measured: dict[str, Any]) -> list[str]:
    found = []
    if measured["scrollWidth"] > measured["innerWidth"]:
        wide = ", ".join(measured["wide"])
        found.append(f"{measured['scrollWidth']} px wide in {measured['innerWidth']}: {wide}")
    if measured["spill"]:
        found.append("sticking out of a card: " + ", ".join(measured["spill"]))
    if page == "log":
        if measured["log"] is None:
            found.append("no entries table")
        else:
            found += log_problems(measured["log"])
    if page == "trends" and len(measured["charts"]) != 3:
        found.append(f"{len(measured['charts'])} charts instead of 3")
    rows = measured["rows"]
    if page == "foods" and not (rows.get("search-results") and rows.get("top-foods")):
        found.append(f"no foods found or ranked: {rows}")
    for chart in measured["charts"]:
        found += chart_problems(chart)
    return [f"{page}: {problem}" for problem in found]


def check_pages(
    visitor: Visitor, pages: dict[str, str], lang: str, shots: Path
) -> tuple[list[str], dict[str, Any]]:
    """Each page at each size: its problems and its measurements."""
    problems: list[str] = []
    report: dict[str, Any] = {}
    for size, viewport in SIZES.items():
        visitor.page.set_viewport_size(viewport)
        for page, path in pages.items():
            status = visitor.goto(path)
            if status != 200:
                problems.append(f"{size} px {lang} {page}: {path} answered {status}")
                continue
            measured = visitor.page.evaluate(MEASURE)
            assert measured["innerWidth"] == viewport["width"]
            problems += [f"{size} px {lang} {p}" for p in problems_of(page, measured)]
            report[f"{page} {size}"] = measured
            visitor.page.screenshot(path=str(shots / f"{page}-{lang}-{size}.png"), full_page=True)
    return problems, report


@pytest.fixture
def phone_shots(screenshots: Path) -> Path:
    folder = screenshots / "phone"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def when(day: date, hhmm: str | None = None) -> When:
    minutes = None if hhmm is None else int(hhmm[:2]) * 60 + int(hhmm[3:])
    return When(PROFILE, day, minutes, owner="local", origin="web")


def seed(site: Site) -> int:
    """A profile, a day with an entry of every kind (a long Dutch food name and a long Dutch
    word in a note among them) and three weeks of food, cramps and sleep for the charts; the id
    of the day's first entry."""
    db, kb = site.db, site.kb
    person = ProfileChanges(age=45, sex="male", meds=["levothyroxine@07:00"])
    set_profile(db, kb, PROFILE, person, TODAY, "local")
    first = log_food(db, when(TODAY, "08:15"), "almonds", "30 g")
    log_food(db, when(TODAY, "10:30"), LONG_DUTCH_FOOD, "40 g")
    log_supplement(db, kb, when(TODAY, "07:30"), "citrate", 500.0, None, basis="compound")
    log_medication(db, kb, when(TODAY, "07:00"), "levothyroxine")
    log_symptom(
        db, kb, when(TODAY, "03:00"), "cramp",
        **(NO_SYMPTOM | {"count": 2, "severity": 6.0, "location": "kuit", "night": True}),
    )  # fmt: skip
    log_sleep(db, when(TODAY), 7.5, 6)
    log_training(db, when(TODAY, "18:00"), "hardlopen", 45, 7)
    log_lab(db, kb, when(TODAY), 0.82, "mmol/L")
    log_note(db, replace(when(TODAY, "21:00"), note=LONG_NOTE))
    for back in range(1, 22):
        day = TODAY - timedelta(days=back)
        if back % 4:
            log_food(db, when(day, "12:00"), "almonds", f"{20 + back} g")
        if back % 3 == 0:
            log_symptom(db, kb, when(day, "03:00"), "cramp", **(NO_SYMPTOM | {"count": 1}))
        if back % 2:
            log_sleep(db, when(day), 6.0 + back % 3, 5 + back % 4)
    assert first.id is not None
    return first.id


def own_recipe_page(site: Site) -> str:
    """Your own foods, a recipe with a long Dutch food in it just saved, and its lists."""
    from mgcoach.services.food_recipes import add_recipe, add_water

    add_water(site.db, "Bronwater", {"magnesium_mg": 100.0})
    made = add_recipe(site.db, "Ontbijtschaal", [(LONG_DUTCH_FOOD, "40 g"), ("almonds", "30 g")])
    return f"/foods/own?added={made.food.id}"


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_every_page_fits_a_phone_and_a_wide_screen(
    lang: str, local_site: Site, visit: Callable[..., Visitor], phone_shots: Path
) -> None:
    entry = seed(local_site)
    visitor = visit(local_site, LOCALES[lang])
    pages = {
        "today": "/today",
        "log": "/log",
        "edit": f"/log/entry/{entry}/edit",
        "plan": "/plan",
        "trends": "/trends",
        "foods": "/foods?q=chocolade",
        "own foods": own_recipe_page(local_site),
        "settings": "/settings",
        "onboarding": "/onboarding",
    }
    problems, report = check_pages(visitor, pages, lang, phone_shots)
    (phone_shots / f"{lang}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    assert visitor.page.locator("html").get_attribute("lang") == lang
    logged = report["log 360"]["log"]["entries"]
    assert {entry["kind"] for entry in logged} == {f"kind-{kind}" for kind in KINDS}
    if lang == "nl":  # the food's Dutch name, one long word in it
        assert any("Chocoladesandwichkoekjes" in entry["text"] for entry in logged)
    assert not problems, "\n".join(problems)


def test_the_account_pages_fit_a_phone(
    multi_site: Site, visit: Callable[..., Visitor], phone_shots: Path
) -> None:
    problems: list[str] = []
    for lang, locale in LOCALES.items():
        visitor = visit(multi_site, locale)
        signed_out = {"login": "/login", "signup": "/signup"}
        found, _report = check_pages(visitor, signed_out, lang, phone_shots)
        problems += found
        visitor.sign_up(f"tester-{lang}")
        visitor.page.set_viewport_size(SIZES["360"])
        visitor.goto("/account")
        form = visitor.page.locator("form#token-form")
        form.locator("[name=token_name]").fill("Gegevensuitwisselingsscript")
        with visitor.page.expect_navigation():
            form.locator("button[type=submit]").click()
        # The new token is shown once, on the answer to the form: a long word.
        assert visitor.page.locator("#new-token").is_visible()
        measured = visitor.page.evaluate(MEASURE)
        problems += [f"360 px {lang} {p}" for p in problems_of("new token", measured)]
        visitor.page.screenshot(path=str(phone_shots / f"new-token-{lang}-360.png"), full_page=True)
        found, _report = check_pages(visitor, {"account": "/account"}, lang, phone_shots)
        problems += found
    assert not problems, "\n".join(problems)
