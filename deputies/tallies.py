"""The database triggers that keep `Tally` (see its docstring) equal to the rows it counts.

Triggers rather than services or signals: `bulk_create`, imports, the admin and raw SQL all write
visits and opinions, and a count kept anywhere above the database would drift with the first one
that forgot. Each trigger runs inside the writing statement's transaction, so a rolled-back write
leaves the tally as it was.

PostgreSQL uses statement-level triggers with transition tables: a bulk insert of 10,000 visits
updates each station's row once, not 10,000 times. SQLite has row-level triggers only.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

# (what Tally.counted says, the table counted, the column whose value is the tally's scope_id)
COUNTED = [
    ("visit", "deputies_visit", "station_id"),
    ("opinion", "deputies_opinion", "county_id"),
]
TALLY = "deputies_tally"


def _postgresql(counted: str, table: str, column: str) -> list[str]:
    def add(source: str, changed: str = "") -> str:
        return (
            f"INSERT INTO {TALLY} (counted, scope_id, total)"
            f" SELECT '{counted}', r.{column}, count(*) FROM {source}"
            f" WHERE r.{column} IS NOT NULL {changed} GROUP BY r.{column} ORDER BY r.{column}"
            f" ON CONFLICT (counted, scope_id) DO UPDATE SET total = {TALLY}.total + EXCLUDED.total;"
        )

    def remove(source: str, changed: str = "") -> str:
        return (
            f"UPDATE {TALLY} AS t SET total = t.total - gone.n FROM"
            f" (SELECT r.{column} AS scope_id, count(*) AS n FROM {source}"
            f" WHERE r.{column} IS NOT NULL {changed} GROUP BY r.{column}) AS gone"
            f" WHERE t.counted = '{counted}' AND t.scope_id = gone.scope_id;"
        )

    # An UPDATE counts only the rows whose scope column changed (a visit moved to another
    # station); saving a form rewrites every column, most often to the same value.
    moved = f"AND r.{column} IS DISTINCT FROM other.{column}"
    events = {
        "insert": ("NEW TABLE AS new_rows", add("new_rows AS r")),
        "delete": ("OLD TABLE AS old_rows", remove("old_rows AS r")),
        "update": (
            "OLD TABLE AS old_rows NEW TABLE AS new_rows",
            remove("old_rows AS r JOIN new_rows AS other ON other.id = r.id", moved)
            + add("new_rows AS r JOIN old_rows AS other ON other.id = r.id", moved),
        ),
    }
    name = f"{TALLY}_{counted}"
    statements = []
    for event, (transition, sql) in events.items():
        statements += [
            f"CREATE OR REPLACE FUNCTION {name}_{event}() RETURNS trigger LANGUAGE plpgsql AS $$"
            f" BEGIN {sql} RETURN NULL; END $$;",
            f"DROP TRIGGER IF EXISTS {name}_{event} ON {table};",
            f"CREATE TRIGGER {name}_{event} AFTER {event.upper()} ON {table}"
            f" REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {name}_{event}();",
        ]
    return statements


def _sqlite(counted: str, table: str, column: str) -> list[str]:
    def add(row: str) -> str:
        return (
            f"INSERT INTO {TALLY} (counted, scope_id, total)"
            f" VALUES ('{counted}', {row}.{column}, 1)"
            f" ON CONFLICT (counted, scope_id) DO UPDATE SET total = total + 1;"
        )

    def remove(row: str) -> str:
        return (
            f"UPDATE {TALLY} SET total = total - 1"
            f" WHERE counted = '{counted}' AND scope_id = {row}.{column};"
        )

    name = f"{TALLY}_{counted}"
    return [
        f"DROP TRIGGER IF EXISTS {name}_insert;",
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table}"
        f" WHEN NEW.{column} IS NOT NULL BEGIN {add('NEW')} END;",
        f"DROP TRIGGER IF EXISTS {name}_delete;",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table}"
        f" WHEN OLD.{column} IS NOT NULL BEGIN {remove('OLD')} END;",
        f"DROP TRIGGER IF EXISTS {name}_update;",
        f"CREATE TRIGGER {name}_update AFTER UPDATE OF {column} ON {table}"
        f" WHEN OLD.{column} IS NOT NEW.{column} BEGIN {remove('OLD')} {add('NEW')} END;",
    ]


def install(connection: BaseDatabaseWrapper, *, count: bool = True) -> None:
    """Create (or replace) the triggers and, with `count`, count what is already there."""
    build = {"postgresql": _postgresql, "sqlite": _sqlite}.get(connection.vendor)
    if build is None:
        raise NotImplementedError(f"no tally triggers for {connection.vendor}")
    with connection.cursor() as cursor:
        for counted, table, column in COUNTED:
            for statement in build(counted, table, column):
                cursor.execute(statement)
        if count:
            recount(cursor)


def recount(cursor) -> None:
    """Every tally counted afresh from the rows (the migration's backfill, and a repair)."""
    cursor.execute(f"DELETE FROM {TALLY}")
    for counted, table, column in COUNTED:
        cursor.execute(
            f"INSERT INTO {TALLY} (counted, scope_id, total)"
            f" SELECT '{counted}', {column}, count(*) FROM {table}"
            f" WHERE {column} IS NOT NULL GROUP BY {column}"
        )
    if cursor.db.vendor == "postgresql":
        # Statistics now, not when autovacuum comes by: without them the planner takes the
        # freshly filled table for a few rows and loops over all of it for one county's sum.
        cursor.execute(f"ANALYZE {TALLY}")


def reinstall_after_migrate(sender, using: str = "default", **kwargs) -> None:
    """After every `migrate`: SQLite rebuilds a table to alter it and drops its triggers with the
    old table (the rows are copied unchanged, so the tallies stay right); this puts them back."""
    from django.db import connections

    connection = connections[using]
    tables = set(connection.introspection.table_names())
    if TALLY in tables and {table for _c, table, _col in COUNTED} <= tables:
        install(connection, count=False)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for counted, table, _column in COUNTED:
            name = f"{TALLY}_{counted}"
            for event in ("insert", "delete", "update"):
                if connection.vendor == "postgresql":
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}_{event} ON {table}")
                    cursor.execute(f"DROP FUNCTION IF EXISTS {name}_{event}()")
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}_{event}")
