"""Browsing commands: the compound list, the bibliography and the worked example."""

from typing import Annotated, Any

import typer

from ..contract.common import sources_json
from ..engine.elemental import from_compound, from_label
from ..engine.profile import build_profile
from ..engine.targets import targets
from ..errors import InputError
from ..i18n import N_, _, get_language
from ..knowledge import load_knowledge
from ..knowledge.vocabulary import System
from . import views
from .output import console, fmt, new_table, plain, print_json, strong


def register_catalogue(app: typer.Typer, json_type: Any, lang_type: Any, check_lang: Any) -> None:
    @app.command(
        help=_("List the supplement compounds Mg Coach knows, with their magnesium share.")
    )
    def compounds(json_: json_type = False, lang: lang_type = None) -> None:
        check_lang(lang)
        kb = load_knowledge()
        language = get_language()
        rows = sorted(kb.compounds.values(), key=lambda c: (c.family, -c.elemental_fraction))
        if json_:
            print_json(
                {
                    "compounds": [
                        {
                            "compound": c.slug,
                            "family": c.family,
                            "name": c.name.get(language),
                            "formula": c.formula,
                            "hydrate": c.hydrate,
                            "elemental_fraction": round(c.elemental_fraction, 6),
                            "default_for_family": kb.compound_families[c.family].default_form
                            == c.slug,
                        }
                        for c in rows
                    ]
                }
            )
            return
        table = new_table("", _("Compound"), _("Formula"), _("Magnesium share"), _("Default"))
        for c in rows:
            default = "✓" if kb.compound_families[c.family].default_form == c.slug else ""
            table.add_row(
                c.name.get(language), c.formula, fmt(c.elemental_fraction * 100, 2, "%"), default
            )
        console.print(table)

    @app.command(help=_("Show the full citation of a source, or list them all."))
    def sources(
        source_id: Annotated[str | None, typer.Argument(help=_("A source id, e.g. IOM97."))] = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        kb = load_knowledge()
        ids = list(kb.sources) if source_id is None else [source_id]
        if source_id is not None and source_id not in kb.sources:
            raise InputError(N_("Unknown source {id}."), id=source_id)
        data = sources_json(kb, ids)
        if json_:
            print_json({"sources": data})
            return
        for key, value in data.items():
            url = f" {value['url']}" if value["url"] else ""
            citation = f"{value['citation']}{url}"
            console.print(f"{strong(key)} {plain(citation)}")

    @app.command(
        help=_("A worked example: targets and a supplement conversion for a sample profile.")
    )
    def example(lang: lang_type = None) -> None:
        check_lang(lang)
        kb = load_knowledge()
        console.rule(_("Example: a 45-year-old woman, 68 kg, under the US (NIH) system"))
        profile = build_profile(sex="female", age_years=45, weight_kg=68)
        views.render_targets(kb, targets(kb, System.US, profile))
        console.rule(_("Example: 500 mg magnesium citrate"))
        views.render_elemental(from_compound(kb, "magnesium citrate", 500))
        console.rule(_("Example: a label that states elemental magnesium"))
        views.render_elemental(from_label(kb, "Magnesium (as bisglycinate) 200 mg"))
        console.print(
            _(
                "Try: mgcoach targets --age 32 --sex female --pregnant --system nl, "
                "mgcoach serum 0.68 mmol/L, mgcoach energy --help"
            )
        )
