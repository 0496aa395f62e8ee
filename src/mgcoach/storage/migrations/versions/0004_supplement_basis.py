"""Supplement basis: whether a logged supplement's number was the whole compound or the
magnesium itself (an ambiguous label or dose is now asked, never guessed).

Existing rows get the reading they were stored with: a compound dose is ``compound``, an
elemental or imported one ``elemental``, and a label line ``elemental`` when its magnesium is
the label's amount (else it was read as the compound).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from mgcoach.engine.labels import stored_label_basis

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BY_GIVEN_AS = {"compound": "compound", "elemental": "elemental", "import": "elemental"}


def upgrade() -> None:
    op.add_column("supplement_intake", sa.Column("basis", sa.String(16)))
    table = sa.table(
        "supplement_intake",
        sa.column("entry_id", sa.Integer),
        sa.column("label", sa.Text),
        sa.column("dose_mg", sa.Float),
        sa.column("elemental_mg", sa.Float),
        sa.column("given_as", sa.String),
        sa.column("basis", sa.String),
    )
    for given_as, basis in BY_GIVEN_AS.items():
        op.execute(table.update().where(table.c.given_as == given_as).values(basis=basis))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(table.c.entry_id, table.c.label, table.c.dose_mg, table.c.elemental_mg).where(
            table.c.basis.is_(None)
        )
    ).all()
    for entry_id, label, dose_mg, elemental_mg in rows:
        # Without a compound mass worked out, the number can only have been magnesium.
        basis = "elemental" if dose_mg is None else stored_label_basis(label or "", elemental_mg)
        connection.execute(table.update().where(table.c.entry_id == entry_id).values(basis=basis))


def downgrade() -> None:
    op.drop_column("supplement_intake", "basis")
