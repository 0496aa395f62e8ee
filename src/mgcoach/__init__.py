"""Mg Coach: a local-first magnesium and muscle-recovery advisor and tracker."""

__version__ = "0.1.0"
