"""The bridge to the polls engine (secret-ballot polls): satisfaction polls of evaluated units
and the grade poll of an appraisal round. Only the polls app's public services are used.

Who votes:
- a unit satisfaction poll is taken by the standing committee's members (常委会组成人员); where
  the county assesses two-sidedly (辰溪) all county deputies vote too, in a group of their own,
  and each group's result is reported on its own. A member who is also a deputy votes with the
  members, because the engine puts each voter in one group;
- an appraisal's grade poll (A–D) is taken by the standing committee's members. Paper ballots
  counted at the meeting are entered as totals in the polls engine.
Deputies vote through their portal accounts (deputies app: Deputy.user).
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AppraisalRound, EvaluationRound

COMMITTEE_GROUP = gettext_lazy("常委会组成人员")
DEPUTY_GROUP = gettext_lazy("全体县人大代表")


def polls_available() -> bool:
    return apps.is_installed("polls") and _model("polls", "Poll") is not None


def _model(app_label, name):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def _voters(county, *, committee: bool):
    Deputy = _model("deputies", "Deputy")
    if Deputy is None:
        return []
    deputies = Deputy.objects.filter(county=county, is_active=True, user__isnull=False)
    if committee:
        deputies = deputies.filter(is_standing_committee_member=True)
    else:
        deputies = deputies.filter(level=Deputy.Level.COUNTY)
    return [d.user for d in deputies.select_related("user")]


def _electorate(county, *, two_sided: bool) -> list[tuple[str, list]]:
    groups = []
    if two_sided:
        groups.append((str(DEPUTY_GROUP), _voters(county, committee=False)))
    groups.append((str(COMMITTEE_GROUP), _voters(county, committee=True)))
    if not any(voters for _name, voters in groups):
        raise ValidationError(_("本县市区还没有可以网上投票的常委会组成人员或代表账户。"))
    return groups


def _create_poll(*, county, title, scale, targets, groups, by):
    from polls import services as poll_services
    from polls.models import Poll

    poll = poll_services.poll_create(
        by=by, jurisdiction=county, title=title, kind=Poll.Kind.RATING, scale=scale
    )
    poll_services.subjects_add(poll=poll, targets=targets, by=by)
    for name, voters in groups:
        if voters:
            poll_services.electorate_add(poll=poll, group_name=name, voters=voters, by=by)
    return poll


@transaction.atomic
def round_poll_start(*, evaluation: EvaluationRound, by):
    """Create the unit satisfaction poll of a round, as a draft the staff then open."""
    from polls.models import Poll

    if evaluation.satisfaction_poll_id:
        raise ValidationError(_("本次评议已发起满意度测评。"))
    poll = _create_poll(
        county=evaluation.jurisdiction,
        title=_("%(title)s 满意度测评") % {"title": evaluation.title},
        scale=Poll.Scale.SATISFACTION,
        targets=list(evaluation.units.all()),
        groups=_electorate(evaluation.jurisdiction, two_sided=evaluation.two_sided_poll),
        by=by,
    )
    evaluation.satisfaction_poll = poll
    evaluation.save(update_fields=["satisfaction_poll"])
    return poll


@transaction.atomic
def appraisal_poll_start(*, appraisal: AppraisalRound, by):
    """Create the A–D grade poll of the heads on the roster."""
    from polls.models import Poll

    if appraisal.grade_poll_id:
        raise ValidationError(_("本次履职评议已发起等次测评。"))
    heads = [entry.head for entry in appraisal.entries.select_related("head__unit")]
    if not heads:
        raise ValidationError(_("测评名单为空，请先生成名单。"))
    poll = _create_poll(
        county=appraisal.jurisdiction,
        title=_("%(title)s 等次测评") % {"title": appraisal.title},
        scale=Poll.Scale.GRADE,
        targets=heads,
        groups=_electorate(appraisal.jurisdiction, two_sided=False),
        by=by,
    )
    appraisal.grade_poll = poll
    appraisal.save(update_fields=["grade_poll"])
    return poll


def appraisal_votes_from_poll(*, appraisal: AppraisalRound, by) -> int:
    """Copy each head's A–D totals (online plus agreed paper) from the closed grade poll."""
    from . import services

    results = _results(appraisal.grade_poll)
    by_head = {
        row.subject.object_id: {code: row.tally.count(code) for code in "ABCD"}
        for row in results.overall.subjects
    }
    tallies = {e.pk: by_head[e.head_id] for e in appraisal.entries.all() if e.head_id in by_head}
    services.appraisal_record_votes(appraisal=appraisal, tallies=tallies, by=by)
    return len(tallies)


def _results(poll):
    from polls import services as poll_services

    if poll is None:
        raise ValidationError(_("尚未发起投票。"))
    try:
        return poll_services.poll_results(poll=poll)
    except ValueError as error:  # the engine's PollStateError: the poll is not closed yet
        raise ValidationError(str(error)) from error


@dataclass
class UnitPollRow:
    label: str
    satisfied: int
    basic: int
    dissatisfied: int
    rate: object  # Fraction or None
    verdict: str


@dataclass
class PollGroupResult:
    name: str
    entitled: int
    voted: int
    rows: list[UnitPollRow]


def round_poll_results(evaluation: EvaluationRound) -> list[PollGroupResult] | None:
    """Each group's result on its own (then the overall), or None until the poll is closed."""
    poll = evaluation.satisfaction_poll
    if poll is None or not poll.results_ready:
        return None
    return [
        PollGroupResult(
            name=group.name,
            entitled=group.entitled,
            voted=group.voted,
            rows=[
                UnitPollRow(
                    label=row.subject.label,
                    satisfied=row.tally.count("S"),
                    basic=row.tally.count("B"),
                    dissatisfied=row.tally.count("U"),
                    rate=None if row.rate is None else round(float(row.rate) * 100, 1),
                    verdict=row.verdict_label,
                )
                for row in group.subjects
            ],
        )
        for group in _results(poll).groups
    ]


def poll_url(poll) -> str:
    """The poll's page in the polls app, or "" while that app has no page for it."""
    if poll is None:
        return ""
    try:
        return poll.get_absolute_url()
    except NoReverseMatch:
        return ""
