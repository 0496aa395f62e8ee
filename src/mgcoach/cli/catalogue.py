"""Browsing commands: the compound list, the bibliography and the worked example.

No ``from __future__ import annotations``: Typer reads the option types at run time.
"""

from typing import Annotated

import typer

from ..i18n import N_
from .root import Json, Lang, app, check_lang


@app.command(help=N_("List the supplement compounds Mg Coach knows, with their magnesium share."))
def compounds(json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..i18n import _, get_language
    from ..knowledge import load_knowledge
    from .output import console, emit, fmt, new_table

    kb = load_knowledge()
    language = get_language()
    rows = sorted(kb.compounds.values(), key=lambda c: (c.family, -c.elemental_fraction))

    def default(slug: str, family: str) -> bool:
        return kb.compound_families[family].default_form == slug

    data = {
        "compounds": [
            {
                "compound": c.slug,
                "family": c.family,
                "name": c.name.get(language),
                "formula": c.formula,
                "hydrate": c.hydrate,
                "elemental_fraction": round(c.elemental_fraction, 6),
                "default_for_family": default(c.slug, c.family),
            }
            for c in rows
        ]
    }

    def render() -> None:
        table = new_table("", _("Compound"), _("Formula"), _("Magnesium share"), _("Default"))
        for c in rows:
            table.add_row(
                c.name.get(language),
                c.formula,
                fmt(c.elemental_fraction * 100, 2, "%"),
                "✓" if default(c.slug, c.family) else "",
            )
        console.print(table)

    emit(data, json_, render)


@app.command(help=N_("Show the full citation of a source, or list them all."))
def sources(
    source_id: Annotated[str | None, typer.Argument(help=N_("A source id, e.g. IOM97."))] = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract.common import sources_json
    from ..errors import InputError
    from ..knowledge import load_knowledge
    from .output import console, emit, plain, strong

    kb = load_knowledge()
    ids = list(kb.sources) if source_id is None else [source_id]
    if source_id is not None and source_id not in kb.sources:
        raise InputError(N_("Unknown source {id}."), id=source_id)
    data = sources_json(kb, ids)

    def render() -> None:
        for key, value in data.items():
            url = f" {value['url']}" if value["url"] else ""
            citation = f"{value['citation']}{url}"
            console.print(f"{strong(key)} {plain(citation)}")

    emit({"sources": data}, json_, render)


@app.command(help=N_("A worked example: targets and a supplement conversion for a sample profile."))
def example(lang: Lang = None) -> None:
    check_lang(lang)
    from ..engine.elemental import from_compound, from_label
    from ..engine.profile import build_profile
    from ..engine.targets import targets
    from ..i18n import _
    from ..knowledge import load_knowledge
    from ..knowledge.vocabulary import System
    from . import views
    from .output import console

    kb = load_knowledge()
    console.rule(_("Example: a 45-year-old woman, 68 kg, under the US (NIH) system"))
    profile = build_profile(sex="female", age_years=45, weight_kg=68.0)
    views.render_targets(kb, targets(kb, System.US, profile))
    console.rule(_("Example: 500 mg magnesium citrate"))
    views.render_elemental(from_compound(kb, "magnesium citrate", 500.0))
    console.rule(_("Example: a label that states elemental magnesium"))
    views.render_elemental(from_label(kb, "Magnesium (as bisglycinate) 200 mg"))
    console.print(
        _(
            "Try: mgcoach targets --age 32 --sex female --pregnant --system nl, "
            "mgcoach serum 0.68 mmol/L, mgcoach energy --help"
        )
    )
