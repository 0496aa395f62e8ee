"""Medicines: the interaction classes of ``interactions.toml`` (what magnesium and each class
of drugs do to each other, and how many hours apart) and the drugs of ``drugs.toml`` (every
name a user may give, and the magnesium in medicines that contain it)."""

from __future__ import annotations

from typing import Annotated, Literal

from .constraints import Check, Limits, Strings
from .records import Text, record
from .safety_record import SafetyRecord, Slug

Effect = Literal["absorption", "status", "additive", "none"]
Severity = Literal["major", "moderate", "minor"]

# Hours on a 24-hour daily schedule (the conflict test works modulo 24).
Hours = Annotated[float, Limits(ge=0, lt=24)]


def _lower_trimmed(name: str) -> str:
    if not name or name != name.strip() or name != name.lower():
        raise ValueError(f"name {name!r} must be lower case without surrounding spaces")
    return name


GenericName = Annotated[str, Check(_lower_trimmed)]
BrandName = Annotated[str, Strings(min_length=1, strip_whitespace=True)]


@record
class DrugClass(SafetyRecord):
    """One row of the interaction tables: what magnesium and these drugs do to each other.

    ``hours_before``: the drug must be taken at least this many hours before magnesium;
    ``hours_after``: or at least this many hours after it (see the header of interactions.toml).
    ``effect = "none"``: medicines the tables list no interaction for (no severity, no rule).
    ``contains_magnesium``: the medicines themselves contain magnesium (antacids, laxatives).
    """

    slug: Slug
    name: Text
    effect: Effect
    mechanism: Text
    action: Text
    hours_before: Hours | None = None
    hours_after: Hours | None = None
    avoid: bool = False
    severity: Severity | None = None
    severity_note: Text | None = None
    threshold_mg_per_day: Annotated[float, Limits(gt=0)] | None = None
    direction: Literal["lowers", "raises"] | None = None
    contains_magnesium: bool = False

    @property
    def timed(self) -> bool:
        return self.hours_before is not None and self.hours_after is not None

    def __post_init__(self) -> None:
        SafetyRecord.__post_init__(self)
        self._none_has_no_rule()
        self._magnesium_raises()
        self._timing_fits_effect()

    def _none_has_no_rule(self) -> None:
        if self.effect != "none":
            if self.severity is None:
                raise ValueError(f"{self.slug}: a class with an interaction needs a severity")
            return
        rule = (self.severity, self.severity_note, self.threshold_mg_per_day)
        if any(value is not None for value in rule) or self.contains_magnesium:
            raise ValueError(
                f"{self.slug}: a 'none' class has no severity, severity_note, threshold or "
                "contains_magnesium"
            )

    def _magnesium_raises(self) -> None:
        if self.contains_magnesium and (self.effect, self.direction) != ("status", "raises"):
            raise ValueError(
                f"{self.slug}: a class of medicines that contain magnesium is a status class "
                "that raises magnesium"
            )

    def _timing_fits_effect(self) -> None:
        if (self.effect == "status") != (self.direction is not None):
            raise ValueError(f"{self.slug}: status classes, and only they, need a direction")
        timed = self.hours_before is not None or self.hours_after is not None
        if self.avoid and timed:
            raise ValueError(f"{self.slug}: an 'avoid' class has no hours")
        if self.effect != "absorption" and (timed or self.avoid):
            raise ValueError(f"{self.slug}: only absorption classes carry hours or 'avoid'")
        untimed = self.hours_before is None or self.hours_after is None
        if self.effect == "absorption" and not self.avoid and untimed:
            raise ValueError(
                f"{self.slug}: an absorption class needs hours_before and hours_after "
                "(a direction the label leaves open takes the 2-h antacid default)"
            )


@record
class Drug(SafetyRecord):
    """A generic medicine (or supplement) as a user may name it, and its interaction class.

    Medicines that contain magnesium (their class has ``contains_magnesium``) carry
    ``magnesium_mg_per_dose``: the elemental magnesium in one usual dose, which counts toward
    the upper limit for supplements. It is ``dose_compound_mg`` of the compounds.toml compound
    ``dose_compound`` times that compound's elemental fraction (a test recomputes it);
    ``dose_basis`` says in words which dose that is.
    """

    slug: Slug
    drug_class: Slug
    names_en: Annotated[tuple[GenericName, ...], Limits(min_length=1)]
    names_nl: Annotated[tuple[GenericName, ...], Limits(min_length=1)]
    brand_names: tuple[BrandName, ...] = ()
    magnesium_mg_per_dose: Annotated[float, Limits(gt=0, allow_inf_nan=False)] | None = None
    dose_compound: Slug | None = None
    dose_compound_mg: Annotated[float, Limits(gt=0, allow_inf_nan=False)] | None = None
    dose_basis: Text | None = None

    def __post_init__(self) -> None:
        SafetyRecord.__post_init__(self)
        dose = (self.magnesium_mg_per_dose, self.dose_compound, self.dose_compound_mg)
        present = [value is not None for value in (*dose, self.dose_basis)]
        if any(present) and not all(present):
            raise ValueError(
                f"{self.slug}: magnesium_mg_per_dose, dose_compound, dose_compound_mg and "
                "dose_basis go together"
            )

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the drug is recognised by: English, Dutch and brand."""
        return self.names_en + self.names_nl + self.brand_names
