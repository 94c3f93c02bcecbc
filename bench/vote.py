"""1,600 deputies voting at once over HTTP, against gunicorn on loopback, then the tally.

Each voter has a session made beforehand (logging 1,600 people in is not what is measured), loads
the ballot page and submits it; all of them are released together by a barrier. Afterwards the
database must hold exactly one participation and one ballot per voter, and a second wave of
resubmissions must add nothing.
"""

import http.client
import os
import random
import resource
import secrets
import statistics
import subprocess
import sys
import threading
import time
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Count

from accounts.models import Role, User
from core.middleware import RENEWED_KEY
from core.models import Jurisdiction, Unit
from polls import selectors, services
from polls.models import Ballot, BallotMark, Participation, Poll, SealedBallot

PORT = int(os.environ.get("BENCH_PORT", "8765"))
# The production image's default (WEB_CONCURRENCY in the Dockerfile), for the machine it names.
WORKERS = int(os.environ.get("BENCH_WORKERS", os.environ.get("WEB_CONCURRENCY", "3")))
SUBJECTS = 8
SEQUENTIAL_PROBE = 20


def _poll(voters: list[User]) -> Poll:
    admin = User.objects.get(username="bench_admin")
    city = Jurisdiction.objects.get(level=Jurisdiction.Level.MUNICIPAL)
    poll = services.poll_create(
        by=admin,
        jurisdiction=city,
        title=f"政府组成部门工作满意度测评（基准 {time.strftime('%Y-%m-%d %H:%M')}）",
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.SATISFACTION,
    )
    units = Unit.objects.filter(jurisdiction__parent=city).order_by("pk")[:SUBJECTS]
    services.subjects_add(poll=poll, targets=list(units), by=admin)
    services.electorate_add(poll=poll, group_name="人大代表", voters=voters, by=admin)
    return services.poll_open(poll=poll, by=admin)


def _session(user: User) -> str:
    # Whatever session engine the settings name, so the server finds the session it is sent.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # As a login leaves it: renewed now, so the first page does not rewrite it (core.middleware).
    store[RENEWED_KEY] = int(time.time())
    store.create()
    return store.session_key


def _server(port: int) -> subprocess.Popen:
    command = [
        os.path.join(os.path.dirname(sys.executable), "gunicorn"),
        "congress_portal.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--backlog",
        "4096",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=os.environ.copy())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn 未能在 60 秒内启动")


class Voter(threading.Thread):
    def __init__(
        self, *, poll, session: str, marks: dict[str, str], barrier, port: int, load: bool
    ):
        super().__init__(daemon=True)
        self.poll, self.session, self.marks, self.barrier = poll, session, marks, barrier
        # `load`: open the ballot page first, as a person does; the resubmission wave posts only.
        self.port, self.load = port, load
        self.error: str | None = None
        self.finished_at: float | None = None
        self.latency: float | None = None

    def run(self) -> None:
        token = secrets.token_hex(16)  # a 32-character CSRF secret, sent as cookie and field
        cookie = f"sessionid={self.session}; csrftoken={token}; django_language=zh-hans"
        path = f"/polls/{self.poll.pk}/vote/"
        self.barrier.wait()
        started = time.perf_counter()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            if self.load:
                connection.request("GET", path, headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    self.error = f"GET {response.status}"
                    return
            # The ballot page's confirm button: a POST without it only shows the choices back.
            body = urlencode({**self.marks, "step": "cast", "csrfmiddlewaretoken": token})
            headers = {
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
            }
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            location = response.getheader("Location", "")
            if response.status != 302 or not location.endswith(f"/polls/{self.poll.pk}/voted/"):
                self.error = f"POST {response.status} {location}"
            connection.close()
        except OSError as error:
            self.error = f"{type(error).__name__}: {error}"
        finally:
            self.finished_at = time.perf_counter()
            self.latency = self.finished_at - started


def _wave(poll, sessions, ballots, port, *, load=True) -> tuple[float, list[Voter]]:
    threading.stack_size(256 * 1024)
    barrier = threading.Barrier(len(sessions) + 1)
    voters = [
        Voter(poll=poll, session=s, marks=m, barrier=barrier, port=port, load=load)
        for s, m in zip(sessions, ballots, strict=True)
    ]
    for voter in voters:
        voter.start()
    barrier.wait()
    started = time.perf_counter()
    for voter in voters:
        voter.join()
    return max(v.finished_at for v in voters) - started, voters


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(log=print) -> dict:
    voters = list(User.objects.filter(role=Role.DEPUTY, username__startswith="bench_deputy_"))
    log(f"投票：准备 {len(voters)} 名投票人的测评和会话……")
    poll = _poll(voters)
    subjects = list(poll.subjects.all())
    rng = random.Random(len(voters))
    ballots_sent = [{f"s{s.pk}": rng.choice("SSSBBU") for s in subjects} for _voter in voters]
    sessions = [_session(user) for user in voters]
    # One voter at a time on a poll of its own: what a ballot (page and submit) costs the server
    # with nothing else running, which bounds what two cores can do concurrently.
    probe_voters = voters[:SEQUENTIAL_PROBE]
    probe = _poll(probe_voters)
    probe_marks = {f"s{s.pk}": "S" for s in probe.subjects.all()}
    server = _server(PORT)
    try:
        probe_latencies = []
        for session in sessions[:SEQUENTIAL_PROBE]:
            voter = Voter(
                poll=probe,
                session=session,
                marks=probe_marks,
                barrier=threading.Barrier(1),
                port=PORT,
                load=True,
            )
            voter.run()
            if voter.error is None:
                probe_latencies.append(voter.latency)
        log(f"投票：{len(voters)} 名代表同时投票（gunicorn {WORKERS} 个进程）……")
        cpu_before = _cpu_seconds()
        elapsed, wave = _wave(poll, sessions, ballots_sent, PORT)
        client_cpu = _cpu_seconds() - cpu_before
        # Online ballots stay sealed while the poll is open; they become Ballot rows at the close.
        after_first = SealedBallot.objects.filter(poll=poll).count()
        # 200 of them post the same ballot again at once: every second ballot must be refused.
        _wave(poll, sessions[:200], ballots_sent[:200], PORT, load=False)
    finally:
        server.terminate()
        server.wait(timeout=30)
    errors = [v.error for v in wave if v.error]
    per_voter = Participation.objects.filter(poll=poll).values("voter").annotate(n=Count("pk"))
    doubled = sum(1 for row in per_voter if row["n"] > 1)
    participations = Participation.objects.filter(poll=poll).count()
    sealed = SealedBallot.objects.filter(poll=poll).count()
    latencies = sorted(v.latency for v in wave if v.latency is not None)

    admin = User.objects.get(username="bench_admin")
    started = time.perf_counter()
    services.poll_close(poll=poll, by=admin)
    close_seconds = time.perf_counter() - started
    started = time.perf_counter()
    results = selectors.poll_results(poll=poll)
    tally_seconds = time.perf_counter() - started
    ballots = Ballot.objects.filter(poll=poll).count()
    counted = {s.subject.pk: s.tally.count("S") for s in results.overall.subjects}
    sent = {
        s.pk: sum(1 for v in wave if v.error is None and v.marks[f"s{s.pk}"] == "S")
        for s in subjects
    }
    return {
        "voters": len(voters),
        "workers": WORKERS,
        "seconds": round(elapsed, 2),
        "ballots_per_second": round((len(wave) - len(errors)) / elapsed, 1),
        "errors": len(errors),
        "error_samples": errors[:5],
        "p50_seconds": round(statistics.median(latencies), 3),
        "sequential_ms_per_ballot": round(statistics.median(probe_latencies) * 1000, 1),
        "client_cpu_seconds": round(client_cpu, 1),
        "p95_seconds": round(latencies[int(len(latencies) * 0.95) - 1], 3),
        "participations": participations,
        "sealed_ballots": sealed,
        "ballots": ballots,
        "marks": BallotMark.objects.filter(ballot__poll=poll).count(),
        "voters_with_two_participations": doubled,
        "ballots_added_by_resubmission": sealed - after_first,
        "close_seconds": round(close_seconds, 3),
        "tally_seconds": round(tally_seconds, 3),
        "tally_matches_ballots_sent": counted == sent,
    }
