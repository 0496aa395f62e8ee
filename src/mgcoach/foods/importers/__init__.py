"""Streaming readers of published food tables. Each yields ``Food`` records and never holds a
whole nutrient file in memory; storage/ writes what they yield in one transaction."""
