"""Substring search from an index, and triggers that say which organisations' figures moved.

Per engine, because the two databases index ``%word%`` differently:

* SQLite: an FTS5 table with the ``trigram`` tokenizer over ``store_organisation.search_text``
  (external content: the text is not stored twice), kept in sync by triggers, so every writer —
  the ORM, the raw-SQL ingest writer, a restore — updates it without knowing it exists.
* PostgreSQL: ``pg_trgm`` and a GIN index on ``search_text``; ``LIKE '%word%'`` uses it as is.

On both, triggers on ``store_contract`` put the buyer and supplier of every inserted, deleted or
materially updated contract into ``store_aggregatedirty`` once a first full refresh exists; the organisation page shows those
organisations from the live query until ``store.aggregates.refresh_aggregates`` has run
(PostgreSQL: one set-based statement per statement, via transition tables, so ``COPY`` and bulk
inserts pay once per statement, not once per row).
"""
from django.db import migrations

# Columns whose change moves an organisation's figures (see queries.COUNTED and the aggregates).
_WATCHED = ("customer_id", "supplier_id", "deleted", "currency", "sign_date", "contract_sum_wnds")

# Before the first full refresh nothing stored is trusted, so marks would be wasted work: the first
# bulk load of an empty database pays only this check per row (SQLite has no statement triggers).
_BUILT = "EXISTS (SELECT 1 FROM store_aggregatestate)"

SQLITE_UP = [
    "CREATE VIRTUAL TABLE store_organisation_fts USING fts5("
    "search_text, content='store_organisation', content_rowid='id', tokenize='trigram')",
    "INSERT INTO store_organisation_fts(store_organisation_fts) VALUES ('rebuild')",
    "CREATE TRIGGER store_organisation_fts_insert AFTER INSERT ON store_organisation BEGIN "
    "INSERT INTO store_organisation_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER store_organisation_fts_delete AFTER DELETE ON store_organisation BEGIN "
    "INSERT INTO store_organisation_fts(store_organisation_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER store_organisation_fts_update AFTER UPDATE OF id, search_text ON store_organisation "
    "WHEN old.id IS NOT new.id OR old.search_text IS NOT new.search_text BEGIN "
    "INSERT INTO store_organisation_fts(store_organisation_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO store_organisation_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER store_contract_dirty_insert AFTER INSERT ON store_contract WHEN " + _BUILT + " BEGIN "
    "INSERT INTO store_aggregatedirty(organisation_id) VALUES (new.customer_id), (new.supplier_id) "
    "ON CONFLICT DO NOTHING; END",
    "CREATE TRIGGER store_contract_dirty_update AFTER UPDATE ON store_contract WHEN " + _BUILT + " AND ("
    + " OR ".join(f"old.{c} IS NOT new.{c}" for c in _WATCHED) + ") BEGIN "
    "INSERT INTO store_aggregatedirty(organisation_id) VALUES (old.customer_id), (old.supplier_id), "
    "(new.customer_id), (new.supplier_id) ON CONFLICT DO NOTHING; END",
    "CREATE TRIGGER store_contract_dirty_delete AFTER DELETE ON store_contract WHEN " + _BUILT + " BEGIN "
    "INSERT INTO store_aggregatedirty(organisation_id) VALUES (old.customer_id), (old.supplier_id) "
    "ON CONFLICT DO NOTHING; END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS store_contract_dirty_delete",
    "DROP TRIGGER IF EXISTS store_contract_dirty_update",
    "DROP TRIGGER IF EXISTS store_contract_dirty_insert",
    "DROP TRIGGER IF EXISTS store_organisation_fts_update",
    "DROP TRIGGER IF EXISTS store_organisation_fts_delete",
    "DROP TRIGGER IF EXISTS store_organisation_fts_insert",
    "DROP TABLE IF EXISTS store_organisation_fts",
]

_CHANGED = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in _WATCHED)
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS store_organisation_search_trgm ON store_organisation "
    "USING gin (search_text gin_trgm_ops)",
    f"""CREATE OR REPLACE FUNCTION store_contract_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM store_aggregatestate) THEN
    RETURN NULL;  -- nothing stored is trusted yet; the first refresh is a full one
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO store_aggregatedirty (organisation_id)
      SELECT customer_id FROM new_rows UNION SELECT supplier_id FROM new_rows
      ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO store_aggregatedirty (organisation_id)
      SELECT customer_id FROM old_rows UNION SELECT supplier_id FROM old_rows
      ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO store_aggregatedirty (organisation_id)
      SELECT x FROM (
        SELECT unnest(ARRAY[o.customer_id, o.supplier_id, n.customer_id, n.supplier_id]) AS x
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE {_CHANGED}) changed
      GROUP BY x
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$""",
    "CREATE TRIGGER store_contract_dirty_insert AFTER INSERT ON store_contract "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION store_contract_mark_dirty()",
    "CREATE TRIGGER store_contract_dirty_update AFTER UPDATE ON store_contract "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION store_contract_mark_dirty()",
    "CREATE TRIGGER store_contract_dirty_delete AFTER DELETE ON store_contract "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION store_contract_mark_dirty()",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS store_contract_dirty_delete ON store_contract",
    "DROP TRIGGER IF EXISTS store_contract_dirty_update ON store_contract",
    "DROP TRIGGER IF EXISTS store_contract_dirty_insert ON store_contract",
    "DROP FUNCTION IF EXISTS store_contract_mark_dirty()",
    "DROP INDEX IF EXISTS store_organisation_search_trgm",
]  # the pg_trgm extension stays: other objects may use it


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(f"no search index for database vendor {schema_editor.connection.vendor!r}")
        with schema_editor.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("store", "0004_aggregates"),
    ]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
                             _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN})),
    ]
