"""Writes of the county's supervision settings and of the admin's holiday table."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Jurisdiction

from ..models import CalendarDay, Setting
from .lifecycle import opinion_deadlines_refresh


@transaction.atomic
def setting_update(
    *,
    county: Jurisdiction,
    opinion_working_days: int,
    handling_report_months: int,
    poll_handling_reports: bool,
    two_sided_poll: bool,
    by: User,
) -> Setting:
    """The county's limits, created with the first change (until then the rules' defaults)."""
    if county.level != Jurisdiction.Level.COUNTY:
        raise ValidationError(_("监督工作设置只能由县（市、区）设定，乡镇适用所在县的设置。"))
    setting = Setting.objects.select_for_update().filter(county=county).first()
    setting = setting or Setting(county=county)
    setting.opinion_working_days = opinion_working_days
    setting.handling_report_months = handling_report_months
    setting.poll_handling_reports = poll_handling_reports
    setting.two_sided_poll = two_sided_poll
    setting.full_clean()
    setting.save()
    # The county's letters still to be sent are due by the new limit.
    opinion_deadlines_refresh(county=county)
    return setting


def _refuse_taken(day: dt.date, existing: CalendarDay) -> None:
    raise ValidationError(
        {
            "day": _("%(day)s已录入为“%(kind)s”，同一天不能重复录入；如需更改，请先删除。")
            % {"day": f"{day:%Y-%m-%d}", "kind": existing.get_kind_display()}
        }
    )


@transaction.atomic
def calendar_day_add(*, day: dt.date, kind: str, note: str = "", by: User) -> CalendarDay:
    """A holiday or an adjusted workday of the admin's table; a day is one or the other, once."""
    existing = CalendarDay.objects.filter(day=day).first()
    if existing is not None:
        _refuse_taken(day, existing)
    entry = CalendarDay(day=day, kind=kind, note=note.strip())
    entry.full_clean(validate_unique=False)
    try:
        # A savepoint: a second admin entering the same day at the same moment hits the unique
        # constraint, which is the same refusal.
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        _refuse_taken(day, CalendarDay.objects.get(day=day))
    # The table is every county's: each letter still to be sent may now fall due on another day.
    opinion_deadlines_refresh()
    return entry


@transaction.atomic
def calendar_day_remove(*, entry: CalendarDay, by: User) -> None:
    """Remove a day from the table: the calendar package (or the weekend rule) speaks again."""
    deleted, _rows = CalendarDay.objects.filter(pk=entry.pk).delete()
    if not deleted:
        raise ValidationError(_("该日期已被删除。"))
    opinion_deadlines_refresh()
