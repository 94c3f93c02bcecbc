"""The supervision demo tells the seed article's story in 2024 through the portal's own records and
pages: 辰溪's "1+27+7" reports and township resolutions, 会同's inquiry of 7 units, 溆浦's and 芷江's
livelihood projects, 沅陵's procuratorate in the inspection group; items at every state."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from accounts.demo import seed_all
from accounts.models import User
from core.models import Jurisdiction, Unit
from supervision import demo
from supervision.models import (
    Commitment,
    HandlingReport,
    Item,
    OpinionLetter,
    Plan,
    Question,
    Research,
    Setting,
)
from supervision.rules import item_state
from supervision.selectors.plan import plan_rows
from supervision.selectors.steps import item_steps

CHENXI, HUITONG, XUPU, ZHIJIANG, YUANLING = "431223", "431225", "431224", "431228", "431222"


@pytest.fixture
def seeded(db):
    seed_all()
    demo.seed()


def county(code):
    return Jurisdiction.objects.get(code=code)


def plan_of(code, year=2024):
    return Plan.objects.get(jurisdiction__code=code, year=year)


def staff(code):
    return User.objects.get(username=f"c{code}_staff")


def supervision_counts():
    models = apps.get_app_config("supervision").get_models()
    counts = {model.__name__: model._default_manager.count() for model in models}
    counts["Unit"] = Unit.objects.count()
    return counts


def check_seeding_again_creates_nothing_new():
    before = supervision_counts()
    states = dict(Item.objects.values_list("pk", "state"))
    demo.seed()
    assert supervision_counts() == before
    assert dict(Item.objects.values_list("pk", "state")) == states


def check_every_stored_state_follows_the_rules():
    items = list(Item.objects.all())
    assert len(items) > 50
    for item in items:
        assert item.state == item_state(item_steps(item)), item.title


def check_items_at_every_state_and_plans_at_every_status():
    states = set(Item.objects.values_list("state", flat=True))
    assert states == set(Item.State.values)
    statuses = set(Plan.objects.values_list("status", flat=True))
    assert statuses == set(Plan.Status.values)


def check_chenxi_plan_shows_1_27_7_reports_heard_two_sided():
    plan = plan_of(CHENXI)
    assert plan.status == Plan.Status.PUBLISHED and plan.published_on
    assert "1+27+7" in plan.notes and "七种" in plan.notes
    reports = plan.items.filter(kind=Item.Kind.WORK_REPORT, heard_on__isnull=False)
    assert reports.count() == 35
    assert reports.filter(title__endswith="法治政府建设综合情况报告").count() == 1
    assert reports.filter(title__endswith="依法行政专项报告").count() == 27
    assert reports.filter(title__endswith="分报告").count() == 7
    assert len({unit for unit in reports.values_list("unit", flat=True)}) == 35
    assert all("两方面测评" in notes for notes in reports.values_list("hearing_notes", flat=True))
    verdicts = set(reports.values_list("report_verdict", flat=True))
    assert verdicts == {"satisfied", "basically", "unsatisfied"}
    assert Setting.objects.get(county__code=CHENXI).two_sided_poll
    # The plan page's figures: 35 reports heard among the five kinds of the year.
    row = next(r for r in plan_rows(staff(CHENXI), 2024) if r.plan == plan)
    assert dict(row.kinds())["听取和审议专项工作报告"] == 35
    assert set(plan.items.values_list("kind", flat=True)) == set(Item.Kind.values)


def check_chenxi_inspection_and_resolutions():
    plan = plan_of(CHENXI)
    inspection = plan.items.get(kind=Item.Kind.INSPECTION)
    assert inspection.law and inspection.inspection_group and inspection.inspection_methods
    assert inspection.versions.filter(stage="inspection").exists()
    assert inspection.changes.filter(kind="moved").exists()
    titles = set(plan.items.filter(kind=Item.Kind.RESOLUTION).values_list("title", flat=True))
    assert "关于推进乡村振兴战略加快宜居宜业和美乡村建设的决议" in titles
    assert "关于批准辰溪县调整优化中小学幼儿园布局规划方案（2024—2035）的决定" in titles
    assert plan.items.get(title__contains="布局规划").added_after_adoption


def check_chenxi_townships_made_11_substantive_resolutions():
    resolutions = Item.objects.filter(
        plan__jurisdiction__parent__code=CHENXI, plan__year=2024, kind=Item.Kind.RESOLUTION
    )
    assert resolutions.count() == 11
    assert resolutions.values("plan__jurisdiction").distinct().count() == 3
    for item in resolutions:
        assert item.resolution_text and item.execution_due
        assert item.handling_reports.get(round=1).due_on == item.execution_due
    received = HandlingReport.objects.filter(item__in=resolutions, received_on__isnull=False)
    assert received.count() == 10
    assert any(r.received_on > r.due_on for r in received)  # one came late
    assert (
        HandlingReport.objects.filter(item__in=resolutions, received_on__isnull=True).count() == 1
    )


def check_chenxi_deadlines_some_met_some_late():
    letters = OpinionLetter.objects.filter(item__plan=plan_of(CHENXI))
    late = [letter for letter in letters if letter.sent_late]
    assert late and len(late) < letters.count()
    assert all(letter.letter_number.startswith("辰人大常函") for letter in letters)
    re_report = Item.objects.get(plan=plan_of(CHENXI), state=Item.State.RE_REPORT)
    assert re_report.handling_reports.count() == 2
    follow_up = Item.objects.get(follows=re_report)
    assert follow_up.plan == plan_of(CHENXI, 2025) and follow_up.state == Item.State.PLANNED


def check_huitong_inquiry_of_7_units_with_commitments():
    inquiry = Item.objects.get(plan=plan_of(HUITONG), kind=Item.Kind.INQUIRY)
    assert "7个单位" in inquiry.title and inquiry.joined_to is not None
    questions = Question.objects.filter(item=inquiry)
    assert questions.values("unit").distinct().count() == 7
    assert questions.filter(unit__name="市生态环境保护局会同分局").exists()
    assert all(q.asked_by and q.answered_by and q.answer for q in questions)
    commitments = Commitment.objects.filter(question__item=inquiry)
    today = timezone.localdate()
    assert all(c.owner for c in commitments)
    assert commitments.filter(done_on__isnull=False).count() >= 3
    assert commitments.overdue(today).count() == 1
    assert commitments.open().exclude(pk__in=commitments.overdue(today)).count() >= 2


def check_livelihood_projects_heard_and_polled():
    for code, figure in ((XUPU, "34"), (ZHIJIANG, "28")):
        item = Item.objects.get(plan=plan_of(code), kind=Item.Kind.WORK_REPORT)
        assert "民生实事" in item.title and "民生实事项目" in item.source_note
        assert item.heard_on and item.state == Item.State.CLOSED
        assert item.report_verdict == "satisfied"
        assert item.handling_reports.get(round=1).verdict == "satisfied"
        assert figure in item.source_note + item.hearing_notes
    assert plan_of(ZHIJIANG).status == Plan.Status.PUBLISHED


def check_yuanling_procuratorate_joins_the_inspection():
    inspection = Item.objects.get(plan=plan_of(YUANLING), kind=Item.Kind.INSPECTION)
    assert "县人民检察院派员参加" in inspection.inspection_group
    assert inspection.state == Item.State.OPINIONS_SENT
    assert inspection.opinion_letter.sent_late


def check_records_stay_in_their_county():
    for item in Item.objects.select_related("plan__jurisdiction", "unit__jurisdiction"):
        home = item.plan.jurisdiction.county
        assert item.unit.jurisdiction.county == home, item.title
        assert item.created_by.jurisdiction == home
    for question in Question.objects.select_related("item__plan__jurisdiction", "unit"):
        assert question.unit.jurisdiction.county == question.item.plan.jurisdiction.county
    for commitment in Commitment.objects.select_related("question__item__plan__jurisdiction"):
        assert commitment.unit.jurisdiction.county == (
            commitment.question.item.plan.jurisdiction.county
        )
    for research in Research.objects.prefetch_related("deputies"):
        home = research.item.plan.jurisdiction.county
        assert all(deputy.county == home for deputy in research.deputies.all())


def check_pages_show_the_figures(client):
    client.force_login(staff(CHENXI))
    page = client.get(reverse("supervision:plan_list"), {"year": 2024})
    assert "听取和审议专项工作报告 35" in page.content.decode()
    page = client.get(reverse("supervision:plan_detail", args=[plan_of(CHENXI).pk]))
    assert page.status_code == 200
    assert "辰溪县人民政府法治政府建设综合情况报告" in page.content.decode()
    client.force_login(staff(HUITONG))
    inquiry = Item.objects.get(plan=plan_of(HUITONG), kind=Item.Kind.INQUIRY)
    page = client.get(reverse("supervision:item_detail", args=[inquiry.pk]))
    assert page.status_code == 200
    assert "市生态环境保护局会同分局" in page.content.decode()
    # Another county's staff sees none of it.
    client.force_login(staff(CHENXI))
    assert client.get(reverse("supervision:item_detail", args=[inquiry.pk])).status_code == 404


def test_demo_tells_the_seed_story_and_seeds_once(seeded, client):
    # One seeding for all the checks: it takes a while. The rerun comes last.
    check_every_stored_state_follows_the_rules()
    check_items_at_every_state_and_plans_at_every_status()
    check_chenxi_plan_shows_1_27_7_reports_heard_two_sided()
    check_chenxi_inspection_and_resolutions()
    check_chenxi_townships_made_11_substantive_resolutions()
    check_chenxi_deadlines_some_met_some_late()
    check_huitong_inquiry_of_7_units_with_commitments()
    check_livelihood_projects_heard_and_polled()
    check_yuanling_procuratorate_joins_the_inspection()
    check_records_stay_in_their_county()
    check_pages_show_the_figures(client)
    check_seeding_again_creates_nothing_new()
