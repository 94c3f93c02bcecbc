"""One record of county B for every model registered in the Django admin.

`COUNTY_B_RECORDS` maps a model's label to a builder taking the test world. The admin scope test
walks the admin's registry and looks each model up here, so registering a model without adding it
here fails that test instead of leaving the model's pages unchecked.
"""

from datetime import date

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group

from budget.models import Setting as BudgetSetting
from livelihood_projects.models import Category
from polls import services as polls
from polls.models import Elector, PaperTally, Poll
from tests.accounts.factories import DeputyUserFactory, StaffUserFactory
from tests.budget.factories import (
    BudgetFactory,
    FundCriterionFactory,
    FundFactory,
    ProblemFactory,
    TownshipReviewFactory,
    WarningFactory,
)
from tests.deputies.factories import (
    ActivityFactory,
    ContactVisitFactory,
    CountySettingFactory,
    DeputyFactory,
    OpinionFactory,
    StationFactory,
    StationPostFactory,
    SuggestionFactory,
    VisitFactory,
)
from tests.evaluations.factories import (
    AppraisalRoundFactory,
    AuditProblemFactory,
    EvaluationRoundFactory,
    JointReviewFactory,
    ProcuratorialSuggestionFactory,
    UnitHeadFactory,
)
from tests.livelihood_projects.factories import (
    CycleFactory,
    InspectionFactory,
    ProjectFactory,
    ProposalFactory,
)
from tests.notifications.factories import ReminderPolicyFactory
from tests.supervision.factories import ItemFactory, PlanFactory, SettingFactory


def _staff_b(world):
    return StaffUserFactory(jurisdiction=world.county_b)


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
    voter = DeputyUserFactory(jurisdiction=world.county_b)
    polls.electorate_add(poll=poll, group_name="全体代表", voters=[voter], by=poll.created_by)
    return Elector.objects.get(poll=poll)


def _paper_tally_b(world):
    elector = _elector_b(world)
    return PaperTally.objects.create(
        poll=elector.poll, group=elector.group, teller=elector.poll.created_by, ballots=1
    )


def _cycle_b(world):
    return CycleFactory(jurisdiction=world.county_b)


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
    "deputies.StationPost": lambda world: StationPostFactory(station__county=world.county_b),
    "deputies.ContactVisit": lambda world: ContactVisitFactory(
        county=world.county_b, visited="孝坪村村民"
    ),
    "deputies.CountySetting": lambda world: CountySettingFactory(county=world.county_b),
    "livelihood_projects.Cycle": _cycle_b,
    "livelihood_projects.Proposal": lambda world: ProposalFactory(
        cycle=_cycle_b(world),
        receipt_number="MS2025-B0001",
        title="孝坪镇自来水管网改造",
        description="管网老化",
    ),
    "livelihood_projects.Project": lambda world: ProjectFactory(
        cycle=_cycle_b(world), title="孝坪镇饮水工程", category=Category.EDUCATION
    ),
    "livelihood_projects.Inspection": lambda world: InspectionFactory(cycle=_cycle_b(world)),
    "evaluations.EvaluationRound": lambda world: EvaluationRoundFactory(
        jurisdiction=world.county_b, year=2025, title="辰溪县工作评议"
    ),
    "evaluations.AuditProblem": lambda world: AuditProblemFactory(
        unit=world.unit_b, year=2024, number="001", deadline=date(2025, 6, 30)
    ),
    "evaluations.JointReview": lambda world: JointReviewFactory(jurisdiction=world.county_b),
    "evaluations.ProcuratorialSuggestion": lambda world: ProcuratorialSuggestionFactory(
        number="辰检行建〔2025〕1号", unit=world.unit_b, issued_on=date(2025, 3, 1)
    ),
    "evaluations.UnitHead": lambda world: UnitHeadFactory(name="舒雅", unit=world.unit_b),
    "evaluations.AppraisalRound": lambda world: AppraisalRoundFactory(
        jurisdiction=world.county_b, title="辰溪县任后履职评议"
    ),
    "notifications.ReminderPolicy": lambda world: ReminderPolicyFactory(
        jurisdiction=world.county_b
    ),
    "budget.Budget": lambda world: BudgetFactory(jurisdiction=world.county_b),
    "budget.Warning": lambda world: WarningFactory(
        jurisdiction=world.county_b, agency="辰溪县财政局"
    ),
    "budget.Problem": lambda world: ProblemFactory(jurisdiction=world.county_b, unit=world.unit_b),
    "budget.Setting": lambda world: BudgetSetting.objects.create(county=world.county_b),
    "budget.TownshipReview": lambda world: TownshipReviewFactory(township=world.township_b),
    "budget.Fund": lambda world: FundFactory(county=world.county_b, unit=world.unit_b),
    "budget.FundCriterion": lambda world: FundCriterionFactory(county=world.county_b),
    "supervision.Plan": lambda world: PlanFactory(jurisdiction=world.county_b),
    "supervision.Item": lambda world: ItemFactory(
        plan__jurisdiction=world.county_b, unit=world.unit_b
    ),
    "supervision.Setting": lambda world: SettingFactory(county=world.county_b),
}
