"""One voter, one ballot, under real concurrency.

Threads are released together by a barrier and each submits the same voter's ballot through its
own database connection. On PostgreSQL the unique constraint on (poll, voter) is what stops all
but one; on SQLite (the embedded default) writers are serialised, and the test runs with fewer
threads to show the same outcome there.
"""

import threading
import time

import pytest
from django.db import OperationalError, connection

from polls import services
from polls.models import Ballot, BallotMark, Participation, SealedBallot
from polls.rules import BallotRejected

from .conftest import subject_ids

pytestmark = pytest.mark.django_db(transaction=True)


def _connection_slots(wanted: int) -> int:
    """How many connections the threads may hold at once without exhausting a shared server."""
    if connection.vendor != "postgresql":
        return wanted
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int - (SELECT count(*) FROM pg_stat_activity)"
        )
        free = cursor.fetchone()[0]
    return max(10, min(wanted, free - 20))


def _retrying_when_sqlite_is_locked(action):
    """The test database on SQLite is a shared in-memory one, whose table locks fail at once
    instead of waiting like a file database's busy timeout; wait here as the file would."""
    for _attempt in range(500):
        try:
            return action()
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            connection.close()
            time.sleep(0.01)
    raise AssertionError("SQLite stayed locked")


def test_concurrent_submissions_by_one_voter_leave_exactly_one_ballot(open_poll, deputy_a):
    threads_wanted = 100 if connection.vendor == "postgresql" else 12
    slots = threading.BoundedSemaphore(_connection_slots(threads_wanted))
    barrier = threading.Barrier(threads_wanted)
    marks = dict.fromkeys(subject_ids(open_poll), "S")
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit():
        barrier.wait()
        with slots:
            try:
                _retrying_when_sqlite_is_locked(
                    lambda: services.ballot_cast(poll=open_poll, voter=deputy_a, marks=marks)
                )
                outcome = "ok"
            except BallotRejected as rejected:
                outcome = str(rejected)
            except Exception as error:  # anything else is a failure the assertion will show
                outcome = repr(error)
            finally:
                connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=submit) for _ in range(threads_wanted)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(outcomes) == threads_wanted
    assert outcomes.count("ok") == 1
    assert set(outcomes) - {"ok"} == {"您已投过票，每人只能投一次。"}
    assert Participation.objects.filter(poll=open_poll, voter=deputy_a).count() == 1
    assert SealedBallot.objects.filter(poll=open_poll).count() == 1
    services.poll_close(poll=open_poll, by=deputy_a)
    assert Ballot.objects.filter(poll=open_poll).count() == 1
    assert BallotMark.objects.filter(ballot__poll=open_poll).count() == 2


def test_a_ballot_in_flight_is_not_written_after_the_close(open_poll, deputy_a, staff_a):
    """Close and a vote racing: either the vote is sealed before the close opens the boxes, or it
    is refused; no box is left behind unopened."""
    barrier = threading.Barrier(2)
    marks = dict.fromkeys(subject_ids(open_poll), "B")
    results: dict[str, str] = {}

    def vote():
        barrier.wait()
        try:
            _retrying_when_sqlite_is_locked(
                lambda: services.ballot_cast(poll=open_poll, voter=deputy_a, marks=marks)
            )
            results["vote"] = "ok"
        except BallotRejected as rejected:
            results["vote"] = str(rejected)
        finally:
            connection.close()

    def close():
        barrier.wait()
        try:
            _retrying_when_sqlite_is_locked(lambda: services.poll_close(poll=open_poll, by=staff_a))
            results["close"] = "ok"
        finally:
            connection.close()

    threads = [threading.Thread(target=vote), threading.Thread(target=close)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results["close"] == "ok"
    voted = Participation.objects.filter(poll=open_poll).count()
    assert Ballot.objects.filter(poll=open_poll).count() == voted
    assert not SealedBallot.objects.exists()
    assert (results["vote"] == "ok") == (voted == 1)
