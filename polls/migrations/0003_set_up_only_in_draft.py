from django.db import migrations

# Subjects, groups and electors are added or changed only while their poll is a draft (the
# services check it, and SetUpInDraft.save on every database); on PostgreSQL this trigger also
# covers queryset updates and raw SQL. Deletes stay allowed: deleting a poll deletes its set-up.
DRAFT_ONLY = """
CREATE FUNCTION polls_set_up_in_draft() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    polls bigint[] := ARRAY[NEW.poll_id];
BEGIN
    IF TG_OP = 'UPDATE' THEN
        polls := polls || OLD.poll_id;
    END IF;
    IF EXISTS (SELECT 1 FROM polls_poll WHERE id = ANY(polls) AND status <> 'draft') THEN
        RAISE EXCEPTION '%: a poll''s set-up changes only while it is a draft', TG_TABLE_NAME
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
"""
TABLES = ("polls_subject", "polls_votergroup", "polls_elector")


def draft_only(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DRAFT_ONLY, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_set_up_in_draft BEFORE INSERT OR UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION polls_set_up_in_draft()",
            params=None,
        )


def any_time(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER {table}_set_up_in_draft ON {table}", params=None)
    schema_editor.execute("DROP FUNCTION polls_set_up_in_draft()", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("polls", "0002_sealed_ballots_and_frozen_rules"),
    ]

    operations = [
        migrations.RunPython(draft_only, any_time),
    ]
