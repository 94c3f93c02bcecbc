"""The hourly limit on public proposals from one client, counted in the database.

The proposals themselves are the count: each public one keeps a keyed hash of its client's
address (HMAC with SECRET_KEY, so the address itself is not stored), and a new one is refused
once the same hash has PUBLIC_PROPOSALS_PER_HOUR proposals in the last hour. No cache is
involved, so a citizen can still propose while Redis is down. The hash is wiped from proposals
older than the window: it serves the limit, not a record of who proposed what.

The address comes from `axes.helpers.get_client_ip_address`, the function the login lockout
uses, so both trust the same proxies (core/proxies.py).
"""

import datetime as dt

from axes.helpers import get_client_ip_address
from django.utils.crypto import salted_hmac

PUBLIC_PROPOSALS_PER_HOUR = 5
WINDOW = dt.timedelta(hours=1)


def client_key(request) -> str:
    address = get_client_ip_address(request) or ""
    return salted_hmac("livelihood_projects.throttle", address, algorithm="sha256").hexdigest()
