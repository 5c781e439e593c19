"""The database itself refuses to change or delete audit events, on SQLite and PostgreSQL alike.

The model refuses too (``AuditEvent.save``/``delete``), but a trigger also stops a raw SQL
statement or an admin shell. TRUNCATE (PostgreSQL) and dropping the table remain possible: an
operator who owns the database can always destroy it; the point is that no code path edits it.
"""
from django.db import migrations

SQLITE = [
    """CREATE TRIGGER lobbying_audit_no_update BEFORE UPDATE ON lobbying_auditevent
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER lobbying_audit_no_delete BEFORE DELETE ON lobbying_auditevent
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
]
SQLITE_UNDO = ["DROP TRIGGER IF EXISTS lobbying_audit_no_update", "DROP TRIGGER IF EXISTS lobbying_audit_no_delete"]

POSTGRES = [
    """CREATE OR REPLACE FUNCTION lobbying_audit_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER lobbying_audit_append_only BEFORE UPDATE OR DELETE ON lobbying_auditevent
       FOR EACH ROW EXECUTE FUNCTION lobbying_audit_append_only()""",
]
POSTGRES_UNDO = ["DROP TRIGGER IF EXISTS lobbying_audit_append_only ON lobbying_auditevent",
                 "DROP FUNCTION IF EXISTS lobbying_audit_append_only()"]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = POSTGRES_UNDO if schema_editor.connection.vendor == "postgresql" else SQLITE_UNDO
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("lobbying", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
