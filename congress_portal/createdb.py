"""Create the PostgreSQL database a URL names, if it is missing; before Django can connect to it.

    python -m congress_portal.createdb postgres://postgres@127.0.0.1:5432/portal_ci

Used by `.ci/run` and `make bench`.
"""

import sys
from urllib.parse import urlsplit


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    ensure_database(sys.argv[1])
