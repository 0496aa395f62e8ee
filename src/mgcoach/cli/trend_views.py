"""Rich rendering of a week or a trend (from its JSON, so both faces show the same numbers and
the same words)."""

from __future__ import annotations

from ..contract.trend import ChangeJson, TrendAnswer
from ..i18n import _, counted
from .output import cited, console, fmt, new_table, plain, say


def change_line(change: ChangeJson) -> str:
    """ "Cramps per day: went down (1.50 → 0.60)", or why there is no direction yet."""
    if change["direction"] == "not_enough_data":
        detail = change["too_few_days"]
    else:
        digits = change["digits"]
        detail = f"{fmt(change['first_half'], digits)} → {fmt(change['second_half'], digits)}"
    return f"{change['name']}: {change['direction_text']} ({detail})"


def _table(data: TrendAnswer) -> None:
    if data["days"] > 14:
        table = new_table(
            _("Per week"), _("Week of"), _("Mg / day"), _("On target"), _("Cramps"),
            _("Cramps per day"), _("Soreness"), _("Sleep"),
        )  # fmt: skip
        for row in data["weeks"]:
            a = row["averages"]
            table.add_row(
                row["week_of"], fmt(a["magnesium_mg"], 0, "mg"),
                f"{row['days_on_target']}/{row['days']}", str(row["cramps"]),
                fmt(a["cramps_per_day"], 2), fmt(a["soreness"], 1), fmt(a["sleep_hours"], 1, "h"),
            )  # fmt: skip
    else:
        table = new_table(
            _("Per day"), _("Day"), _("Magnesium"), "%", _("Cramps"), _("Soreness"), _("Sleep"),
            _("Training"),
        )  # fmt: skip
        for day in data["daily"]:
            table.add_row(
                day["date"], fmt(day["magnesium_mg"], 0, "mg"), fmt(day["percent_of_target"], 0),
                fmt(day["cramps"]), fmt(day["soreness"], 0), fmt(day["sleep_hours"], 1, "h"),
                fmt(day["training_minutes"], 0, "min"),
            )  # fmt: skip
    console.print(table)


def render_trend(data: TrendAnswer) -> None:
    avg = data["averages"]
    console.print(
        _("{profile}: {start} to {end}").format(
            profile=plain(data["profile"]), start=data["from"], end=data["to"]
        ),
        style="bold",
    )
    say(
        _(
            "Food logged on {logged} of {days}; magnesium on target on {on}; average {mg} a day "
            "({percent} % of target)."
        ),
        logged=data["days_logged"],
        days=counted("{count} day", "{count} days", data["days"]),
        on=counted("{count} day", "{count} days", data["days_on_target"]),
        mg=fmt(avg["magnesium_mg"], 0, "mg"),
        percent=fmt(avg["percent_of_target"], 0),
    )
    say(
        _("Anything logged on {days}; cramps {cramps} a day on those days."),
        days=counted("{count} day", "{count} days", data["days_with_entries"]),
        cramps=fmt(avg["cramps_per_day"], 2),
    )
    console.print(plain(data["rule"]["days"]), style="dim")
    _table(data)
    console.print(_("Earlier half against later half:"), style="bold")
    for change in data["symptom_trends"]:
        line, sources = "  " + change_line(change), ""
        if change["evidence"]:
            line += " — " + _("evidence: {strength}").format(
                strength=change["evidence"]["strength_text"]
            )
            sources = cited(change["evidence"]["sources"])
        console.print(plain(line) + sources)
    console.print(plain(data["rule"]["change"]) + cited(data["rule"]["sources"]), style="dim")
    assoc = data["association"]
    if assoc["too_few_days"]:
        console.print(plain(assoc["too_few_days"]))
    else:
        say(
            _("Cramps per day on days on target: {on}; on days below it: {below}."),
            on=fmt(assoc["cramps_per_day_on_target"], 2),
            below=fmt(assoc["cramps_per_day_below_target"], 2),
        )
    console.print(plain(assoc["note"]))
