"""The MgCoachError family.

Errors are raised in the domain with an untranslated message (an English gettext msgid with
``{name}`` placeholders) and its parameters; the CLI and web edges translate and render them.

An error about an input names it: ``field`` is the input's public name, as the services take
it and the API and the CLI spell it ("amount", "time", "dose_mg", "weight_kg", "date" for
the journal day). A web form shows the error on that field (mapping a name to its own field
id where they differ); the API answers it in ``loc``. A function handed one input under
another name (a parser, a name lookup) is wrapped by its caller in ``about(name)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar


class MgCoachError(Exception):
    """Base of every error Mg Coach reports to a user."""

    code: ClassVar[str] = "error"
    exit_code: ClassVar[int] = 2
    http_status: ClassVar[int] = 400

    def __init__(
        self, message: str, *, field: str | tuple[str, ...] | None = None, **params: Any
    ) -> None:
        super().__init__(message.format(**params) if params else message)
        self.message = message
        self.params = params
        # The inputs the error is about, the one to correct first; empty when none is.
        self.fields: tuple[str, ...] = (field,) if isinstance(field, str) else field or ()


class InputError(MgCoachError, ValueError):
    """A value given by the user is invalid or impossible."""

    code = "invalid_input"


class ProfileError(InputError):
    """The described person cannot exist or has no reference values (pregnant male, age 250)."""

    code = "invalid_profile"


class UnknownCompoundError(InputError, LookupError):
    """A supplement compound name that matches nothing in the knowledge base."""

    code = "unknown_compound"
    http_status = 404


class UnknownNameError(InputError, LookupError):
    """A medicine, complaint or condition name that matches nothing in the knowledge base."""

    code = "unknown_name"
    http_status = 404


class LabelParseError(InputError):
    """A supplement label line that could not be read."""

    code = "unreadable_label"


class AmbiguousDoseError(InputError):
    """A supplement number that may be the whole compound or the magnesium itself, given
    without saying which (magnesium-facts.md §3.2: ask)."""

    code = "ambiguous_dose"


class KnowledgeError(MgCoachError):
    """A reference data file is malformed; raised at load time, never at use time."""

    code = "knowledge_invalid"
    exit_code = 70
    http_status = 500


class UnknownFoodError(InputError, LookupError):
    """A food query or id that matches nothing in the food database."""

    code = "unknown_food"
    http_status = 404


class PortionError(InputError):
    """An amount that cannot be read, or a measure the food has no weight for."""

    code = "unknown_portion"


class ImportFileError(InputError):
    """A food-data file that cannot be read: wrong format, corrupt or truncated."""

    code = "import_failed"
    exit_code = 65
    http_status = 422


@contextmanager
def about(*fields: str) -> Iterator[None]:
    """An input error raised inside is about the caller's input ``fields``: a function handed
    one input (a time, a medicine name) cannot know what its caller calls that input."""
    try:
        yield
    except InputError as error:
        error.fields = fields
        raise
