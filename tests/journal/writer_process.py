"""A child process for the reliability tests: logs food entries in a loop, one transaction each.

Run as ``python -m tests.journal.writer_process PROFILE COUNT FIRST_MINUTE [--wait]`` from the
project root, with MGCOACH_DATA_DIR / MGCOACH_DATABASE_URL naming the database. It prints
``ready`` once the database is open (and, with ``--wait``, then waits for a line on stdin, so two
writers start together), then ``ID UID`` for every entry right after its transaction committed,
flushing each line: a line on stdout is a promise that the entry is on disk. COUNT 0 writes until
the process is killed. Any error ends the process with its traceback on stderr and exit code 1.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta

from mgcoach.services.journal_log import When, log_food
from mgcoach.storage.database import open_database

FIRST_DAY = date(2024, 3, 1)
MINUTES_PER_DAY = 24 * 60
FOOD = "almonds"
AMOUNT = "30 g"


def when(profile: str, minute: int) -> When:
    """Entry ``minute`` minutes after midnight of FIRST_DAY: times keep increasing."""
    day = FIRST_DAY + timedelta(days=minute // MINUTES_PER_DAY)
    return When(profile=profile, day=day, time=minute % MINUTES_PER_DAY)


def main(argv: list[str]) -> int:
    profile, count, first = argv[0], int(argv[1]), int(argv[2])
    db = open_database()
    print("ready", flush=True)
    if "--wait" in argv[3:]:
        sys.stdin.readline()
    written = 0
    while count == 0 or written < count:
        logged = log_food(db, when(profile, first + written), FOOD, AMOUNT)
        print(f"{logged.id} {logged.uid}", flush=True)
        written += 1
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
