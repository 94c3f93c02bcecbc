"""Hourly limits on what the public sends without logging in, counted in the database.

The records themselves are the count: each keeps a keyed hash of its client's address (HMAC with
SECRET_KEY, so the address itself is not stored), and a new one is refused once the same hash has
the limit's worth in the last hour. No cache is involved, so the public can still send while
Redis is down. Each app wipes the hash from its records older than the window: it serves the
limit, not a record of who sent what.

The address comes from `axes.helpers.get_client_ip_address`, the function the login lockout
uses, so both trust the same proxies (core/proxies.py).
"""

import datetime as dt

from axes.helpers import get_client_ip_address
from django.db import connection
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

WINDOW = dt.timedelta(hours=1)


def client_key(request: HttpRequest, purpose: str) -> str:
    """The keyed hash of the client's address; `purpose` keeps one form's keys from another's."""
    address = get_client_ip_address(request) or ""
    return salted_hmac(purpose, address, algorithm="sha256").hexdigest()


def serialize_client(key: str) -> None:
    """Hold a lock on this client's key until the transaction ends, so concurrent submissions
    from one client cannot all slip under the limit.

    PostgreSQL gets an advisory lock on the key; SQLite runs every write transaction one at a
    time already (BEGIN IMMEDIATE, see settings).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])
