"""The public JSON contract: engine results shaped into the documented keys.

The CLI's ``--json`` and the web API both serialise through these functions, so a key is
defined once. Keys listed in the issues are a public contract: add keys, never rename or drop.

The calculators' functions below are imported on first use (``contract.targets_json``), so a
command that needs one contract module does not import the engine of every other.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .elemental import amount_json, elemental_json
    from .energy import energy_json
    from .serum import serum_json
    from .targets import targets_json

__all__ = ["amount_json", "elemental_json", "energy_json", "serum_json", "targets_json"]
_MODULES = {
    "amount_json": "elemental",
    "elemental_json": "elemental",
    "energy_json": "energy",
    "serum_json": "serum",
    "targets_json": "targets",
}


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
