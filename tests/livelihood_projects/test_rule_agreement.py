"""One home per rule: every page, export and home figure agrees on which projects are lagging,
in progress, completed and candidates, because they all ask the same model property or queryset
method. Each test builds the edge cases once and asks every consumer."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from livelihood_projects import selectors
from livelihood_projects.exporters import ProjectExporter
from livelihood_projects.forms import ScreeningForm
from livelihood_projects.models import Milestone, MoneyEntry, Project
from livelihood_projects.querysets import COMPLETED, ELECTED
from livelihood_projects.reminders import milestones_not_completed
from livelihood_projects.services import project_refresh
from reports.quarterly import QuarterlyReport

from .factories import ProjectFactory, ProposalFactory

TODAY = date(2025, 7, 1)  # half of 2025 gone
PERIOD = {"start_on": date(2025, 1, 1), "due_on": date(2025, 12, 31)}


def _project(cycle, unit, title, *, status=Project.Status.ELECTED, progress=0, spent=0, **dates):
    project = ProjectFactory(
        cycle=cycle, title=title, status=status, responsible_unit=unit, **dates
    )
    if spent:
        for kind, amount in ((MoneyEntry.Kind.BUDGET, 100), (MoneyEntry.Kind.SPENT, spent)):
            MoneyEntry.objects.create(
                project=project, kind=kind, amount=Decimal(amount), on=date(2025, 2, 1)
            )
    project = project_refresh(project)
    # Progress is kept by the services from milestones; set it straight for the edge cases.
    Project.objects.filter(pk=project.pk).update(progress=Decimal(progress))
    project.refresh_from_db()
    return project


@pytest.fixture
def edge_cases(cycle_a, world):
    """Five elected-or-not projects of unit A around the lag rule, on 1 July 2025."""
    unit = world.unit_a
    return {
        "behind": _project(cycle_a, unit, "进度落后", **PERIOD),
        # Has a calendar and a lag object, but keeps pace: no warning.
        "on_track": _project(cycle_a, unit, "按期推进", progress=50, spent=50, **PERIOD),
        "completed": _project(cycle_a, unit, "已经完成", progress=100, **PERIOD),
        "no_period": _project(cycle_a, unit, "尚未排期"),
        "candidate": _project(cycle_a, unit, "候选项目", status=Project.Status.CANDIDATE, **PERIOD),
    }


LAGGING = {"进度落后"}
IN_PROGRESS = {"进度落后", "按期推进", "尚未排期"}


def _export_rows(user):
    (sheet,) = ProjectExporter(user=user).sheets()
    column = list(sheet.headers).index("预警")
    return {row[2]: row[column] for row in sheet.rows}


def test_every_consumer_agrees_on_which_projects_are_lagging(
    client_for, staff_a, liaison_a, edge_cases, time_machine
):
    time_machine.move_to(TODAY)
    projects = Project.objects.filter(pk__in=[p.pk for p in edge_cases.values()])

    assert {p.title for p in projects if p.is_lagging(TODAY)} == LAGGING
    assert {r.project.title for r in selectors.lagging_projects(projects, TODAY)} == LAGGING

    client = client_for(staff_a)
    dashboard = client.get(reverse("livelihood_projects:dashboard")).context
    assert {row.project.title for row in dashboard["lagging"]} == LAGGING
    listed = client.get(reverse("livelihood_projects:project_list")).context["rows"]
    assert {p.title for p, warning in listed if warning} == LAGGING
    for project in edge_cases.values():
        url = reverse("livelihood_projects:project_detail", args=[project.pk])
        shown = 'data-testid="lag-warning"' in client.get(url).content.decode()
        assert shown == (project.title in LAGGING), project.title

    # The export flagged every project with a calendar, keeping pace or not.
    exported = _export_rows(staff_a)
    assert {title for title, warning in exported.items() if warning} == LAGGING

    for user in (staff_a, liaison_a):
        assert selectors.home_figures(user=user)["lagging"] == len(LAGGING)

    # So did the quarterly report's project sheet.
    assert _quarterly_lagging(staff_a) == LAGGING


def _quarterly_lagging(user):
    report = QuarterlyReport(user=user, params={"year": ["2025"], "quarter": ["3"]})
    (sheet,) = [sheet for sheet in report.sheets() if sheet.name == "民生实事"]
    column = list(sheet.headers).index("预警")
    return {row[1] for row in sheet.rows if row[column]}


def test_every_consumer_agrees_on_which_projects_are_in_progress(staff_a, edge_cases):
    projects = Project.objects.filter(pk__in=[p.pk for p in edge_cases.values()])
    assert {p.title for p in projects if p.is_in_progress} == IN_PROGRESS
    assert {p.title for p in projects.in_progress()} == IN_PROGRESS
    assert selectors.home_figures(user=staff_a)["in_progress"] == len(IN_PROGRESS)
    # A project not in progress never carries a lag, whatever its calendar says.
    assert all(p.lag(TODAY) is None for p in projects if not p.is_in_progress)


def test_completed_and_elected_agree_as_properties_and_as_filters(cycle_a, edge_cases):
    projects = Project.objects.filter(pk__in=[p.pk for p in edge_cases.values()])
    assert {p.title for p in projects.filter(ELECTED)} == {
        p.title for p in projects if p.is_elected
    }
    assert {p.title for p in projects.filter(COMPLETED)} == {
        p.title for p in projects if p.is_completed
    }
    completed = {p.title for p in projects if p.is_elected and p.is_completed}
    assert {p.title for p in projects.completed()} == completed == {"已经完成"}
    figures = selectors.cycle_figures([cycle_a.pk])[cycle_a.pk]
    assert figures.completed == len(completed)
    assert figures.elected == len([p for p in projects if p.is_elected])


def test_candidates_to_vote_on_are_the_same_for_screening_and_the_vote(cycle_a, edge_cases):
    revote = ProjectFactory(cycle=cycle_a, title="待重新票决", status=Project.Status.REVOTE)
    form = ScreeningForm(proposal=ProposalFactory(cycle=cycle_a))
    offered = {p.title for p in form.fields["project"].queryset}
    assert offered == {p.title for p in cycle_a.projects.candidates()} == {"候选项目"}
    assert revote.title not in offered


def test_reminders_and_the_project_page_agree_on_open_milestones(
    client_for, staff_a, elected_project, time_machine
):
    time_machine.move_to(TODAY)
    design, main_works = elected_project.milestones.order_by("due_on")  # due 31 Mar, 30 Sep
    # Finished, but the date it was finished on was never recorded (data from before the
    # services kept it): the page treated it as done, the reminders as still open.
    Milestone.objects.filter(pk=design.pk).update(percent_complete=100, completed_on=None)
    Milestone.objects.create(
        project=elected_project, title="场地平整", due_on=date(2025, 5, 31), percent_complete=50
    )
    milestones = list(Milestone.objects.filter(project=elected_project))
    overdue = {m.title for m in milestones if m.is_overdue(TODAY)}
    open_ = {m.title for m in milestones if m.is_open}
    assert overdue == {"场地平整"} and open_ == {"场地平整", "主体完工"}

    assert {m.title for m in Milestone.objects.open()} == open_
    reminded = {d.title.rsplit("：", 1)[1] for d in milestones_not_completed(TODAY)}
    assert reminded == open_

    url = reverse("livelihood_projects:project_detail", args=[elected_project.pk])
    rows = client_for(staff_a).get(url).context["milestones"]
    assert {m.title for m, late in rows if late} == overdue
