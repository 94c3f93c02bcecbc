"""Pages of the topic candidates for next year's plan, the county's supervision settings and the
admin's holiday table."""

import datetime as dt
from typing import cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import permission_required
from core.actions import post_action, submit_form
from core.forms import object_from, parse_year
from core.models import Jurisdiction

from .. import rules
from ..forms.candidates import CalendarDayForm, CandidateTakeForm, SettingForm
from ..models import CalendarDay
from ..selectors import candidates as selectors
from ..selectors.steps import setting_for, unknown_calendar_years
from ..services import candidates as services
from ..services import settings as setting_services

VIEW = "supervision.view_candidates"
TAKE = ("supervision.view_candidates", "supervision.manage_plan")
SETTINGS = "supervision.manage_settings"
CALENDAR = "supervision.manage_calendar"


def _user(request: HttpRequest) -> User:
    """The signed-in user: the login middleware turns everyone else away."""
    return cast(User, request.user)


@permission_required(VIEW)
def candidate_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year = selectors.plan_year(user=_user(request), today=today)
    context = {
        "groups": selectors.candidate_page(user=_user(request), today=today, year=year),
        "months": range(1, 13),
        "audit_days": selectors.AUDIT_OVERDUE_DAYS,
        "next_year": year,
    }
    return render(request, "supervision/candidate_list.html", context)


@permission_required(TAKE)
def candidate_take(request: HttpRequest) -> HttpResponse:
    """The "列入计划" form: posted from the list, or shown in full (to change the title or kind,
    or with a refusal next to its field). The evidence is the candidate as the user sees it now,
    never what the browser sends."""
    today = timezone.localdate()
    data = request.POST if request.method == "POST" else request.GET
    found = selectors.candidate(
        user=_user(request), today=today, unit_id=data.get("unit"), source=data.get("source")
    )
    if found is None:
        raise Http404(_("没有这条选题线索。"))
    plans = selectors.plans_for_taking(user=_user(request), today=today)
    initial = {
        "unit": found.unit.pk,
        "source": found.source,
        "kind": found.kind,
        "title": found.title,
    }
    form = CandidateTakeForm(
        request.POST if request.method == "POST" else None, initial=initial, plans=plans
    )
    done = submit_form(
        request,
        form,
        lambda data: services.candidate_take(
            plan=data["plan"],
            unit=found.unit,
            kind=data["kind"] or found.kind,
            title=data["title"] or found.title,
            planned_month=data["planned_month"],
            office=data["office"],
            evidence=found.evidence,
            reason=data["reason"],
            by=_user(request),
        ),
        success=_("已列入监督工作计划，线索已作为选题依据关联。"),
    )
    status = 400 if request.method == "POST" else 200
    return done or render(
        request,
        "supervision/candidate_form.html",
        {"form": form, "candidate": found},
        status=status,
    )


def _county(request: HttpRequest) -> tuple[Jurisdiction | None, list[Jurisdiction]]:
    """The county whose settings are edited: the admin's own, or the one chosen among those a
    municipal admin sees (404 for one outside them)."""
    counties = list(Jurisdiction.objects.visible_to(request.user).counties().order_by("code"))
    if len(counties) == 1:
        return counties[0], counties
    chosen = request.GET.get("county")
    if chosen is None:
        return None, counties
    county = object_from(Jurisdiction.objects.filter(pk__in=[c.pk for c in counties]), chosen)
    if county is None:
        raise Http404(_("没有这个县市区。"))
    return county, counties


@permission_required(SETTINGS)
def settings_edit(request: HttpRequest) -> HttpResponse:
    county, counties = _county(request)
    form = None
    if county is not None:
        form = SettingForm(request.POST or None, instance=setting_for(county))
        done = submit_form(
            request,
            form,
            lambda data: setting_services.setting_update(county=county, by=_user(request), **data),
            success=_("已保存%(county)s的监督工作设置。") % {"county": county},
            then=f"{reverse('supervision:settings_edit')}?county={county.pk}",
        )
        if done:
            return done
    context = {"form": form, "county": county, "counties": counties}
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "supervision/settings_form.html", context, status=status)


def _calendar_years(today: dt.date) -> list[dict[str, object]]:
    """This year and next: whether the calendar package knows each, and for those it does not
    whether the admin's table has entered it yet."""
    start, end = dt.date(today.year, 1, 1), dt.date(today.year + 1, 12, 31)
    beyond = rules.years_beyond_calendar(start, end)
    missing = unknown_calendar_years(start, end)
    return [
        {"year": year, "known_through": min(beyond) - 1, "entered": year not in missing}
        for year in beyond
    ]


@permission_required(CALENDAR)
def calendar(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        year = parse_year(request.GET["year"]) if request.GET.get("year") else today.year
    except ValueError:
        year = today.year
    form = CalendarDayForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: setting_services.calendar_day_add(by=_user(request), **data),
        success=_("已录入。"),
        then=f"{reverse('supervision:calendar')}?year={form.cleaned_data['day'].year}"
        if form.is_bound and form.is_valid()
        else None,
    )
    if done:
        return done
    years = sorted({today.year - 1, today.year, today.year + 1, year})
    context = {
        "form": form,
        "year": year,
        "years": years,
        "days": CalendarDay.objects.filter(day__year=year),
        "unknown": _calendar_years(today),
    }
    return render(
        request, "supervision/calendar.html", context, status=400 if form.is_bound else 200
    )


@require_POST
@permission_required(CALENDAR)
def calendar_day_remove(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(CalendarDay, pk=pk)
    return post_action(
        request,
        lambda: setting_services.calendar_day_remove(entry=entry, by=_user(request)),
        success=_("已删除%(day)s。") % {"day": f"{entry.day:%Y-%m-%d}"},
        then=f"{reverse('supervision:calendar')}?year={entry.day.year}",
    )
