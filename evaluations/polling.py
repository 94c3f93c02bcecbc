"""The bridge to the polls engine (secret-ballot polls): who votes in the satisfaction poll of
evaluated units and in the grade poll of an appraisal round, and what the closed polls say. The
polls are created by `services.round_poll_start` / `appraisal_poll_start`; only the polls app's
public services and selectors are used.

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

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.models import Jurisdiction
from deputies.models import Deputy
from polls.models import Poll
from polls.selectors import PollResults, poll_results

from .models import AppraisalRound, EvaluationRound

COMMITTEE_GROUP = gettext_lazy("常委会组成人员")
DEPUTY_GROUP = gettext_lazy("全体县人大代表")


def _voters(county: Jurisdiction, *, committee: bool) -> list[User]:
    deputies = Deputy.objects.filter(county=county, is_active=True, user__isnull=False)
    if committee:
        deputies = deputies.filter(is_standing_committee_member=True)
    else:
        deputies = deputies.filter(level=Deputy.Level.COUNTY)
    return [d.user for d in deputies.select_related("user") if d.user is not None]


def electorate(county: Jurisdiction, *, two_sided: bool) -> list[tuple[str, list[User]]]:
    """The voter groups of a county's poll, by name; refused when nobody could vote online."""
    groups = []
    if two_sided:
        groups.append((str(DEPUTY_GROUP), _voters(county, committee=False)))
    groups.append((str(COMMITTEE_GROUP), _voters(county, committee=True)))
    if not any(voters for _name, voters in groups):
        raise ValidationError(_("本县市区还没有可以网上投票的常委会组成人员或代表账户。"))
    return groups


def results(poll: Poll | None) -> PollResults:
    """A closed poll's results; refused (ValidationError) before it is closed."""
    if poll is None:
        raise ValidationError(_("尚未发起投票。"))
    return poll_results(poll=poll)


def appraisal_tallies(appraisal: AppraisalRound) -> dict[int, dict[str, int]]:
    """Each roster entry's A–D totals (online plus agreed paper) from the closed grade poll."""
    overall = results(appraisal.grade_poll).overall
    by_head = {
        row.subject.object_id: {code: row.tally.count(code) for code in "ABCD"}
        for row in overall.subjects
    }
    return {e.pk: by_head[e.head_id] for e in appraisal.entries.all() if e.head_id in by_head}


@dataclass
class UnitPollRow:
    label: str
    satisfied: int
    basic: int
    dissatisfied: int
    rate: float | None
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
        for group in results(poll).groups
    ]


def poll_url(poll: Poll | None) -> str:
    """The poll's page in the polls app, or "" while that app has no page for it."""
    if poll is None:
        return ""
    try:
        return poll.get_absolute_url()
    except NoReverseMatch:
        return ""
