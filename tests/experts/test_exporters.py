"""The pool's exports: the expert list (contacts, so the office's) and the yearly report, both
scoped to the user's county whatever county the parameters name."""

from datetime import date

import pytest

from core.exchange.exporters import get_exporter
from experts.models import Expert, Opinion

from .factories import EngagementFactory, ExpertFactory, MeetingFactory, OpinionFactory

pytestmark = pytest.mark.django_db


def _sheets(identifier, user, **params):
    exporter = get_exporter(identifier)(user=user, params=params)
    return [(s.title, list(s.headers), [list(r) for r in s.rows]) for s in exporter.sheets()]


def test_only_the_office_exports_the_list_with_contacts(staff_a, deputy_a, liaison_a):
    exporter = get_exporter("experts_list")
    assert exporter.allowed_for(staff_a)
    assert not exporter.allowed_for(deputy_a) and not exporter.allowed_for(liaison_a)
    assert get_exporter("experts_report").allowed_for(deputy_a)
    assert not get_exporter("experts_report").allowed_for(liaison_a)


def test_the_list_holds_the_countys_experts_with_contacts(world, staff_a, outsider):
    ExpertFactory(county=world.county_a, name="向志军", phone="0745-2811111")
    ExpertFactory(county=world.county_b, name="辰溪专家")
    ((title, headers, rows),) = _sheets("experts_list", staff_a)
    assert title == "沅陵县人大常委会咨询专家库"
    assert [row[0] for row in rows] == ["向志军"]
    assert rows[0][headers.index("联系电话")] == "0745-2811111"
    # Another county's staff asking for county A get their own pool.
    ((_, _, rows),) = _sheets("experts_list", outsider, county=str(world.county_a.pk))
    assert [row[0] for row in rows] == ["辰溪专家"]


def test_the_year_report_adds_up_the_year(world, staff_a):
    senior = ExpertFactory(county=world.county_a, name="向志军")
    ExpertFactory(county=world.county_a, title_level=Expert.TitleLevel.INTERMEDIATE)
    MeetingFactory(county=world.county_a, kind="symposium", held_on=date(2024, 2, 27))
    MeetingFactory(county=world.county_a, held_on=date(2024, 3, 28))
    MeetingFactory(county=world.county_a, held_on=date(2025, 3, 28))
    engagement = EngagementFactory(county=world.county_a, experts=[senior])
    OpinionFactory(engagement=engagement, expert=senior, status=Opinion.Status.ADOPTED)
    OpinionFactory(engagement=engagement, expert=senior, kind=Opinion.Kind.REFERENCE)
    summary, people = _sheets("experts_report", staff_a, year="2024")
    figures = dict(summary[2])
    assert summary[0] == "沅陵县人大常委会咨询专家库 2024 年度履职情况"
    assert figures["专家库专家（人）"] == 2
    assert figures["高级职称占比（%）"] == 50
    assert figures["年度座谈会（次）"] == 1 and figures["季度恳谈会（次）"] == 1
    assert figures["提出专业意见（条）"] == 1 and figures["提供决策参考意见（条）"] == 1
    assert figures["意见被采纳（条）"] == 1
    assert ["向志军", "高级会计师", 0, 0, 2, 1] in people[2]
