from datetime import date

import pytest
from django.urls import reverse

from accounts.demo import seed_all
from accounts.models import User
from core.models import Jurisdiction, Unit
from evaluations import demo
from evaluations.models import (
    AppraisalRound,
    AuditProblem,
    EvaluationRound,
    JointReview,
    RectificationItem,
)

Status = AuditProblem.Status


def test_navigation_for_staff_and_liaison(client_for, staff_a, liaison_a, deputy_a):
    def labels(user):
        context = client_for(user).get(reverse("home")).context
        items = context["nav_items"]
        return [item.label for item in items] + [c.label for item in items for c in item.children]

    assert {"工作评议", "审计整改", "检察建议", "履职评议"} <= set(labels(staff_a))
    liaison = set(labels(liaison_a))
    assert {"工作评议", "审计整改", "检察建议"} <= liaison and "履职评议" not in liaison
    assert "审计整改" not in labels(deputy_a)


def test_home_counts_open_and_overdue_items(client_for, staff_a, outsider, make_problem):
    make_problem(status=Status.RECTIFIED, evidence="凭证")
    make_problem(deadline=date(2020, 1, 1))
    body = client_for(staff_a).get(reverse("home")).content.decode()
    assert "审计整改问题未销号 2 个，其中待核实销号 1 个、逾期未到位 1 个" in body
    body = client_for(outsider).get(reverse("home")).content.decode()
    assert "审计整改问题未销号 0 个" in body


@pytest.fixture
def seeded(db):
    seed_all()
    demo.seed()


def test_demo_matches_the_seed(seeded, client):
    yuanling = Jurisdiction.objects.get(code="431222")
    problems = AuditProblem.objects.filter(jurisdiction=yuanling, year=2023)
    assert problems.count() == 40
    assert problems.filter(status=Status.RECTIFIED).count() == 32
    assert problems.filter(status=Status.PARTIAL).count() == 7
    assert problems.filter(status=Status.COMMITTED).count() == 1
    assert problems.values("area").distinct().count() == 6
    huitong = AuditProblem.objects.filter(jurisdiction__code="431225", year=2024)
    assert huitong.count() == 13
    assert RectificationItem.objects.filter(problem__in=huitong).count() == 13
    assert JointReview.objects.filter(jurisdiction__code="431225").count() == 11
    xinhuang = AppraisalRound.objects.get(jurisdiction__code="431227")
    kinds = list(xinhuang.entries.values_list("head__kind", flat=True))
    assert (kinds.count("judge"), kinds.count("prosecutor"), kinds.count("head")) == (3, 2, 20)
    latest = (
        AppraisalRound.objects.filter(jurisdiction__code="431281").order_by("appraisal_date").last()
    )
    assert any("removal_motion" in e.consequences for e in latest.entries.all())

    # The scorecard opens on the 2024 evaluation, which embeds the 40 problems of 2023's audit,
    # and compares the units that evaluation names.
    client.force_login(User.objects.get(username="yl_staff"))
    response = client.get(reverse("evaluations:scorecard"))
    assert response.context["year"] == 2024
    total = response.context["total"]
    assert (total.total, total.rectified, total.partial, total.committed) == (40, 32, 7, 1)
    assert (
        "2024 年度工作评议嵌入 2023 年度审计查出的问题，共 40 个："
        "整改到位 32 个、部分整改 7 个、承诺整改 1 个" in response.content.decode()
    )
    evaluation = EvaluationRound.objects.get(jurisdiction=yuanling, year=2024)
    assert {c.unit for c in response.context["cards"]} == set(evaluation.units.all())
    client.force_login(User.objects.get(username="cx_staff"))
    response = client.get(reverse("evaluations:scorecard"), {"year": 2024})
    assert response.context["total"].total == 0


def test_demo_is_idempotent(seeded):
    counts = (AuditProblem.objects.count(), AppraisalRound.objects.count(), Unit.objects.count())
    demo.seed()
    assert (
        AuditProblem.objects.count(),
        AppraisalRound.objects.count(),
        Unit.objects.count(),
    ) == counts
