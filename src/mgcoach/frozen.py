"""Frozen records made about four times faster than ``dataclass(frozen=True)`` makes them.

On Python 3.11 a frozen dataclass compiles six generated methods, each with its own ``exec``,
and the command line makes well over a hundred of them before it does anything (issue 19).
``frozen`` lets ``dataclasses`` register the fields (so ``fields``, ``replace``, ``asdict`` and
pydantic's dataclass validation work as before), compiles only ``__init__``, and shares one
generic ``__eq__``, ``__hash__``, ``__repr__``, ``__setattr__``, ``__delattr__`` and pickling
pair between every record. The records behave as frozen dataclasses do (``tests/test_frozen.py``
checks each against its dataclass twin), except that ``__dataclass_params__.frozen`` is false, so
a record and a stdlib frozen dataclass cannot inherit from each other.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")

_COMPARED = "__frozen_compared__"
_HASHED = "__frozen_hashed__"
_SHOWN = "__frozen_shown__"
_FIELDS = "__frozen_fields__"
# What a dataclass signature shows as the default of a field made by a factory.
_FACTORY: Any = getattr(dataclasses, "_HAS_DEFAULT_FACTORY")  # noqa: B009 - private, untyped
_INITVAR: Any = getattr(dataclasses, "_FIELD_INITVAR")  # noqa: B009


def _set(self: object, name: str, value: object) -> None:
    cls = type(self)
    if _FIELDS in cls.__dict__ or name in getattr(cls, _FIELDS):
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)


def _delete(self: object, name: str) -> None:
    cls = type(self)
    if _FIELDS in cls.__dict__ or name in getattr(cls, _FIELDS):
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
    object.__delattr__(self, name)


def _eq(self: object, other: object) -> object:
    if other.__class__ is not self.__class__:
        return NotImplemented
    key = self.__frozen_compared__  # type: ignore[attr-defined]
    return bool(key(self) == key(other))


def _hash(self: object) -> int:
    return hash(self.__frozen_hashed__(self))  # type: ignore[attr-defined]


def _key(names: tuple[str, ...]) -> Callable[[object], tuple[object, ...]]:
    """A function giving the tuple of the ``names`` attributes, as a dataclass compares them.

    Never a method: ``__eq__`` and ``__hash__`` read it from the instance.
    """
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return staticmethod(lambda obj: (one(obj),))
    return staticmethod(lambda obj: ())


def _repr(self: object) -> str:
    shown = ", ".join([f"{n}={getattr(self, n)!r}" for n in getattr(self, _SHOWN)])
    return f"{self.__class__.__qualname__}({shown})"


def _getstate(self: object) -> list[object]:
    return [getattr(self, n) for n in getattr(self, _FIELDS)]


def _setstate(self: object, state: list[object]) -> None:
    for name, value in zip(getattr(self, _FIELDS), state, strict=False):
        object.__setattr__(self, name, value)


def _check_bases(cls: type) -> None:
    for base in cls.__mro__[1:]:
        params = base.__dict__.get("__dataclass_params__")
        if params is not None and not params.frozen and _FIELDS not in base.__dict__:
            raise TypeError("cannot inherit frozen dataclass from a non-frozen one")


def _init_source(
    cls: type, made_fields: tuple[dataclasses.Field[Any], ...]
) -> tuple[str, dict[str, Any]]:
    """The source of ``cls.__init__`` and the globals it reads (defaults, factories)."""
    names: dict[str, Any] = {"__set__": object.__setattr__, "__factory__": _FACTORY}
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    seen_default = False
    for f in made_fields:
        dflt = f"__dflt_{f.name}__"
        if f.default_factory is not dataclasses.MISSING:
            names[dflt] = f.default_factory
            value = f"{dflt}() if {f.name} is __factory__ else {f.name}" if f.init else f"{dflt}()"
            param = f"{f.name}=__factory__"
        elif f.default is not dataclasses.MISSING:
            names[dflt] = f.default
            value = f.name if f.init else dflt
            param = f"{f.name}={dflt}"
        else:
            value = f.name
            param = f.name
        if f.init:
            has_default = param != f.name
            if not f.kw_only:
                if seen_default and not has_default:
                    raise TypeError(f"non-default argument {f.name!r} follows default argument")
                seen_default = seen_default or has_default
            (keyword if f.kw_only else positional).append(param)
        elif value == f.name:
            continue  # no default: dataclasses leaves it unset too
        body.append(f"__set__(self, {f.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    params = ["self", *positional, *(["*", *keyword] if keyword else [])]
    source = f"def __init__({', '.join(params)}):\n    " + "\n    ".join(body or ["pass"])
    return source, names


def _make_init(cls: type, made_fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    source, names = _init_source(cls, made_fields)
    exec(source, names)
    init: Callable[..., None] = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = {f.name: f.type for f in made_fields if f.init} | {"return": None}
    return init


def _finish(made: type[T]) -> type[T]:
    all_fields = made.__dict__["__dataclass_fields__"]
    if any(f._field_type is _INITVAR for f in all_fields.values()):
        raise TypeError(f"{made.__qualname__}: frozen records do not support InitVar fields")
    made_fields = dataclasses.fields(made)  # type: ignore[arg-type]
    hashed = [f for f in made_fields if (f.compare if f.hash is None else f.hash)]
    methods: dict[str, object] = {
        _FIELDS: tuple(f.name for f in made_fields),
        _COMPARED: _key(tuple(f.name for f in made_fields if f.compare)),
        _HASHED: _key(tuple(f.name for f in hashed)),
        _SHOWN: tuple(f.name for f in made_fields if f.repr),
        "__setattr__": _set,
        "__delattr__": _delete,
    }
    own = made.__dict__
    for name in ("__setattr__", "__delattr__"):
        if name in own:
            raise TypeError(f"Cannot overwrite attribute {name} in class {made.__name__}")
    if "__init__" not in own:
        methods["__init__"] = _make_init(made, made_fields)
    if "__repr__" not in own:
        methods["__repr__"] = _repr
    explicit_hash = own.get("__hash__", dataclasses.MISSING)
    if "__eq__" not in own:
        methods["__eq__"] = _eq
    elif explicit_hash is None:
        explicit_hash = dataclasses.MISSING  # Python set it to None because of the __eq__
    if explicit_hash is dataclasses.MISSING:
        methods["__hash__"] = _hash
    if "__slots__" in own:
        methods["__getstate__"] = _getstate
        methods["__setstate__"] = _setstate
    for name, value in methods.items():
        setattr(made, name, value)
    return made


def _make(cls: type[T], *, kw_only: bool, slots: bool) -> type[T]:
    _check_bases(cls)
    if cls.__dict__.get("__doc__") is None:
        cls.__doc__ = cls.__name__  # spares dataclasses an inspect.signature call
    made = dataclasses.dataclass(
        init=False, repr=False, eq=False, frozen=False, kw_only=kw_only, slots=slots
    )(cls)
    return _finish(made)


@overload
def frozen(cls: type[T], /) -> type[T]: ...


@overload
def frozen(*, kw_only: bool = False, slots: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(
    cls: type[T] | None = None, /, *, kw_only: bool = False, slots: bool = True
) -> type[T] | Callable[[type[T]], type[T]]:
    """Make ``cls`` a frozen record: ``dataclass(frozen=True, slots=True)`` by default."""
    if cls is not None:
        return _make(cls, kw_only=kw_only, slots=slots)

    def decorate(target: type[T]) -> type[T]:
        return _make(target, kw_only=kw_only, slots=slots)

    return decorate
