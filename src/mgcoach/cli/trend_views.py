"""Rich rendering of a week or a trend (from its JSON, so both faces show the same numbers)."""

from __future__ import annotations

from typing import Any

from ..i18n import _
from .output import cited, console, fmt, new_table, plain, say

DIRECTIONS = {"up": "↑", "down": "↓", "steady": "→", "unknown": "?"}


def render_trend(data: dict[str, Any]) -> None:
    avg = data["averages"]
    console.print(
        _("{profile}: {start} to {end}").format(
            profile=plain(data["profile"]), start=data["from"], end=data["to"]
        ),
        style="bold",
    )
    say(
        _(
            "Logged {logged} of {days} days; magnesium on target on {on} days; "
            "average {mg} a day ({percent} % of target)."
        ),
        logged=data["days_logged"],
        days=data["days"],
        on=data["days_on_target"],
        mg=fmt(avg["magnesium_mg"], 0, "mg"),
        percent=fmt(avg["percent_of_target"], 0),
    )
    rows = data["weeks"] if data["days"] > 14 else data["daily"]
    if data["days"] > 14:
        table = new_table(
            _("Per week"), _("Week of"), _("Mg / day"), _("On target"), _("Cramps"),
            _("Soreness"), _("Sleep"),
        )  # fmt: skip
        for row in rows:
            a = row["averages"]
            table.add_row(
                row["week_of"], fmt(a["magnesium_mg"], 0, "mg"),
                f"{row['days_on_target']}/{row['days']}", str(row["cramps"]),
                fmt(a["soreness"], 1), fmt(a["sleep_hours"], 1, "h"),
            )  # fmt: skip
    else:
        table = new_table(
            _("Per day"), _("Day"), _("Magnesium"), "%", _("Cramps"), _("Soreness"), _("Sleep"),
            _("Training"),
        )  # fmt: skip
        for row in rows:
            table.add_row(
                row["date"], fmt(row["magnesium_mg"], 0, "mg"), fmt(row["percent_of_target"], 0),
                str(row["cramps"]), fmt(row["soreness"], 0), fmt(row["sleep_hours"], 1, "h"),
                fmt(row["training_minutes"], 0, "min"),
            )  # fmt: skip
    console.print(table)
    console.print(_("First half against second half:"), style="bold")
    names = {
        "magnesium_mg": _("Magnesium"), "cramps": _("Cramps per day"),
        "soreness": _("Soreness"), "sleep_hours": _("Sleep hours"),
    }  # fmt: skip
    for change in data["symptom_trends"]:
        line = (
            f"  {names[change['measure']]}: {fmt(change['first_half'], 1)} "
            f"{DIRECTIONS[change['direction']]} {fmt(change['second_half'], 1)}"
        )
        sources = ""
        if change["evidence"]:
            strength = change["evidence"]["strength"]
            line += " — " + _("evidence: {strength}").format(strength=strength)
            sources = cited(change["evidence"]["sources"])
        console.print(plain(line) + sources)
    console.print(plain(data["association"]["note"]))
