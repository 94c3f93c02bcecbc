"""The demo tells the seed's figures through the portal's own records, and runs again without
adding any."""

import pytest
from django.db.models import Sum

from accounts.demo import seed_all
from legislation import demo, selectors
from legislation.models import (
    Channel,
    CollectionPoint,
    Consultation,
    ContactPoint,
    Informant,
    Suggestion,
)

pytestmark = pytest.mark.django_db


def figures(code):
    suggestions = Suggestion.objects.filter(consultation__point__county__code=code)
    channels = Channel.objects.filter(consultation__point__county__code=code)
    return {
        "points": ContactPoint.objects.filter(county__code=code).count(),
        "collection": CollectionPoint.objects.filter(point__county__code=code).count(),
        "informants": Informant.objects.filter(point__county__code=code).count(),
        "drafts": Consultation.objects.filter(point__county__code=code).count(),
        "symposiums": channels.filter(kind="symposium").count(),
        "messages": channels.aggregate(n=Sum("messages_sent"))["n"] or 0,
        "sent": suggestions.sent().count(),
        "adopted": suggestions.adopted().count(),
    }


def test_the_seed_figures_and_a_second_run_adds_nothing():
    seed_all()
    demo.seed()
    jingzhou = figures(demo.JINGZHOU)
    assert jingzhou["drafts"] == 27 and jingzhou["symposiums"] == 38
    assert jingzhou["messages"] > 25_000
    assert jingzhou["sent"] == 476 and jingzhou["adopted"] == 32
    tongdao = figures(demo.TONGDAO)
    assert (tongdao["points"], tongdao["collection"]) == (5, 100)
    assert tongdao["informants"] > 130 and tongdao["sent"] == 93
    assert figures(demo.YUANLING)["drafts"] >= 1
    # Every not-adopted answer carries its reason, as the service requires.
    assert not Suggestion.objects.filter(disposition="not_adopted", disposition_note="").exists()
    before = {code: figures(code) for code in (demo.JINGZHOU, demo.TONGDAO, demo.YUANLING)}
    demo.seed()
    assert before == {code: figures(code) for code in before}


def test_the_statistics_page_shows_jingzhous_476_and_32():
    seed_all()
    demo.seed()
    from accounts.models import User

    admin = User.objects.get(username="hh_admin")
    years = {row.label: row for row in selectors.statistics(admin)["years"]}
    jingzhou = next(
        r for r in selectors.statistics(admin)["points"] if "岩脚" in r.label or "渠阳" in r.label
    )
    assert years["2024"].sent == 476 + 93 and years["2024"].adopted == 32
    assert jingzhou.sent > 0
