"""Each profile's day in one row, for a dietitian's population summary (issue 20, part 4): the
food and supplement magnesium, the food entries, a red-flag symptom and the lowest and highest
serum magnesium of the day (``day_summary``), kept right by the database itself. Triggers on
the journal's entries and on the four detail tables the summary reads mark each (profile, day)
a write touches as stale (``day_summary_stale``), whatever wrote it (a form, an import, COPY,
a cascade); the summary recomputes the stale days it needs before it reads
(storage/day_summary.py). The entries already stored are all marked stale here. Going back,
the triggers and the tables go. The (kind, day) index of revision 0013, which the summary read
the period's entries by, is dropped (no other reader; every entry written paid for it); going
back, it comes back.

On PostgreSQL the triggers run once per statement over its transition tables (an import of
100,000 rows marks its days in one INSERT); each mark takes the stale row's lock
(``ON CONFLICT DO UPDATE``), so a summary that clears a mark waits for the write that set it
and then reads it. SQLite has one writer at a time and row triggers only.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

KINDS = "('food', 'supplement', 'symptom', 'lab')"  # the kinds the summary reads
DETAILS = ("food_item", "supplement_intake", "symptom", "lab_result")
MARK = (
    "INSERT INTO day_summary_stale (profile_id, day, mark) {rows} "
    "ON CONFLICT (profile_id, day) DO UPDATE SET mark = day_summary_stale.mark + 1"
)


def upgrade() -> None:
    op.create_table(
        "day_summary",
        sa.Column(
            "profile_id",
            sa.Integer,
            sa.ForeignKey("profile.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("food_mg", sa.Float),
        sa.Column("food_entries", sa.Integer, nullable=False),
        sa.Column("supplement_mg", sa.Float),
        sa.Column("red_flag", sa.Integer, nullable=False),
        sa.Column("lab_low", sa.Float),
        sa.Column("lab_high", sa.Float),
    )
    op.create_table(
        "day_summary_stale",
        sa.Column("profile_id", sa.Integer, primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("mark", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("ix_day_summary_stale_day", "day_summary_stale", ["day", "profile_id"])
    op.create_table(
        "day_summary_rule",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("rule", sa.String(64), nullable=False),
    )
    op.execute(
        "INSERT INTO day_summary_stale (profile_id, day, mark) "
        f"SELECT DISTINCT profile_id, day, 1 FROM entry WHERE kind IN {KINDS}"
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()
    op.drop_index("ix_entry_kind_day", table_name="entry")


def _sqlite_triggers() -> None:
    def trigger(name: str, event: str, table: str, rows: str, when: str = "") -> None:
        op.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {when} "
            f"BEGIN {MARK.format(rows=rows)}; END"
        )

    new = f"SELECT NEW.profile_id, NEW.day, 1 WHERE NEW.kind IN {KINDS}"
    old = f"SELECT OLD.profile_id, OLD.day, 1 WHERE OLD.kind IN {KINDS}"
    trigger("day_summary_entry_insert", "INSERT", "entry", new)
    trigger("day_summary_entry_delete", "DELETE", "entry", old)
    trigger("day_summary_entry_update_old", "UPDATE", "entry", old)
    trigger(
        "day_summary_entry_update_new", "UPDATE", "entry", new,
        "WHEN NEW.profile_id != OLD.profile_id OR NEW.day != OLD.day OR NEW.kind != OLD.kind",
    )  # fmt: skip
    for table in DETAILS:
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            rows = f"SELECT profile_id, day, 1 FROM entry WHERE id = {row}.entry_id"
            trigger(f"day_summary_{table}_{event.lower()}", event, table, rows)


def _postgresql_triggers() -> None:
    entry_rows = f"SELECT DISTINCT profile_id, day, 1 FROM {{rows}} WHERE kind IN {KINDS}"
    detail_rows = (
        "SELECT DISTINCT e.profile_id, e.day, 1 "
        "FROM {rows} AS r JOIN entry AS e ON e.id = r.entry_id"
    )
    for kind, rows in (("entry", entry_rows), ("detail", detail_rows)):
        for side in ("new", "old", "both"):
            if side == "both":
                source = f"({rows.format(rows='new_rows')} UNION {rows.format(rows='old_rows')})"
                body = MARK.format(rows=f"SELECT * FROM {source} AS changed")
            else:
                body = MARK.format(rows=rows.format(rows=f"{side}_rows"))
            op.execute(
                f"CREATE FUNCTION day_summary_mark_{kind}_{side}() RETURNS trigger "
                f"LANGUAGE plpgsql AS $$ BEGIN {body}; RETURN NULL; END $$"
            )
    for table, kind in (("entry", "entry"), *((t, "detail") for t in DETAILS)):
        for event, referencing, side in (
            ("INSERT", "NEW TABLE AS new_rows", "new"),
            ("DELETE", "OLD TABLE AS old_rows", "old"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows", "both"),
        ):
            op.execute(
                f"CREATE TRIGGER day_summary_{table}_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {referencing} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION day_summary_mark_{kind}_{side}()"
            )


def downgrade() -> None:
    op.create_index(
        "ix_entry_kind_day", "entry", ["kind", "day"], postgresql_include=["profile_id", "id"]
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in ("entry", *DETAILS):
        for event in ("insert", "delete", "update"):
            names = [f"day_summary_{table}_{event}"]
            if table == "entry" and event == "update" and not postgresql:
                names = ["day_summary_entry_update_old", "day_summary_entry_update_new"]
            for name in names:
                op.execute(f"DROP TRIGGER {name}" + (f" ON {table}" if postgresql else ""))
    if postgresql:
        for kind in ("entry", "detail"):
            for side in ("new", "old", "both"):
                op.execute(f"DROP FUNCTION day_summary_mark_{kind}_{side}()")
    op.drop_table("day_summary_rule")
    op.drop_index("ix_day_summary_stale_day", table_name="day_summary_stale")
    op.drop_table("day_summary_stale")
    op.drop_table("day_summary")
