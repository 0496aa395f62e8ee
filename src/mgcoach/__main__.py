"""`python -m mgcoach` runs the command line."""

from mgcoach.cli.main import run

run()
