"""Cronometer and MyFitnessPal exports as bytes, built the way the apps write them: the real
column names in export order, Cronometer's "1.00 cup - 81g" amounts and 12-hour times, an
optional UTF-8 BOM and CRLF line ends, µ (U+00B5), μ (U+03BC) or "mcg" in the units.

The nutrient values are USDA-like per portion; the magnesium of each sample day is known:
2024-03-05 oats 112.6 + almonds 80.4 = 193.0 mg; 2024-03-06 milk 26.8 + banana 31.9 = 58.7 mg
of food and a 200 mg supplement; 2024-03-13 spinach 156.6 + almonds twice 160.8 = 317.4 mg.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

# Cronometer's nutrient columns in export order ("µ" is replaced as the ``micro`` option says).
CRONOMETER_NUTRIENTS = (
    "Energy (kcal)",
    "Alcohol (g)",
    "Caffeine (mg)",
    "Water (g)",
    "B1 (Thiamine) (mg)",
    "B2 (Riboflavin) (mg)",
    "B3 (Niacin) (mg)",
    "B5 (Pantothenic Acid) (mg)",
    "B6 (Pyridoxine) (mg)",
    "B12 (Cobalamin) (µg)",
    "Folate (µg)",
    "Vitamin A (µg)",
    "Vitamin C (mg)",
    "Vitamin D (IU)",
    "Vitamin E (mg)",
    "Vitamin K (µg)",
    "Calcium (mg)",
    "Copper (mg)",
    "Iron (mg)",
    "Magnesium (mg)",
    "Manganese (mg)",
    "Phosphorus (mg)",
    "Potassium (mg)",
    "Selenium (µg)",
    "Sodium (mg)",
    "Zinc (mg)",
    "Carbs (g)",
    "Fiber (g)",
    "Starch (g)",
    "Sugars (g)",
    "Net Carbs (g)",
    "Fat (g)",
    "Cholesterol (mg)",
    "Monounsaturated (g)",
    "Polyunsaturated (g)",
    "Saturated (g)",
    "Trans-Fats (g)",
    "Omega-3 (g)",
    "Omega-6 (g)",
    "Protein (g)",
)
# Our key -> the Cronometer column that holds it.
CRONOMETER_KEYS = {
    "energy_kcal": "Energy (kcal)",
    "water_g": "Water (g)",
    "vitamin_d_ug": "Vitamin D (IU)",
    "calcium_mg": "Calcium (mg)",
    "iron_mg": "Iron (mg)",
    "magnesium_mg": "Magnesium (mg)",
    "phosphorus_mg": "Phosphorus (mg)",
    "potassium_mg": "Potassium (mg)",
    "sodium_mg": "Sodium (mg)",
    "zinc_mg": "Zinc (mg)",
    "carbohydrate_g": "Carbs (g)",
    "fibre_g": "Fiber (g)",
    "fat_g": "Fat (g)",
    "protein_g": "Protein (g)",
}
MFP_HEADER = [
    "Date", "Meal", "Calories", "Fat (g)", "Saturated Fat", "Polyunsaturated Fat",
    "Monounsaturated Fat", "Trans Fat", "Cholesterol", "Sodium (mg)", "Potassium",
    "Carbohydrates (g)", "Fiber", "Sugar", "Protein (g)", "Vitamin A", "Vitamin C", "Calcium",
    "Iron", "Note",
]  # fmt: skip


@dataclass(frozen=True)
class Serving:
    """One servings.csv row; ``values`` in our units (vitamin D in µg), absent -> blank."""

    day: date
    time: int | None
    group: str
    name: str
    amount: str
    category: str
    values: Mapping[str, float] = field(default_factory=dict)


def _portion(**values: float) -> dict[str, float]:
    return values


OATS = _portion(
    energy_kcal=307.8, protein_g=10.7, carbohydrate_g=54.8, fibre_g=8.2, fat_g=5.3, water_g=7.0,
    magnesium_mg=112.6, calcium_mg=42.1, iron_mg=3.4, potassium_mg=294.0, sodium_mg=4.9,
    zinc_mg=2.9, phosphorus_mg=333.7, vitamin_d_ug=0.0,
)  # fmt: skip
ALMONDS = _portion(
    energy_kcal=173.7, protein_g=6.4, carbohydrate_g=6.5, fibre_g=3.8, fat_g=15.0, water_g=1.3,
    magnesium_mg=80.4, calcium_mg=80.7, iron_mg=1.1, potassium_mg=219.9, sodium_mg=0.3,
    zinc_mg=0.9, phosphorus_mg=144.3, vitamin_d_ug=0.0,
)  # fmt: skip
MILK = _portion(
    energy_kcal=122.0, protein_g=8.1, carbohydrate_g=11.7, fibre_g=0.0, fat_g=4.8, water_g=218.0,
    magnesium_mg=26.8, calcium_mg=292.8, iron_mg=0.0, potassium_mg=341.6, sodium_mg=114.7,
    zinc_mg=1.2, phosphorus_mg=229.4, vitamin_d_ug=3.0,
)  # fmt: skip
BANANA = _portion(
    energy_kcal=105.0, protein_g=1.3, carbohydrate_g=27.0, fibre_g=3.1, fat_g=0.4, water_g=88.4,
    magnesium_mg=31.9, calcium_mg=5.9, iron_mg=0.3, potassium_mg=422.4, sodium_mg=1.2,
    zinc_mg=0.2, phosphorus_mg=26.0, vitamin_d_ug=0.0,
)  # fmt: skip
SPINACH = _portion(
    energy_kcal=41.4, protein_g=5.3, carbohydrate_g=6.8, fibre_g=4.3, fat_g=0.5, water_g=164.1,
    magnesium_mg=156.6, calcium_mg=244.8, iron_mg=6.4, potassium_mg=838.8, sodium_mg=126.0,
    zinc_mg=1.4, phosphorus_mg=100.8, vitamin_d_ug=0.0,
)  # fmt: skip
GLYCINATE = _portion(magnesium_mg=200.0)

MAR_5, MAR_6 = date(2024, 3, 5), date(2024, 3, 6)
MAR_13, MAR_14 = date(2024, 3, 13), date(2024, 3, 14)
SUPPLEMENTS = "Supplements"
SERVINGS = (
    Serving(MAR_5, 8 * 60 + 5, "Breakfast", "Oats, rolled", "1.00 cup - 81g",
            "Breakfast Cereals", OATS),
    Serving(MAR_5, 15 * 60 + 30, "Snacks", "Almonds", "30.00 g", "Nuts and Seeds", ALMONDS),
    Serving(MAR_6, 7 * 60 + 45, "Breakfast", "Milk, 2% fat", "1.00 cup - 244g",
            "Dairy and Egg Products", MILK),
    Serving(MAR_6, 12 * 60 + 30, "Lunch", "Banana, raw", "1 medium - 118g",
            "Fruits and Fruit Juices", BANANA),
    Serving(MAR_6, 21 * 60, "Uncategorized", "Magnesium Glycinate", "2.00 tablet", SUPPLEMENTS,
            GLYCINATE),
    Serving(MAR_13, None, "Dinner", "Spinach, cooked", "1.00 cup - 180g", "Vegetables", SPINACH),
    Serving(MAR_13, 10, "Snacks", "Almonds", "30.00 g", "Nuts and Seeds", ALMONDS),
    Serving(MAR_13, 10, "Snacks", "Almonds", "30.00 g", "Nuts and Seeds", ALMONDS),
)  # fmt: skip
# The magnesium each sample day holds, supplements included (what Cronometer's daily total says).
DAY_MAGNESIUM = {MAR_5: 193.0, MAR_6: 258.7, MAR_13: 317.4}


@dataclass(frozen=True)
class DayTotal:
    """One dailysummary.csv row; ``values`` in our units."""

    day: date
    values: Mapping[str, float]
    completed: bool = True


def day_totals(servings: Sequence[Serving] = SERVINGS) -> list[DayTotal]:
    """Cronometer's daily totals of ``servings``: every key summed per day, supplements too."""
    sums: dict[date, dict[str, float]] = {}
    for serving in servings:
        day = sums.setdefault(serving.day, {})
        for key, value in serving.values.items():
            day[key] = round(day.get(key, 0.0) + value, 2)
    return [DayTotal(day, values) for day, values in sums.items()]


# The sample days, plus one with no servings, 250 mg magnesium, not marked completed.
DAYS = (
    *day_totals(),
    DayTotal(MAR_14, {**BANANA, "magnesium_mg": 250.0, "energy_kcal": 1850.0}, completed=False),
)


def format_day(day: date, style: str) -> str:
    """``iso`` 2024-03-05, ``us`` 03/05/2024, ``us_short`` 3/5/2024, ``day_first`` 05/03/2024."""
    if style == "iso":
        return day.isoformat()
    if style == "us":
        return f"{day.month:02d}/{day.day:02d}/{day.year}"
    if style == "us_short":
        return f"{day.month}/{day.day}/{day.year}"
    if style == "day_first":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    raise ValueError(style)


def format_time(minutes: int | None, twelve_hour: bool = True) -> str:
    """Cronometer's ``8:05 AM`` (``12:10 AM`` ten past midnight) or ``08:05``."""
    if minutes is None:
        return ""
    hour, minute = divmod(minutes, 60)
    if not twelve_hour:
        return f"{hour:02d}:{minute:02d}"
    return f"{(hour % 12) or 12}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


def _nutrient_header(micro: str, vitamin_d: str, drop: Sequence[str]) -> list[str]:
    names = []
    for name in CRONOMETER_NUTRIENTS:
        if name == "Vitamin D (IU)" and vitamin_d == "ug":
            name = "Vitamin D (µg)"
        if name in drop:
            continue
        names.append(name.replace("µg", "mcg") if micro == "mcg" else name.replace("µ", micro))
    return names


def _nutrient_cells(
    values: Mapping[str, float], header: Sequence[str], vitamin_d: str, seed: int
) -> list[str]:
    by_column = {CRONOMETER_KEYS[key]: value for key, value in values.items()}
    cells = []
    for index, name in enumerate(header):
        if name.startswith("Vitamin D"):
            value = by_column.get("Vitamin D (IU)")
            if value is not None and vitamin_d == "IU":
                value *= 40
            cells.append("" if value is None else f"{value:.2f}")
        elif name in by_column:
            cells.append(f"{by_column[name]:.2f}")
        elif name in CRONOMETER_KEYS.values():
            cells.append("")  # a nutrient the food has no value for: Cronometer leaves it blank
        else:  # the columns we do not read: any plausible number
            cells.append(f"{(seed * 7 + index) % 10 * 0.11:.2f}")
    return cells


def servings_csv(
    servings: Sequence[Serving] = SERVINGS,
    *,
    bom: bool = False,
    crlf: bool = False,
    dates: str = "iso",
    twelve_hour: bool = True,
    nutrients: bool = True,
    drop: Sequence[str] = (),
    micro: str = "µ",
    vitamin_d: str = "IU",
    encoding: str = "utf-8",
    inserts: Mapping[int, str] | None = None,
) -> bytes:
    """A Cronometer servings.csv. ``nutrients=False`` is the newer export with no nutrient
    columns; ``drop`` leaves out columns; ``inserts`` puts raw lines at those line numbers."""
    columns = _nutrient_header(micro, vitamin_d, drop) if nutrients else []
    plain = _nutrient_header("µ", vitamin_d, drop) if nutrients else []
    header = ["Day", "Time", "Group", "Food Name", "Amount", *columns, "Category"]
    rows = [
        [
            format_day(s.day, dates),
            format_time(s.time, twelve_hour),
            s.group,
            s.name,
            s.amount,
            *_nutrient_cells(s.values, plain, vitamin_d, seed),
            s.category,
        ]
        for seed, s in enumerate(servings)
    ]
    return render(header, rows, bom=bom, crlf=crlf, encoding=encoding, inserts=inserts)


def daily_csv(
    days: Sequence[DayTotal] = DAYS,
    *,
    bom: bool = False,
    crlf: bool = False,
    dates: str = "iso",
    drop: Sequence[str] = (),
    micro: str = "µ",
    vitamin_d: str = "IU",
    inserts: Mapping[int, str] | None = None,
) -> bytes:
    """A Cronometer dailysummary.csv: one row per day, then ``Completed``."""
    columns = _nutrient_header(micro, vitamin_d, drop)
    header = ["Date", *columns, "Completed"]
    plain = _nutrient_header("µ", vitamin_d, drop)
    rows = [
        [
            format_day(d.day, dates),
            *_nutrient_cells(d.values, plain, vitamin_d, seed),
            "true" if d.completed else "false",
        ]
        for seed, d in enumerate(days)
    ]
    return render(header, rows, bom=bom, crlf=crlf, inserts=inserts)


@dataclass(frozen=True)
class MealRow:
    """One MyFitnessPal Nutrition Summary row: values by column name (blank when absent)."""

    day: date
    meal: str
    values: Mapping[str, float]
    note: str = ""


MFP_MEALS = (
    MealRow(MAR_5, "Breakfast", {"Calories": 412, "Fat (g)": 9.1, "Sodium (mg)": 120,
            "Potassium": 530, "Carbohydrates (g)": 68.2, "Fiber": 9.5, "Protein (g)": 17.4,
            "Calcium": 25, "Iron": 10}),
    MealRow(MAR_5, "Lunch", {"Calories": 655, "Fat (g)": 22.0, "Sodium (mg)": 1340,
            "Potassium": 880, "Carbohydrates (g)": 71.0, "Fiber": 6.0, "Protein (g)": 41.0,
            "Calcium": 18, "Iron": 22}, note="busy day, ate at desk"),
    MealRow(MAR_6, "Dinner", {"Calories": 720, "Fat (g)": 30.5, "Sodium (mg)": 960,
            "Potassium": 1010, "Carbohydrates (g)": 64.0, "Fiber": 8.0, "Protein (g)": 48.0,
            "Calcium": 12, "Iron": 30}),
    MealRow(MAR_6, "Snacks", {"Calories": 174, "Fat (g)": 15.0, "Sodium (mg)": 0,
            "Potassium": 220, "Carbohydrates (g)": 6.5, "Fiber": 3.8, "Protein (g)": 6.4}),
)  # fmt: skip


def mfp_csv(
    meals: Sequence[MealRow] = MFP_MEALS,
    *,
    bom: bool = False,
    crlf: bool = False,
    dates: str = "iso",
    percent_sign: bool = False,
    drop: Sequence[str] = (),
    inserts: Mapping[int, str] | None = None,
) -> bytes:
    """A MyFitnessPal Nutrition Summary export (File-Export-... .csv)."""
    header = [name for name in MFP_HEADER if name not in drop]
    rows = []
    for meal in meals:
        row = []
        for name in header:
            if name == "Date":
                row.append(format_day(meal.day, dates))
            elif name == "Meal":
                row.append(meal.meal)
            elif name == "Note":
                row.append(meal.note)
            elif name in meal.values:
                value = f"{meal.values[name]:g}"
                row.append(value + "%" if percent_sign and name in ("Calcium", "Iron") else value)
            else:
                row.append("0")
        rows.append(row)
    return render(header, rows, bom=bom, crlf=crlf, inserts=inserts)


def render(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    bom: bool = False,
    crlf: bool = False,
    encoding: str = "utf-8",
    inserts: Mapping[int, str] | None = None,
) -> bytes:
    """The CSV bytes; ``inserts`` maps a 1-based line number to a raw line placed there."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    lines = buffer.getvalue().splitlines()
    for number, text in sorted((inserts or {}).items()):
        lines.insert(number - 1, text)
    end = "\r\n" if crlf else "\n"
    data = (end.join(lines) + end).encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data
