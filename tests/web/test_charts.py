"""web/charts.py: any data (none, zeros, huge or odd values, any labels) gives well-formed
SVG whose every coordinate lies inside its drawing's viewBox; gaps stay gaps; the scales are
round; the wide and the narrow drawing each fit their text (issue 17: 11 px on a phone)."""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from importlib import resources

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mgcoach.web import charts
from mgcoach.web.charts import FRAMES, NARROW, WIDE, Chart, Frame, Series, nice_ticks, render

SVG = "{http://www.w3.org/2000/svg}"
START = date(2024, 1, 1)

values = st.one_of(
    st.none(),
    st.just(0.0),
    st.floats(min_value=0, max_value=1e6),
    st.floats(allow_nan=True, allow_infinity=True),
)
labels = st.text(max_size=60)


def coordinates(element: ET.Element) -> list[tuple[str, float]]:
    """Every x (or width) and y (or height) the SVG places something at."""
    found: list[tuple[str, float]] = []
    for node in element.iter():
        for name in ("x", "x1", "x2", "cx"):
            if name in node.attrib:
                found.append(("x", float(node.attrib[name])))
        for name in ("y", "y1", "y2", "cy"):
            if name in node.attrib:
                found.append(("y", float(node.attrib[name])))
        if "points" in node.attrib:
            for pair in node.attrib["points"].split():
                px, py = pair.split(",")
                found += [("x", float(px)), ("y", float(py))]
        if node.tag == f"{SVG}rect":
            x, y = float(node.attrib["x"]), float(node.attrib["y"])
            found += [
                ("x", x + float(node.attrib["width"])),
                ("y", y + float(node.attrib["height"])),
            ]
            assert float(node.attrib["width"]) >= 0 and float(node.attrib["height"]) >= 0
    return found


def drawings(element: ET.Element) -> list[ET.Element]:
    return [child for child in element if child.tag == f"{SVG}symbol"]


def check(svg: str) -> ET.Element:
    """The chart: one <svg> (title, desc) with a drawing per frame, a <symbol> placed by a
    <use>, each coordinate inside its symbol's viewBox; or, with nothing to draw, one text
    placed in percent of the chart. No <svg> inside: the pages' tests cut a chart at </svg>."""
    element = ET.fromstring(svg)
    assert element.tag == f"{SVG}svg" and element.attrib["class"] == "chart"
    assert "viewBox" not in element.attrib  # each drawing has its own
    assert svg.count("</svg>") == 1
    assert [child.tag for child in element][:2] == [f"{SVG}title", f"{SVG}desc"]
    inner = drawings(element)
    if not inner:
        (text,) = [child for child in element if child.tag == f"{SVG}text"]
        assert text.attrib["x"] == text.attrib["y"] == "50%"
        return element
    ident = element.attrib["id"]
    assert [d.attrib["id"] for d in inner] == [f"{ident}-{frame.name}" for frame in FRAMES]
    uses = [(u.attrib["class"], u.attrib["href"]) for u in element.iter(f"{SVG}use")]
    assert uses == [(f"chart-{f.name}", f"#{ident}-{f.name}") for f in FRAMES]
    for drawing, frame in zip(inner, FRAMES, strict=True):
        assert drawing.attrib["viewBox"] == f"0 0 {frame.width:g} {frame.height:g}"
        assert float(drawing.attrib["font-size"]) == frame.font
        for axis, value in coordinates(drawing):
            assert math.isfinite(value)
            high = frame.width if axis == "x" else frame.height
            assert 0 <= value <= high, (frame.name, axis, value)
    return element


def groups(element: ET.Element, day_class: str = "day") -> list[str]:
    return [g.attrib["data-date"] for g in element.iter(f"{SVG}g") if g.get("class") == day_class]


@settings(max_examples=150, deadline=None)
@given(
    data=st.lists(st.tuples(values, values, values, values), max_size=200),
    title=labels,
    legend=labels,
    right_max=st.one_of(st.none(), st.floats(min_value=-5, max_value=1e9)),
    integer=st.booleans(),
    lang=st.sampled_from(["en", "nl"]),
)
@example(
    data=[(1e300, 1e308, 1e300, 1e300)] * 182,
    title="huge",
    legend="",
    right_max=None,
    integer=True,
    lang="nl",
)
@example(
    data=[(0.0, 0.0, 0.0, 0.0)] * 182,
    title="zeros",
    legend="",
    right_max=10.0,
    integer=False,
    lang="en",
)
@example(
    data=[(math.inf, -5.0, math.nan, -math.inf), (None, 5e-324, None, 5e-324)],
    title="odd",
    legend="l",
    right_max=0.0,
    integer=False,
    lang="en",
)
def test_any_data_gives_valid_svg_inside_the_viewbox(
    data: list[tuple[float | None, ...]],
    title: str,
    legend: str,
    right_max: float | None,
    integer: bool,
    lang: str,
) -> None:
    days = [START + timedelta(days=n) for n in range(len(data))]
    chart = Chart(
        ident=title or "x",
        title=title,
        desc=legend,
        days=days,
        bars=(
            Series("a", legend, [d[0] for d in data], "#123456"),
            Series("b", title, [d[1] for d in data], "#654321"),
        ),
        line=Series("t", legend, [d[2] for d in data], "#000"),
        dots=Series("d", legend, [d[3] for d in data], "#a00"),
        right_max=right_max,
        integer=integer,
        unit=legend[:5],
        right_unit=title[:5],
        empty=title,
        lang=lang,
    )
    element = check(render(chart))
    shown = element.find(f"{SVG}title").text or ""  # type: ignore[union-attr]
    assert shown == charts.one_line(title) and "\x00" not in shown
    # a bar group exactly for the days with a drawable bar value
    drawable = [
        days[i].isoformat()
        for i, d in enumerate(data)
        if any(v is not None and math.isfinite(v) for v in d[:2])
    ]
    assert groups(element) == drawable == groups(element, NARROW.day_class)


def test_empty_chart_says_so() -> None:
    for days in ([], [START], [START + timedelta(days=n) for n in range(182)]):
        chart = Chart(
            "c", "Title", "Desc", days, bars=(Series("a", "A", [None] * len(days), "#000"),),
            empty="Nothing logged yet.",
        )  # fmt: skip
        element = check(render(chart))
        assert [t.text for t in element.iter(f"{SVG}text")] == ["Nothing logged yet."]
        assert not groups(element)


def test_gaps_zeros_and_stacks() -> None:
    days = [START + timedelta(days=n) for n in range(5)]
    chart = Chart(
        "mg", "Magnesium", "d", days,
        bars=(
            Series("food", "Food", [300, None, 0, 250, None], "#0a0"),
            Series("supplement", "Supplement", [100, None, 0, None, None], "#00a"),
        ),
        line=Series("target", "Target", [420] * 5, "#000"),
        unit="mg",
    )  # fmt: skip
    element = check(render(chart))
    assert groups(element) == ["2024-01-01", "2024-01-03", "2024-01-04"]
    rects = {
        g.attrib["data-date"]: [(r.attrib["class"], float(r.attrib["height"])) for r in g]
        for g in element.iter(f"{SVG}g")
        if g.get("class") == "day"
    }
    assert [name for name, _h in rects["2024-01-03"]] == ["zero"]  # logged, nothing in it
    (food, food_h), (supp, supp_h) = rects["2024-01-01"]
    assert (food, supp) == ("food", "supplement") and math.isclose(food_h, 3 * supp_h)
    # the scale: 0 to 500 in steps of 100; the 420 target line below its top
    ticks = [t.text for t in element.iter(f"{SVG}text")][:6]
    assert ticks == ["0", "100", "200", "300", "400", "500"]


def test_dutch_axis_labels() -> None:
    days = [date(2024, 3, n) for n in range(1, 4)]
    chart = Chart(
        "s", "Sleep", "d", days, bars=(Series("h", "Uren", [7.5, 8.25, None], "#000"),),
        dots=Series("q", "Kwaliteit", [6, None, 9], "#111"), right_max=10, lang="nl",
    )  # fmt: skip
    texts = [t.text for t in check(render(chart)).iter(f"{SVG}text")]
    assert "1 mrt" in texts and "Mar 1" not in texts
    assert "10" in texts and "2,5" not in texts  # right axis 0, 2, ..., 10


def test_text_is_escaped() -> None:
    chart = Chart(
        'a"><script>', "<b>&</b>", "x < y", [START],
        bars=(Series("k", "<i>", [1.0], '"red"'),),
    )  # fmt: skip
    svg = render(chart)
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg
    element = check(svg)
    assert element.find(f"{SVG}title").text == "<b>&</b>"  # type: ignore[union-attr]


@given(high=st.floats(min_value=0, max_value=1e15), integer=st.booleans())
def test_nice_ticks(high: float, integer: bool) -> None:
    ticks = nice_ticks(high, integer=integer)
    step = ticks[1] - ticks[0]
    assert ticks[0] == 0 and ticks[-1] >= high and len(ticks) <= 7
    assert all(b > a for a, b in itertools.pairwise(ticks))
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m) for m in (1, 2, 2.5, 5, 10))
    if integer:
        assert step >= 1 and float(step).is_integer()


def test_date_labels_stay_few() -> None:
    for days in range(1, 400):
        assert days / charts.date_step(days) <= charts.MAX_DATE_LABELS + 1


# -- issue 17: legible on a phone ----------------------------------------------------------------


def sample(days: int, legend: tuple[str, str, str], lang: str = "en") -> Chart:
    dates = [START + timedelta(days=n) for n in range(days)]
    return Chart(
        "c", "Title", "Desc", dates,
        bars=(Series("a", legend[0], [100.0] * days, "#000"),
              Series("b", legend[1], [50.0] * days, "#111")),
        line=Series("t", legend[2], [420.0] * days, "#222"),
        dots=Series("d", "Spierpijn (0–10)", [5.0] * days, "#333"), right_max=10.0,
        unit="krampen", right_unit="0–10", lang=lang,
    )  # fmt: skip


def width_of(text: str, frame: Frame) -> float:
    """About how wide a text is drawn, in viewBox units (charts.CHAR_WIDTH ems a character)."""
    return len(text) * frame.font * charts.CHAR_WIDTH


def test_a_wide_and_a_narrow_drawing_under_one_title() -> None:
    element = check(render(sample(56, ("Voedingsmiddel", "Supplementen", "Streefwaarde"))))
    assert len(element.findall(f"{SVG}title")) == len(element.findall(f"{SVG}desc")) == 1
    ids = [node.attrib["id"] for node in element.iter() if "id" in node.attrib]
    assert ids == ["c", "c-title", "c-desc", "c-wide", "c-narrow"]  # each once on the page
    wide, narrow = drawings(element)
    assert len(groups(wide)) == 56 and not groups(narrow)  # each day counted once as "day"
    assert len(groups(narrow, NARROW.day_class)) == 56
    assert NARROW.font > WIDE.font and NARROW.width < WIDE.width / 2


def test_legend_labels_fit_their_slot() -> None:
    long = ("Magnesium uit voedingsmiddelen", "Supplementen met magnesium", "Streefwaarde" * 3)
    for labels in (("Food", "Supplements", "Target"), long):
        for drawing, frame in zip(drawings(check(render(sample(7, labels)))), FRAMES, strict=True):
            texts = drawing.findall(f"{SVG}g[@class='key']/{SVG}text")
            assert len(texts) == 4
            spots = sorted(
                (float(t.attrib["y"]), float(t.attrib["x"]), t.text or "") for t in texts
            )
            for (y, x, text), after in itertools.pairwise([*spots, (math.inf, 0.0, "")]):
                end = x + width_of(text, frame)
                assert end <= frame.width, (frame.name, text)
                if after[0] == y:  # the next label on the same row starts after this one
                    assert end <= after[1] - charts.SWATCH, (frame.name, text)
            assert max(y for y, _x, _t in spots) <= frame.height - 3


def test_date_labels_do_not_crowd() -> None:
    for days in (1, 2, 7, 14, 28, 56, 84, 182):
        for lang in ("en", "nl"):
            chart = check(render(sample(days, ("a", "b", "c"), lang)))
            for drawing, frame in zip(drawings(chart), FRAMES, strict=True):
                ticks = [t for t in drawing.iter(f"{SVG}text") if t.get("text-anchor") == "middle"]
                xs = [float(t.attrib["x"]) for t in ticks]
                room = max(width_of(t.text or "", frame) for t in ticks) + frame.font / 2
                assert all(b - a >= room for a, b in itertools.pairwise(xs)), (days, frame.name)
                assert xs[0] - room / 2 >= 0 and xs[-1] + room / 2 <= frame.width


def test_the_css_shows_each_drawing_where_its_text_is_11_px() -> None:
    """pages.css gives the chart the aspect ratio of the drawing it shows and changes drawing
    at 48rem; main's padding is 0.8rem below 40rem, 1.2rem above, the chart's border 1 px."""
    css = resources.files("mgcoach.web").joinpath("static/pages.css").read_text()
    for frame in FRAMES:
        assert f"aspect-ratio: {frame.width:g} / {frame.height:g}" in css
    assert "@media (min-width: 48rem)" in css and "max-width: 30rem" in css

    def drawn(frame: Frame, chart_px: float) -> float:
        return frame.font * chart_px / frame.width

    assert drawn(WIDE, 48 * 16 - 2 * 1.2 * 16 - 2) >= 11  # the narrowest wide chart
    assert drawn(NARROW, 320 - 2 * 0.8 * 16 - 2) >= 11  # the narrow one on a 320 px phone
    assert drawn(NARROW, 30 * 16) <= 19  # and at its widest, not huge
