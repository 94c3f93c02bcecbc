"""Pure rules of deputy work: plain values in, plain values out, no database, no request."""

import calendar
import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

REPLY_MONTHS = 3
MAX_REPLY_MONTHS = 6
ANNOUNCE_DAYS_AHEAD = 5
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# Opinions one client may send online in an hour (core/throttle.py counts them).
PUBLIC_OPINIONS_PER_HOUR = 5
# Receipts are read out over the phone: no 0/O, 1/I/L. Ten of 31 letters: ~8·10^14 receipts,
# so nobody finds another's by trying.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 10


def normalize_receipt(value: str) -> str:
    """What a person typed as a receipt, as it is stored: capitals, no spaces or dashes."""
    return re.sub(r"[\s-]", "", value).upper()


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day if it is shorter (Jan 31 → Apr 30)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reply_due_on(assigned_on: date) -> date:
    """A suggestion is answered in writing within three months of assignment."""
    return add_months(assigned_on, REPLY_MONTHS)


def latest_due_on(assigned_on: date) -> date:
    return add_months(assigned_on, MAX_REPLY_MONTHS)


def check_extension(
    *, assigned_on: date, current_due_on: date, new_due_on: date, reason: str
) -> None:
    """An extension needs a reason and may not go past six months after assignment."""
    if not reason.strip():
        raise ValidationError({"reason": _("延期必须说明理由。")})
    if new_due_on <= current_due_on:
        raise ValidationError({"due_on": _("延期后的期限应晚于当前期限。")})
    if new_due_on > latest_due_on(assigned_on):
        limit = latest_due_on(assigned_on)
        raise ValidationError(
            {
                "due_on": _("答复期限最长为交办后六个月，即不晚于 %(d)s。")
                % {"d": f"{limit:%Y-%m-%d}"}
            }
        )


def micro_suggestion_due_on(assigned_on: date, days: int) -> date:
    return assigned_on + timedelta(days=days)


def is_on_time(*, due_on: date | None, replied_on: date | None) -> bool:
    return due_on is not None and replied_on is not None and replied_on <= due_on


def days_ahead(*, announced_at: datetime, starts_at: datetime) -> int:
    """Whole calendar days between announcing and the day the activity starts (local dates)."""
    return (starts_at.date() - announced_at.date()).days


def check_announcement(*, announced_at: datetime, starts_at: datetime, late_reason: str) -> None:
    """Activities are announced at least five days ahead so nobody comes in vain (洪江区)."""
    if starts_at <= announced_at:
        raise ValidationError(_("活动已经开始，不能再发布预告。"))
    too_late = days_ahead(announced_at=announced_at, starts_at=starts_at) < ANNOUNCE_DAYS_AHEAD
    if too_late and not late_reason.strip():
        raise ValidationError(
            {"late_reason": _("活动应至少提前5天预告；距开始不足5天，须填写未能提前预告的理由。")}
        )


def check_visit(*, visited_on: date, today: date, people_received: int) -> None:
    errors = {}
    if visited_on > today:
        errors["visited_on"] = _("履职日期不能晚于今天。")
    if people_received < 0:
        errors["people_received"] = _("接待人数不能为负数。")
    if errors:
        raise ValidationError(errors)


def is_mobile(value: str) -> bool:
    return bool(MOBILE_RE.match(value))


def rate(part: int, whole: int) -> Decimal | None:
    """A percentage with one decimal, or None when there is nothing to measure."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def suggestion_number(*, year: int, micro: bool, sequence: int) -> str:
    # A stored identifier, so it is never translated: the number must not depend on the
    # language of whoever submitted the suggestion.
    prefix = "微" if micro else "建"
    return f"{year}-{prefix}{sequence:03d}"


# What the performance record's score counts, each item weighted per county
# (`CountySetting.points_per_<item>`).
SCORE_ITEMS = ("visit", "opinion_answered", "suggestion", "activity", "contact_visit", "poll")


def performance_score(counts: Mapping[str, int], weights: Mapping[str, int]) -> int:
    """代表履职积分: each item's count of the year times the county's points for it. An item
    without a count scores nothing; an item without a weight is an error, not a silent 0."""
    return sum(counts.get(item, 0) * weights[item] for item in SCORE_ITEMS)
