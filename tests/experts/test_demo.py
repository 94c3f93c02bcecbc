"""The demo tells 鹤城's pool as the seed article does: 35 experts, over 80 % senior, the 2024
symposium and quarterly meetings, 40+ visits, 10+ inspections, 60+ professional opinions and 30+
decision references; 沅陵's small pool gives the demo logins rows. A second run adds nothing."""

import pytest

from accounts.demo import seed_all
from core.models import Jurisdiction
from experts import demo
from experts.models import Activity, Engagement, Expert, Meeting, Opinion
from experts.selectors import year_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    seed_all()
    demo.seed()


def test_hecheng_figures_match_the_seed(seeded):
    report = year_report(Jurisdiction.objects.get(code="431202"), 2024)
    assert report.experts == 35
    assert report.share.percent > 80 and not report.share.below_target
    assert (report.symposiums, report.quarterly_meetings) == (1, 4)
    assert report.visits > 40 and report.inspections > 10
    assert report.professional_opinions > 60 and report.reference_opinions > 30
    assert 0 < report.adopted < report.opinions
    assert report.pool.rules_title == "《鹤城区人大常委会咨询专家库管理暂行办法》"


def test_every_quarter_of_2024_had_a_meeting(seeded):
    days = Meeting.objects.filter(county__code="431202").values_list("held_on", flat=True)
    assert {(d.month - 1) // 3 + 1 for d in days} == {1, 2, 3, 4}


def test_yuanling_has_rows_for_the_demo_logins(seeded):
    assert Expert.objects.filter(county__code="431222").count() == 4
    engagement = Engagement.objects.get(county__code="431222")
    assert engagement.opinions.count() == 1


def test_seeding_twice_adds_nothing(seeded):
    counts = [m.objects.count() for m in (Expert, Meeting, Engagement, Activity, Opinion)]
    demo.seed()
    assert [m.objects.count() for m in (Expert, Meeting, Engagement, Activity, Opinion)] == counts
