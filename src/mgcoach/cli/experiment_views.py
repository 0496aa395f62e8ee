"""How `mgcoach experiment` shows an experiment to people (the JSON is contract/experiment.py):
the design and its schedule as dates, the periods, adherence, and the verdict."""

from __future__ import annotations

from ..contract.experiment import ExperimentAnswer
from ..i18n import _
from .output import console, fmt, new_table, say, sources_line


def _arm(arm: str | None) -> str:
    if arm == "on":
        return _("on magnesium")
    if arm == "off":
        return _("no magnesium")
    return "—"


def render_design(answer: ExperimentAnswer) -> None:
    design = answer["design"]
    say(
        _("{outcome}: {start} to {end}, {pairs} pairs of {period} days."),
        outcome=answer["outcome"]["name"],
        start=design["start"],
        end=design["end"],
        pairs=design["pairs"],
        period=design["period_days"],
    )
    say(
        _(
            "On magnesium: {dose} of elemental magnesium a day as {form}. The first {washout} "
            "days of each period are not analysed (wash-out)."
        ),
        dose=fmt(design["dose_mg"], 0, "mg"),
        form=design["form_name"],
        washout=design["washout_days"],
    )
    say(
        _(
            "The chance that this design finds a true difference of one standard deviation "
            "of your daily answers: about {power} %."
        ),
        power=round(100 * design["power"]),
    )
    say("{text}", text=design["blinding"])
    say(
        _("Check in every evening at about {time}: {question}"),
        time=design["reminder"],
        question=answer["outcome"]["question"],
    )


def render_periods(answer: ExperimentAnswer) -> None:
    table = new_table(
        _("Periods"), _("Period"), _("Dates"), _("Arm"), _("Answers"), _("Mean"), _("Dose taken")
    )
    for period in answer["periods"]:
        table.add_row(
            str(period["index"] + 1),
            f"{period['start']} – {period['end']}",
            _arm(period["arm"]),
            str(period["answered"]),
            fmt(period["mean"], 1),
            str(period["taken"]),
        )
    console.print(table)


def render_experiment(answer: ExperimentAnswer, *, result: bool) -> None:
    """The design (and its schedule) first, or the result first when ``result``."""
    verdict = answer["verdict"]
    if not result:
        render_design(answer)
    render_periods(answer)
    adherence = answer["adherence"]
    say(
        _("Checked in on {checked} of {days} days; days missing: {missing}."),
        checked=adherence["checked"],
        days=adherence["days"],
        missing=adherence["missing"],
    )
    today = answer["today"]
    if answer["status"] == "running" and today["period"] is not None:
        say(
            _("Today: period {period}, {arm}; checked in: {done}."),
            period=today["period"] + 1,
            arm=_arm(today["arm"]),
            done=_("yes") if today["checked_in"] else _("no"),
        )
    for sentence in verdict["sentences"]:
        say("{text}", text=sentence["text"])
    if result:
        render_design(answer)
    sources_line(answer["sources"])


def render_checkin(answer: ExperimentAnswer, day: str, value: float, taken: bool) -> None:
    """A check-in's short answer: what was saved, today's period and the adherence so far;
    the verdict's sentences only when the experiment is no longer running (a safety stop)."""
    say(
        _("Saved for {day}: {value} {unit}; dose taken: {taken}."),
        day=day,
        value=fmt(value, 0),
        unit=answer["outcome"]["unit"],
        taken=_("yes") if taken else _("no"),
    )
    today = answer["today"]
    if answer["status"] == "running" and today["period"] is not None:
        say(
            _("Today: period {period}, {arm}; checked in: {done}."),
            period=today["period"] + 1,
            arm=_arm(today["arm"]),
            done=_("yes") if today["checked_in"] else _("no"),
        )
    adherence = answer["adherence"]
    say(
        _("Checked in on {checked} of {days} days; days missing: {missing}."),
        checked=adherence["checked"],
        days=adherence["days"],
        missing=adherence["missing"],
    )
    if answer["status"] != "running":
        for sentence in answer["verdict"]["sentences"]:
            say("{text}", text=sentence["text"])
