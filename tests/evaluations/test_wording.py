"""Nothing on a page reads "None": a missing person is left out, not printed."""

from datetime import date

from django.urls import reverse

from evaluations import services
from evaluations.models import Opinion


def test_opinion_reported_without_a_reporter_shows_only_the_date(client_for, world, staff_a):
    evaluation = services.round_create(
        jurisdiction=world.county_a, year=2024, title="评议", units=[world.unit_a], by=staff_a
    )
    opinion = Opinion.objects.create(
        round=evaluation,
        unit=world.unit_a,
        content="加大民生项目支持力度",
        assigned_on=date(2024, 9, 10),
        deadline=date(2024, 12, 10),
        report="已落实资金。",
        reported_on=date(2024, 11, 28),
    )
    body = client_for(staff_a).get(reverse("evaluations:opinion_detail", args=[opinion.pk]))
    text = body.content.decode()
    assert "2024-11-28" in text and "None" not in text
