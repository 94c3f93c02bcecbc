"""The demo of the seed's figures: 中方's 12 townships' review of the 2024 budget and 新晃's two
funds under 两问四评, published and counted on their units' scorecards; seeding again adds
nothing."""

from datetime import date

import pytest

from accounts.demo import seed_all
from budget import demo
from budget.models import Fund, FundResponse, TownshipReview
from budget.selectors import funds as selectors
from core.models import Jurisdiction, Unit
from evaluations.selectors import scorecards

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    seed_all()
    demo.seed_township_review()
    demo.seed_funds()


def test_zhongfang_12_townships_reviewed_2024(seeded):
    zhongfang = Jurisdiction.objects.get(code="431221")
    assert Jurisdiction.objects.townships().filter(parent=zhongfang).count() == 12
    reviews = TownshipReview.objects.filter(township__parent=zhongfang, year=2024)
    for step, done in (("preliminary", 12), ("approval", 12), ("adjustment", 5), ("final", 10)):
        assert reviews.filter(step=step).count() == done, step


def test_xinhuang_two_funds_published(seeded):
    xinhuang = Jurisdiction.objects.get(code="431227")
    published = Fund.objects.filter(county=xinhuang).published()
    assert sorted(published.values_list("name", flat=True)) == ["保交楼专项资金", "就业专项资金"]
    for fund in published:
        assert fund.result == selectors.fund_result(fund).result
        assert fund.published_on == date(2024, 12, 20)
    assert Fund.objects.filter(county=xinhuang).surveying().count() == 1
    housing = published.get(name="保交楼专项资金")
    [card] = scorecards([Unit.objects.get(pk=housing.unit_id)], 2024, date(2024, 12, 31))
    assert dict(card.extra)["重大资金两问四评"].rate == housing.result


def test_seeding_again_adds_nothing(seeded):
    counts = (TownshipReview.objects.count(), Fund.objects.count(), FundResponse.objects.count())
    demo.seed_township_review()
    demo.seed_funds()
    assert (
        TownshipReview.objects.count(),
        Fund.objects.count(),
        FundResponse.objects.count(),
    ) == counts
