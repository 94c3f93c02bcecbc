"""What a newcomer meets after `make run`, with the clock years past the story's 2024: pages that
open on data and name its year, an open public collection, and no page that prints "None" or
markup in its title. One test, because seeding the whole municipality takes a while."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Role, User
from evaluations.models import Opinion as EvaluationOpinion
from livelihood_projects.models import Cycle, Proposal

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
# Text a person would read: tag contents, not attributes or scripts.
VISIBLE = re.compile(r">([^<]*)<")
LOGINS = ["hh_admin", "yl_staff", "c431222_deputy", "yl_deputy", "yl_liaison", "cx_staff"]


class _Quiet:
    def write(self, _text):
        pass

    def flush(self):
        pass


def _pages_without_arguments(resolver=None, prefix=""):
    """The names of every GET page that takes no argument, from the URL configuration."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            space = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _pages_without_arguments(pattern, space)
        elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groups:
            yield f"{prefix}{pattern.name}"


@pytest.fixture
def demo(db):
    with time_machine.travel(NOW, tick=True):
        call_command("seed_demo", stdout=_Quiet())
        yield


def test_the_demo_opens_on_data(demo, client):
    check_public_collection_is_open(client)
    check_home_figures_name_their_year(client)
    check_deputies_are_people(client)
    check_pages_print_no_none_and_plain_titles(client)


def check_public_collection_is_open(client):
    (cycle,) = Cycle.objects.accepting_proposals()
    assert cycle.year == NOW.year and cycle.jurisdiction.code == "431222"
    page = reverse("livelihood_projects:public_propose")
    assert str(cycle.year) in client.get(page).content.decode()
    response = client.post(
        page,
        {
            "cycle": cycle.pk,
            "title": "官庄镇敬老院适老化改造",
            "category": "elderly",
            "township": cycle.jurisdiction.children.first().pk,
            "description": "敬老院卫生间无扶手，老人如厕不便。",
            "contact_name": "陈女士",
            "contact_phone": "13912345678",
            "website": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Proposal.objects.filter(cycle=cycle, source=Proposal.Source.PUBLIC).count() == 1


def check_home_figures_name_their_year(client):
    client.force_login(User.objects.get(username="yl_staff"))
    body = client.get(reverse("home")).content.decode()
    visits = re.search(r"2024年进站履职 (\d+) 人次", body)
    assert visits and int(visits.group(1)) > 0, "the staff home shows no 2024 visits"
    assert "今年" not in body
    for deputy in ("yl_deputy", "c431222_deputy", "c431226_deputy"):
        client.force_login(User.objects.get(username=deputy))
        body = client.get(reverse("home")).content.decode()
        assert "2024年已进站履职 6 次" in body, deputy


def check_deputies_are_people(client):
    names = User.objects.filter(role=Role.DEPUTY).values_list("full_name", flat=True)
    assert not [n for n in names if n.endswith("代表")]
    client.force_login(User.objects.get(username="c431222_deputy"))
    assert "代表代表" not in client.get(reverse("home")).content.decode()


def check_pages_print_no_none_and_plain_titles(client):
    names = sorted(set(_pages_without_arguments()) - {"logout", "set_language", "healthz"})
    assert "evaluations:scorecard" in names and "home" in names
    faults = []
    for username in LOGINS:
        client.force_login(User.objects.get(username=username))
        for name in names:
            response = client.get(reverse(name))
            if response.status_code != 200 or "html" not in response["Content-Type"]:
                continue
            body = response.content.decode()
            titles = TITLE.findall(body)
            if any("<" in t or ">" in t for t in titles):
                faults.append(f"{username} {name}: markup in the title")
            if any(re.search(r"\bNone\b", text) for text in VISIBLE.findall(body)):
                faults.append(f"{username} {name}: prints None")
    # Detail pages people reach from those lists, where a missing person once read "None".
    client.force_login(User.objects.get(username="yl_staff"))
    for opinion in EvaluationOpinion.objects.filter(round__jurisdiction__code="431222"):
        body = client.get(opinion.get_absolute_url()).content.decode()
        if any(re.search(r"\bNone\b", text) for text in VISIBLE.findall(body)):
            faults.append(f"evaluation opinion {opinion.pk}: prints None")
    assert not faults, faults
