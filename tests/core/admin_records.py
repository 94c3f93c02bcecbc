"""One record of county B for every model registered in the Django admin.

`COUNTY_B_RECORDS` maps a model's label to a builder taking the test world. The admin scope test
walks the admin's registry and looks each model up here, so registering a model without adding it
here fails that test instead of leaving the model's pages unchecked.
"""

from datetime import date

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group

from accounts.models import Role
from core.models import Unit
from deputies.models import ContactVisit, CountySetting, StationPost
from evaluations.models import (
    AppraisalRound,
    AuditProblem,
    EvaluationRound,
    JointReview,
    ProcuratorialSuggestion,
    UnitHead,
)
from livelihood_projects.models import Category, Cycle, Inspection, Project, Proposal
from notifications.models import ReminderPolicy
from polls import services as polls
from polls.models import Elector, PaperTally, Poll
from tests.deputies.factories import (
    ActivityFactory,
    DeputyFactory,
    OpinionFactory,
    StationFactory,
    SuggestionFactory,
    VisitFactory,
)
from tests.factories import UnitFactory, UserFactory


def _staff_b(world):
    return UserFactory(role=Role.STAFF, jurisdiction=world.county_b)


def _poll_b(world):
    return polls.poll_create(
        by=_staff_b(world),
        jurisdiction=world.county_b,
        title="辰溪县部门满意度测评",
        kind=Poll.Kind.RATING,
        scale=Poll.Scale.SATISFACTION,
    )


def _elector_b(world):
    poll = _poll_b(world)
    voter = UserFactory(role=Role.DEPUTY, jurisdiction=world.county_b)
    polls.electorate_add(poll=poll, group_name="全体代表", voters=[voter], by=poll.created_by)
    return Elector.objects.get(poll=poll)


def _paper_tally_b(world):
    elector = _elector_b(world)
    return PaperTally.objects.create(
        poll=elector.poll, group=elector.group, teller=elector.poll.created_by, ballots=1
    )


def _cycle_b(world):
    return Cycle.objects.create(jurisdiction=world.county_b, year=2025)


_LOGIN = {
    "user_agent": "Mozilla/5.0",
    "ip_address": "10.0.0.2",
    "username": "staff_b",
    "http_accept": "text/html",
    "path_info": "/accounts/login/",
}

COUNTY_B_RECORDS = {
    "auth.Group": lambda world: Group.objects.create(name="辰溪县工作组"),
    "axes.AccessAttempt": lambda world: AccessAttempt.objects.create(
        **_LOGIN, get_data="", post_data="", failures_since_start=1
    ),
    "axes.AccessLog": lambda world: AccessLog.objects.create(**_LOGIN),
    "axes.AccessFailureLog": lambda world: AccessFailureLog.objects.create(**_LOGIN),
    "core.Jurisdiction": lambda world: world.county_b,
    "core.Unit": lambda world: world.unit_b,
    "accounts.User": _staff_b,
    "polls.Poll": _poll_b,
    "polls.Elector": _elector_b,
    "polls.PaperTally": _paper_tally_b,
    "deputies.Deputy": lambda world: DeputyFactory(county=world.county_b),
    "deputies.Station": lambda world: StationFactory(county=world.county_b),
    "deputies.Visit": lambda world: VisitFactory(station__county=world.county_b),
    "deputies.Opinion": lambda world: OpinionFactory(station__county=world.county_b),
    "deputies.Suggestion": lambda world: SuggestionFactory(deputy__county=world.county_b),
    "deputies.Activity": lambda world: ActivityFactory(station__county=world.county_b),
    "deputies.StationPost": lambda world: StationPost.objects.create(
        station=StationFactory(county=world.county_b),
        title="联络站开放日",
        published_on=date.today(),
    ),
    "deputies.ContactVisit": lambda world: ContactVisit.objects.create(
        county=world.county_b,
        kind=ContactVisit.Kind.DEPUTY_TO_PUBLIC,
        visitor="向东",
        visited="孝坪村村民",
        visited_on=date.today(),
    ),
    "deputies.CountySetting": lambda world: CountySetting.objects.create(county=world.county_b),
    "livelihood_projects.Cycle": _cycle_b,
    "livelihood_projects.Proposal": lambda world: Proposal.objects.create(
        cycle=_cycle_b(world),
        receipt_number="MS2025-B0001",
        title="孝坪镇自来水管网改造",
        category=Category.EDUCATION,
        description="管网老化",
        source=Proposal.Source.PUBLIC,
    ),
    "livelihood_projects.Project": lambda world: Project.objects.create(
        cycle=_cycle_b(world), title="孝坪镇饮水工程", category=Category.EDUCATION
    ),
    "livelihood_projects.Inspection": lambda world: Inspection.objects.create(
        cycle=_cycle_b(world),
        kind=Inspection.Kind.ROUTINE,
        held_on=date(2025, 5, 1),
        participants="县人大代表",
        findings="进度正常",
    ),
    "evaluations.EvaluationRound": lambda world: EvaluationRound.objects.create(
        jurisdiction=world.county_b, year=2025, title="辰溪县工作评议", created_by=_staff_b(world)
    ),
    "evaluations.AuditProblem": lambda world: AuditProblem.objects.create(
        jurisdiction=world.county_b,
        unit=world.unit_b,
        year=2024,
        number="001",
        area="预算执行",
        description="专项资金未及时拨付",
        deadline=date(2025, 6, 30),
    ),
    "evaluations.JointReview": lambda world: JointReview.objects.create(
        jurisdiction=world.county_b,
        month=date(2025, 5, 1),
        held_on=date(2025, 5, 20),
        attendees="县审计局",
        findings="按期整改",
        recorded_by=_staff_b(world),
    ),
    "evaluations.ProcuratorialSuggestion": lambda world: ProcuratorialSuggestion.objects.create(
        number="辰检行建〔2025〕1号",
        procuratorate=UnitFactory(kind=Unit.Kind.PROCURATORATE, jurisdiction=world.county_b),
        unit=world.unit_b,
        content="规范行政处罚程序",
        issued_on=date(2025, 3, 1),
        reply_due=date(2025, 5, 1),
    ),
    "evaluations.UnitHead": lambda world: UnitHead.objects.create(
        name="舒雅", unit=world.unit_b, post="局长", took_office=date(2023, 1, 1)
    ),
    "evaluations.AppraisalRound": lambda world: AppraisalRound.objects.create(
        jurisdiction=world.county_b,
        title="辰溪县任后履职评议",
        year=2025,
        appraisal_date=date(2025, 6, 1),
        created_by=_staff_b(world),
    ),
    "notifications.ReminderPolicy": lambda world: ReminderPolicy.objects.create(
        jurisdiction=world.county_b
    ),
}
