"""The county's thresholds for the warning rules."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Jurisdiction

from ..models import Setting


def county_setting(jurisdiction: Jurisdiction) -> Setting:
    """The thresholds that apply to a county or a township (its county's); the defaults until the
    county's admin sets its own."""
    county = jurisdiction.county or jurisdiction
    setting = Setting.objects.filter(county=county).first()
    return setting or Setting(county=county)


@transaction.atomic
def setting_update(
    *,
    county: Jurisdiction,
    pace_low: int,
    pace_high: int,
    pace_every_month: bool,
    adjustment_share: int,
    last_month_share: int,
    due_days: int,
    by: User,
) -> Setting:
    if county.level != Jurisdiction.Level.COUNTY:
        raise ValidationError(_("预算监督设置只能由县（市、区）设定，乡镇适用所在县的设置。"))
    if pace_high <= pace_low:
        raise ValidationError({"pace_high": _("执行进度上限应高于下限。")})
    setting = Setting.objects.select_for_update().filter(county=county).first()
    setting = setting or Setting(county=county)
    setting.pace_low = pace_low
    setting.pace_high = pace_high
    setting.pace_every_month = pace_every_month
    setting.adjustment_share = adjustment_share
    setting.last_month_share = last_month_share
    setting.due_days = due_days
    setting.full_clean()
    setting.save()
    return setting
