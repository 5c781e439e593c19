"""An index that serves the possible-link lookup ``name_key LIKE '<surname> %'`` on both databases.

``opentenge.politics.links.possible_links`` finds a person's namesakes in the company register by the
prefix of the folded name. A plain B-tree index does not serve ``LIKE`` prefixes on either engine:

* PostgreSQL (non-C collation) needs ``text_pattern_ops``. Django already adds such an index
  (``…_name_key_…_like``) for ``TextField(db_index=True)``; this migration creates one only if it is
  missing (e.g. a database restored without it).
* SQLite uses an index for ``LIKE`` only when it is ``COLLATE NOCASE`` (``case_sensitive_like`` off, the
  default); ``name_key`` is lower-case ASCII (``opentenge.ids.search.search_key``), so that is exact.

tests/test_politics_pages.py checks that the query plan uses the index on both engines.
"""
from django.db import migrations

NAME = "politics_companyrole_name_key_prefix"
TABLE = "politics_companyrole"


def create(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON {TABLE} (name_key COLLATE NOCASE)")
    elif vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
                           [TABLE, "%(name_key text_pattern_ops)%"])
            if cursor.fetchone() is None:
                schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON {TABLE} (name_key text_pattern_ops)")


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("politics", "0001_initial")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
