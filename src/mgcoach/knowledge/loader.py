"""Reads every data file and validates it into one knowledge base (``base.KnowledgeBase``).

All checks happen here, at load time: a malformed row, an unknown source id or an unknown
unit stops the load with the file and line named. Nothing downstream re-validates. Only a
cache miss (``cached``) imports this module, and with it pydantic (``validation``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError
from .advice import load_advice
from .base import KnowledgeBase
from .compounds import Compound, CompoundFamily
from .energy import EnergyFacts
from .intakes import IntakeRow, LimitRow, Nutrient, parse_intake_row, parse_limit_row, read_csv_rows
from .ratios import Ratio
from .safety import load_safety
from .serum import SerumFacts
from .sources import index_sources
from .stages import LifeStage, PhytateLevels, SystemInfo
from .validation import ValidationError, validate


def _toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise KnowledgeError("Cannot read {path}: {error}", path=path.name, error=error) from error


def _array(path: Path, table: str, raw: Mapping[str, object] | None = None) -> list[object]:
    """The ``[[table]]`` entries of ``path`` (read unless ``raw`` is given)."""
    items = (_toml(path) if raw is None else raw).get(table)
    if not isinstance(items, list):
        raise KnowledgeError("{path}: no [[{table}]] entries", path=path.name, table=table)
    return items


def _validated(path: Path, build: Callable[[Any], Any], items: list[object]) -> list[Any]:
    records = []
    for index, item in enumerate(items):
        try:
            records.append(build(item))
        except (ValidationError, ValueError) as error:
            raise KnowledgeError(
                "{path}, entry {index}: {error}", path=path.name, index=index + 1, error=error
            ) from error
    return records


def _single(path: Path, model: type[Any], rename: dict[str, str]) -> Any:
    raw = {rename.get(key, key): value for key, value in _toml(path).items()}
    try:
        return validate(model, raw)
    except ValidationError as error:
        raise KnowledgeError("{path}: {error}", path=path.name, error=error) from error


def _load_intakes(data_dir: Path, nutrients: Mapping[str, Nutrient]) -> list[IntakeRow]:
    rows: list[IntakeRow] = []
    for path in sorted((data_dir / "intakes").glob("*.csv")):
        if path.stem not in nutrients:
            raise KnowledgeError("{path}: no such nutrient in nutrients.toml", path=path.name)
        for line, raw in read_csv_rows(path):
            try:
                rows.append(parse_intake_row(path.stem, line, raw))
            except (ValidationError, ValueError) as error:
                raise KnowledgeError(
                    "{path}, line {line}: {error}", path=path.name, line=line, error=error
                ) from error
    return rows


def _load_limits(data_dir: Path, nutrients: Mapping[str, Nutrient]) -> list[LimitRow]:
    rows: list[LimitRow] = []
    path = data_dir / "upper_limits.csv"
    for line, raw in read_csv_rows(path):
        try:
            row = parse_limit_row(line, raw)
        except (ValidationError, ValueError) as error:
            raise KnowledgeError(
                "{path}, line {line}: {error}", path=path.name, line=line, error=error
            ) from error
        if row.nutrient not in nutrients:
            raise KnowledgeError(
                "{path}, line {line}: unknown nutrient {nutrient}",
                path=path.name,
                line=line,
                nutrient=row.nutrient,
            )
        rows.append(row)
    return rows


def _load_compounds(data_dir: Path) -> tuple[dict[str, CompoundFamily], dict[str, Compound]]:
    path = data_dir / "compounds.toml"
    raw = _toml(path)
    families: dict[str, CompoundFamily] = {
        f.slug: f
        for f in _validated(path, partial(validate, CompoundFamily), _array(path, "family", raw))
    }
    compounds: dict[str, Compound] = {
        c.slug: c
        for c in _validated(path, partial(validate, Compound), _array(path, "compound", raw))
    }
    for compound in compounds.values():
        if compound.family not in families:
            raise KnowledgeError(
                "{path}: {slug} names unknown family {family}",
                path=path.name,
                slug=compound.slug,
                family=compound.family,
            )
    for family in families.values():
        if compounds.get(family.default_form) is None:
            raise KnowledgeError(
                "{path}: family {slug} has unknown default form {form}",
                path=path.name,
                slug=family.slug,
                form=family.default_form,
            )
    return families, compounds


def _check_sources(base: KnowledgeBase) -> None:
    for label, record in base.cited():
        unknown = [source for source in record.sources if source not in base.sources]
        if unknown:
            raise KnowledgeError(
                "{label} cites unknown source(s) {unknown}", label=label, unknown=unknown
            )


def _check_families(base: KnowledgeBase) -> None:
    for condition in base.safety.conditions.values():
        for family in condition.contraindicated_families:
            if family not in base.compound_families:
                raise KnowledgeError(
                    "conditions.toml: {slug} names unknown compound family {family}",
                    slug=condition.slug,
                    family=family,
                )


def _check_ratios(base: KnowledgeBase) -> None:
    for ratio in base.ratios.values():
        for slug in (ratio.numerator, ratio.denominator):
            if slug not in base.nutrients:
                raise KnowledgeError(
                    "ratios.toml: {key} names unknown nutrient {slug}", key=ratio.key, slug=slug
                )


def _check_advice(base: KnowledgeBase) -> None:
    advice, safety = base.advice, base.safety
    known = {
        "family": set(base.compound_families),
        "symptom": set(safety.symptoms),
        "claim": set(safety.claims),
        "condition": set(safety.conditions) | set(safety.risk_factors),
    }
    wanted: list[tuple[str, str, str]] = []
    for need in advice.form_needs.values():
        wanted += [("family", f, need.slug) for f in need.families + need.avoid_families]
        wanted += [("claim", c, need.slug) for c in need.claims]
    for concern in advice.concerns.values():
        wanted += [("claim", c, concern.slug) for c in concern.claims]
        if concern.symptom is not None:
            wanted.append(("symptom", concern.symptom, concern.slug))
    wanted += [("condition", entry.condition, "condition_name") for entry in advice.condition_names]
    for kind, slug, owner in wanted:
        if slug not in known[kind]:
            raise KnowledgeError(
                "advice.toml: {owner} names unknown {kind} {slug}",
                owner=owner,
                kind=kind,
                slug=slug,
            )


def read_knowledge(data_dir: Path) -> KnowledgeBase:
    """Read and validate the knowledge base in ``data_dir``."""
    sources = index_sources(_array(data_dir / "sources.toml", "source"))
    nutrient_list = _validated(
        data_dir / "nutrients.toml",
        partial(validate, Nutrient),
        _array(data_dir / "nutrients.toml", "nutrient"),
    )
    nutrients = {nutrient.slug: nutrient for nutrient in nutrient_list}
    compound_families, compounds = _load_compounds(data_dir)
    base = KnowledgeBase(
        sources=sources,
        nutrients=nutrients,
        systems=tuple(
            _validated(
                data_dir / "systems.toml",
                partial(validate, SystemInfo),
                _array(data_dir / "systems.toml", "system"),
            )
        ),
        life_stages=tuple(
            _validated(
                data_dir / "life_stages.toml",
                LifeStage.from_toml,
                _array(data_dir / "life_stages.toml", "stage"),
            )
        ),
        phytate=tuple(
            _validated(
                data_dir / "phytate.toml",
                partial(validate, PhytateLevels),
                _array(data_dir / "phytate.toml", "level_set"),
            )
        ),
        intakes=tuple(_load_intakes(data_dir, nutrients)),
        limits=tuple(_load_limits(data_dir, nutrients)),
        compound_families=compound_families,
        compounds=compounds,
        serum=_single(
            data_dir / "serum.toml", SerumFacts, {"unit": "units", "band": "bands", "note": "notes"}
        ),
        energy=_single(data_dir / "energy.toml", EnergyFacts, {}),
        safety=load_safety(data_dir),
        advice=load_advice(data_dir),
        ratios={
            ratio.key: ratio
            for ratio in _validated(
                data_dir / "ratios.toml",
                partial(validate, Ratio),
                _array(data_dir / "ratios.toml", "ratio"),
            )
        },
    )
    _check_sources(base)
    _check_families(base)
    _check_advice(base)
    _check_ratios(base)
    return base
