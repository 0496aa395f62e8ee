"""The dialect-specific search structures, created by the migrations.

SQLite: an FTS5 index over the food's stemmed name fields (kept in step by triggers) and an
FTS5 trigram index over the term vocabulary. PostgreSQL: a generated tsvector column with a GIN
index, and a pg_trgm GIN index over the term vocabulary. Both index the same stemmed terms
(foods.search_text), so both find the same foods.
"""

from __future__ import annotations

SQLITE_CREATE = (
    """CREATE VIRTUAL TABLE food_fts USING fts5(
        search_name, search_nl, search_syn,
        content='food', content_rowid='pk', tokenize='unicode61', prefix='2 3 4')""",
    """CREATE TRIGGER food_fts_insert AFTER INSERT ON food BEGIN
        INSERT INTO food_fts(rowid, search_name, search_nl, search_syn)
        VALUES (new.pk, new.search_name, new.search_nl, new.search_syn);
    END""",
    """CREATE TRIGGER food_fts_delete AFTER DELETE ON food BEGIN
        INSERT INTO food_fts(food_fts, rowid, search_name, search_nl, search_syn)
        VALUES ('delete', old.pk, old.search_name, old.search_nl, old.search_syn);
    END""",
    """CREATE TRIGGER food_fts_update AFTER UPDATE OF search_name, search_nl, search_syn ON food
    BEGIN
        INSERT INTO food_fts(food_fts, rowid, search_name, search_nl, search_syn)
        VALUES ('delete', old.pk, old.search_name, old.search_nl, old.search_syn);
        INSERT INTO food_fts(rowid, search_name, search_nl, search_syn)
        VALUES (new.pk, new.search_name, new.search_nl, new.search_syn);
    END""",
    "CREATE VIRTUAL TABLE food_term_tri USING fts5(term, tokenize='trigram')",
    """CREATE TRIGGER food_term_tri_insert AFTER INSERT ON food_term BEGIN
        INSERT INTO food_term_tri(term) VALUES (new.term);
    END""",
)

SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS food_term_tri_insert",
    "DROP TABLE IF EXISTS food_term_tri",
    "DROP TRIGGER IF EXISTS food_fts_update",
    "DROP TRIGGER IF EXISTS food_fts_delete",
    "DROP TRIGGER IF EXISTS food_fts_insert",
    "DROP TABLE IF EXISTS food_fts",
)

POSTGRES_CREATE = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE food ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', search_name), 'A')
        || setweight(to_tsvector('simple', search_nl), 'A')
        || setweight(to_tsvector('simple', search_syn), 'B')) STORED""",
    # fastupdate off: a bulk import must not leave entries in GIN's unsorted pending list,
    # which every search would then scan.
    """CREATE INDEX food_search_vector ON food USING gin (search_vector)
        WITH (fastupdate = off)""",
    'ALTER TABLE food_term ALTER COLUMN term TYPE varchar(64) COLLATE "C"',
    """CREATE INDEX food_term_trigram ON food_term USING gin (term gin_trgm_ops)
        WITH (fastupdate = off)""",
)

POSTGRES_DROP = (
    "DROP INDEX IF EXISTS food_term_trigram",
    "DROP INDEX IF EXISTS food_search_vector",
    "ALTER TABLE food DROP COLUMN IF EXISTS search_vector",
)
