"""The records the page walk opens: the demo seed, plus a few rows the seed has no reason to make.

The seed is what a newcomer sees after `make run`, so walking it checks the pages people meet;
it takes ~10 s on SQLite, once per walking module. `Records` names, for each page argument, one
row of 沅陵县 (the county of the demo's staff, deputy and liaison) that every role allowed to see
it can open.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from core.models import Jurisdiction, Unit
from deputies import models as deputies
from evaluations import models as evaluations
from livelihood_projects import models as livelihood
from polls import services as poll_services
from polls.models import Poll
from reports.models import ExportJob, ImportJob
from supervision import models as supervision
from supervision.services import lifecycle as supervision_lifecycle
from supervision.services import plan as supervision_plans
from tests.deputies.factories import OpinionFactory, SuggestionFactory, VisitFactory
from tests.livelihood_projects.factories import VoteRoundFactory
from tests.reports.factories import ExportJobFactory, ImportJobFactory

from . import walk_budget, walk_budget_review, walk_experts, walk_legislation, walk_online

WALK_AREAS = (walk_budget, walk_budget_review, walk_experts, walk_legislation, walk_online)

YUANLING = "431222"

# The role a walk logs in as, and the demo user that plays it.
USERS = {
    "admin": "hh_admin",
    "staff": "yl_staff",
    "deputy": "yl_deputy",
    "liaison": "yl_liaison",
}
ROLES = (*USERS, "public")


@dataclass
class Records:
    county: Jurisdiction
    unit: Unit
    station: deputies.Station
    deputy: deputies.Deputy
    visit: deputies.Visit
    opinion: deputies.Opinion
    suggestion: deputies.Suggestion
    activity: deputies.Activity
    poll_published: Poll
    poll_open: Poll
    poll_voted: Poll
    poll_draft: Poll
    round: evaluations.EvaluationRound
    stage: evaluations.Stage
    round_opinion: evaluations.Opinion
    problem: evaluations.AuditProblem
    procuratorial: evaluations.ProcuratorialSuggestion
    appraisal: evaluations.AppraisalRound
    cycle: livelihood.Cycle
    proposal: livelihood.Proposal
    project: livelihood.Project
    milestone: livelihood.Milestone
    inspection: livelihood.Inspection
    vote_round: livelihood.VoteRound
    results_cycle: livelihood.Cycle
    supervision_plan: supervision.Plan
    supervision_item: supervision.Item
    draft_plan: supervision.Plan
    draft_item: supervision.Item
    public_plan: supervision.Plan
    public_item: supervision.Item
    # Rows of the later practices, by name, each seeded by its own walk module (walk_<area>.py).
    extra: dict = field(default_factory=dict)
    export_jobs: dict = field(default_factory=dict)
    import_jobs: dict = field(default_factory=dict)


def seed() -> Records:
    from django.core.management import call_command

    call_command("seed_demo", stdout=_Discard())
    return _records()


class _Discard:
    def write(self, _text):
        pass

    def flush(self):
        pass


def _first(queryset, *preferences):
    """The first row matching the most specific preference that matches any."""
    for preference in preferences:
        row = queryset.filter(preference).first()
        if row is not None:
            return row
    row = queryset.first()
    assert row is not None, f"the demo seed has no {queryset.model.__name__}"
    return row


def _deputy_work(user: User, unit: Unit) -> None:
    """The demo deputy's own visit, opinion and suggestion, each with the liaison's unit to answer:
    the seed's are recorded under generated deputies, which the demo logins cannot open."""
    deputy = deputies.Deputy.objects.get(user=user)
    station = deputy.stations.order_by("pk").first()
    visit = VisitFactory(station=station, deputy=deputy, recorded_by=user, notes="接待群众3人")
    today = timezone.localdate()
    OpinionFactory(
        station=station,
        visit=visit,
        deputy=deputy,
        content="村道塌方，希望尽快修复",
        status=deputies.Opinion.Status.TRANSFERRED,
        unit=unit,
        transferred_on=today,
        due_on=today + timedelta(days=30),
    )
    SuggestionFactory(
        deputy=deputy,
        # Not the factory's sequence: it runs on across modules and meets the seed's numbers.
        number=f"{today.year}-走访-001",
        status=deputies.Suggestion.Status.ASSIGNED,
        lead_unit=unit,
        assigned_on=today,
        due_on=today + timedelta(days=90),
    )


def _voted_poll(county: Jurisdiction, voter: User) -> Poll:
    """An open poll the demo deputy has already voted in, for the page that says so."""
    staff = User.objects.get(username=USERS["staff"])
    poll = poll_services.poll_create(
        by=staff,
        jurisdiction=county,
        title="代表联络站建设满意度测评",
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.SATISFACTION,
    )
    poll_services.subjects_add(poll=poll, labels=["沅陵镇代表联络站"], by=staff)
    poll_services.electorate_add(poll=poll, group_name="全体代表", voters=[voter], by=staff)
    poll_services.poll_open(poll=poll, by=staff)
    subject = poll.subjects.get()
    poll_services.ballot_cast(poll=poll, voter=voter, marks={subject.pk: None})
    return poll


def _paper_round(cycle: livelihood.Cycle) -> livelihood.VoteRound:
    """A round still waiting for its paper totals (the seed's are all counted)."""
    last = cycle.vote_rounds.order_by("-number").first()
    return VoteRoundFactory(
        cycle=cycle,
        number=(last.number + 1) if last else 1,
        seats=1,
        method=livelihood.VoteRound.Method.PAPER,
        candidates=cycle.projects.order_by("pk")[:2],
    )


def _supervision(county: Jurisdiction, unit: Unit) -> dict:
    """沅陵's adopted plan with an item on the liaison's unit, published so that the deputy may
    open it too; a draft plan of the next year to edit; and a published plan of any county."""
    staff = User.objects.get(username=USERS["staff"])
    plan = _first(supervision.Plan.objects.filter(jurisdiction=county).order_by("-year"))
    item = _first(plan.items.order_by("pk"), Q(unit=unit, heard_on__isnull=False))
    letter = getattr(item, "opinion_letter", None)
    if letter is not None and letter.sent_on is None:
        # Deputies and the body's liaison read the letter once it is sent.
        supervision_lifecycle.opinions_send(
            letter=letter, sent_on=max(letter.due_on, item.heard_on), by=staff
        )
    if item.published_on is None:
        supervision_lifecycle.item_publish(item=item, by=staff)
    draft = supervision_plans.plan_create(
        jurisdiction=county,
        year=plan.year + 5,
        title="沅陵县人大常委会监督工作计划（草案）",
        by=staff,
    )
    draft_item = supervision_plans.item_add(
        plan=draft,
        kind=supervision.Item.Kind.WORK_REPORT,
        title="关于全县义务教育优质均衡发展情况的报告",
        unit=unit,
        office="教科文卫工委",
        planned_month=6,
        source=supervision.Item.Source.PARTY_PRIORITIES,
        by=staff,
    )
    published = supervision.Plan.objects.published().order_by("pk")
    return {
        "supervision_plan": plan,
        "supervision_item": item,
        "draft_plan": draft,
        "draft_item": draft_item,
        "public_plan": _first(published),
        "public_item": _first(supervision.Item.objects.published().order_by("pk")),
    }


def _records() -> Records:
    county = Jurisdiction.objects.get(code=YUANLING)
    liaison = User.objects.get(username=USERS["liaison"])
    unit = liaison.unit
    deputy_user = User.objects.get(username=USERS["deputy"])
    _deputy_work(deputy_user, unit)
    round_ = _first(
        evaluations.EvaluationRound.objects.filter(jurisdiction=county).order_by("-year")
    )
    # 沅陵's livelihood cycles are its townships'.
    in_county = Q(jurisdiction=county) | Q(jurisdiction__parent=county)
    cycle = _first(
        livelihood.Cycle.objects.filter(in_county).order_by("-year", "pk"),
        Q(projects__isnull=False),
    )
    project = _first(
        livelihood.Project.objects.filter(cycle=cycle).order_by("pk"),
        Q(responsible_unit=unit, milestones__isnull=False),
        Q(milestones__isnull=False),
    )
    records = Records(
        county=county,
        unit=unit,
        station=_first(deputies.Station.objects.filter(county=county).order_by("pk")),
        deputy=_first(deputies.Deputy.objects.filter(county=county), Q(user=deputy_user)),
        visit=_first(
            deputies.Visit.objects.filter(station__county=county).order_by("pk"),
            Q(deputy__user=deputy_user),
        ),
        opinion=_first(
            deputies.Opinion.objects.filter(county=county).order_by("pk"),
            Q(unit=unit, deputy__user=deputy_user),
            Q(unit=unit),
        ),
        suggestion=_first(
            deputies.Suggestion.objects.filter(county=county).order_by("pk"),
            Q(lead_unit=unit, deputy__user=deputy_user),
            Q(lead_unit=unit),
        ),
        activity=_first(
            deputies.Activity.objects.filter(county=county).order_by("pk"),
            Q(deputies__user=deputy_user),
        ),
        poll_published=_first(
            Poll.objects.filter(jurisdiction=county, status=Poll.Status.PUBLISHED).order_by("pk")
        ),
        poll_open=_first(Poll.objects.filter(jurisdiction=county, status=Poll.Status.OPEN)),
        poll_voted=_voted_poll(county, deputy_user),
        poll_draft=_first(Poll.objects.filter(jurisdiction=county, status=Poll.Status.DRAFT)),
        round=round_,
        stage=_first(round_.stages.order_by("pk")),
        round_opinion=_first(round_.opinions.order_by("pk"), Q(unit=unit)),
        problem=_first(
            evaluations.AuditProblem.objects.filter(jurisdiction=county).order_by("pk"),
            Q(unit=unit),
        ),
        procuratorial=_first(
            evaluations.ProcuratorialSuggestion.objects.filter(unit__jurisdiction=county)
        ),
        appraisal=_first(evaluations.AppraisalRound.objects.order_by("pk")),
        cycle=cycle,
        proposal=_first(livelihood.Proposal.objects.filter(cycle=cycle).order_by("pk")),
        project=project,
        milestone=_first(project.milestones.order_by("pk")),
        inspection=_first(livelihood.Inspection.objects.order_by("pk"), Q(cycle=cycle)),
        vote_round=_paper_round(cycle),
        results_cycle=_first(
            livelihood.Cycle.objects.filter(projects__isnull=False).order_by("-year", "pk")
        ),
        **_supervision(county, unit),
    )
    for area in WALK_AREAS:
        records.extra.update(area.records(county, unit))
    # Jobs are their requester's alone: one of each for every role that logs in.
    for role, username in USERS.items():
        user = User.objects.get(username=username)
        records.export_jobs[role] = ExportJobFactory(
            requester=user,
            title="代表履职记录导出",
            exporter="visits",
            status=ExportJob.Status.FAILED,
            error="演示：导出失败的任务",
        )
        records.import_jobs[role] = ImportJobFactory(
            requester=user,
            title="联络站导入",
            importer="stations",
            filename="联络站.xlsx",
            status=ImportJob.Status.FAILED,
            row_errors=["第 3 行：联络站名称不能为空"],
            error_count=1,
        )
    return records


__all__ = ["DEMO_PASSWORD", "ROLES", "USERS", "Records", "seed"]
