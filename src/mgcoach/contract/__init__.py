"""The public JSON contract: engine results shaped into the documented keys.

The CLI's ``--json`` and the web API both serialise through these functions, so a key is
defined once. Keys listed in the issues are a public contract: add keys, never rename or drop.
"""

from .elemental import amount_json, elemental_json
from .energy import energy_json
from .serum import serum_json
from .targets import targets_json

__all__ = ["amount_json", "elemental_json", "energy_json", "serum_json", "targets_json"]
