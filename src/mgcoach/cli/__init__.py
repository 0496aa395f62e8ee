"""The `mgcoach` command line: parse, call the engine, render (Rich tables or JSON)."""

from .main import main

__all__ = ["main"]
