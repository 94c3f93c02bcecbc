"""两问四评 of a major fund: the survey with its honeypot and hourly limit, paper tallies, the
four evaluations on the county's criteria, the weights, publication, the public pages, the unit's
scorecard, the export, and every page for each role, the outsider and the anonymous visitor."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from budget import rules
from budget.exporters import FundExporter
from budget.models import Fund, FundCriterion, FundResponse, FundSetting
from budget.selectors import funds as selectors
from budget.services import funds as services
from evaluations.selectors import scorecards
from tests.accounts.factories import AdminUserFactory

from .factories import FundCriterionFactory, FundFactory

pytestmark = pytest.mark.django_db

KINDS = rules.FUND_EVALUATIONS


@pytest.fixture
def county_admin(world):
    return AdminUserFactory(username="admin_a", jurisdiction=world.county_a)


@pytest.fixture
def criteria(world):
    return {
        kind: [
            FundCriterionFactory(county=world.county_a, kind=kind, name="资金使用", max_score=60),
            FundCriterionFactory(county=world.county_a, kind=kind, name="绩效", max_score=40),
        ]
        for kind in KINDS
    }


@pytest.fixture
def fund(world, staff_a):
    return FundFactory(county=world.county_a, unit=world.unit_a, name="保交楼专项资金")


def _evaluate(fund, criteria, staff, kind, given=(54, 36)):
    return services.evaluation_record(
        fund=fund,
        kind=kind,
        evaluator="县财政局",
        evaluated_on=date(2024, 11, 8),
        scores={c.pk: Decimal(s) for c, s in zip(criteria[kind], given, strict=True)},
        by=staff,
    )


def _complete(fund, criteria, staff):
    for question in rules.FUND_QUESTIONS:
        services.tally_record(fund=fund, question=question, good=6, fair=3, poor=1, by=staff)
    for kind in KINDS:
        _evaluate(fund, criteria, staff, kind)


# --- Services ------------------------------------------------------------------------------------


def test_result_is_incomplete_until_all_six_parts(fund, criteria, staff_a):
    assert selectors.fund_result(fund).result is None
    for question in rules.FUND_QUESTIONS:
        services.tally_record(fund=fund, question=question, good=6, fair=3, poor=1, by=staff_a)
    for kind in KINDS[:-1]:
        _evaluate(fund, criteria, staff_a, kind)
    result = selectors.fund_result(fund)
    assert result.result is None and result.missing == "人大评议"
    with pytest.raises(ValidationError, match="人大评议"):
        services.fund_publish(fund=fund, by=staff_a)
    _evaluate(fund, criteria, staff_a, "congress")
    # Questions 90 % favourable, evaluations 90/100: the result is 90.
    assert selectors.fund_result(fund).result == Decimal("90.00")


def test_online_and_paper_answers_add_up(fund, staff_a):
    fund.survey_open = True
    fund.save()
    for answer in ("good", "poor"):
        services.response_submit(fund=fund, in_place=answer, satisfied="fair", client_key=answer)
    services.tally_record(fund=fund, question="in_place", good=1, fair=0, poor=0, by=staff_a)
    in_place, satisfied = selectors.answers(fund)
    assert in_place.counts == {"good": 2, "fair": 0, "poor": 1} and in_place.total == 3
    assert in_place.share * 3 == 200  # two favourable of three, exactly
    assert satisfied.share == 100


def test_evaluation_needs_every_criterion_in_range(fund, criteria, staff_a):
    with pytest.raises(ValidationError) as refused:
        services.evaluation_record(
            fund=fund,
            kind="audit",
            evaluator="县审计局",
            evaluated_on=date(2024, 11, 1),
            scores={criteria["audit"][0].pk: Decimal(61)},
            by=staff_a,
        )
    assert set(refused.value.message_dict) == {f"c{c.pk}" for c in criteria["audit"]}
    assert not fund.evaluations.exists()


def test_evaluation_keeps_the_maximum_it_was_scored_on(fund, criteria, staff_a, county_admin):
    _evaluate(fund, criteria, staff_a, "finance")
    first = criteria["finance"][0]
    services.criterion_save(
        county=first.county,
        criterion=first,
        kind="finance",
        name=first.name,
        max_score=Decimal(80),
        by=county_admin,
    )
    assert selectors.fund_result(fund).parts[2].score == 90
    services.criterion_retire(criterion=first, by=county_admin)
    first.refresh_from_db()
    assert not first.is_active  # scored already: retired, not deleted
    unused = FundCriterionFactory(county=first.county, kind="audit")
    services.criterion_retire(criterion=unused, by=county_admin)
    assert not FundCriterion.objects.filter(pk=unused.pk).exists()


def test_weights_must_sum_to_100(world, county_admin, outsider):
    weights = dict(rules.DEFAULT_FUND_WEIGHTS)
    with pytest.raises(ValidationError, match="99"):
        services.weights_update(county=world.county_a, by=county_admin, **weights | {"audit": 19})
    assert not FundSetting.objects.exists()
    weights |= {"audit": 30, "finance": 10}
    services.weights_update(county=world.county_a, by=county_admin, **weights)
    assert selectors.weights(world.county_a) == weights
    with pytest.raises(ValidationError):
        services.weights_update(county=world.county_a, by=outsider, **weights)


def test_survey_refuses_when_closed_and_over_the_hourly_limit(fund):
    answer = {"in_place": "good", "satisfied": "good", "client_key": "k"}
    with pytest.raises(ValidationError, match="关闭"):
        services.response_submit(fund=fund, **answer)
    fund.survey_open = True
    fund.save()
    for _ in range(services.RESPONSES_PER_HOUR):
        services.response_submit(fund=fund, **answer)
    with pytest.raises(ValidationError, match="频繁"):
        services.response_submit(fund=fund, **answer)
    services.response_submit(fund=fund, **answer | {"client_key": "other"})
    # An hour later the hash is wiped from the old answers and the client may answer again.
    old = timezone.now() - timezone.timedelta(hours=2)
    FundResponse.objects.update(created_at=old)
    services.response_submit(fund=fund, **answer)
    assert FundResponse.objects.exclude(client_key="").count() == 1


def test_fund_belongs_to_the_users_county(world, staff_a, outsider):
    data = {"county": world.county_a, "year": 2024, "name": "就业专项资金", "unit": world.unit_a}
    with pytest.raises(ValidationError):
        services.fund_create(by=outsider, **data)
    with pytest.raises(ValidationError, match="主管单位"):
        services.fund_create(by=staff_a, **data | {"unit": world.township_unit_a})
    services.fund_create(by=staff_a, **data)
    with pytest.raises(ValidationError, match="同名"):
        services.fund_create(by=staff_a, **data)


def test_published_result_counts_on_the_unit_scorecard(fund, criteria, staff_a, world):
    FundFactory(county=world.county_a, unit=world.unit_a, name="就业专项资金")
    _complete(fund, criteria, staff_a)
    services.fund_publish(fund=fund, by=staff_a)
    [card] = scorecards([world.unit_a], 2024, date(2024, 12, 31))
    tally = dict(card.extra)["重大资金两问四评"]
    assert tally.total == 2 and tally.rate == Decimal("90.00")
    assert list(tally.counts.values()) == [1, 1]


# --- Pages ---------------------------------------------------------------------------------------


@pytest.fixture
def urls(fund, criteria):
    return {
        "fund_list": reverse("budget:fund_list"),
        "fund_create": reverse("budget:fund_create"),
        "fund_detail": reverse("budget:fund_detail", args=[fund.pk]),
        "fund_settings": reverse("budget:fund_settings"),
        "criterion_edit": reverse("budget:criterion_edit", args=[criteria["audit"][0].pk]),
    }


POSTS = ["fund_tally", "fund_survey", "fund_publish"]
# Who may open each page: a admin, s staff, d deputy (liaisons none).
ALLOWED = {
    "fund_list": "asd",
    "fund_create": "as",
    "fund_detail": "asd",
    "fund_settings": "a",
    "criterion_edit": "a",
}


def test_anonymous_is_sent_to_login(client, urls, fund):
    posts = [reverse(f"budget:{n}", args=[fund.pk]) for n in POSTS]
    for url in [*urls.values(), *posts, reverse("budget:fund_evaluate", args=[fund.pk, "audit"])]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_roles(client_for, urls, county_admin, staff_a, deputy_a, liaison_a):
    people = {"a": county_admin, "s": staff_a, "d": deputy_a, "l": liaison_a}
    for name, url in urls.items():
        for letter, user in people.items():
            status = client_for(user).get(url).status_code
            assert status == (200 if letter in ALLOWED[name] else 403), (name, letter)


def test_outsider_gets_404(client_for, urls, fund, world):
    outsider_admin = AdminUserFactory(username="admin_b", jurisdiction=world.county_b)
    client = client_for(outsider_admin)
    for name in ("fund_detail", "criterion_edit"):
        assert client.get(urls[name]).status_code == 404
    for name in POSTS:
        assert client.post(reverse(f"budget:{name}", args=[fund.pk])).status_code == 404
    evaluate = reverse("budget:fund_evaluate", args=[fund.pk, "audit"])
    assert client.post(evaluate).status_code == 404
    assert fund.pk not in [f.pk for f in client.get(urls["fund_list"]).context["funds"]]
    page = client.get(f"{urls['fund_settings']}?county={world.county_a.pk}")
    assert page.status_code == 404


def test_deputy_cannot_post(client_for, fund, deputy_a):
    client = client_for(deputy_a)
    for name in POSTS:
        assert client.post(reverse(f"budget:{name}", args=[fund.pk])).status_code == 403


def test_staff_runs_the_fund_from_the_page(client_for, fund, criteria, staff_a):
    client = client_for(staff_a)
    page = reverse("budget:fund_detail", args=[fund.pk])
    client.post(reverse("budget:fund_survey", args=[fund.pk]), {"open": "1"})
    fund.refresh_from_db()
    assert fund.survey_open
    bad = client.post(
        reverse("budget:fund_tally", args=[fund.pk]),
        {"question": "in_place", "good": "-1", "fair": "2", "poor": "0"},
    )
    assert bad.status_code == 400 and 'value="2"' in bad.content.decode()
    for question in rules.FUND_QUESTIONS:
        response = client.post(
            reverse("budget:fund_tally", args=[fund.pk]),
            {"question": question, "good": "9", "fair": "0", "poor": "1"},
        )
        assert response.status_code == 302
    over = {"audit-evaluator": "县审计局", "audit-evaluated_on": "2024-11-01"}
    over |= {f"audit-c{c.pk}": "61" for c in criteria["audit"]}
    response = client.post(reverse("budget:fund_evaluate", args=[fund.pk, "audit"]), over)
    assert response.status_code == 400 and "县审计局" in response.content.decode()
    for kind in KINDS:
        data = {f"{kind}-evaluator": "评价机构", f"{kind}-evaluated_on": "2024-11-01"}
        data |= {f"{kind}-c{c.pk}": str(c.max_score * Decimal("0.9")) for c in criteria[kind]}
        response = client.post(reverse("budget:fund_evaluate", args=[fund.pk, kind]), data)
        assert response.status_code == 302, kind
    assert client.get(page).context["result"].result == Decimal("90.00")
    client.post(reverse("budget:fund_publish", args=[fund.pk]))
    fund.refresh_from_db()
    assert fund.result == Decimal("90.00") and fund.published_on == timezone.localdate()
    assert client.post(reverse("budget:fund_evaluate", args=[fund.pk, "other"])).status_code == 404


def test_admin_sets_weights_and_criteria(client_for, world, county_admin, urls):
    client = client_for(county_admin)
    weights = dict(rules.DEFAULT_FUND_WEIGHTS) | {"congress": 20}
    response = client.post(urls["fund_settings"], {"action": "weights", **weights})
    assert response.status_code == 400 and "105" in response.content.decode()
    weights["finance"] = 15
    response = client.post(urls["fund_settings"], {"action": "weights", **weights})
    assert response.status_code == 302
    assert selectors.weights(world.county_a)["congress"] == 20
    data = {"action": "criterion", "kind": "congress", "name": "代表满意度", "max_score": "20"}
    assert client.post(urls["fund_settings"], data | {"order": "3"}).status_code == 302
    assert FundCriterion.objects.filter(name="代表满意度", county=world.county_a).exists()


# --- Public pages ---------------------------------------------------------------------------------


def test_public_survey_only_while_open(client, fund):
    url = reverse("budget:public_survey", args=[fund.pk])
    assert client.get(url).status_code == 404
    fund.survey_open = True
    fund.save()
    page = client.get(url)
    assert page.status_code == 200 and "保交楼专项资金" in page.content.decode()
    response = client.post(url, {"in_place": "good", "satisfied": "fair", "comment": "进度快"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert FundResponse.objects.get().comment == "进度快"


def test_public_survey_refusals(client, fund):
    fund.survey_open = True
    fund.save()
    url = reverse("budget:public_survey", args=[fund.pk])
    missing = client.post(url, {"in_place": "good", "comment": "保留这句话"})
    assert missing.status_code == 400 and "保留这句话" in missing.content.decode()
    bot = client.post(url, {"in_place": "good", "satisfied": "good", "website": "http://x"})
    assert bot.status_code == 400 and not FundResponse.objects.exists()
    for _ in range(services.RESPONSES_PER_HOUR):
        client.post(url, {"in_place": "good", "satisfied": "good"})
    refused = client.post(url, {"in_place": "good", "satisfied": "good"})
    assert refused.status_code == 400 and "频繁" in refused.content.decode()


def test_public_results_only_published(client, fund, criteria, staff_a, world):
    url = reverse("budget:public_fund_results", args=[world.county_a.code])
    assert client.get(url).status_code == 404
    _complete(fund, criteria, staff_a)
    services.fund_publish(fund=fund, by=staff_a)
    FundFactory(county=world.county_a, unit=world.unit_a, name="未公布的资金")
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and "保交楼专项资金" in text and "未公布的资金" not in text
    assert client.get(reverse("budget:public_fund_results", args=["999999"])).status_code == 404
    # The public reach it from the budget's public index, and only while something is published.
    index = client.get(reverse("budget:public_index")).content.decode()
    assert f'href="{url}"' in index
    services.fund_unpublish(fund=fund, by=staff_a)
    assert client.get(url).status_code == 404
    assert f'href="{url}"' not in client.get(reverse("budget:public_index")).content.decode()


def test_export(fund, criteria, staff_a, outsider):
    _complete(fund, criteria, staff_a)
    [sheet] = list(FundExporter(user=staff_a).sheets())
    [row] = list(sheet.rows)
    assert row[2] == "保交楼专项资金" and row[-3] == Decimal("90.00") and row[-2] is None
    [sheet] = list(FundExporter(user=outsider).sheets())
    assert list(sheet.rows) == []


def test_fund_list_queries_are_flat(client_for, staff_a, world, django_assert_max_num_queries):
    for n in range(5):
        FundFactory(county=world.county_a, unit=world.unit_a, name=f"资金{n}")
    client = client_for(staff_a)
    client.get(reverse("budget:fund_list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("budget:fund_list"))
    assert Fund.objects.count() == 5
