"""The facts the pure rules need, read from the database: an item's steps, the county's limits,
and the admin's holiday table."""

import datetime as dt
from dataclasses import dataclass

from core.models import Jurisdiction

from .. import rules
from ..models import CalendarDay, Item, Setting


def item_steps(item: Item) -> rules.Steps:
    """What has happened to `item`, in the terms of `rules.item_state`."""
    letter = getattr(item, "opinion_letter", None)
    reports = [
        rules.HandlingReport(
            received_on=report.received_on,
            verdict=rules.Verdict(report.verdict) if report.verdict else None,
        )
        for report in item.handling_reports.order_by("round")
        if report.received_on is not None
    ]
    preparation = item.research.exists() or item.versions.exists()
    # A resolution is "sent" when it is adopted: its execution report follows without opinions.
    sent_on = letter.sent_on if letter is not None else None
    if item.kind == Item.Kind.RESOLUTION and item.heard_on is not None:
        sent_on = item.heard_on
    return rules.Steps(
        preparation_started=preparation,
        heard_on=item.heard_on,
        opinions_sent_on=sent_on,
        handling_reports=reports,
        closed_on=item.closed_on,
    )


def setting_for(county: Jurisdiction) -> Setting:
    """The county's limits; the defaults of `rules` where the county has set none. A township's
    plan follows its county's limits."""
    county = county.county or county
    return Setting.objects.filter(county=county).first() or Setting(county=county)


@dataclass(frozen=True)
class Calendar:
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]

    def deadline(self, start: dt.date, days: int) -> dt.date:
        return rules.working_day_deadline(
            start, days, extra_holidays=self.holidays, extra_workdays=self.workdays
        )


def calendar() -> Calendar:
    """The admin's table of holidays and adjusted workdays, to pass to the working-day rules."""
    days = CalendarDay.objects.values_list("day", "kind")
    return Calendar(
        holidays=frozenset(d for d, kind in days if kind == CalendarDay.Kind.HOLIDAY),
        workdays=frozenset(d for d, kind in days if kind == CalendarDay.Kind.WORKDAY),
    )


def opinions_due(heard_on: dt.date, jurisdiction: Jurisdiction) -> dt.date:
    """When the deliberation opinions must be sent: the county's limit in working days after
    the hearing, along the official calendar and the admin's table."""
    return calendar().deadline(heard_on, setting_for(jurisdiction).opinion_working_days)


def unknown_calendar_years(start: dt.date, end: dt.date) -> list[int]:
    """Years between `start` and `end` the calendar package does not know and the admin's table
    has no entry for: a deadline in them counts Saturdays and Sundays only, and pages say so."""
    missing = rules.years_beyond_calendar(start, end)
    covered = set(
        CalendarDay.objects.filter(day__year__in=missing).values_list("day__year", flat=True)
    )
    return [year for year in missing if year not in covered]
