"""The public pages: no login, a rate limit and a honeypot, nothing personal shown."""

import datetime as dt
import threading
import time

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from livelihood_projects import services, throttle
from livelihood_projects.models import Proposal

from .factories import ProjectFactory, ProposalFactory

PROPOSE = reverse("livelihood_projects:public_propose")


@pytest.fixture
def form_data(cycle_a, world):
    return {
        "cycle": cycle_a.pk,
        "title": "官庄镇敬老院适老化改造",
        "category": "elderly",
        "township": world.township_a.pk,
        "description": "敬老院卫生间无扶手，老人如厕不便。",
        "estimated_cost": "35",
        "contact_name": "陈女士",
        "contact_phone": "13912345678",
        "website": "",
    }


def test_public_proposal_gets_a_receipt(client, form_data):
    response = client.post(PROPOSE, form_data, follow=True)
    proposal = Proposal.objects.get()
    assert proposal.source == Proposal.Source.PUBLIC and proposal.submitted_by is None
    body = response.content.decode()
    assert "您的建议已提交" in body and proposal.receipt_number in body
    assert "13912345678" not in body


def test_proposal_without_title_is_refused_and_keeps_the_input(client, form_data):
    form_data["title"] = ""
    response = client.post(PROPOSE, form_data)
    body = response.content.decode()
    assert response.status_code == 200 and "请填写项目名称" in body
    assert "敬老院卫生间无扶手" in body
    assert not Proposal.objects.exists()


def test_negative_cost_is_refused(client, form_data):
    form_data["estimated_cost"] = "-10"
    body = client.post(PROPOSE, form_data).content.decode()
    assert "金额不能为负数" in body and not Proposal.objects.exists()


def test_township_of_another_county_is_refused(client, form_data, world, cycle_b):
    form_data["township"] = world.township_b.pk
    body = client.post(PROPOSE, form_data).content.decode()
    assert "不属于该征集活动的范围" in body and not Proposal.objects.exists()


def test_closed_cycle_takes_no_proposals(client, form_data, cycle_a):
    cycle_a.accepts_public_proposals = False
    cycle_a.save()
    response = client.post(PROPOSE, form_data)
    assert "目前没有正在征集" in response.content.decode() and not Proposal.objects.exists()


def test_honeypot_catches_bots(client, form_data):
    form_data["website"] = "http://spam.example"
    body = client.post(PROPOSE, form_data).content.decode()
    assert "提交失败" in body and not Proposal.objects.exists()


LIMIT = throttle.PUBLIC_PROPOSALS_PER_HOUR
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def _refused(response) -> bool:
    body = response.content.decode()
    return response.status_code == 200 and "提交过于频繁：每小时最多提交 5 条建议" in body


def test_rate_limit_per_address(client, form_data):
    for _ in range(LIMIT):
        assert client.post(PROPOSE, form_data).status_code == 302
    response = client.post(PROPOSE, form_data)
    assert _refused(response)
    # The form keeps what the citizen typed.
    assert "敬老院卫生间无扶手，老人如厕不便。" in response.content.decode()
    assert response.context["form"]["title"].value() == form_data["title"]
    assert Proposal.objects.count() == LIMIT
    # Another address is not affected.
    response = client.post(PROPOSE, form_data, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302


@override_settings(CACHES=UNREACHABLE_REDIS)
def test_proposals_are_saved_and_limited_while_redis_is_unreachable(client, form_data):
    with pytest.raises(Exception, match="[Cc]onnect"):
        cache.get("proof-that-redis-is-unreachable")
    for _ in range(LIMIT):
        assert client.post(PROPOSE, form_data).status_code == 302
    assert Proposal.objects.filter(source=Proposal.Source.PUBLIC).count() == LIMIT
    response = client.post(PROPOSE, form_data)
    assert _refused(response)
    assert response.context["form"]["description"].value() == form_data["description"]
    assert Proposal.objects.count() == LIMIT


def test_the_address_is_kept_only_as_a_keyed_hash_for_an_hour(client, form_data):
    with time_machine.travel(dt.datetime(2025, 11, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        for _ in range(LIMIT):
            client.post(PROPOSE, form_data, REMOTE_ADDR="10.9.8.7")
        assert _refused(client.post(PROPOSE, form_data, REMOTE_ADDR="10.9.8.7"))
    first = Proposal.objects.earliest("pk")
    assert len(first.client_key) == 64 and "10.9.8.7" not in first.client_key
    assert not hasattr(first.history.first(), "client_key")
    with time_machine.travel(dt.datetime(2025, 11, 1, 10, 1, tzinfo=dt.UTC), tick=False):
        # An hour later the same client may propose again, and the old hashes are gone.
        assert client.post(PROPOSE, form_data, REMOTE_ADDR="10.9.8.7").status_code == 302
    assert Proposal.objects.exclude(client_key="").count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_X_FORWARDED_FOR": "1.2.3.{n}"},
        {"HTTP_X_REAL_IP": "1.2.3.{n}"},
        {"HTTP_X_FORWARDED_FOR": "1.2.3.{n}, 5.6.7.{n}", "HTTP_X_REAL_IP": "9.9.9.{n}"},
    ],
)
@pytest.mark.parametrize("remote", ["127.0.0.1", "203.0.113.7"])
def test_without_trusted_proxies_rotating_address_headers_gets_nothing_through(
    client, form_data, settings, headers, remote
):
    settings.TRUSTED_PROXY_COUNT = 0
    responses = [
        client.post(
            PROPOSE,
            form_data,
            REMOTE_ADDR=remote,
            **{name: value.format(n=n) for name, value in headers.items()},
        )
        for n in range(LIMIT + 2)
    ]
    assert [r.status_code for r in responses[:LIMIT]] == [302] * LIMIT
    assert all(_refused(r) for r in responses[LIMIT:])
    assert Proposal.objects.count() == LIMIT


def test_behind_one_proxy_each_forwarded_client_has_its_own_limit(client, form_data, settings):
    settings.TRUSTED_PROXY_COUNT = 1

    def post(forwarded_for):
        return client.post(
            PROPOSE, form_data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for
        )

    # What the client wrote is left of the entry nginx appended, however it is written.
    spoofs = ["9.9.9.{n}, 1.2.3.4", '9.9.9.{n}, ", 1.2.3.4', "for=9.9.9.{n}, 1.2.3.4", "1.2.3.4"]
    responses = [post(spoofs[n % len(spoofs)].format(n=n)) for n in range(LIMIT + 2)]
    assert [r.status_code for r in responses[:LIMIT]] == [302] * LIMIT
    assert all(_refused(r) for r in responses[LIMIT:])
    assert post("5.6.7.8").status_code == 302


@pytest.mark.django_db(transaction=True)
def test_concurrent_proposals_from_one_client_stop_at_the_limit(cycle_a, world):
    # Through the service, each thread on its own connection: on PostgreSQL the advisory lock is
    # what keeps them from all counting four; SQLite runs one writer at a time anyway.
    threads = 30 if connection.vendor == "postgresql" else 10
    barrier = threading.Barrier(threads)
    outcomes = []

    def submit():
        barrier.wait()
        try:
            for _attempt in range(500):
                try:
                    services.public_proposal_submit(
                        cycle=cycle_a,
                        client_key="k" * 64,
                        title="同时提交",
                        category="elderly",
                        township=world.township_a,
                        description="内容",
                    )
                    outcomes.append("saved")
                    return
                except ValidationError:
                    outcomes.append("refused")
                    return
                except OperationalError as error:  # SQLite's shared in-memory test database
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.01)
        finally:
            connection.close()

    workers = [threading.Thread(target=submit) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(outcomes) == ["refused"] * (threads - LIMIT) + ["saved"] * LIMIT
    assert Proposal.objects.count() == LIMIT


def test_receipt_lookup(client, cycle_a, staff_a):
    proposal = ProposalFactory(
        cycle=cycle_a,
        status=Proposal.Status.NOT_TAKEN,
        screening_reason="已纳入省级农村饮水工程",
        contact_phone="13912345678",
    )
    url = reverse("livelihood_projects:public_receipt")
    body = client.get(url, {"number": proposal.receipt_number.lower()}).content.decode()
    assert "未采纳" in body and "已纳入省级农村饮水工程" in body and "13912345678" not in body
    body = client.get(url, {"number": "MS2025-NOPE00"}).content.decode()
    assert "没有找到这个回执编号" in body


def test_results_page_shows_projects_and_what_became_of_proposals(client, cycle_a, world):
    project = ProjectFactory(
        cycle=cycle_a,
        title="沅陵县城区学校扩容",
        status="elected",
        progress=60,
        budget_total=500,
        spent_total=300,
        satisfaction_rate=98,
    )
    ProjectFactory(cycle=cycle_a, title="落选项目", status="not_elected")
    published = timezone.now()
    ProposalFactory(
        cycle=cycle_a,
        title="学校扩容建议",
        status="candidate",
        project=project,
        published_at=published,
    )
    ProposalFactory(
        cycle=cycle_a,
        title="修建广场",
        status="not_taken",
        screening_reason="不属于民生实事范围",
        published_at=published,
    )
    ProposalFactory(cycle=cycle_a, title="代表收集的建议", source="deputy", contact_phone="139")
    url = reverse("livelihood_projects:public_results", args=[world.county_a.code, 2025])
    body = client.get(url).content.decode()
    assert "沅陵县城区学校扩容" in body and "98%" in body and "落选项目" not in body
    assert "学校扩容建议" in body and "不属于民生实事范围" in body
    assert "代表收集的建议" not in body  # only the public's own proposals are listed


def test_results_page_of_unknown_county_or_year_is_404(client, cycle_a, world):
    url = reverse("livelihood_projects:public_results", args=[world.county_a.code, 1999])
    assert client.get(url).status_code == 404
    url = reverse("livelihood_projects:public_results", args=["999999", 2025])
    assert client.get(url).status_code == 404
