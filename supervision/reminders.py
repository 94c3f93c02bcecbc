"""Deadlines of the supervision items, for the reminder task.

- the body's draft and final reports, 20 and 10 days before the session (`rules.report_deadlines`),
  until the version is received or the item is heard;
- the deliberation opinions, the county's working days after the hearing, until the letter is sent
  (from the hearing on, drafted or not);
- the body's handling reports, and a resolution's execution report, until received;
- the commitments made in a special inquiry, until reported done.

The supervised body's liaisons are reminded of what the body owes (reports, commitments) and the
county's committee staff hear once it is overdue; the opinions are the committee office's own
work, so its staff are reminded of them. Each source answers from the records as they are, so a
version received or a letter sent stops its reminders.
"""

import datetime as dt
from collections.abc import Iterator

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.recipients import staff_by_jurisdiction, unit_dues
from notifications.registry import Due, due_source

from .models import Commitment, HandlingReport, Item, OpinionLetter, Plan, ReportVersion
from .selectors.steps import opinions_due


def _county_id(item: Item) -> int:
    jurisdiction = item.plan.jurisdiction
    return (jurisdiction.county or jurisdiction).pk


def _reports_awaited(stage: str):
    """Items of adopted plans whose session is set and not yet held, whose body owes the report
    version of `stage`. An inspection's report is the inspection group's own and an inquiry joined
    to a report is answered by that report, so neither owes one."""
    received = ReportVersion.objects.filter(item=OuterRef("pk"), stage=stage)
    return (
        Item.objects.open()
        .exclude(plan__status=Plan.Status.DRAFT)
        .filter(session_on__isnull=False, heard_on__isnull=True)
        .exclude(kind=Item.Kind.INSPECTION)
        .exclude(kind=Item.Kind.INQUIRY, joined_to__isnull=False)
        .exclude(Exists(received))
        .select_related("plan__jurisdiction__parent")
    )


@due_source("supervision.draft_report")
def draft_reports_awaited(today: dt.date):
    return unit_dues(
        "supervision.draft_report",
        _reports_awaited(ReportVersion.Stage.DRAFT),
        deadline=lambda item: item.report_deadlines[0],
        title=lambda item: _("《%(title)s》征求意见稿报送") % {"title": item.title},
        unit_id=lambda item: item.unit_id,
        county_id=_county_id,
    )


@due_source("supervision.final_report")
def final_reports_awaited(today: dt.date):
    return unit_dues(
        "supervision.final_report",
        _reports_awaited(ReportVersion.Stage.FINAL),
        deadline=lambda item: item.report_deadlines[1],
        title=lambda item: _("《%(title)s》正式报告报送") % {"title": item.title},
        unit_id=lambda item: item.unit_id,
        county_id=_county_id,
    )


@due_source("supervision.opinions")
def opinions_awaiting_sending(today: dt.date) -> Iterator[Due]:
    """Heard items whose opinions are not sent: the letter's deadline once drafted, else the same
    deadline computed from the hearing. Keyed by the item, so drafting does not remind again."""
    sent = OpinionLetter.objects.filter(item=OuterRef("pk"), sent_on__isnull=False)
    items = list(
        Item.objects.open()
        .filter(heard_on__isnull=False)
        .exclude(kind=Item.Kind.RESOLUTION)
        .exclude(Exists(sent))
        .select_related("plan__jurisdiction__parent", "opinion_letter")
    )
    offices = staff_by_jurisdiction(item.plan.jurisdiction_id for item in items)
    counties = staff_by_jurisdiction(_county_id(item) for item in items)
    for item in items:
        letter = getattr(item, "opinion_letter", None)
        due_on = letter.due_on if letter else opinions_due(item.heard_on, item.plan.jurisdiction)
        office = offices.get(item.plan.jurisdiction_id, ())
        yield Due(
            source="supervision.opinions",
            object_id=item.pk,
            deadline=due_on,
            title=_("《%(title)s》审议意见交办") % {"title": item.title},
            url=item.get_absolute_url(),
            jurisdiction_id=_county_id(item),
            recipients=office,
            # A township's presidium is watched by its county's office once it is late.
            escalate_to=tuple(u for u in counties.get(_county_id(item), ()) if u not in office),
        )


def _handling_reports(*, resolution: bool):
    reports = HandlingReport.objects.awaiting().filter(item__in=Item.objects.open())
    if resolution:
        reports = reports.filter(item__kind=Item.Kind.RESOLUTION)
    else:
        reports = reports.exclude(item__kind=Item.Kind.RESOLUTION)
    return reports.select_related("item__plan__jurisdiction__parent")


def _report_title(report: HandlingReport, what: str) -> str:
    if report.round > 1:
        return _("《%(title)s》%(what)s（第%(round)s次）") % {
            "title": report.item.title,
            "what": what,
            "round": report.round,
        }
    return _("《%(title)s》%(what)s") % {"title": report.item.title, "what": what}


@due_source("supervision.handling_report")
def handling_reports_awaited(today: dt.date):
    return unit_dues(
        "supervision.handling_report",
        _handling_reports(resolution=False),
        deadline=lambda report: report.due_on,
        title=lambda report: _report_title(report, _("研究处理情况报告")),
        unit_id=lambda report: report.item.unit_id,
        county_id=lambda report: _county_id(report.item),
        url=lambda report: report.item.get_absolute_url(),
    )


@due_source("supervision.execution_report")
def execution_reports_awaited(today: dt.date):
    return unit_dues(
        "supervision.execution_report",
        _handling_reports(resolution=True),
        deadline=lambda report: report.due_on,
        title=lambda report: _report_title(report, _("决议、决定执行情况报告")),
        unit_id=lambda report: report.item.unit_id,
        county_id=lambda report: _county_id(report.item),
        url=lambda report: report.item.get_absolute_url(),
    )


@due_source("supervision.commitment")
def commitments_open(today: dt.date):
    commitments = Commitment.objects.open().select_related(
        "question__item__plan__jurisdiction__parent"
    )
    return unit_dues(
        "supervision.commitment",
        commitments,
        deadline=lambda c: c.due_on,
        title=lambda c: (
            _("应询承诺落实：%(content)s（%(title)s）")
            % {"content": c.content[:40], "title": c.question.item.title}
        ),
        unit_id=lambda c: c.unit_id,
        county_id=lambda c: _county_id(c.question.item),
        # The unit that made it reports it from the commitment list: the item may be another
        # unit's, whose dossier its liaison does not open.
        url=lambda c: reverse("supervision:commitment_list"),
    )
